"""The archive path end to end: real Redis, real RQ worker processes, real Tesseract.

One ingest with two workers (as two hosts would run them), checked page by page against the
generator's truth, the index files and the status command; then a kill-and-resume run.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from archive_helpers import wait_until
from rq import Queue

from bench.archive import grouping_accuracy
from semak.archive.index import batch_index
from semak.archive.ingest import batch_status, ingest
from semak.archive.models import ArchiveFile
from semak.queue import ARCHIVE, INTERACTIVE

pytestmark = [pytest.mark.redis, pytest.mark.tesseract]
MASKED = re.compile(r"^\d{6}-\*\*-\*\*\*\d$")


def _run(app: Any, *args: str) -> str:
    res = app.test_cli_runner().invoke(args=["archive", *args])
    assert res.exit_code == 0, res.output
    return str(res.output)


def test_ingest_reads_every_page_groups_the_claims_and_indexes_them(
    archive_app: Any, start_worker: Any, small_archive: tuple[Path, list[Any]], tmp_path: Path
) -> None:
    src, truth = small_archive
    cabinet = tmp_path / "cabinet"
    shutil.copytree(src, cabinet)
    (cabinet / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not a pdf \n")  # fails at once
    tiff = (cabinet / "box003.tif").read_bytes()
    (cabinet / "cut.tif").write_bytes(tiff[: len(tiff) // 3])  # a cut-off stack
    (cabinet / "copy").mkdir()
    shutil.copy(cabinet / "box001.pdf", cabinet / "copy" / "box001_again.pdf")
    workers = [start_worker(), start_worker()]
    svc = archive_app.extensions["semak"]

    out = _run(archive_app, "ingest", str(cabinet), "--batch", "b1", "--no-wait")
    assert "6 files (6 new), 5 queued" in out and "1 duplicates" in out
    wait_until(lambda: batch_status(svc, "b1").done, 180, workers, "batch b1")  # type: ignore[union-attr]

    _, data = batch_index("b1", svc=svc)
    rows = {(r["file"], r["page"]): r for r in data["pages"]}
    assert {(t.file, t.page) for t in truth} <= set(rows)  # every page accounted for
    assert rows[("broken.pdf", 1)]["kind"] == rows[("cut.tif", 1)]["kind"] == "not_read"
    assert all(r["kind"] == "duplicate" for k, r in rows.items() if k[0].startswith("copy/"))
    for t in truth:
        row = rows[(t.file, t.page)]
        if t.claim is None:
            assert row["kind"] == "separator", row
        elif row["kind"] == "content":
            assert row["claim"], row  # in a claim, or "unassigned" (with a reason)
    score = grouping_accuracy(truth, data)
    assert score["accuracy_readable"] == 1.0, score  # intake-unreadable pages aside
    assert score["claims_found"] == 3, score
    assert all(u["reason"] for u in data["unassigned"])
    assert all(c["verdict"] for c in data["claims"]), data["claims"]

    with svc.db.Session() as s:
        readers = {f.worker for f in s.query(ArchiveFile) if f.worker}
    assert len(readers) >= 2  # both hosts took files

    status = _run(archive_app, "status", "b1")
    assert "3 claims" in status and "broken.pdf: " in status and "cut.tif: " in status, status
    again = _run(archive_app, "ingest", str(cabinet), "--batch", "b1")  # follows: done at once
    assert "(0 new), 0 queued, 0 reading, 6 finished" in again  # idempotent
    assert f"[{'#' * 30}]" in again and "files 6/6" in again, again  # the progress bar

    _check_index_files(archive_app, tmp_path / "index", truth)


def _check_index_files(app: Any, out: Path, truth: list[Any]) -> None:
    _run(app, "index", "b1", "--out", str(out))
    lines = (out / "index.csv").read_text().splitlines()
    assert lines[0] == "file,page,kind,readable,rotation,document,doc_type,ic,dates,claim,"\
        "claim_type,verdict,note"  # fmt: skip
    assert len(lines) == 1 + len(truth) + 2 + 5  # + the two bad files + the 5-page duplicate
    assert not re.search(r"\d{6}-?\d{2}-?\d{4}", "\n".join(lines))  # no full IC in the CSV
    data = json.loads((out / "index.json").read_text())
    ics = [r["ic"] for r in data["pages"] if r.get("ic")]
    assert ics and all(MASKED.match(ic) for ic in ics)
    assert "ic_full" not in json.dumps(data) and "report" not in data["claims"][0]
    assert all(c["claim_type"] for c in data["claims"])
    failures = {f["file"]: f for f in data["failures"]}
    assert set(failures) == {"broken.pdf", "cut.tif"}
    assert all(f["code"] and f["message"] for f in failures.values())  # listed with the reason
    docs = sum(len(c["documents"]) for c in data["claims"])
    assert docs == len({(r["file"], r["document"]) for r in data["pages"] if r["document"]})


def test_killed_worker_and_ingest_lose_nothing_and_a_rerun_completes(
    archive_app: Any, start_worker: Any, resume_archive: tuple[Path, list[Any]]
) -> None:
    cabinet, truth = resume_archive
    svc = archive_app.extensions["semak"]

    class Stop(Exception):
        pass

    def stop_after_first(_rel: str) -> None:
        raise Stop  # the ingest dies after queueing its first file

    with pytest.raises(Stop):
        ingest(svc, cabinet, "r1", on_file=stop_after_first)
    queued = {q: Queue(q, connection=svc.redis).count for q in (ARCHIVE, INTERACTIVE)}
    assert queued == {ARCHIVE: 1, INTERACTIVE: 0}  # behind people's uploads
    first = start_worker()

    def reading() -> bool:
        with svc.db.Session() as s:
            return any(f.pages_done >= 1 and f.status == "reading" for f in s.query(ArchiveFile))

    wait_until(reading, 90, [first], "the first page read")
    first.kill()  # the machine stops mid-file
    st = batch_status(svc, "r1")
    assert st is not None and st.files == 1 and st.files_finished == 0

    time.sleep(1.0)
    second = start_worker()
    out = _run(archive_app, "ingest", str(cabinet), "--batch", "r1", "--stale-after", "0.5",
               "--no-wait")  # fmt: skip
    assert "2 files (1 new), 2 queued" in out
    wait_until(lambda: batch_status(svc, "r1").done, 150, [second], "batch r1")  # type: ignore[union-attr]

    _, data = batch_index("r1", svc=svc)
    pages = [(r["file"], r["page"]) for r in data["pages"]]
    assert sorted(pages) == sorted((t.file, t.page) for t in truth)  # each page once
    assert grouping_accuracy(truth, data)["accuracy_readable"] == 1.0
    with svc.db.Session() as s:
        attempts = sorted(f.attempts for f in s.query(ArchiveFile))
    assert attempts == [1, 2]
