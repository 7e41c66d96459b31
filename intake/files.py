"""Safe opening: the type by magic bytes, limits on bytes, pages and pixels, typed errors.

Cheap enough for the web process at upload: imports Pillow and pypdfium2 only (lazily),
never OpenCV or Tesseract. ``inspect_file`` reads headers, it decodes no pixels.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from intake.errors import (
    DocumentUnreadable,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    ImageTooLarge,
    MalformedFile,
    TooManyPages,
    TruncatedFile,
    UnsupportedFile,
)
from intake.options import ReadOptions

if TYPE_CHECKING:
    from PIL import Image

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
HEIC = "image/heic"
ACCEPTED = (PDF, JPEG, PNG, TIFF, HEIC)

EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg", ".jpe", ".jfif"),
    PNG: (".png",),
    TIFF: (".tif", ".tiff"),
    HEIC: (".heic", ".heif"),
}
HEIC_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
# Recognised but refused, so the message can say what the file is.
OTHER_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
)

Source = Path | bytes


@dataclass
class SourceFile:
    """What the headers say about a file: enough to accept or refuse it."""

    media_type: str
    size: int
    pages: int
    page_pixels: list[int] = field(default_factory=list)  # decoded pixels per page
    extension_mismatch: bool = False


def _head(source: Source, n: int = 1024) -> bytes:
    if isinstance(source, bytes):
        return source[:n]
    with source.open("rb") as fh:
        return fh.read(n)


def _tail(source: Source, n: int = 8192) -> bytes:
    if isinstance(source, bytes):
        return source[-n:]
    with source.open("rb") as fh:
        fh.seek(0, io.SEEK_END)
        fh.seek(max(0, fh.tell() - n))
        return fh.read()


def _size(source: Source) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def media_type_of(head: bytes) -> str | None:
    """The accepted media type the first bytes announce, or None.

    Image signatures sit at byte 0 and are checked first: a JPEG whose comment holds
    ``%PDF-`` is still a JPEG. A PDF may have junk before ``%PDF-`` (readers allow 1 KB).
    """
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return HEIC
    if b"%PDF-" in head[:1024]:
        return PDF
    return None


def file_media_type(source: Source) -> str | None:
    """:func:`media_type_of` the file's first bytes (None: not a type intake reads)."""
    return media_type_of(_head(source))


def sniff(source: Source) -> str:
    """The media type of a file by its bytes; raises EmptyFile or UnsupportedFile."""
    if _size(source) == 0:
        raise EmptyFile("The file is empty (0 bytes). Please upload it again.")
    head = _head(source)
    kind = media_type_of(head)
    if kind is None:
        what = next((d for magic, d in OTHER_MAGIC if head.startswith(magic)), None)
        said = f"This file is {what}. " if what else "This file's type is not recognised. "
        raise UnsupportedFile(said + "Please upload a PDF, JPEG, PNG, TIFF or HEIC file.")
    return kind


def extension_matches(name: str, media_type: str) -> bool:
    return Path(name).suffix.lower() in EXTENSIONS.get(media_type, ())


def check_complete(source: Source, media_type: str) -> None:
    """Refuse files whose end marker is missing (cut-off uploads)."""
    tail = _tail(source).rstrip(b"\x00\r\n \t")
    missing = {
        PDF: b"%%EOF" not in tail,
        JPEG: b"\xff\xd9" not in tail[-1024:],
        PNG: not tail.endswith(b"IEND\xaeB`\x82"),
    }.get(media_type, False)
    if missing:
        raise TruncatedFile(
            "The file is cut off before its end (an interrupted upload or copy). "
            "Please upload the complete file."
        )


