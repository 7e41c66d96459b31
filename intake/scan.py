"""Reading one scanned page: clean-up, orientation, one recognition, boxes mapped back.

    prepare()    perspective or border crop, resolution, quarter turn, deskew, specks, lighting
    recognise()  OCR; orientation checked only when the page reads poorly (OSD is gated:
                 it costs about one OCR and was wrong on an ID card with low confidence)
    read_scan()  the Page, with word boxes in the original pixel grid

Page kinds pick the page segmentation (bench/RESULTS.md): ``page`` psm 3 after deskew,
``card`` psm 11 (cheapest and most accurate on ID cards), ``receipt`` psm 6 (SROIE dev
receipts: CER 0.216 against 0.225 for psm 3 and 0.320 for psm 4, and faster).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from intake import card, comb, combhand, handdigits, hashes
from intake import images as im
from intake.cost import step
from intake.models import CombRead, Page, Word
from intake.ocr import OcrEngine, OcrResult, OcrWord, stamp
from intake.options import ReadOptions

PSM = {"page": 3, "card": 11, "receipt": 6}
SPARSE = 11  # sparse text: the fallback where page layout analysis finds almost nothing
FEW_WORDS = 5  # a first reading of fewer words is retried as sparse text
GOOD_CONFIDENCE = 0.5  # above: upright, no OSD (upside-down pages read <= 0.38, measured)
OSD_SURE = 2.0
SEPARATOR_MAX_WORDS = 25  # as intake.split.page_info
UNREADABLE_BELOW = 0.35  # page quality under which a page may be unreadable (see legibility)
RETRY_BELOW = 0.5  # page quality under which a flattened copy is read too
TURN_MARGIN = 0.1  # OSD unsure: a 180-degree turn must read this much better to be kept
# The unreadable gate (bench/unreadable.py, bench/RESULTS.md): a page that reads poorly is
# called unreadable only when a person could not read it either: its letters under MIN_TEXT_PX
# high, edges blurred over BLUR_SHARE of a letter's height, or ink within MIN_CONTRAST of paper.
# BLUR_SHARE is calibrated there: blur also widens the measured glyph (26 -> 30 px at sigma 3),
# so the proxy's "sigma up to a third of the clean glyph" measures at most 0.272 on legible
# pages and 0.269-0.54 on the others (6 pages, sigma 1-8; on small print the two overlap).
MIN_TEXT_PX = 8.0
BLUR_SHARE = 0.28
UNSHARP_AMOUNT = 2.0  # unsharp mask at the measured blur, to find glyphs a blur has joined
MIN_CONTRAST = 20.0
SMALL_TEXT_PX = 20.0  # the last clean-up upscales text under this height, else sharpens
UPSCALE_AT_LEAST = 1.3  # an upscale smaller than this is not worth a reading (resolution_factor)


@dataclass
class Prepared:
    image: np.ndarray
    matrix: np.ndarray  # original pixels -> prepared pixels
    rotation: int = 0  # clockwise quarter turns applied, degrees
    skew: float = 0.0
    kind: str = "page"
    psm: int | None = None  # a page segmentation chosen after a first reading (SPARSE)
    steps: list[str] = field(default_factory=list)
    turned_for_vertical: bool = False


def pixel_hash(gray: np.ndarray) -> str:
    h = hashlib.sha256(str(gray.shape).encode())
    h.update(np.ascontiguousarray(gray).data)
    return h.hexdigest()


def page_kind(shape: tuple[int, ...], photo_quad: bool) -> str:
    """card: a landscape ID-1 shape (85.6 x 54 mm); receipt: a long narrow strip."""
    h, w = shape[:2]
    ratio = w / max(h, 1)
    if 1.4 <= ratio <= 1.8 and (photo_quad or max(h, w) <= 1400):
        return "card"
    if h / max(w, 1) >= 2.2:
        return "receipt"
    return "page"


def _apply(p: Prepared, image: np.ndarray, m: np.ndarray, step: str) -> None:
    p.image, p.matrix = image, m @ p.matrix
    p.steps.append(step)


def prepare(gray: np.ndarray, opts: ReadOptions, turn: int = 0) -> Prepared:
    """The clean-up steps, each applied only when its measurement says it helps."""
    p = Prepared(gray, np.eye(3))
    if turn:
        _apply(p, *im.rotate_quarter(gray, turn), f"exif_{turn}")
        p.rotation = turn
    quad = im.find_document_quad(p.image) if opts.perspective else None
    if quad is not None:
        _apply(p, *im.warp_quad(p.image, quad), "perspective")
    else:
        cropped, m = im.crop_dark_borders(p.image)
        if cropped is not p.image:
            _apply(p, cropped, m, "crop_borders")
    glyph = im.text_height(p.image)
    angle = im.line_angle(p.image, glyph) if (opts.deskew or opts.orientation) else None
    if angle is not None and abs(angle) > 45 and opts.orientation:
        angle = _turn_upright(p, angle)
        glyph = im.text_height(p.image)
    p.kind = page_kind(p.image.shape, quad is not None)
    factor = im.resolution_factor(glyph, max(p.image.shape)) if opts.rescale else 1.0
    if factor != 1.0:
        _apply(p, *im.scale(p.image, factor), f"scale_{factor:.2f}")
    if opts.deskew and angle is not None and abs(angle) <= 45:
        image, m = im.deskew(p.image, angle)
        if image is not p.image:
            _apply(p, image, m, f"deskew_{angle:.2f}")
            p.skew = angle
    banners = im.dark_banners(p.image) if p.kind != "card" else []
    if banners:  # white on a coloured band: flattening would whiten it to nothing
        p.image = im.invert_regions(p.image, banners)
        p.steps.append("invert_banner")
    if im.speckle_ratio(p.image) > 0.6:
        p.image = im.remove_specks(p.image)
        p.steps.append("despeckle")
    if quad is not None or im.background_unevenness(p.image) > 60:
        p.image = im.flatten_background(p.image)
        p.steps.append("flatten")
    return p


def _turn_upright(p: Prepared, angle: float) -> float:
    """Turn vertical text lines horizontal; 0 vs 180 is left to OSD. Returns the residual skew."""
    cw = 90 if angle < 0 else 270
    _apply(p, *im.rotate_quarter(p.image, cw), f"turn_{cw}")
    p.rotation = (p.rotation + cw) % 360
    p.turned_for_vertical = True
    return angle + 90 if angle < 0 else angle - 90


def _score(r: OcrResult) -> float:
    return r.mean_confidence * min(1.0, len(r.words) / 20.0)


def _ocr(engine: OcrEngine, image: np.ndarray, p: Prepared, opts: ReadOptions) -> OcrResult:
    psm = opts.psm or p.psm or PSM[p.kind]
    return engine.recognize(image, langs=opts.langs, psm=psm, timeout=opts.page_timeout)


def recognise(engine: OcrEngine, p: Prepared, opts: ReadOptions) -> OcrResult:
    """One OCR when the page reads well; OSD and a second reading only when it does not."""
    if not opts.orientation:
        return _ocr(engine, p.image, p, opts)
    first = None
    if not p.turned_for_vertical:
        first = _sparse_if_better(engine, p, opts, _ocr(engine, p.image, p, opts))
        if _reads_well(first):
            return first
    osd = engine.orientation(p.image)  # full size: a shrunk copy lost OSD its confidence
    sure = osd is not None and osd.confidence >= OSD_SURE and osd.rotate_cw in (0, 180)
    if sure and osd is not None and osd.rotate_cw == 0:
        return first if first is not None else _ocr(engine, p.image, p, opts)
    flipped, m = im.rotate_quarter(p.image, 180)
    second = _ocr(engine, flipped, p, opts)
    if first is None and not sure:
        first = _ocr(engine, p.image, p, opts)
    margin = 0.0 if sure else TURN_MARGIN  # never turn an upright page on a near tie
    if first is None or _score(second) > _score(first) + margin:
        _apply(p, flipped, m, "turn_180")
        p.rotation = (p.rotation + 180) % 360
        return second
    return first


def _reads_well(r: OcrResult) -> bool:
    return r.mean_confidence >= GOOD_CONFIDENCE and len(r.words) >= FEW_WORDS


def _sparse_if_better(
    engine: OcrEngine, p: Prepared, opts: ReadOptions, first: OcrResult
) -> OcrResult:
    """A page on which layout analysis found almost nothing is read again as sparse text.

    Tesseract's page layout (psm 3) can lose nearly all of a card photographed on a sheet
    or a MyKad copy on A4 (2 words, or none, where psm 11 reads 24 at confidence 0.81); the
    better-scoring reading is kept and its segmentation used for the rest of the page."""
    if len(first.words) >= FEW_WORDS or opts.psm or PSM[p.kind] == SPARSE:
        return first
    sparse = engine.recognize(p.image, langs=opts.langs, psm=SPARSE, timeout=opts.page_timeout)
    if _score(sparse) <= _score(first):
        return first
    p.psm = SPARSE
    p.steps.append("sparse")
    return sparse


def second_chance(engine: OcrEngine, p: Prepared, opts: ReadOptions, first: OcrResult) -> OcrResult:
    """A page that reads poorly is read again after other clean-up, the best reading kept.

    First its background flattened: a grey phone photo whose light is too even for
    prepare()'s cut (Tesseract's global threshold then loses the text: quality 0.21 -> 0.90 on
    a sample_docs photo). Then, while it still reads poorly, once more: small text upscaled
    twice, larger text given local contrast and an unsharp mask (a soft or faint photo)."""
    best = first
    if quality(best) < RETRY_BELOW and "flatten" not in p.steps and not im.is_bilevel(p.image):
        best = _retry(engine, p, opts, best, im.flatten_background(p.image), "flatten_retry")
    if quality(best) < RETRY_BELOW:
        glyph = im.text_height(p.image)
        room = im.MAX_ENLARGEMENT / max(im.enlargement(p.matrix), 1e-6)
        if glyph is not None and glyph < SMALL_TEXT_PX:
            if room >= UPSCALE_AT_LEAST:  # else enlarged to the cap already: no more
                image, m = im.scale(p.image, min(2.0, room))
                best = _retry(engine, p, opts, best, image, "upscale_retry", m)
        elif not im.is_bilevel(p.image):  # a fax has no soft light to sharpen
            best = _retry(engine, p, opts, best, im.sharpen(p.image), "sharpen_retry")
    return best


def _retry(
    engine: OcrEngine,
    p: Prepared,
    opts: ReadOptions,
    best: OcrResult,
    image: np.ndarray,
    step: str,
    matrix: np.ndarray | None = None,
) -> OcrResult:
    """Read ``image`` and keep it (and its reading) when it reads better than ``best``."""
    second = _ocr(engine, image, p, opts)
    if quality(second) <= quality(best):
        return best
    _apply(p, image, np.eye(3) if matrix is None else matrix, step)
    return second


def card_chance(
    engine: OcrEngine,
    gray: np.ndarray,
    colour: Callable[[], np.ndarray | None] | None,
    p: Prepared,
    opts: ReadOptions,
    first: OcrResult,
) -> OcrResult:
    """A card, or a poorly read page that holds one, read again straightened with its
    printed background suppressed (intake.card); the better reading is kept. A real MyKad's
    guilloche left the specimen front at quality 0.34 with no number (0.67 and every value
    after). Runs only on pages that read poorly and on cards whose number came in pieces, so
    a well read page costs nothing more."""
    q = quality(first)
    if not card.worth_reading_again(p.kind, first.text, q):
        return first
    located = _locate_card(gray, colour, p)
    if located is None:
        return first
    image, found, base = located
    flat, warp = card.straighten(image, found)
    clean = card.suppress_background(flat)
    second = engine.recognize(clean, langs=opts.langs, psm=SPARSE, timeout=opts.page_timeout)
    better = quality(second) > q
    numbered = card.has_card_number(second.text) and not card.has_card_number(first.text)
    if not (better or numbered):
        return first
    p.image, p.matrix, p.skew, p.kind, p.psm = clean, warp @ base, 0.0, "card", SPARSE
    p.steps.append("card")
    return second


def copied_cards(engine: OcrEngine, p: Prepared, opts: ReadOptions, first: OcrResult) -> OcrResult:
    """A card copied on a page (a MyKad on A4) read again from its box alone, its words
    replacing the page's reading of it (intake.card.cards_on_page). Runs only on a page that
    holds a card number and is not a card itself, for a box whose page reading holds the
    card's number or title: one more reading of a card-sized box."""
    if p.kind == "card" or "card" in p.steps or not card.has_card_number(first.text):
        return first
    result = first
    for x0, y0, x1, y1 in card.cards_on_page(p.image):
        if not card.reads_as_card(result, (x0, y0, x1, y1)):
            continue
        read = engine.recognize(
            p.image[y0:y1, x0:x1], langs=opts.langs, psm=SPARSE, timeout=opts.page_timeout
        )
        words = [_shifted(w, x0, y0) for w in read.words]
        merged = card.with_card_read(result, (x0, y0, x1, y1), words)
        if merged is not None:
            result = merged
            p.steps.append("card_on_page")
    return result


