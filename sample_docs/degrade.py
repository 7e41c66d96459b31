"""Make a clean rendered page look scanned, photocopied, faxed or photographed.

Severity ``clean`` < ``mild`` < ``harsh`` scales skew, blur, noise, uneven light and JPEG
quality. Modes: scan, copy (photocopy), fax (binarised), photo (phone photo on a desk, with
perspective), and the deliberately unreadable ``noise`` and ``black`` pages. Every random draw
comes from ``numpy.random.default_rng(seed)``, so the same seed gives the same pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PIL import Image

from sample_docs.model import PageShot


@dataclass(frozen=True)
class Level:
    skew: float  # max degrees
    blur: float  # gaussian sigma in pixels at 200 dpi
    noise: float  # gaussian sigma, grey levels
    light: float  # depth of uneven lighting, 0..1
    crop: float  # max fraction cropped from an edge
    quality: int  # JPEG quality


LEVELS = {
    "clean": Level(0.3, 0.35, 1.5, 0.0, 0.0, 66),
    "mild": Level(1.6, 0.6, 4.0, 0.12, 0.0, 55),
    "harsh": Level(3.5, 1.0, 8.0, 0.3, 0.04, 42),
}
PAPER = (246, 243, 233)


def _paper(a: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    tone = np.array(PAPER, dtype=np.float32) - rng.uniform(0, 8)
    return a.astype(np.float32) * (tone / 255.0)


def _skew(a: np.ndarray, deg: float, border: float) -> np.ndarray:
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(
        a,
        m,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(border, border, border),
    )


def _light(a: np.ndarray, depth: float, rng: np.random.Generator) -> np.ndarray:
    if depth <= 0:
        return a
    h, w = a.shape[:2]
    # One row and one column broadcast: the same float32 values as a full mesh grid, at a
    # fraction of the memory traffic (the bytes of the committed bundles depend on them).
    xx = np.arange(w, dtype=np.float32)[None, :]
    yy = np.arange(h, dtype=np.float32)[:, None]
    cx, cy = rng.uniform(-0.3, 1.3) * w, rng.uniform(-0.3, 1.3) * h
    r2 = (xx - cx) ** 2 + (yy - cy) ** 2
    shade = np.sqrt(r2, out=r2) / np.hypot(w, h)  # float64 from here, as before
    np.clip(shade, 0, 1, out=shade)
    shade *= depth
    np.subtract(1.0, shade, out=shade)  # 1 - depth * clip(d, 0, 1)
    return a * shade[..., None]


def _noise(a: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    n = rng.normal(0, sigma, a.shape[:2]).astype(np.float32)
    return a + n[..., None]


def _specks(a: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    h, w = a.shape[:2]
    for _ in range(count):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        r = int(rng.integers(1, 3))
        cv2.circle(a, (x, y), r, (60, 60, 60), -1)
    return a


def _crop(a: np.ndarray, frac: float, rng: np.random.Generator) -> np.ndarray:
    if frac <= 0:
        return a
    h, w = a.shape[:2]
    side = int(rng.integers(0, 4))
    cut = int(frac * (h if side in (0, 2) else w) * rng.uniform(0.3, 1.0))
    if cut <= 0:
        return a
    return (a[cut:], a[:, cut:], a[:-cut], a[:, :-cut])[side]


def _photo(a: np.ndarray, rng: np.random.Generator, level: Level) -> np.ndarray:
    """Place the page on a desk and look at it from an angle."""
    h, w = a.shape[:2]
    pad = int(0.12 * max(h, w))
    H, W = h + 2 * pad, w + 2 * pad
    desk: Any = np.empty((H, W, 3), np.float32)
    base = np.array(
        rng.choice([(120, 90, 60), (150, 150, 145), (90, 70, 55), (200, 190, 170)]), np.float32
    )
    grain: Any = rng.normal(0, 10, (H // 8 + 1, W // 8 + 1)).astype(np.float32)
    grain = cv2.resize(grain, (W, H), interpolation=cv2.INTER_LINEAR)
    desk[:] = base
    desk += grain[..., None]
    desk[pad : pad + h, pad : pad + w] = a
    j = 0.07 * min(W, H)
    src: Any = np.array(
        [[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]], np.float32
    )
    dst = src + rng.uniform(-j, j, (4, 2)).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    out = cv2.warpPerspective(desk, m, (W, H), borderMode=cv2.BORDER_REFLECT)
    out = _light(out, max(0.2, level.light), rng) * 1.06
    return out


def _fax(gray: np.ndarray, rng: np.random.Generator) -> Image.Image:
    h, w = gray.shape
    low = cv2.resize(gray, (w, h // 2), interpolation=cv2.INTER_AREA)
    low = cv2.resize(low, (w, h), interpolation=cv2.INTER_NEAREST)
    low = low + rng.normal(0, 18, low.shape)
    bw = (low > 150).astype(np.uint8) * 255
    for _ in range(int(rng.integers(2, 6))):  # streaks from a dirty fax head
        y = int(rng.integers(0, h))
        bw[y : y + 1, :] = np.minimum(bw[y : y + 1, :], (rng.random(w) > 0.3) * 255)
    return Image.fromarray(bw).convert("1")


def unreadable(shot: PageShot, size: tuple[int, int]) -> Image.Image:
    rng = np.random.default_rng(shot.seed)
    w, h = size
    if shot.mode == "black":
        a: Any = rng.normal(14, 6, (h // 4, w // 4, 3))
        a = cv2.resize(a.astype(np.float32), (w, h))
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    a = rng.integers(0, 256, (h // 3, w // 3)).astype(np.float32)
    a = cv2.resize(a, (w, h), interpolation=cv2.INTER_NEAREST)
    a = cv2.GaussianBlur(a, (0, 0), 1.2)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def degrade(img: Image.Image, shot: PageShot) -> Image.Image:
    """The page as it lands in the file (before any rotation)."""
    rng = np.random.default_rng(shot.seed)
    level = LEVELS[shot.severity]
    k = shot.dpi / 200.0
    a = _paper(np.asarray(img.convert("RGB")), rng)
    if shot.mode == "copy":
        a = np.clip((a - 40) * 1.25, 0, 255)
        a = _specks(a, int(rng.integers(10, 60)), rng)
    a = _light(a, level.light * (0.5 if shot.mode != "photo" else 1.0), rng)
    border = 250.0 if shot.mode != "copy" else 40.0
    a = _skew(a, float(rng.uniform(-level.skew, level.skew)), border)
    if shot.mode == "photo":
        a = _photo(a, rng, level)
    if level.blur > 0:
        a = cv2.GaussianBlur(a, (0, 0), level.blur * k)
    a = _noise(a, level.noise, rng)
    a = cv2.GaussianBlur(a, (0, 0), 0.6 * k)  # the sensor's own softness over its noise
    a = _crop(a, level.crop, rng)
    if shot.mode in ("scan", "scan_gray"):  # the scanner's white point swallows the paper tone
        a = a * (255.0 / (float(np.percentile(a[::7, ::7], 75)) - 2.5 * level.noise - 2))
    out = np.clip(a, 0, 255).astype(np.uint8)
    if shot.mode == "fax":
        return _fax(cv2.cvtColor(out, cv2.COLOR_RGB2GRAY), rng)
    if shot.mode in ("copy", "scan_gray"):
        return Image.fromarray(cv2.cvtColor(out, cv2.COLOR_RGB2GRAY), "L")
    return Image.fromarray(out, "RGB")


def rotate(img: Image.Image, degrees: int) -> Image.Image:
    """Rotate clockwise by a multiple of 90 (the page as it appears in the file)."""
    ops = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    return img.transpose(ops[degrees]) if degrees in ops else img
