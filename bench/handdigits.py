"""Hand-written digits in comb boxes: Tesseract alone against Tesseract + intake.handdigits.

    OMP_THREAD_LIMIT=1 .venv/bin/python -m bench.handdigits [--font FACE.ttf] [--rows 42]
        [--uncalibrated]

``held``: the held-back 30% of load_digits (never trained on), 12 digits a row in order, each
8x8 sample enlarged (cubic) to 55-75% of a box of 44-76 px and drawn into an IC comb (6-2-4);
``--uncalibrated``: only the rows past the part the sure distance is calibrated on.
``--font``: bench/comb.py's rows (IC and dates) drawn in that face. Each row is read by
intake.comb's ``auto`` method with and without the recogniser: ungated (every filled-in digit
kept, as before #21's gate), gated (kept only when sure: a row alone has no other reading to
agree with), gated with the claim holding the true IC on another document (an IC row's
completion kept when it is that IC: intake.handagree's case), and asked about every box;
per digit (a box read right), per value (every box right) and wrong values (every box holds a
digit, and the value is wrong: what passes on).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from bench import comb as combbench
from bench.combdraw import CombStyle, draw_comb, label
from intake import comb, combhand
from intake.handdigits import CALIBRATION_SHARE, HandDigits
from intake.ocr import OcrEngine, get_engine
from intake.options import ReadOptions

GROUPS = (6, 2, 4)
UNGATED, GATED, CLAIM = "ungated", "gated", "claim"


def _sample(x: np.ndarray, size: int) -> np.ndarray:
    grey = (255 - x.reshape(8, 8) * (255 / 16)).astype(np.float32)
    big = cv2.resize(grey, (size, size), interpolation=cv2.INTER_CUBIC)
    return np.clip(big, 0, 255).astype(np.uint8)


def held_rows(model: HandDigits, seed: int, first: int = 0) -> list[tuple[np.ndarray, str, str]]:
    """Comb rows of the held-back samples, 12 to a row, in order (from sample ``first`` on)."""
    rng = random.Random(seed)
    rows = []
    for start in range(first, len(model.held_y) - 11, 12):
        cell = rng.choice([44, 52, 64, 76])
        style = CombStyle(cell=cell, border=rng.choice([1, 2, 3, 5]))
        img = Image.new("L", (2400, cell + 120), 255)
        x0 = label(img, 60, 60 + cell // 2, "No. Kad Pengenalan:") + 40
        draw_comb(img, x0, 60, "", GROUPS, style)
        page = np.array(img)
        size = int(cell * rng.uniform(0.55, 0.75))
        for i in range(12):
            gi = 0 if i < 6 else 1 if i < 8 else 2
            cx = x0 + i * cell + gi * style.group_gap + cell // 2
            y, x = 60 + cell // 2 - size // 2, cx - size // 2
            digit = _sample(model.held_x[start + i], size)
            page[y : y + size, x : x + size] = np.minimum(page[y : y + size, x : x + size], digit)
        digits = "".join(str(int(d)) for d in model.held_y[start : start + 12])
        rows.append((page, digits, "ic"))
    return rows


def measure(
    engine: OcrEngine,
    rows: list[tuple[np.ndarray, str, str]],
    hand: HandDigits | None,
    mode: str = GATED,
) -> tuple[float, float, float]:
    """(share of boxes read right, of rows read right, of rows read whole but wrong)."""
    boxes = right_boxes = right_rows = wrong_rows = 0
    for gray, digits, kind in rows:
        combs = comb.find_combs(gray)
        gate = combhand.HandGate(hand) if hand is not None else None
        read = comb.read_comb(engine, gray, combs[0], "eng", hand=gate) if combs else None
        chars = read.chars if read is not None and len(read.chars) == len(digits) else ""
        completed = read.completed if read is not None and read.hand == combhand.PENDING else ""
        if completed and (mode == UNGATED or (mode == CLAIM and kind == "ic")):
            # CLAIM: another document of the claim read with the true IC (a MyKad copy, say)
            # agrees exactly when the completion is right (intake.handagree)
            chars = completed if mode == UNGATED or completed == digits else chars
        hits = sum(a == b for a, b in zip(chars, digits, strict=False))
        boxes += len(digits)
        right_boxes += hits
        right_rows += hits == len(digits)
        wrong_rows += chars.isdigit() and len(chars) == len(digits) and hits < len(digits)
    return right_boxes / boxes, right_rows / len(rows), wrong_rows / len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--font", type=Path, action="append")
    ap.add_argument("--rows", type=int, default=42)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--uncalibrated", action="store_true", help="held rows past calibration")
    args = ap.parse_args()
    opts = ReadOptions()
    engine = get_engine(opts.engine, opts.tessdata_dir())
    model = HandDigits.load()
    first = round(len(model.held_y) * CALIBRATION_SHARE) if args.uncalibrated else 0
    if args.font:
        combbench.FONT_OVERRIDE[:] = args.font
        rows, name = combbench._rows(args.rows, args.seed), ",".join(f.name for f in args.font)
    else:
        rows, name = held_rows(model, args.seed, first), "held-back load_digits"
    unsure = combhand.UNSURE
    for label_, hand, limit, mode in (
        ("tesseract", None, unsure, GATED),
        ("+ recogniser ungated", model, unsure, UNGATED),
        ("+ recogniser gated", model, unsure, GATED),
        ("gated, claim has the IC", model, unsure, CLAIM),
        ("recogniser, every box", model, float("inf"), UNGATED),
    ):
        combhand.UNSURE = limit  # inf: every box asked (the recogniser's reading where it is surer)
        digit, value, wrong = measure(engine, rows, hand, mode)
        print(
            f"{name}: {label_:22} digits {digit:.3f}  values {value:.3f}  "
            f"wrong values {wrong:.3f}  (n = {len(rows)} rows)"
        )
    combhand.UNSURE = unsure


if __name__ == "__main__":
    main()
