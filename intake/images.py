"""Image clean-up with OpenCV: small pure functions, each applied when it helps.

Every geometric step returns the new image and the 3x3 matrix that maps the old image's
pixel coordinates to the new one's, so word boxes can be mapped back to the original page
(``map_boxes``). Pixel steps (denoise, flatten) keep coordinates.

Measured on this machine (bench/RESULTS.md): deskew by text-line blobs (minAreaRect) takes
milliseconds and is exact to ~0.01 degree, where Hough lines cost 1.3x an OCR; fastNlMeans
denoising costs 5x an OCR and is not used; adaptive thresholding hurt Tesseract 5, which
binarises for itself, so pages go to it in greyscale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

Matrix = np.ndarray  # 3x3 float64, old pixel coordinates -> new
IDENTITY: Matrix = np.eye(3)
TARGET_TEXT_HEIGHT = 26.0  # median glyph height (px) scaled to (measured, bench/RESULTS.md)


# --- loading ---------------------------------------------------------------------------------


def exif_turn(img: Image.Image) -> int:
    """Clockwise turn (0/90/180/270) that a photo's EXIF orientation asks for."""
    return {3: 180, 6: 90, 8: 270}.get(int(img.getexif().get(0x0112, 1) or 1), 0)


def to_gray(img: Image.Image) -> np.ndarray:
    """8-bit greyscale of any Pillow mode; transparency is laid on white paper."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(paper, rgba)
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.float64)
        top = max(float(arr.max()), 1.0)
        return np.ascontiguousarray((arr * (255.0 / top)).astype(np.uint8))
    return np.ascontiguousarray(np.asarray(img.convert("L"), dtype=np.uint8))


# --- measuring -------------------------------------------------------------------------------


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark-on-light ink as 255 (Otsu), for measuring only: Tesseract gets the greyscale."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


BLANK_MAX_GLYPHS = 8  # fewer glyph-sized marks than this ...
BLANK_MAX_INK = 0.005  # ... and less of the page under ink than this: a blank page
MIN_INK_STEP = 10.0  # grey levels under the paper that count as ink on noiseless paper
NOISE_STEPS = 4.0  # ... and on noisy paper, this many times the paper's own spread
MAX_PAPER_NOISE = 12.0  # median depth over this (Gaussian noise sd ~10): not paper at all


def is_blank(gray: np.ndarray) -> bool:
    """A light page with no marks worth reading (a black page is a failed scan, not blank).

    Judged on ink structure, not global contrast: the paper is estimated round each point
    (a closing wider than a glyph, so shadows and tinted paper are paper), and ink is what
    lies under it by more than the paper's own noise; a page is blank when that ink makes
    fewer than BLANK_MAX_GLYPHS glyph-sized marks and covers under BLANK_MAX_INK of it.
    Faint but legible print on a sparse page (ink a sixth of the way to paper) is so not
    taken for a blank, nor is a block of text a blur has run together (bench/unreadable.py)."""
    small = shrink(gray, 1000)
    if float(small.mean()) < 128:
        return False
    depth = paper_depth(small)
    if float(np.median(depth)) > MAX_PAPER_NOISE:
        return False  # no even paper: static or a picture, unreadable but not blank
    glyphs, covered = _marks(depth)
    return glyphs < BLANK_MAX_GLYPHS and covered < BLANK_MAX_INK


def paper_depth(gray: np.ndarray) -> np.ndarray:
    """How far each pixel lies under the paper round it (0 on paper), in grey levels."""
    k = max(15, min(gray.shape[:2]) // 25) | 1
    paper = cv2.morphologyEx(
        gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    )
    return cv2.subtract(paper, gray)


def _marks(depth: np.ndarray) -> tuple[int, float]:
    """Glyph-sized ink marks, and the share of the page that ink away from the page's edge
    covers (a blurred text block runs together into marks too tall for glyphs). Ink lies
    deeper than the paper's noise: the median depth is the noise's scale (on paper a
    closing lifts each pixel to its neighbourhood's brightest)."""
    step = max(MIN_INK_STEP, NOISE_STEPS * float(np.median(depth)))
    ink = (depth > step).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    glyphs = int(((h >= 3) & (h <= depth.shape[0] // 10)).sum())
    inner = (x > 0) & (y > 0) & (x + w < depth.shape[1]) & (y + h < depth.shape[0])
    return glyphs, float(area[inner].sum()) / depth.size


def shrink(gray: np.ndarray, longest: int) -> np.ndarray:
    """A smaller copy for measuring: strided decimation first (free), then area resampling."""
    scale = longest / max(gray.shape[:2])
    if scale >= 1.0:
        return gray
    step = int(1 / scale / 1.5)
    if step >= 2:
        gray = np.ascontiguousarray(gray[::step, ::step])
        scale = longest / max(gray.shape[:2])
        if scale >= 0.95:
            return gray
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _decimated(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """Every second pixel of a large page (4x cheaper blob analysis), with the step."""
    step = 2 if max(gray.shape[:2]) > 2200 else 1
    return (np.ascontiguousarray(gray[::step, ::step]) if step > 1 else gray), step


def text_height(gray: np.ndarray) -> float | None:
    """Median height of glyph-like ink blobs, in pixels; None when there are too few."""
    small, step = _decimated(gray)
    found = _text_height(small)
    return None if found is None else found * step


def _text_height(gray: np.ndarray) -> float | None:
    # A 3x3 dilation rejoins the fragments of faded thermal print and broken fax glyphs; but
    # small print at low dpi then merges into word blobs, so without it is the fallback.
    ink = ink_mask(gray)
    found = _glyph_median(cv2.dilate(ink, np.ones((3, 3), np.uint8)), grown=2)
    return found if found is not None else _glyph_median(ink, grown=0)


def _glyph_median(mask: np.ndarray, grown: int) -> float | None:
    """Median height of glyph-shaped blobs; barcode bars (thin and tall) are not glyphs."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    h, w = stats[1:, cv2.CC_STAT_HEIGHT] - grown, stats[1:, cv2.CC_STAT_WIDTH] - grown
    area = stats[1:, cv2.CC_STAT_AREA]
    glyph = (h >= 4) & (h <= mask.shape[0] / 15) & (w <= 3 * h) & (w >= 0.25 * h)
    glyph &= area >= 0.15 * h * w
    if int(glyph.sum()) < 15:
        return None
    return float(np.median(h[glyph]))


def line_angle(gray: np.ndarray, glyph_height: float | None = None) -> float | None:
    """Angle of the text lines in degrees, in (-90, 90]; positive runs down to the right.

    Glyphs are smeared into line blobs with a horizontal closing, then each long blob's
    minAreaRect gives an angle; the length-weighted median wins. Near +-90: vertical text.
    """
    small = shrink(gray, 1600)
    f = small.shape[1] / gray.shape[1]
    gh = max(3.0, (glyph_height or 20.0) * f)
    mask = ink_mask(small)
    k = max(3, int(gh * 1.2))
    angles, weights = [], []
    # each closing counts only the lines it is for: a level blob the vertical closing finds
    # is one the horizontal closing has counted already (a signature counted twice won)
    for kernel, vertical in ((np.ones((1, k), np.uint8), False), (np.ones((k, 1), np.uint8), True)):
        closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            (_, _), (rw, rh), _ = rect = cv2.minAreaRect(c)
            long_side, short_side = max(rw, rh), min(rw, rh)
            if long_side < 8 * gh or short_side > 3 * gh or short_side < 0.5 * gh:
                continue
            p = cv2.boxPoints(rect)
            edges = [p[1] - p[0], p[2] - p[1]]
            dx, dy = max(edges, key=lambda e: float(np.hypot(*e)))
            a = math.degrees(math.atan2(float(dy), float(dx)))
            a = (a + 90.0) % 180.0 - 90.0  # (-90, 90]
            if (abs(a) > 45.0) != vertical:
                continue
            angles.append(a if a != -90.0 else 90.0)
            weights.append(long_side)
    if len(angles) < 3:
        return None
    return _weighted_median(np.array(angles), np.array(weights))


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2.0)])


def speckle_ratio(gray: np.ndarray) -> float:
    """Share of ink blobs that are 1-3 pixel specks (salt-and-pepper noise, fax dirt)."""
    small, _ = _decimated(gray)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink_mask(small), connectivity=8)
    if n <= 1:
        return 0.0
    return float((stats[1:, cv2.CC_STAT_AREA] <= 3).sum()) / (n - 1)


def background_unevenness(gray: np.ndarray) -> float:
    """Spread of the paper's brightness (shadows, phone-photo lighting), 0..255."""
    small = shrink(gray, 400)
    paper = cv2.dilate(small, np.ones((15, 15), np.uint8))
    return float(np.percentile(paper, 95) - np.percentile(paper, 5))


def ink_edges(gray: np.ndarray) -> tuple[float, float] | None:
    """(contrast, sigma): grey levels from ink to paper (Otsu's split), and the blur of the
    ink's edges as a Gaussian sigma in pixels; None without ink and paper to tell apart.

    A step edge of contrast C blurred by sigma peaks at a gradient of C / (sigma * 2.5), so
    the strongest gradients (90th percentile over edge pixels) give sigma. Sharp print
    measures about 0.9-1.2 px (pixel sampling); a Gaussian blur of 4 px measures 3.1-3.5."""
    small, step = _decimated(gray)
    cut, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink, paper = small[small <= cut], small[small > cut]
    if ink.size < 50 or paper.size < 50:
        return None
    contrast = float(np.median(paper)) - float(np.percentile(ink, 10))
    if contrast < 8:
        return None
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    mag = np.hypot(gx, gy)
    edges = mag[mag > 0.05 * contrast]
    if edges.size < 50:
        return None
    return contrast, contrast / (float(np.percentile(edges, 90)) * 2.5) * step


def dark_banners(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of dark filled bands holding light text (white on a coloured
    title banner or table header). A band is one dark component, wide and at least a line
    high, mostly dark (a line of black text is not: its letters are separate components),
    with some light pixels inside (the letters), not the page's surround."""
    small = shrink(gray, 800)
    f = gray.shape[1] / small.shape[1]
    paper = float(np.percentile(small, 90))
    cut = min(paper * 0.6, 140.0)
    dark = (small < cut).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    h_img, w_img = small.shape
    boxes = []
    for x, y, w, h, area in stats[1:]:
        if w < 0.1 * w_img or h < max(8, 0.012 * h_img) or w * h > 0.4 * w_img * h_img:
            continue
        if x == 0 or y == 0 or x + w >= w_img or y + h >= h_img:
            continue  # the desk or a scanner's lid round the page
        region = small[y : y + h, x : x + w]
        light = float((region > (cut + paper) / 2).mean())
        if area >= 0.55 * w * h and 0.02 <= light <= 0.45:
            boxes.append((int(x * f), int(y * f), int((x + w) * f), int((y + h) * f)))
    return boxes


def invert_regions(gray: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    """A copy with each box's pixels inverted (light text on dark becomes dark on light) and
    stretched so the band's inverted colour is white paper (a mid-blue band inverts to grey,
    which Tesseract's global threshold takes for ink)."""
    out = gray.copy()
    for x0, y0, x1, y1 in boxes:
        inverted = 255.0 - out[y0:y1, x0:x1].astype(np.float32)
        band = max(float(np.percentile(inverted, 80)), 1.0)
        out[y0:y1, x0:x1] = np.clip(inverted * (255.0 / band), 0, 255).astype(np.uint8)
    return out


def sharpen(gray: np.ndarray) -> np.ndarray:
    """Local contrast (CLAHE) and an unsharp mask: a soft or low-contrast photo's last try."""
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)
    soft = cv2.GaussianBlur(clahe, (0, 0), 2.0)
    return cv2.addWeighted(clahe, 1.8, soft, -0.8, 0)


# --- geometric steps (return image, matrix) --------------------------------------------------


def unsharp(gray: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    """An unsharp mask at the blur's own scale: a first-order undoing of a Gaussian blur."""
    f = gray.astype(np.float32)
    soft = cv2.GaussianBlur(f, (0, 0), sigma)
    return np.clip(f + amount * (f - soft), 0, 255).astype(np.uint8)


def scale(gray: np.ndarray, factor: float) -> tuple[np.ndarray, Matrix]:
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    out = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interp)
    m = np.diag([out.shape[1] / gray.shape[1], out.shape[0] / gray.shape[0], 1.0])
    return out, m


# the most a page is ever enlarged for reading, all steps together: x4 turned receipt noise
# into text, and random noise measures as tiny glyphs (a noise page enlarged x3 then x2 more
# cost 29 s of Tesseract for nothing)
MAX_ENLARGEMENT = 3.0


def enlargement(matrix: Matrix) -> float:
    """How much a page's pixels were enlarged by the transform (source -> now)."""
    return float(np.sqrt(abs(np.linalg.det(np.asarray(matrix)[:2, :2]))))


def resolution_factor(glyph_height: float | None, longest_side: int) -> float:
    """Scale that brings text to Tesseract's best size; 1.0 when close enough."""
    if glyph_height is None:
        return 1.0
    f = TARGET_TEXT_HEIGHT / glyph_height
    f = min(f, MAX_ENLARGEMENT, 12000 / max(longest_side, 1))
    return 1.0 if 0.5 <= f <= 1.3 else f


def rotate_quarter(gray: np.ndarray, cw: int) -> tuple[np.ndarray, Matrix]:
    """Turn by 0/90/180/270 degrees clockwise."""
    h, w = gray.shape[:2]
    if cw % 360 == 0:
        return gray, IDENTITY.copy()
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    mats = {
        90: [[0, -1, h - 1], [1, 0, 0], [0, 0, 1]],
        180: [[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]],
        270: [[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]],
    }
    return cv2.rotate(gray, codes[cw % 360]), np.array(mats[cw % 360], dtype=np.float64)


def rotate_by(gray: np.ndarray, angle: float) -> tuple[np.ndarray, Matrix]:
    """Rotate counter-clockwise by ``angle`` degrees about the centre, canvas enlarged."""
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos + 0.5), int(h * cos + w * sin + 0.5)
    m[0, 2] += nw / 2.0 - w / 2.0
    m[1, 2] += nh / 2.0 - h / 2.0
    paper = int(np.percentile(shrink(gray, 300), 90))
    out = cv2.warpAffine(
        gray,
        m,
        (nw, nh),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=paper,
    )
    return out, np.vstack([m, [0, 0, 1]])


def deskew(gray: np.ndarray, angle: float, min_angle: float = 0.1) -> tuple[np.ndarray, Matrix]:
    """Undo a small skew measured by ``line_angle`` (lines running down-right are positive)."""
    if abs(angle) < min_angle or abs(angle) > 45:
        return gray, IDENTITY.copy()
    return rotate_by(gray, angle)


def crop_dark_borders(
    gray: np.ndarray, dark: int = 80, share: float = 0.5
) -> tuple[np.ndarray, Matrix]:
    """Trim the black margins of photocopies and flatbed lids (dark runs from each edge)."""
    d = gray[:, ::4] < dark
    rows = d.mean(axis=1) > share
    cols = (gray[::4, :] < dark).mean(axis=0) > share
    top = _run(rows)
    bottom = len(rows) - _run(rows[::-1])
    left = _run(cols)
    right = len(cols) - _run(cols[::-1])
    if bottom - top < gray.shape[0] // 2 or right - left < gray.shape[1] // 2:
        return gray, IDENTITY.copy()
    if (top, left, bottom, right) == (0, 0, gray.shape[0], gray.shape[1]):
        return gray, IDENTITY.copy()
    m = np.array([[1, 0, -left], [0, 1, -top], [0, 0, 1]], dtype=np.float64)
    return np.ascontiguousarray(gray[top:bottom, left:right]), m


def _run(flags: np.ndarray) -> int:
    """Length of the leading run of True."""
    idx = np.flatnonzero(~flags)
    return int(idx[0]) if idx.size else len(flags)


SHEET_SOLIDITY = 0.95  # a sheet's light region fills this much of its hull (measured: 0.997
# on a photographed A4 copy; 0.895 where Otsu's cut leaked into a lit corner of the desk)


def find_document_quad(gray: np.ndarray) -> np.ndarray | None:
    """Corners of a sheet or card photographed on a darker surface, or None.

    The quad must cover 15-92% of the photo and be clearly lighter than what lies around it,
    so a form's printed frame on a scan is never taken for the paper's edge. Two outlines are
    tried: Otsu's cut between light and dark, which a shadow across the sheet moves into the
    paper (the shaded half then counts as surface), and the sheet's sharp edges (Canny; a
    shadow's edge is soft); the larger valid sheet wins.
    """
    small = shrink(gray, 800)
    f = small.shape[1] / gray.shape[1]
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, otsu = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    found = (_sheet_quad(small, otsu), _sheet_quad(small, _sheet_edges(blur)))
    valid = [q for q in found if q is not None]
    if not valid:
        return None
    solid = [q for q in valid if q.solid] or valid
    best = max(solid, key=lambda q: cv2.contourArea(q.corners.astype(np.float32)))
    return _order_corners(best.corners.astype(np.float64) / f)


def _sheet_edges(blur: np.ndarray) -> np.ndarray:
    """The sheet's outline as a filled region, from its edges."""
    edges = cv2.dilate(cv2.Canny(blur, 40, 120), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(blur)
    if contours:
        hull = cv2.convexHull(max(contours, key=cv2.contourArea))
        cv2.fillConvexPoly(filled, hull.reshape(-1, 2), 255)
    return filled


@dataclass(frozen=True)
class SheetQuad:
    """A sheet's four corners (in the shrunk photo) and whether its region is solid: a region
    that leaked into a lit patch of the desk fills its hull poorly (its quad then takes desk
    for paper, and the flattened desk reads as noise)."""

    corners: np.ndarray
    solid: bool


def _sheet_quad(small: np.ndarray, paper: np.ndarray) -> SheetQuad | None:
    """The four corners of the largest light region, when it is a plausible sheet."""
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    c = max(contours, key=cv2.contourArea)
    hull_area = max(cv2.contourArea(cv2.convexHull(c)), 1.0)
    solid = cv2.contourArea(c) / hull_area >= SHEET_SOLIDITY
    share = cv2.contourArea(c) / float(small.shape[0] * small.shape[1])
    if not 0.15 <= share <= 0.92:
        return None
    approx = cv2.approxPolyDP(cv2.convexHull(c), 0.02 * cv2.arcLength(c, True), True)
    if len(approx) != 4:
        return None
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, approx.reshape(-1, 2), 255)
    outside = small[inside == 0]
    if outside.size == 0 or float(small[inside > 0].mean()) - float(outside.mean()) < 30:
        return None
    return SheetQuad(approx.reshape(4, 2), solid)


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]])


def warp_quad(gray: np.ndarray, quad: np.ndarray) -> tuple[np.ndarray, Matrix]:
    """Perspective-correct the quad to a flat rectangle of its own size."""
    tl, tr, br, bl = quad
    w = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(gray, m, (w, h), flags=cv2.INTER_LINEAR), m.astype(np.float64)


# --- pixel steps (coordinates unchanged) -----------------------------------------------------


def remove_specks(gray: np.ndarray) -> np.ndarray:
    """Median filter: clears salt-and-pepper specks at 1/5 the cost of fastNlMeans."""
    return cv2.medianBlur(gray, 3)


def is_bilevel(gray: np.ndarray) -> bool:
    """Black and white only (a fax, a thresholded scan): there is no light to even out."""
    small = shrink(gray, 800)
    extremes = np.count_nonzero((small <= 16) | (small >= 239))
    return bool(extremes >= 0.9 * small.size)


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide out uneven lighting (a phone's shadow) so the paper is evenly white."""
    k = max(15, (min(gray.shape[:2]) // 30) | 1)
    paper = cv2.morphologyEx(
        gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    )
    return cv2.divide(gray, np.maximum(smooth(paper, k / 3), 1), scale=255)


def smooth(gray: np.ndarray, sigma: float) -> np.ndarray:
    """A wide Gaussian blur (a background's light) at a fraction of its cost: blurred on a copy
    shrunk so that the blur spans about 16 of its pixels, then enlarged back. A full-size blur
    of sigma 33 took 0.45 s of a phone photo's CPU; what a wide blur leaves has no detail that
    the smaller copy loses (the light it estimates changes over hundreds of pixels)."""
    factor = int(sigma // 16)
    h, w = gray.shape[:2]
    if factor < 2 or min(h, w) < 16 * factor:
        return cv2.GaussianBlur(gray, (0, 0), sigma)
    small = cv2.resize(gray, (max(1, w // factor), max(1, h // factor)),
                       interpolation=cv2.INTER_AREA)  # fmt: skip
    small = cv2.GaussianBlur(small, (0, 0), sigma / factor)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


# --- mapping back ----------------------------------------------------------------------------


def map_boxes(boxes: np.ndarray, matrix: Matrix) -> np.ndarray:
    """Map (n, 4) x0,y0,x1,y1 boxes through ``matrix``; returns axis-aligned boxes."""
    if len(boxes) == 0:
        return boxes.reshape(0, 4)
    x0, y0, x1, y1 = boxes.T
    corners = np.stack([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], axis=0)  # (4, 2, n)
    pts = np.concatenate([corners, np.ones((4, 1, len(boxes)))], axis=1)  # (4, 3, n)
    mapped = np.einsum("ij,kjn->kin", matrix, pts)
    xy = mapped[:, :2, :] / mapped[:, 2:3, :]
    return np.stack([xy[:, 0].min(0), xy[:, 1].min(0), xy[:, 0].max(0), xy[:, 1].max(0)], axis=1)