def _shifted(w: OcrWord, dx: int, dy: int) -> OcrWord:
    x0, y0, x1, y1 = w.bbox
    return OcrWord(w.text, (x0 + dx, y0 + dy, x1 + dx, y1 + dy), w.confidence, w.block, w.line)


def _locate_card(
    gray: np.ndarray, colour: Callable[[], np.ndarray | None] | None, p: Prepared
) -> tuple[np.ndarray, card.CardQuad, np.ndarray] | None:
    """The upright page (in colour when it has colour), the card in it and the matrix
    original -> upright; a card-shaped prepared page (cropped of its borders) is the card."""
    upright, turn = im.rotate_quarter(gray, p.rotation)
    found = card.find_card(upright)
    if found is None or (found.whole and p.kind != "card"):
        if p.kind != "card":
            return None
        h, w = p.image.shape[:2]
        return p.image, card.whole_card(w, h), p.matrix
    source = colour() if colour is not None else None
    if source is not None:
        upright = im.rotate_quarter(source, p.rotation)[0]
    return upright, found, turn


def quality(r: OcrResult) -> float:
    """0..1 from mean confidence and the share of confidently read words."""
    if not r.words:
        return 0.0
    sure = sum(w.confidence >= 0.6 for w in r.words) / len(r.words)
    return round(0.6 * r.mean_confidence + 0.4 * sure, 3)


