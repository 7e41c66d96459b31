"""A long file is read by every worker, not one (issue 8: "using every core of every worker
machine"): real Redis, two real worker processes, real Tesseract. Its job shares the pages
with a helper job (semak.parts); every page is in the index once, in order, and the
documents are grouped as one pass over the file would group them. In the PostgreSQL run too
(the database two hosts would share)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from archive_helpers import wait_until
from rq.job import Job, JobStatus

from bench.archive import build_archive, grouping_accuracy
from semak.archive.index import batch_index
from semak.archive.ingest import batch_status, ingest
from semak.archive.models import ArchiveFile
from semak.parts import PART_PAGES, ranges

pytestmark = [pytest.mark.redis, pytest.mark.tesseract, pytest.mark.postgres]


def _long_file(cabinet: Path) -> list[Any]:
    truth = build_archive(cabinet, claims=6, seed=5, pages_per_file=20, tiff_every=2,
                          max_docs=3)  # fmt: skip
    assert len({t.file for t in truth}) == 1 and len(truth) > PART_PAGES * 3 // 2
    return truth


def _every_page_read_once(svc: Any, batch: str, truth: list[Any]) -> ArchiveFile:
    """The index lists every page once, in order, grouped right; the file read at once."""
    _, data = batch_index(batch, svc=svc)
    assert [(r["file"], r["page"]) for r in data["pages"]] == [(t.file, t.page) for t in truth]
    assert grouping_accuracy(truth, data)["accuracy_readable"] == 1.0
    with svc.db.Session() as s:
        f = s.query(ArchiveFile).one()
    assert (f.status, f.pages_done, f.attempts) == ("done", len(truth), 1)
    return f


def test_a_long_file_is_shared_by_two_workers_and_every_page_is_read_once(
    archive_app: Any, start_worker: Any, tmp_path: Path
) -> None:
    truth = _long_file(cabinet := tmp_path / "cabinet")
    svc = archive_app.extensions["semak"]
    workers = [start_worker(), start_worker()]

    ingest(svc, cabinet, "long")
    wait_until(lambda: batch_status(svc, "long").done, 240, workers, "batch long")  # type: ignore[union-attr]

    f = _every_page_read_once(svc, "long", truth)
    helped = 0
    for first, _last in ranges(len(truth)):
        job = Job.fetch(f"{f.job_id}-a1-p{first}", connection=svc.redis)
        m = re.fullmatch(r"(\d+) pages", str(job.return_value()))
        assert m, job.return_value()
        helped += int(m.group(1))
    assert 0 < helped < len(truth)  # the helper read pages, the owner the others
    assert not list(svc.redis.scan_iter(match=f"semak:parts:{f.job_id}:*"))  # cleared


def test_the_helpers_host_stopping_mid_file_loses_no_page(
    archive_app: Any, start_worker: Any, tmp_path: Path
) -> None:
    truth = _long_file(cabinet := tmp_path / "cabinet")
    svc = archive_app.extensions["semak"]
    workers = [start_worker(), start_worker()]
    ingest(svc, cabinet, "lost")
    with svc.db.Session() as s:
        owner = s.query(ArchiveFile).one().job_id
    first = ranges(len(truth))[0][0]

    def helper_reading() -> Any:
        job = Job.fetch(f"{owner}-a1-p{first}", connection=svc.redis)
        on_board = svc.redis.exists(f"semak:parts:{owner}:1:page:{first}")
        return job if job.get_status() == JobStatus.STARTED and on_board else None

    wait_until(lambda: _quietly(helper_reading) is not None, 120, workers, "the helper")
    helper = _quietly(helper_reading)
    host = next(w for w in workers if w.name == helper.worker_name)
    host.kill()  # mid-range, holding a claim on the page it reads
    rest = [w for w in workers if w is not host]
    wait_until(lambda: batch_status(svc, "lost").done, 240, rest, "batch lost")  # type: ignore[union-attr]

    _every_page_read_once(svc, "lost", truth)  # on the first attempt: no retry needed


def _quietly(check: Any) -> Any:
    try:
        return check()
    except Exception:  # the job is not queued yet
        return None
