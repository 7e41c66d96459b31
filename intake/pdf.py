"""PDF pages: use the text layer when it is real, otherwise render the page and read it as a scan.

The decision is per page and cheap (pypdfium2 reads a text layer 26-43x faster than
pdfplumber): a layer that is empty, garbage (``(cid:..)``, replacement characters, strings of
symbols, a shifted font's vowel-less words), or an invisible OCR layer that reads poorly sends
the page to OCR. Good text pages are never OCR'd: their words and boxes come from pypdfium2
too (pdfplumber took 45-220 ms a page against 25 ms, which broke the 50x target; the tests
check our boxes against pdfplumber's).

Coordinates: pixels of the page as a viewer shows it (``/Rotate`` applied) at ``dpi``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from intake.models import Word

INVISIBLE = 3  # FPDF_TEXTRENDERMODE_INVISIBLE
MIN_CHARS = 20  # fewer letters and digits than this: no usable layer
_PLAUSIBLE = re.compile(r"^[\(\[\"'«]*[\w@&/.,:;%+\-#']+[\)\]\"'».,:;!?%]*$")


@dataclass
class LayerCheck:
    use_text: bool
    reason: str  # "text", "empty", "garbage", "poor_ocr_layer"
    quality: float  # share of characters in plausible words, 0..1
    invisible: bool


def layer_quality(text: str) -> float:
    """Share of non-space characters that sit in word-like tokens."""
    if "(cid:" in text or "\ufffd" in text:
        text = re.sub(r"\(cid:\d+\)|\ufffd", "\x00", text)
    tokens = text.split()
    total = sum(len(t) for t in tokens)
    if total == 0:
        return 0.0
    good = sum(len(t) for t in tokens if "\x00" not in t and _PLAUSIBLE.match(t) and _wordish(t))
    return good / total


def _wordish(token: str) -> bool:
    """Mostly letters and digits; a long word has vowels (a shifted-font layer has few)."""
    core = token.strip("()[]\"'«».,:;!?%")
    alnum = sum(ch.isalnum() for ch in core)
    if alnum < max(1, len(core) * 0.6):
        return False
    if not core.isalpha() or len(core) < 4 or (core.isupper() and len(core) <= 5):
        return True
    vowels = sum(ch in "aeiouyAEIOUY" for ch in core) / len(core)
    return 0.2 <= vowels <= 0.8


def invisible_share(page: Any) -> float:
    """Share of the page's text objects drawn invisibly (the layer OCR tools add over a scan)."""
    import pypdfium2.raw as pdfium_c

    modes = [
        pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,))
    ]
    return sum(m == INVISIBLE for m in modes) / len(modes) if modes else 0.0


