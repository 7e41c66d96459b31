"""read_pages: any accepted file -> pages of text with word boxes, confidences and quality.

Whole-file problems (type, size, encryption, truncation) raise a SemakError subclass. A single
bad page becomes a Page with ``readable=False`` and ``error`` set: one bad page never sinks a
file. Pages are cached by their pixels (or text) and the options, so none is read twice.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from intake import files
from intake.cache import PageCache, get_cache, page_key
from intake.cost import metered, metering, step
from intake.errors import PageRenderFailed, SemakError, TruncatedFile
from intake.models import Page, PageSource, Word
from intake.ocr import LazyEngine, OcrEngine, get_engine
from intake.options import ReadOptions

log = logging.getLogger(__name__)


def preload(options: ReadOptions | None = None) -> OcrEngine:
    """For the worker, before its loop: one OpenCV thread, engine and models loaded."""
    import cv2

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # 2-2.5x less CPU on this machine
    cv2.setNumThreads(1)
    opts = options or ReadOptions()
    engine = get_engine(opts.engine, opts.tessdata_dir())
    engine.version()
    warm = getattr(engine, "warm", None)  # in-process engines: models loaded once, inherited
    if warm is not None:
        from intake.comb import DIGITS
        from intake.scan import PSM

        warm(opts.langs, tuple(sorted(set(PSM.values()))), (DIGITS,))  # comb boxes' digits
    return engine


def read_pages(
    path: Path, name: str, options: ReadOptions | None = None, engine: OcrEngine | None = None
) -> list[Page]:
    """Read every page of the file stored at ``path``, uploaded as ``name``."""
    return list(iter_pages(path, name, options, engine))


def iter_pages(
    path: Path,
    name: str,
    options: ReadOptions | None = None,
    engine: OcrEngine | None = None,
    select: Callable[[int], bool] | None = None,
) -> Iterator[Page]:
    """The pages one by one, holding one rasterised page at a time (archives of 1000 pages).

    Whole-file errors are raised before the first page is yielded. With ``select``, only the
    pages whose number it accepts are read (asked in page order, just before each is read).
    """
    opts = options or ReadOptions()
    info = files.inspect_file(path, name, opts)
    engine = metered(engine or LazyEngine(opts.engine, opts.tessdata_dir()))
    cache = get_cache(opts.cache_dir)
    reader = _pdf_pages if info.media_type == files.PDF else _image_pages
    for page in _costed(reader(path, name, opts, engine, cache, select or _every)):
        page.media_type = info.media_type
        if info.extension_mismatch:
            page.extra["extension_mismatch"] = True
        yield page


def _costed(pages: Iterator[Page]) -> Iterator[Page]:
    """Each page with the account of its reading (``Page.cost``, intake.cost)."""
    while True:
        with metering() as cost:
            page = next(pages, None)
        if page is None:
            return
        page.cost = cost
        yield page


def _every(_number: int) -> bool:
    return True


def _selected(count: int, select: Callable[[int], bool]) -> Iterator[int]:
    """0-based indexes of the pages ``select`` accepts, each asked just before its reading."""
    return (i for i in range(count) if select(i + 1))


def _unreadable(name: str, number: int, exc: Exception) -> Page:
    """The entry of a page that could not be read at all: it is never dropped from the file."""
    code = exc.code if isinstance(exc, SemakError) else "page_unreadable"
    reason = "render_failed" if isinstance(exc, PageRenderFailed) else "read_failed"
    log.warning("page %d of a file could not be read: %s", number, code, exc_info=exc)
    message = exc.message if isinstance(exc, SemakError) else "This page could not be read."
    return Page(
        name,
        number,
        "",
        source=PageSource.NONE,
        readable=False,
        error=code,
        reason=reason,
        extra={"error_message": message},
    )


def _guarded(name: str, number: int, read: Callable[[], Page]) -> Page:
    try:
        return read()
    except Exception as exc:  # one bad page never sinks the file
        return _unreadable(name, number, exc)


def _cached(
    cache: PageCache,
    content_hash: str,
    opts: ReadOptions,
    engine: OcrEngine,
    where: tuple[str, int],
    read: Callable[[], Page],
) -> Page:
    """The page from the cache, else ``read`` and kept. The key holds the engine's version: a
    page another Tesseract read is never served (both modes of one version read alike)."""
    name, number = where
    key = page_key(content_hash, {**opts.fingerprint(), "engine": engine.version()})
    with step("cache"):
        hit = cache.get(key, name, number)
    if hit is not None:
        hit.extra = {**hit.extra, "cached": True}
        return hit
    page = read()
    if page.readable or page.source != PageSource.NONE:
        with step("cache"):
            cache.put(key, page)
    return page


# --- PDF -------------------------------------------------------------------------------------


def _pdf_pages(
    path: Path,
    name: str,
    opts: ReadOptions,
    engine: OcrEngine,
    cache: PageCache,
    select: Callable[[int], bool],
) -> Iterator[Page]:
    from intake import pdf

    decode = opts.decode_images and not pdf.has_masks(path)
    with files.open_pdf(path) as doc:
        for i in _selected(len(doc), select):
            read = partial(_pdf_page, doc, i, name, replace(opts, decode_images=decode))
            yield _guarded(name, i + 1, partial(read, engine, cache))


def _pdf_page(
    doc: Any,
    i: int,
    name: str,
    opts: ReadOptions,
    engine: OcrEngine,
    cache: PageCache,
) -> Page:
    from intake import pdf

    page = doc[i]
    try:
        with step("layer"):
            check = pdf.check_layer(page)
            if check.use_text:
                out = _text_page(pdf.pdfium_words(page, opts.dpi), name, i + 1, opts, check)
        if check.use_text:
            with step("phash"):
                out.perceptual_hash = _pdf_phash(page)
            return out
        gray, dpi = _pdf_pixels(page, opts)
    finally:
        page.close()
    from intake import scan  # OpenCV and the clean-up: only for a page that is read as a scan

    with step("hash"):
        digest = scan.pixel_hash(gray)

    def read() -> Page:
        return scan.read_scan(gray, name, i + 1, engine, opts, dpi=dpi, content_hash=digest)

    out = _cached(cache, digest, opts, engine, (name, i + 1), read)
    out.extra["text_layer"] = check.reason
    return out


def _pdf_pixels(page: Any, opts: ReadOptions) -> tuple[Any, int]:
    """The page's grey pixels and their dpi: its one stored image decoded where that is the
    page (``pdf.stored_image``), else the page drawn by pdfium."""
    from intake import pdf

    dpi = pdf.scan_dpi(page, opts.dpi) if opts.native_dpi else opts.dpi
    if opts.decode_images:
        with step("decode"):
            gray = _quiet(partial(pdf.stored_image, page, dpi, opts.max_pixels))
        if gray is not None:
            return gray, dpi
    try:
        with step("render"):
            return pdf.render(page, dpi, opts.max_pixels)
    except Exception as exc:  # a damaged page's drawing; the others still read
        raise PageRenderFailed("This page could not be drawn to be read.") from exc


def _quiet(decode: Callable[[], Any]) -> Any:
    """``decode()``, or None where it fails (the page is then drawn instead)."""
    try:
        return decode()
    except Exception:  # a damaged image: the render says so, or draws what it can
        log.debug("stored image not decoded", exc_info=True)
        return None


def _text_page(
    found: tuple[list[Word], int, int], name: str, number: int, opts: ReadOptions, check: Any
) -> Page:
    from intake import pdf

    words, width, height = found
    text = pdf.words_text(words)
    digest = hashlib.sha256(text.encode()).hexdigest()
    page = Page(
        name,
        number,
        text,
        words=words,
        width=width,
        height=height,
        dpi=opts.dpi,
        source=PageSource.TEXT_LAYER,
        mean_confidence=1.0,
        quality=round(check.quality, 3),
        content_hash=digest,
        blank=not words,
        extra={"text_layer": "invisible" if check.invisible else "text"},
    )
    return page


def _pdf_phash(page: Any) -> str | None:
    """phash of the page rendered small by pdfium (cheap: the page is not OCR'd)."""
    try:
        from PIL import Image

        from intake import hashes, pdf

        gray, _ = pdf.render(page, 24, 10**7)
        return hashes.phash(Image.fromarray(gray))
    except Exception:  # the hash is a hint; a page without one still reads
        return None


# --- images ----------------------------------------------------------------------------------


def _image_pages(
    path: Path,
    name: str,
    opts: ReadOptions,
    engine: OcrEngine,
    cache: PageCache,
    select: Callable[[int], bool],
) -> Iterator[Page]:
    with files.open_image(path, opts.max_pixels) as img:
        for i in _selected(getattr(img, "n_frames", 1), select):
            read = partial(_image_page, img, i, name, opts, engine, cache)
            yield _guarded(name, i + 1, read)


def _image_page(
    img: Any, i: int, name: str, opts: ReadOptions, engine: OcrEngine, cache: PageCache
) -> Page:
    from intake import scan

    with step("decode"):
        gray, turn = _decoded(img, i)
    dpi = _dpi_of(img)
    with step("hash"):
        digest = scan.pixel_hash(gray)

    def read() -> Page:
        page = scan.read_scan(
            gray,
            name,
            i + 1,
            engine,
            opts,
            dpi=dpi,
            turn=turn,
            content_hash=digest,
            colour=partial(_colour, img),
        )
        if turn:
            page.extra["exif_rotation"] = turn
        return page

    return _cached(cache, f"{digest}:{turn}", opts, engine, (name, i + 1), read)


def _decoded(img: Any, i: int) -> tuple[Any, int]:
    """Frame ``i`` in grey, and the quarter turn its EXIF asks for (first frame only)."""
    from intake import images

    img.seek(i)
    try:
        img.load()
    except OSError as exc:
        if "truncated" in str(exc).lower():
            raise TruncatedFile("The image is cut off before its end.") from exc
        raise
    turn = images.exif_turn(img) if i == 0 else 0
    return images.to_gray(img), turn


def _colour(img: Any) -> Any:
    """The page in RGB (transparency on white paper), or None for a grey or bilevel image;
    asked for only when a page is read as a card (intake.card: colour channel choice)."""
    if img.mode in ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"):
        return None
    import numpy as np
    from PIL import Image

    rgba = img.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return np.asarray(Image.alpha_composite(paper, rgba).convert("RGB"), dtype=np.uint8)


def _dpi_of(img: Any) -> int:
    dpi = img.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 50 <= value <= 2400 else 300
