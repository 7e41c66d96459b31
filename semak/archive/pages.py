"""Pages of a long scanned file, one at a time, and documents as soon as they are complete.

``iter_pages`` never holds more than one rasterised page: it uses ``intake.reading.iter_pages``
when the reading library provides it, else it cuts the file into one-page files (pypdfium2
for PDF, Pillow frames for TIFF; no page is rendered here) and gives each to
``intake.reading.read_pages``, renumbered to its page of the whole file.

``StreamSplitter`` feeds pages to ``intake.split.split`` and hands back the documents that can
no longer grow: split is a left-to-right pass whose only state is the open document, so
re-splitting from the open document's first page gives what one pass over the whole file
would give, while memory holds one document's pages, not the file's.
"""

from __future__ import annotations

import dataclasses
import inspect
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from intake.models import Page
from intake.options import ReadOptions

MAX_OPEN_PAGES = 60  # a document longer than this is cut (memory stays bounded)
ARCHIVE_MAX_PAGES = 1_000_000
ARCHIVE_MAX_BYTES = 10 * 1024**3


def archive_options(base: ReadOptions | None = None) -> ReadOptions:
    """Reading options for archive files: upload limits on pages and bytes lifted."""
    opts = base or ReadOptions.from_env()
    return dataclasses.replace(opts, max_pages=ARCHIVE_MAX_PAGES, max_bytes=ARCHIVE_MAX_BYTES)


def sniff(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return "image"


def count_pages(path: Path) -> int:
    """Pages of a file without rendering any (0 when it cannot be opened)."""
    try:
        kind = sniff(path)
        if kind == "pdf":
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(str(path))
            try:
                return len(doc)
            finally:
                doc.close()
        import warnings

        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a damaged file's complaints are the job's
            with Image.open(path) as img:
                return int(getattr(img, "n_frames", 1))
    except Exception:  # unreadable files are the job's to report, with a reason
        return 0


def iter_pages(
    path: Path, name: str, options: ReadOptions | None = None, engine: Any = None
) -> Iterator[Page]:
    """Every page of the stored file ``path`` (uploaded as ``name``), in order, one by one."""
    from intake import reading

    opts = archive_options(options)
    native = getattr(reading, "iter_pages", None)
    if native is not None:
        kwargs = {"engine": engine} if "engine" in inspect.signature(native).parameters else {}
        yield from native(path, name, opts, **kwargs)
        return
    kind = sniff(path)
    if kind == "pdf":
        yield from _pdf_pages(path, name, opts, engine)
    elif kind == "tiff":
        yield from _tiff_pages(path, name, opts, engine)
    else:
        yield from reading.read_pages(path, name, opts, engine)


def _read_one(tmp: Path, name: str, number: int, opts: ReadOptions, engine: Any) -> list[Page]:
    from intake.reading import read_pages

    pages = read_pages(tmp, name, opts, engine)
    for page in pages:
        page.number = number
    return pages


def _pdf_pages(path: Path, name: str, opts: ReadOptions, engine: Any) -> Iterator[Page]:
    import pypdfium2 as pdfium

    from intake.files import open_pdf

    with open_pdf(path) as src, tempfile.TemporaryDirectory(prefix="semak-archive-") as tmp:
        one_path = Path(tmp) / "page.pdf"
        for i in range(len(src)):
            one = pdfium.PdfDocument.new()
            try:
                one.import_pages(src, [i])
                one.save(str(one_path))
            finally:
                one.close()
            yield from _read_one(one_path, name, i + 1, opts, engine)


def _tiff_pages(path: Path, name: str, opts: ReadOptions, engine: Any) -> Iterator[Page]:
    from PIL import Image

    with Image.open(path) as img, tempfile.TemporaryDirectory(prefix="semak-archive-") as tmp:
        one_path = Path(tmp) / "page.png"
        dpi = img.info.get("dpi")
        for i in range(int(getattr(img, "n_frames", 1))):
            img.seek(i)
            frame = img.copy()
            frame.save(one_path, "PNG", dpi=dpi) if dpi else frame.save(one_path, "PNG")
            del frame
            yield from _read_one(one_path, name, i + 1, opts, engine)


class StreamSplitter:
    """Pages in, complete documents' pages out (see the module's note)."""

    def __init__(self, max_open: int = MAX_OPEN_PAGES) -> None:
        self.buffer: list[Page] = []
        self.max_open = max_open

    def push(self, page: Page) -> list[list[Page]]:
        from intake.split import split

        self.buffer.append(page)
        groups = split(self.buffer)
        if len(self.buffer) >= self.max_open:
            self.buffer = []
            return groups
        if len(groups) < 2:
            return []
        done, last = groups[:-1], groups[-1]
        first = last[0].number
        self.buffer = [p for p in self.buffer if p.number >= first]
        return done

    def close(self) -> list[list[Page]]:
        from intake.split import split

        groups = split(self.buffer) if self.buffer else []
        self.buffer = []
        return groups