def to_words(r: OcrResult, matrix: np.ndarray) -> list[Word]:
    """Words with boxes mapped back to the original pixel grid."""
    boxes = np.array([w.bbox for w in r.words], dtype=np.float64).reshape(-1, 4)
    back = im.map_boxes(boxes, np.linalg.inv(matrix))
    return [
        Word(
            w.text,
            tuple(round(float(v), 1) for v in b),  # type: ignore[arg-type]
            round(w.confidence, 3),
            w.line,
            w.block,
            w.origin,
        )
        for w, b in zip(r.words, back, strict=True)
    ]


def perceptual_hash(gray: np.ndarray) -> str:
    from PIL import Image

    return hashes.phash(Image.fromarray(im.shrink(gray, 256)))


def _few_words(text: str) -> bool:
    """Few enough words for a separator sheet (split.page_info: a barcode on a page of more
    is a clinic's QR code, not a separator), so worth the barcode scan (15-30 ms a page)."""
    return len(re.findall(r"[A-Za-z0-9]{2,}", text)) < SEPARATOR_MAX_WORDS


def barcodes(gray: np.ndarray) -> list[str]:
    """Barcode and QR texts on a page (separator sheets), read on a copy of at most 1600 px."""
    from intake.split import separator_codes

    return separator_codes(im.shrink(gray, 1600))


