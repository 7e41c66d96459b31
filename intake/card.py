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
