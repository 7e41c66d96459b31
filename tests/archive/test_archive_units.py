"""Pure parts of the archive path: the streaming splitter gives what one split of the whole
file gives; documents survive the trip through JSON; page kinds; the status text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from intake.models import DocType, Document, Field, Page, Person
from intake.split import split
from semak.archive.claims import doc_info
from semak.archive.cli import bar, describe
from semak.archive.ingest import BatchStatus
from semak.archive.jobs import page_kind
from semak.archive.pages import StreamSplitter

TEXTS = [
    "BORANG 34 NOTIS KEMALANGAN Muka surat 1 daripada 2 Nama pekerja Ali bin Abu",
    "Muka surat 2 daripada 2 tandatangan majikan cop syarikat tarikh",
    "SIJIL CUTI SAKIT MEDICAL CERTIFICATE Klinik Kesihatan cuti sakit dua hari",
    "",  # blank page
    "HELAIAN PEMISAH SEPARATOR SHEET",
    "LAPORAN POLIS Balai Polis Kajang No Repot KAJANG/001234/26 pengadu",
    "SIJIL CUTI SAKIT MEDICAL CERTIFICATE Klinik Sentosa cuti sakit tiga hari",
    "sambungan continued dari muka surat sebelumnya butiran lanjut rawatan",
]


def pages() -> list[Page]:
    return [Page("stack.pdf", n, t, blank=not t) for n, t in enumerate(TEXTS, start=1)]


def test_streaming_split_equals_one_split_of_the_whole_file() -> None:
    whole = [[p.number for p in g] for g in split(pages())]
    for max_open in (60, 3):
        splitter, streamed = StreamSplitter(max_open=max_open), []
        for page in pages():
            streamed += [[p.number for p in g] for g in splitter.push(page)]
        streamed += [[p.number for p in g] for g in splitter.close()]
        if max_open == 60:
            assert streamed == whole
        assert sorted(n for g in streamed for n in g) == sorted(n for g in whole for n in g)


def test_page_kinds() -> None:
    kinds = [page_kind(p) for p in pages()]
    assert kinds[3] == "blank" and kinds[4] == "separator" and kinds[0] == "content"
    assert page_kind(Page("x.pdf", 1, "", readable=False)) == "unreadable"


def test_documents_survive_json() -> None:
    doc = Document(
        "stack.pdf",
        [3, 4],
        DocType.MEDICAL_CERTIFICATE,
        0.9,
        fields={"ic_number": Field("870903-10-6231", 3, (1.0, 2.0, 3.0, 4.0), 0.8, "870903106231"),
                "name": Field("ALI BIN ABU", 3)},
        dates={"mc_start": Field("2026-10-02", 3)},
        people=[Person("doctor", "DR. LIM CHEE KEONG", None, 3)],
    )  # fmt: skip
    data = json.loads(json.dumps(doc.to_dict()))
    back = Document.from_dict(data)
    assert back == doc
    info = doc_info(7, (0, 3), back, separator_before=True)
    assert info.ic == "870903106231" and info.name == "ALI BIN ABU" and info.separator_before
    assert [d.isoformat() for d in info.dates] == ["2026-10-02"]


def test_status_text_and_progress_bar() -> None:
    st = BatchStatus("b", files=4, files_finished=2, files_failed=1, pages_total=100,
                     pages_done=50, pages_per_minute=30.0, eta_seconds=100.0,
                     failures=[("bad.pdf", "document_unreadable", "damaged")])  # fmt: skip
    assert "[###############...............] 50/100 pages" in bar(st)
    assert "ETA 1 min 40 s" in bar(st)
    text = describe(st)
    assert "bad.pdf: document_unreadable damaged" in text and "grouping waits" in text


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (60, 80), 255).save(out, "PNG")
    return out.getvalue()


def test_ingest_skips_symbolic_links_and_says_so(
    archive_app: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """A link to a file outside the folder (or to a folder) is never read nor stored."""
    from sqlalchemy import select

    from semak.archive import jobs
    from semak.archive.cli import archive_cli
    from semak.archive.models import ArchiveBatch, ArchiveFile

    queued: list[Any] = []
    monkeypatch.setattr(jobs, "enqueue_file", lambda *a: queued.append(a))
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.png"
    secret.write_bytes(_png() + b"outside")
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "real.png").write_bytes(_png())
    (folder / "link.png").symlink_to(secret)
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)

    result = archive_app.test_cli_runner().invoke(
        archive_cli, ["ingest", str(folder), "--batch", "links-test", "--no-wait"]
    )
    assert result.exit_code == 0, result.output
    assert "2 symbolic links skipped (never followed): link.png, linked-dir" in result.output
    assert "1 files (1 new)" in result.output
    svc = archive_app.extensions["semak"]
    with svc.db.Session() as s:
        batch = s.scalar(select(ArchiveBatch).where(ArchiveBatch.name == "links-test"))
        assert batch is not None
        paths = list(s.scalars(select(ArchiveFile.path).where(ArchiveFile.batch_id == batch.id)))
    assert paths == ["real.png"] and len(queued) == 1
    outside_key = svc.storage.key_for(hashlib.sha256(secret.read_bytes()).hexdigest())
    assert not svc.storage.exists(outside_key)  # the outside file's bytes were never stored