def read_scan(
    gray: np.ndarray,
    file: str,
    number: int,
    engine: OcrEngine,
    opts: ReadOptions,
    *,
    dpi: int = 300,
    turn: int = 0,
    content_hash: str = "",
    colour: Callable[[], np.ndarray | None] | None = None,
) -> Page:
    """A scanned page (``gray`` in the original pixel grid) to a Page; ``colour`` gives
    the same page in RGB when it has colour (used only if the page is read as a card)."""
    h, w = gray.shape[:2]
    base = Page(file, number, "", width=w, height=h, dpi=dpi, content_hash=content_hash)
    with step("blank"):
        blank = im.is_blank(gray)
    if blank:
        base.blank, base.quality, base.rotation = True, 1.0, turn
        with step("phash"):
            base.perceptual_hash = perceptual_hash(gray)
        base.reason = "blank"
        return base
    with step("prepare"):
        p = prepare(gray, opts, turn)
    with step("first"):
        result = recognise(engine, p, opts)
    with step("second"):
        result = second_chance(engine, p, opts, result)
    with step("card"):
        result = card_chance(engine, gray, colour, p, opts, result)
        result = copied_cards(engine, p, opts, result)
    with step("comb"):
        hand = combhand.HandGate(handdigits.default()) if opts.hand_digits else None
        combs = comb.read_combs(engine, p.image, opts.langs, hand)  # boxes of one digit each
        combs = combhand.agreed(result, combs)  # unsure hand-read digits need another reading
        result = comb.add_combs(result, combs) if combs else result
    with step("barcode"):
        codes = barcodes(gray) if _few_words(result.text) else []
    with step("words"):
        _fill(base, gray, result, p, engine)
    if combs:
        base.combs = [_comb_read(c) for c in combs]
    base.barcodes = list(codes)  # a separator sheet when little else is printed
    return base


