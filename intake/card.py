"""Identity cards in a photo or scan: found, straightened, their printed background suppressed.

A real MyKad prints its text over a blue guilloche, a ghost photo and a hologram; read as a
whole page, Tesseract loses most of it (the specimen front: quality 0.34, no number, no name).
The card is read again here, only when the page looks like a card and its first reading is
poor or holds no card number:

    find_card()            the card's ID-1 rectangle (85.6 x 53.98 mm): a four-cornered outline
                           of that aspect covering a good part of the photo, or the whole image
                           when it is cropped tight to the card
    straighten()           perspective warp to ID-1 at 300 dpi (1012 x 638 px)
    suppress_background()  brightest colour channel (the blue print turns near white, the black
                           text stays black), divided by its own closed background, Otsu

Measured on ../shared/real (psm 11, 1012 x 638): max channel / division / Otsu read every
card's number, and the front's name and address; plain grey read the numbers of none of the
two specimen sides; CLAHE lost most words (quality 0.30-0.60) and is not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

from intake.ocr import OcrResult, OcrWord

ASPECT = 85.6 / 53.98  # ID-1 width / height
ASPECT_TOLERANCE = 0.18  # relative: perspective and a loose crop stretch the outline
CARD_SIZE = (1012, 638)  # ID-1 at 300 dpi, width x height: Tesseract's best text size here
MIN_AREA = 0.25  # share of the photo a found card must cover (a desk photo, a tight crop)
MIN_CONTRAST = 20  # grey levels between a card's median and its surroundings' median
SEARCH_SIDE = 800  # outlines are searched on a copy of at most this many pixels
BACKGROUND_KERNEL = 31  # px at 300 dpi (2.6 mm): wider than a stroke, narrower than a word
GOOD_QUALITY = 0.75  # a reading at or above this is not read again (unless its number is cut)
CARD_NUMBER = re.compile(r"\d{6}-\d{2}-\d{4}")
CUT_NUMBER = re.compile(r"\d{6}\s*-")  # a card number's start whose rest was read in pieces


@dataclass(frozen=True)
class CardQuad:
    """The card's corners in the image's pixels: top-left, top-right, bottom-right,
    bottom-left; ``whole`` when the image is the card (cropped tight)."""

    corners: np.ndarray  # (4, 2) float64
    whole: bool = False


def card_shaped(width: float, height: float) -> bool:
    """A landscape rectangle of the ID-1 aspect, within the tolerance."""
    ratio = width / max(height, 1.0)
    return abs(ratio / ASPECT - 1.0) <= ASPECT_TOLERANCE


def find_card(gray: np.ndarray) -> CardQuad | None:
    """The card in a photo or scan, or None (an A4 form, a receipt, a card too small)."""
    h, w = gray.shape[:2]
    scale = min(1.0, SEARCH_SIDE / max(h, w))
    small = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    quad = _outline(small)
    if quad is not None:
        return CardQuad(quad / scale)
    return whole_card(w, h) if card_shaped(w, h) else None


def whole_card(width: int, height: int) -> CardQuad:
    """The whole image as the card (cropped tight)."""
    corners = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]]
    return CardQuad(np.array(corners, dtype=np.float64), whole=True)


def _outline(small: np.ndarray) -> np.ndarray | None:
    """The largest four-cornered outline of card aspect covering MIN_AREA of the image."""
    edges = cv2.Canny(cv2.GaussianBlur(small, (5, 5), 0), 30, 90)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    least = MIN_AREA * small.shape[0] * small.shape[1]
    best: np.ndarray | None = None
    best_area = least
    for c in contours:
        area = cv2.contourArea(c)
        if area < best_area:
            continue
        quad = _four_corners(c)
        if quad is not None and _card_quad(quad) and _stands_out(small, quad):
            best, best_area = quad, area
    return best


def _four_corners(contour: np.ndarray) -> np.ndarray | None:
    """Four corners of a convex outline; rounded corners fall to the polygon's tolerance."""
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    for eps in (0.02, 0.04):
        poly = cv2.approxPolyDP(hull, eps * peri, True)
        if len(poly) == 4:
            return _ordered(poly.reshape(4, 2).astype(np.float64))
    return None


