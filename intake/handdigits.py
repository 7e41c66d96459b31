"""Hand-written digits: a k-nearest-neighbour reader over UCI's handwritten digits.

The samples are scikit-learn's ``load_digits`` (UCI "Optical Recognition of Handwritten
Digits": 32x32 bitmaps counted in 4x4 blocks, 8x8 values 0..16), the first 70% by index,
stored in ``intake/data/handdigits.npz`` by ``bench/train_digits.py`` with the held-back
30% for measuring. Runtime needs numpy and OpenCV only.

    HandDigits.load()   the stored model, its sure distance calibrated
    features(glyph)     a glyph (black on white) made the way UCI made its samples
    HandDigits.read()   (digit, share of the k nearest samples that agree)
    HandDigits.judge()  a Reading: digit, share, distance, and whether it is sure
    calibrate()         the largest sure distance, from held-back samples (never held-out bundles)
    default()           the stored model, loaded once, calibrated

Used by intake.combhand only for a box whose Tesseract reading is unsure (bench/RESULTS.md, #21).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

MODEL = Path(__file__).with_name("data") / "handdigits.npz"
SIDE, BLOCK = 32, 4  # UCI: a 32x32 bitmap, on pixels counted in 4x4 blocks
# the first part of the held-back samples calibrates how near a sure reading's neighbours must
# be; the rest stays for measuring (bench/handdigits.py). Held-out bundles are never used.
CALIBRATION_SHARE = 0.5


def features(glyph: np.ndarray) -> np.ndarray | None:
    """64 values 0..16 of a glyph (uint8, ink dark on white), as UCI made its samples: the
    ink's bounding box fitted into 32x32 keeping its aspect, centred, on pixels counted in
    4x4 blocks. None when there is no ink."""
    ink = glyph < 128
    ys, xs = np.nonzero(ink)
    if not len(ys):
        return None
    box = ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.uint8) * 255
    h, w = box.shape
    f = SIDE / max(h, w)
    size = (max(1, min(SIDE, round(w * f))), max(1, min(SIDE, round(h * f))))
    fitted = cv2.resize(box, size, interpolation=cv2.INTER_AREA) >= 128
    square = np.zeros((SIDE, SIDE), bool)
    top, left = (SIDE - size[1]) // 2, (SIDE - size[0]) // 2
    square[top : top + size[1], left : left + size[0]] = fitted
    blocks = square.reshape(SIDE // BLOCK, BLOCK, SIDE // BLOCK, BLOCK).sum(axis=(1, 3))
    return blocks.reshape(-1).astype(np.float32)


@dataclass(frozen=True)
class Reading:
    digit: str  # "0".."9", or "?" for a box with no ink
    share: float  # of the k nearest samples, the share that vote for ``digit``
    distance: float  # to the farthest of the k nearest samples (features 0..16)
    sure: bool  # unanimous and every neighbour nearer than the calibrated distance


@dataclass(frozen=True)
class HandDigits:
    samples: np.ndarray  # (n, 64) float32, values 0..16
    labels: np.ndarray  # (n,) int digits
    k: int
    held_x: np.ndarray  # the held-back 30% (measuring and tests only)
    held_y: np.ndarray
    max_distance: float = 0.0  # a sure reading's neighbours are all nearer (0: none is sure)

    @classmethod
    def load(cls, path: Path = MODEL) -> HandDigits:
        with np.load(path) as z:
            samples, labels = z["train_x"].astype(np.float32), z["train_y"].astype(np.int64)
            k = int(z["k"])
            held_x, held_y = z["held_x"].astype(np.float32), z["held_y"].astype(np.int64)
        if samples.shape[1] != 64 or len(samples) != len(labels) or not 1 <= k <= len(labels):
            raise ValueError(f"{path}: not a digits model (shape {samples.shape}, k {k})")
        if labels.min() < 0 or labels.max() > 9 or samples.min() < 0 or samples.max() > 16:
            raise ValueError(f"{path}: labels must be 0..9 and values 0..16")
        model = cls(samples, labels, k, held_x, held_y)
        cut = round(len(held_y) * CALIBRATION_SHARE)
        return replace(model, max_distance=calibrate(model, held_x[:cut], held_y[:cut]))

    def neighbours(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Digits, vote shares and distances to the farthest of the k nearest samples, of rows
        of features (n, 64)."""
        d = (
            (x * x).sum(1)[:, None]
            - 2 * x @ self.samples.T
            + (self.samples * self.samples).sum(1)[None, :]
        )
        nearest = np.argpartition(d, self.k - 1, axis=1)[:, : self.k]
        votes = np.zeros((len(x), 10), np.int64)
        np.add.at(votes, (np.arange(len(x))[:, None], self.labels[nearest]), 1)
        far = np.sqrt(np.maximum(np.take_along_axis(d, nearest, 1).max(1), 0))
        return votes.argmax(1), votes.max(1) / self.k, far

    def classify(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Digits and vote shares of rows of features (n, 64)."""
        digits, shares, _ = self.neighbours(x)
        return digits, shares

    def sure(self, share: float, distance: float) -> bool:
        return share >= 1.0 and distance < self.max_distance

    def judge(self, glyph: np.ndarray) -> Reading:
        """The digit of one glyph, how its neighbours voted and whether it is sure."""
        x = features(glyph)
        if x is None:
            return Reading("?", 0.0, float("inf"), False)
        digit, share, far = (float(v[0]) for v in self.neighbours(x[None, :]))
        return Reading(str(int(digit)), share, far, self.sure(share, far))

    def read(self, glyph: np.ndarray) -> tuple[str, float]:
        """The digit of one glyph and the share of its k nearest samples that agree."""
        x = features(glyph)
        if x is None:
            return "?", 0.0
        digit, share = self.classify(x[None, :])
        return str(int(digit[0])), float(share[0])


def calibrate(model: HandDigits, x: np.ndarray, y: np.ndarray) -> float:
    """The distance a sure reading's neighbours must be nearer than: that of the nearest
    unanimous wrong reading among the samples ``x`` (labelled ``y``), so that every unanimous
    reading nearer than it is right; with no unanimous wrong reading, just past the farthest
    right one."""
    digits, shares, far = model.neighbours(x.astype(np.float32))
    unanimous = shares >= 1.0
    wrong = far[unanimous & (digits != y)]
    if len(wrong):
        return float(wrong.min())
    right = far[unanimous]
    return float(np.nextafter(right.max(), np.inf)) if len(right) else 0.0


@functools.cache
def default() -> HandDigits:
    """The stored model, loaded once a process, calibrated on its held-back samples."""
    return HandDigits.load()
