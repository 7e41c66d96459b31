"""Page images of stored files: rendered small and kept on disk, outside the web layer.

A page is rendered with its longer side at most MAX_PAGE_SIDE (JPEGs decoded at a reduced
scale, PDFs rendered at the scale that gives that size, pages over MAX_RENDER_PIXELS refused
before decoding) and kept as PNG in ``<instance>/page-images`` per (document content, page,
size), so a page is decoded once, not on every view. The renders hold personal data like the
stored file: ``cache_files`` names a content's renders and ``delete_renders`` removes them
(retention does, when the content's last claim or archive file is purged).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from PIL import Image

from intake.options import ReadOptions

MAX_PAGE_SIDE = 1600
MAX_RENDER_PIXELS = ReadOptions.max_pixels  # what an upload may hold per page
MAX_FRAMES = ReadOptions.max_pages
PDF_READING_DPI = ReadOptions.dpi  # the resolution PDF pages are read at (word boxes' scale)
PAGE_IMAGE_DIR = "page-images"
SHA256 = re.compile(r"[0-9a-f]{64}")


class StoredPage(Protocol):
    """What rendering needs of a stored document (semak.models.StoredDocument has it)."""

    sha256: str
    media_type: str


def page_png(instance_dir: Path, path: Path, doc: StoredPage, page: int) -> bytes:
    """Page ``page`` of the stored document as PNG: from the cache, else rendered and kept."""
    cached = _cache_file(instance_dir, doc.sha256, page, MAX_PAGE_SIDE)
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    img = render_page(str(path), doc.media_type, page)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    data = out.getvalue()
    if cached is not None:
        _write_atomically(cached, data)
    return data


def cache_files(instance_dir: Path, sha256: str) -> list[Path]:
    """The cached renders of the stored file whose content hash is ``sha256``."""
    folder = instance_dir / PAGE_IMAGE_DIR / sha256[:2]
    if not SHA256.fullmatch(sha256) or not folder.is_dir():
        return []
    return sorted(folder.glob(f"{sha256}-p*.png"))


def delete_renders(instance_dir: Path, sha256: str) -> int:
    """Delete the cached renders of content ``sha256``; how many went."""
    gone = 0
    for path in cache_files(instance_dir, sha256):
        try:
            path.unlink()
            gone += 1
        except FileNotFoundError:  # a concurrent purge got there first
            continue
    return gone


def _cache_file(instance_dir: Path, sha256: str, page: int, side: int) -> Path | None:
    if not SHA256.fullmatch(sha256 or ""):
        return None
    return instance_dir / PAGE_IMAGE_DIR / sha256[:2] / f"{sha256}-p{page}-{side}.png"


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_page(path: str, media_type: str, page: int, side: int = MAX_PAGE_SIDE) -> Image.Image:
    """Page ``page`` (1-based) as an RGB image, longer side at most ``side``, decoded small:
    a JPEG at the reduced scale nearest above ``side``, any image refused past
    MAX_RENDER_PIXELS before decoding (intake.files.open_image), a PDF page rendered at the
    scale that gives ``side``."""
    if page < 1:
        raise IndexError(page)
    if media_type == "application/pdf":
        return _render_pdf_page(path, page, side)
    from intake.files import count_pages, open_image

    if page > count_pages(Path(path), MAX_FRAMES, media_type):  # bounded: no n_frames walk
        raise IndexError(page)
    with open_image(Path(path), MAX_RENDER_PIXELS) as im:
        im.seek(page - 1)
        im.draft("RGB", (side, side))  # JPEG: the decoder scales by 1/2, 1/4 or 1/8
        im.thumbnail((side, side))  # reduce() by whole factors, then resample
        return im.convert("RGB")


def page_sizes(path: Path, media_type: str, dpi: int = PDF_READING_DPI) -> dict[int, list[int]]:
    """Pixel size of each page (1-based) as intake reads it: a PDF page at ``dpi``, an image
    as stored (its first frame). Raises on a missing or unreadable file."""
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            sizes = {}
            for i in range(len(pdf)):
                w, h = pdf[i].get_size()
                sizes[i + 1] = [round(w * dpi / 72), round(h * dpi / 72)]
            return sizes
        finally:
            pdf.close()
    with Image.open(path) as im:
        return {1: list(im.size)}


def _render_pdf_page(path: str, page: int, side: int) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        if page > len(pdf):
            raise IndexError(page)
        p = pdf[page - 1]
        w, h = p.get_size()
        scale = min(side / max(w, h, 1), 150 / 72)
        return p.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