def _ordered(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left (by sums and differences)."""
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]])


def _sides(quad: np.ndarray) -> tuple[float, float]:
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width), float(height)


def _card_quad(quad: np.ndarray) -> bool:
    return len({tuple(p) for p in quad.tolist()}) == 4 and card_shaped(*_sides(quad))


def _stands_out(small: np.ndarray, quad: np.ndarray) -> bool:
    """A card differs in tone from what lies around it (a desk, the paper of a copy); a box
    ruled on a form is paper inside and out."""
    inside = np.zeros(small.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 255)
    grow = max(5, min(small.shape[:2]) // 30)
    around = (cv2.dilate(inside, np.ones((grow, grow), np.uint8)) > 0) & (inside == 0)
    ring, core = small[around], small[cv2.erode(inside, np.ones((grow, grow), np.uint8)) > 0]
    if ring.size < grow * grow or core.size == 0:
        return True  # the card fills the image: nothing around it to compare
    return abs(float(np.median(core)) - float(np.median(ring))) >= MIN_CONTRAST


def straighten(image: np.ndarray, quad: CardQuad) -> tuple[np.ndarray, np.ndarray]:
    """The card warped flat to CARD_SIZE, and the 3x3 matrix image pixels -> card pixels."""
    w, h = CARD_SIZE
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(quad.corners.astype(np.float32), dst)
    card = cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_AREA, borderValue=255)
    return card, m.astype(np.float64)


def brightest_channel(rgb: np.ndarray) -> np.ndarray:
    """Per pixel the brightest of R, G, B: coloured print goes light, black text stays."""
    if rgb.ndim == 2:
        return rgb
    return np.ascontiguousarray(rgb[..., :3].max(axis=2))


def suppress_background(card: np.ndarray) -> np.ndarray:
    """Black text on white from a straightened card (colour or grey)."""
    bright = brightest_channel(card)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (BACKGROUND_KERNEL, BACKGROUND_KERNEL))
    background = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel)
    flat = cv2.divide(bright, np.maximum(background, 1), scale=255)
    _, binary = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def has_card_number(text: str) -> bool:
    return CARD_NUMBER.search(text) is not None


def worth_reading_again(kind: str, text: str, quality: float) -> bool:
    """A poor reading, or a card whose number was read in pieces ("000000-01- -0101"); a
    card-shaped page read well without any number (a clinic's slip) is left alone."""
    if quality < GOOD_QUALITY:
        return True
    return kind == "card" and not has_card_number(text) and CUT_NUMBER.search(text) is not None


# --- a card copied on a page ---------------------------------------------------------------
# A MyKad photocopied on A4 (domain.md 2.1: "Photocopy of the identity card (MyKad)") is a
# printed ID-1 outline covering ~7% of the sheet (85.6 x 54 mm on 210 x 297 mm), in the
# paper's own tone. Read as a whole page (psm 3), its name line can be lost (tu30: the number
# and address read, the name not); read alone, the card's box gives every line.
MIN_ON_PAGE = 0.02  # share of the page an outline must cover (a copy photographed with margins)
Box = tuple[int, int, int, int]


def cards_on_page(gray: np.ndarray) -> list[Box]:
    """Boxes (x0, y0, x1, y1, pixels of ``gray``) of ID-1 outlines smaller than find_card's,
    found by their printed border alone (no tone contrast: a copy is the paper's tone);
    the outer and inner edge of one border give one box."""
    h, w = gray.shape[:2]
    scale = min(1.0, SEARCH_SIDE / max(h, w))
    small = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    edges = cv2.dilate(cv2.Canny(cv2.GaussianBlur(small, (5, 5), 0), 30, 90), np.ones((3, 3)))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    total = small.shape[0] * small.shape[1]
    found: list[Box] = []
    for c in sorted(contours, key=cv2.contourArea, reverse=True):
        if not MIN_ON_PAGE <= cv2.contourArea(c) / total < MIN_AREA:
            continue
        quad = _four_corners(c)
        if quad is None or not _card_quad(quad):
            continue
        x, y, bw, bh = cv2.boundingRect(quad.astype(np.float32))
        box = (round(x / scale), round(y / scale), round((x + bw) / scale), round((y + bh) / scale))
        if not any(_overlap(box, b) for b in found):
            found.append(box)
    return found


def _overlap(a: Box, b: Box) -> bool:
    """The boxes share more than half of the smaller one."""
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return iw * ih > 0.5 * smaller


def with_card_read(result: OcrResult, box: Box, card_words: list[OcrWord]) -> OcrResult | None:
    """``result`` with the words inside ``box`` replaced by ``card_words`` (read from the box
    alone, in page pixels), as a block of their own where the first of them stood; None when
    the card's own reading holds fewer words than the page's reading of it."""
    inside = [i for i, w in enumerate(result.words) if _centre_in(w, box)]
    if len(card_words) < len(inside) or not card_words:
        return None
    block = max((w.block for w in result.words), default=0) + 1
    line = max((w.line for w in result.words), default=0) + 1
    first_line = min(w.line for w in card_words)
    moved = [
        OcrWord(w.text, w.bbox, w.confidence, block, line + w.line - first_line, w.origin)
        for w in card_words
    ]
    at = inside[0] if inside else len(result.words)
    kept = [w for i, w in enumerate(result.words) if i not in set(inside)]
    before = sum(1 for i in range(at) if i not in set(inside))
    return OcrResult(kept[:before] + moved + kept[before:])


# what the page's reading of a box must hold to be a card's front (domain.md 4.1, "Text
# printed on the card": KAD PENGENALAN / IDENTITY CARD, the MyKad logo, the IC number)
_CARD_TITLE = re.compile(r"KAD\s+PENGENALAN|IDENTITY\s+CARD|MyKad", re.IGNORECASE)


def reads_as_card(result: OcrResult, box: Box) -> bool:
    """The page's reading of ``box`` holds a card number or a card's title: a ruled box of a
    form that happens to have the card's shape holds neither."""
    text = " ".join(w.text for w in result.words if _centre_in(w, box))
    return has_card_number(text) or _CARD_TITLE.search(text) is not None


def _centre_in(w: OcrWord, box: Box) -> bool:
    cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]