def inspect_file(source: Source, name: str = "", options: ReadOptions | None = None) -> SourceFile:
    """Type, size, pages and pixels of a file, checked against the limits. Decodes no pixels.

    The pages are counted first with a bounded count (``count_pages``), so a file of a
    million pages costs no more than one of ``max_pages + 1``."""
    opts = options or ReadOptions()
    media_type = sniff(source)
    size = _size(source)
    if size > opts.max_bytes:
        raise FileTooLarge(
            f"The file is {size / 1e6:.1f} MB; the limit is {opts.max_bytes / 1e6:.0f} MB."
        )
    check_complete(source, media_type)
    check_page_count(source, name, opts.max_pages, media_type)
    if media_type == PDF:
        pixels = _pdf_page_pixels(source, opts)
    else:
        pixels = _image_page_pixels(source, opts)
    if len(pixels) > opts.max_pages:
        raise too_many_pages(name, opts.max_pages)
    if len(pixels) == 0:
        raise DocumentUnreadable("The file holds no pages.")
    mismatch = bool(name) and not extension_matches(name, media_type)
    return SourceFile(media_type, size, len(pixels), pixels, mismatch)


# --- bounded page count ------------------------------------------------------------------------


def too_many_pages(name: str, limit: int) -> TooManyPages:
    what = f"The file {name!r}" if name else "The file"
    return TooManyPages(
        f"{what} has more than {limit} pages; the limit is {limit} pages per file. "
        "Please split it into smaller files."
    )


def check_page_count(source: Source, name: str, limit: int, media_type: str | None = None) -> int:
    """The file's pages, at most ``limit``; raises TooManyPages past it (naming the file)."""
    pages = count_pages(source, limit, media_type)
    if pages > limit:
        raise too_many_pages(name, limit)
    return pages


def count_pages(source: Source, limit: int, media_type: str | None = None) -> int:
    """Pages (frames) of a file, counted without decoding and never past ``limit + 1``.

    TIFF: the chain of image directories is walked with ``count_tiff_frames``; PDF: pdfium's
    page count (the page tree's /Count, cheap); other images hold one page."""
    kind = media_type or sniff(source)
    if kind == TIFF:
        if isinstance(source, bytes):
            return count_tiff_frames(io.BytesIO(source), limit).frames
        with source.open("rb") as fh:
            return count_tiff_frames(fh, limit).frames
    if kind == PDF:
        with open_pdf(source) as doc:
            return min(len(doc), limit + 1)
    return 1


@dataclass(frozen=True)
class FrameCount:
    """What a bounded walk over a TIFF's directories found."""

    frames: int  # at most limit + 1
    visited: int  # directories whose header was read (the work done)


TIFF_FORMS = {
    b"II*\x00": ("<", False),
    b"MM\x00*": (">", False),
    b"II+\x00": ("<", True),
    b"MM\x00+": (">", True),
}


def count_tiff_frames(fh: IO[bytes], limit: int) -> FrameCount:
    """Frames of a TIFF (classic or BigTIFF) by its chain of image directories (IFDs).

    Reads two small fields per directory and stops at ``limit + 1`` frames, so the cost is
    bounded whatever the file holds (Pillow's ``n_frames`` walks all of them, slower than
    linearly). A chain that points back to a directory already seen, outside the file or at
    a cut-off directory is refused as ``MalformedFile`` (415)."""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    fh.seek(0)
    head = fh.read(16)
    form = TIFF_FORMS.get(head[:4])
    if form is None:
        raise MalformedFile("This is not a TIFF image.")
    order, big = form
    if big:
        offset_fmt, count_fmt, entry = order + "Q", order + "Q", 20
    else:
        offset_fmt, count_fmt, entry = order + "I", order + "H", 12
    first_at = 8 if big else 4
    offset = _unpack(offset_fmt, head, first_at)
    seen: set[int] = set()
    visited = 0
    while offset and len(seen) <= limit:
        if offset in seen:
            raise MalformedFile("The TIFF's pages refer back to themselves; the file is damaged.")
        seen.add(offset)
        visited += 1
        offset = _next_ifd(fh, offset, size, count_fmt, offset_fmt, entry)
    return FrameCount(frames=len(seen), visited=visited)