def _comb_read(c: comb.CombRead) -> CombRead:
    left_out = comb.grouped(c.completed, c.comb.groups) if c.hand == combhand.DROPPED else ""
    return CombRead(len(c.comb.cells), c.method, c.hand, left_out)


def _fill(base: Page, gray: np.ndarray, result: OcrResult, p: Prepared, engine: OcrEngine) -> None:
    """The page's words, quality, readability and hashes from its reading."""
    base.text = result.text
    base.words = to_words(result, p.matrix)
    base.rotation, base.skew = p.rotation, round(p.skew, 2)
    base.mean_confidence = round(result.mean_confidence, 3)
    base.quality = quality(result)
    reason = judge(gray, result, base.quality)
    base.readable = reason not in UNREADABLE_REASONS
    if not base.readable:
        base.error = "page_unreadable"
    with step("phash"):
        base.perceptual_hash = perceptual_hash(_upright(gray, p))
    base.ocr_engine = stamp(engine)
    base.kind, base.steps = p.kind, list(p.steps)
    base.reason = reason or None


UNREADABLE_REASONS = frozenset(("too_small", "blurred", "faint", "no_text"))


def judge(gray: np.ndarray, r: OcrResult, page_quality: float) -> str | None:
    """Why a page that reads poorly reads so: a reason in UNREADABLE_REASONS when a person
    could not read it either, ``low_confidence`` when they could (the page stays readable and
    its reading is doubted); None for a page that reads well."""
    if page_quality >= UNREADABLE_BELOW:
        return None
    why = illegible(gray)
    if why is None and not r.words and im.text_height(gray) is None:
        return "no_text"
    return why or "low_confidence"


def illegible(gray: np.ndarray) -> str | None:
    """Why a person could not read the page's print (None: they could), in its own pixels."""
    edges = im.ink_edges(gray)
    if edges is None or edges[0] < MIN_CONTRAST:
        return "faint"
    glyph = im.text_height(gray)
    if glyph is None:  # a heavy blur runs the glyphs together: measured on it unsharpened
        glyph = im.text_height(im.unsharp(gray, edges[1], UNSHARP_AMOUNT))
    if glyph is None:
        return "blurred" if edges[1] > MIN_TEXT_PX * BLUR_SHARE else "too_small"
    if glyph < MIN_TEXT_PX:
        return "too_small"
    if edges[1] > BLUR_SHARE * glyph:
        return "blurred"
    return None


def _upright(gray: np.ndarray, p: Prepared) -> np.ndarray:
    """The original page turned upright (quarter turns only: what phash needs)."""
    return im.rotate_quarter(gray, p.rotation)[0]
