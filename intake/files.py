"""Safe opening: the type by magic bytes, limits on bytes, pages and pixels, typed errors.

Cheap enough for the web process at upload: imports Pillow and pypdfium2 only (lazily),
never OpenCV or Tesseract. ``inspect_file`` reads headers, it decodes no pixels.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake.errors import (
    DocumentUnreadable,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    ImageTooLarge,
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
    """Type, size, pages and pixels of a file, checked against the limits. Decodes no pixels."""
    opts = options or ReadOptions()
    media_type = sniff(source)
    size = _size(source)
    if size > opts.max_bytes:
        raise FileTooLarge(
            f"The file is {size / 1e6:.1f} MB; the limit is {opts.max_bytes / 1e6:.0f} MB."
        )
    check_complete(source, media_type)
    if media_type == PDF:
        pixels = _pdf_page_pixels(source, opts)
    else:
        pixels = _image_page_pixels(source, opts)
    if len(pixels) > opts.max_pages:
        raise TooManyPages(
            f"The file has {len(pixels)} pages; the limit is {opts.max_pages} pages per file."
        )
    if len(pixels) == 0:
        raise DocumentUnreadable("The file holds no pages.")
    mismatch = bool(name) and not extension_matches(name, media_type)
    return SourceFile(media_type, size, len(pixels), pixels, mismatch)


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