def _next_ifd(
    fh: IO[bytes], offset: int, size: int, count_fmt: str, offset_fmt: str, entry: int
) -> int:
    """The offset of the directory after the one at ``offset`` (0: the last)."""
    count_size, offset_size = struct.calcsize(count_fmt), struct.calcsize(offset_fmt)
    fh.seek(offset)
    entries = _unpack(count_fmt, fh.read(count_size), 0)
    next_at = offset + count_size + entries * entry
    if next_at + offset_size > size:
        raise MalformedFile("The TIFF is damaged: a page points outside the file.")
    fh.seek(next_at)
    return _unpack(offset_fmt, fh.read(offset_size), 0)


def _unpack(fmt: str, data: bytes, at: int) -> int:
    try:
        return int(struct.unpack_from(fmt, data, at)[0])
    except struct.error as exc:
        raise MalformedFile("The TIFF is damaged: a page points outside the file.") from exc


# --- PDF -------------------------------------------------------------------------------------


@contextmanager
def open_pdf(source: Source) -> Iterator[Any]:
    """A pypdfium2 document; encrypted and broken files become typed errors."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
            raise EncryptedPdf(
                "The PDF is protected by a password. Please upload it without the password."
            ) from exc
        raise DocumentUnreadable(
            "The PDF is damaged and cannot be opened. Please scan or export it again."
        ) from exc
    try:
        yield doc
    finally:
        doc.close()


def _pdf_page_pixels(source: Source, opts: ReadOptions) -> list[int]:
    import pypdfium2 as pdfium

    with open_pdf(source) as doc:
        count = len(doc)
        if count > opts.max_pages:
            return [0] * count
        pixels = []
        for i in range(count):
            try:
                w, h = doc.get_page_size(i)
            except pdfium.PdfiumError as exc:  # e.g. a page tree that loops back on itself
                raise DocumentUnreadable(
                    f"Page {i + 1} of the PDF is damaged and cannot be opened. "
                    "Please scan or export it again."
                ) from exc
            pixels.append(int(w / 72 * opts.dpi) * int(h / 72 * opts.dpi))
        return pixels


# --- images ----------------------------------------------------------------------------------


def register_heif() -> bool:
    """Teach Pillow to open HEIC phone photos when pillow-heif is installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


@contextmanager
def open_image(source: Source, max_pixels: int) -> Iterator[Image.Image]:
    """A lazily decoded Pillow image; bombs and broken files become typed errors."""
    import warnings

    from PIL import Image

    if _head(source)[4:8] == b"ftyp" and not register_heif():
        raise UnsupportedFile("HEIC photos cannot be read here; please send a JPEG instead.")
    fp = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            old = Image.MAX_IMAGE_PIXELS
            Image.MAX_IMAGE_PIXELS = max_pixels
            try:
                img = Image.open(fp)
            finally:
                Image.MAX_IMAGE_PIXELS = old
        yield img
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(
            f"The image holds more than {max_pixels / 1e6:.0f} million pixels; "
            "please scan at 300 dpi or send a smaller photo."
        ) from exc
    except Image.UnidentifiedImageError as exc:
        raise DocumentUnreadable("The image is damaged and cannot be opened.") from exc
    finally:
        fp.close()


def _image_page_pixels(source: Source, opts: ReadOptions) -> list[int]:
    with open_image(source, opts.max_pixels) as img:
        frames = getattr(img, "n_frames", 1)
        if frames > opts.max_pages:
            return [0] * frames
        pixels = []
        for i in range(frames):
            img.seek(i)
            w, h = img.size
            if w * h > opts.max_pixels:
                raise ImageTooLarge(
                    f"Page {i + 1} holds {w * h / 1e6:.0f} million pixels; the limit is "
                    f"{opts.max_pixels / 1e6:.0f} million. Please scan at 300 dpi."
                )
            pixels.append(w * h)
        return pixels