def check_layer(page: Any) -> LayerCheck:
    """Decide from pypdfium2's text whether a page's text layer can be used as it is."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    if sum(ch.isalnum() for ch in text) < MIN_CHARS:
        return LayerCheck(False, "empty", 0.0, False)
    quality = layer_quality(text)
    invisible = invisible_share(page) > 0.9
    if invisible and quality < 0.9:
        return LayerCheck(False, "poor_ocr_layer", quality, True)
    if quality < 0.75:
        return LayerCheck(False, "garbage", quality, invisible)
    return LayerCheck(True, "text", quality, invisible)


def pdfium_words(page: Any, dpi: int) -> tuple[list[Word], int, int]:
    """Words with boxes from pypdfium2, in pixels of the page as shown (``/Rotate`` applied).

    pypdfium2 reads a text layer 26-43x faster than pdfplumber (measured), which keeps a text
    page over 50x cheaper than OCR. A word's box joins its first and last characters' loose
    boxes (font ascent to descent).
    """
    left, bottom, right, top = page.get_cropbox()
    size = (right - left, top - bottom)
    turn = page.get_rotation() % 360
    f = dpi / 72.0
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        words: list[Word] = []
        line, last_end = 0, 0
        for m in re.finditer(r"\S+", text):
            if "\n" in text[last_end : m.start()] and words:
                line += 1
            last_end = m.end()
            x0, b0, x1, t0 = textpage.get_charbox(m.start(), loose=True)
            x2, b1, x3, t1 = textpage.get_charbox(m.end() - 1, loose=True)
            box = (min(x0, x2) - left, top - max(t0, t1), max(x1, x3) - left, top - min(b0, b1))
            a, b, c, d = _turn_box(box, turn, size)
            words.append(Word(m.group(), (a * f, b * f, c * f, d * f), 1.0, line=line))
    finally:
        textpage.close()
    width, height = size if turn in (0, 180) else size[::-1]
    return words, int(width * f), int(height * f)


def _turn_box(
    box: tuple[float, float, float, float], turn: int, size: tuple[float, float]
) -> tuple[float, float, float, float]:
    """A top-left-origin box of the unrotated page, as shown after a clockwise ``turn``."""
    x0, y0, x1, y1 = box
    w, h = size
    if turn == 90:
        return (h - y1, x0, h - y0, x1)
    if turn == 180:
        return (w - x1, h - y1, w - x0, h - y0)
    if turn == 270:
        return (y0, w - x1, y1, w - x0)
    return box


def words_text(words: list[Word]) -> str:
    out: list[str] = []
    for i, w in enumerate(words):
        if i:
            out.append("\n" if w.line != words[i - 1].line else " ")
        out.append(w.text)
    return "".join(out)


def scan_dpi(page: Any, most: int, least: int = 100) -> int:
    """The resolution a scanned page was made at, when one image fills it; else ``most``.

    Rendering a 200-dpi scan at 300 dpi invents pixels that Tesseract then has to look at
    (0.50 s a page against 0.35 s at 200 dpi, the same words); the reader's own rescaling
    brings small print up to Tesseract's best size where it is needed.
    """
    import pypdfium2.raw as pdfium_c

    images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1))
    if len(images) != 1:
        return most
    w_pt, h_pt = page.get_size()
    left, bottom, right, top = images[0].get_bounds()
    if (right - left) * (top - bottom) < 0.9 * w_pt * h_pt:
        return most
    native = min(images[0].get_metadata().horizontal_dpi, images[0].get_metadata().vertical_dpi)
    if not native or native != native:  # no size, or NaN
        return most
    return max(least, min(most, round(native)))


# stored images whose pixels pdfium decodes as they would be drawn: plain grey or RGB, 8 bits
PLAIN_COLOURS = (1, 2)  # FPDF_COLORSPACE_DEVICEGRAY, FPDF_COLORSPACE_DEVICERGB
PLAIN_BITS = (8, 24)


def has_masks(path: Path) -> bool:
    """Whether any image of the PDF may have a mask. An image's dictionary is a stream's, which
    is never inside a compressed object stream, so its /SMask or /Mask key is in the bytes."""
    tail = b""
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            window = tail + chunk
            if b"/SMask" in window or b"/Mask" in window:
                return True
            tail = chunk[-8:]
    return False


def stored_image(page: Any, dpi: int, max_pixels: int) -> np.ndarray | None:
    """The page's one scanned image decoded as stored, when that is what ``render`` would draw
    at ``dpi``: the only object of an unrotated page without annotations, upright, filling the
    page, at that resolution (within a pixel), 8-bit grey or RGB. None otherwise.

    pdfium applies the image's /Decode array and colour space, but not a mask: the caller asks
    only for PDFs without masks (``has_masks``). Decoding skips the drawing of the page: an A4
    scan stored as a JPEG decodes in 3-17 ms against 30-56 ms to render (bench/RESULTS.md, #24);
    the pixels are the stored ones, where the render resamples them by up to a pixel."""
    import pypdfium2.raw as pdfium_c

    if page.get_rotation() % 360 or pdfium_c.FPDFPage_GetAnnotCount(page.raw):
        return None
    objects = list(page.get_objects(max_depth=2))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    w_pt, h_pt = page.get_size()
    want = (round(h_pt / 72 * dpi), round(w_pt / 72 * dpi))
    if want[0] * want[1] > max_pixels or not _fills_upright(image, page):
        return None
    width, height = image.get_px_size()
    if abs(width - want[1]) > 1 or abs(height - want[0]) > 1:
        return None
    meta = image.get_metadata()
    if meta.colorspace not in PLAIN_COLOURS or meta.bits_per_pixel not in PLAIN_BITS:
        return None
    return _grey(image.get_bitmap(render=False))


def _fills_upright(image: Any, page: Any) -> bool:
    """The image is drawn unturned, unmirrored and over the whole crop box (within 1 pt)."""
    m = image.get_matrix()
    if m.b or m.c or m.a <= 0 or m.d <= 0:
        return False
    box = page.get_cropbox()
    return all(abs(a - b) <= 1.0 for a, b in zip(image.get_bounds(), box, strict=True))


def _grey(bitmap: Any) -> np.ndarray | None:
    """8-bit grey pixels of a pdfium bitmap (grey, BGR or BGRx)."""
    import cv2

    arr = np.asarray(bitmap.to_numpy())
    if arr.ndim == 2:
        return np.ascontiguousarray(arr, dtype=np.uint8)
    if arr.ndim == 3 and arr.shape[2] in (3, 4):
        code = cv2.COLOR_BGR2GRAY if arr.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
        return np.ascontiguousarray(cv2.cvtColor(arr, code))
    return None


def render(page: Any, dpi: int, max_pixels: int) -> tuple[np.ndarray, int]:
    """Greyscale pixels of the page at ``dpi`` (lowered to stay under ``max_pixels``)."""
    w_pt, h_pt = page.get_size()
    pixels = (w_pt / 72 * dpi) * (h_pt / 72 * dpi)
    if pixels > max_pixels:
        dpi = int(dpi * (max_pixels / pixels) ** 0.5)
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    arr = np.array(bitmap.to_numpy(), dtype=np.uint8)
    if arr.ndim == 3:
        arr = arr[:, :, 0]
    return np.ascontiguousarray(arr), dpi
