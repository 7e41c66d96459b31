"""Calibrate the unreadable gate (intake.scan.judge) on pages a person can and cannot read.

    .venv/bin/python -m bench.unreadable [--pages N]

Pages: generated text pages at three print sizes and FUNSD form images (../shared/benchmarks).
Each is degraded one way at a time: downscaled (to 1/2 .. 1/10 of its resolution: 150 .. 30 dpi
for a 300-dpi page), Gaussian blur of several sigmas, JPEG quality, low contrast. Every variant
is read by the real reader and its verdict compared with a proxy of a person's reading.

Proxy ("a person reads it"), from the generation parameters, not from the image: the clean
page's median glyph height (intake.images.text_height) times the scale is at least 8 px,
the blur sigma is at most a third of that height, and at least 15 grey levels of ink remain.
Beside it the share of the clean page's OCR words recovered is printed (>= 60%: readable).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.common import ROOT
from intake import images as im
from intake import scan
from intake.ocr import get_engine
from intake.options import ReadOptions

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = [
    "PERTUBUHAN KESELAMATAN SOSIAL",
    "Nama pesakit: Muhammad Hafiz bin Ismail",
    "No. Kad Pengenalan: 870903-10-6231",
    "Tarikh: 2 Oktober 2026 hingga 6 Oktober 2026",
    "Majikan: Syarikat Maju Jaya Sdn. Bhd.",
    "The quick brown fox jumps over the lazy dog.",
]


def generated(size: int) -> np.ndarray:
    img = Image.new("L", (2480, 1400), 250)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, size)
    for i, line in enumerate(LINES):
        draw.text((150, 150 + int(i * size * 1.8)), line, fill=10, font=font)
    return np.asarray(img).copy()


def pages(n_funsd: int) -> list[tuple[str, np.ndarray]]:
    out = [(f"gen{s}", generated(s)) for s in (34, 42, 58)]  # 8, 10, 14 pt at 300 dpi
    funsd = sorted((ROOT / "funsd" / "images").glob("*.png"))[:n_funsd]
    out += [(p.stem, np.asarray(Image.open(p).convert("L")).copy()) for p in funsd]
    return out


def variants(gray: np.ndarray) -> list[tuple[str, np.ndarray, float, float, float]]:
    """(label, image, scale, blur sigma, ink contrast factor)."""
    out = [("clean", gray, 1.0, 0.0, 1.0)]
    for f in (0.5, 0.33, 0.25, 0.17, 0.1):
        out.append(
            (
                f"scale{f}",
                cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA),
                f,
                0.0,
                1.0,
            )
        )
    for s in (1.0, 2.0, 3.0, 5.0, 8.0):
        out.append((f"blur{s}", cv2.GaussianBlur(gray, (0, 0), s), 1.0, s, 1.0))
    for q in (30, 10):
        _, buf = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, q])
        out.append((f"jpeg{q}", cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE), 1.0, 0.0, 1.0))
    for c in (0.3, 0.15, 0.06):
        low = (gray.astype(np.float32) * c + 255 * (1 - c)).astype(np.uint8)
        out.append((f"contrast{c}", low, 1.0, 0.0, c))
    return out


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z0-9]{3,}", text)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=4, help="FUNSD pages besides the generated")
    args = ap.parse_args()
    engine, opts = get_engine("auto"), ReadOptions()
    table: Counter[tuple[bool, bool]] = Counter()
    reasons: Counter[str] = Counter()
    misses = []
    for name, gray in pages(args.pages):
        g0 = im.text_height(gray) or 0.0
        truth = words(scan.read_scan(gray, name, 1, engine, opts).text)
        for label, image, f, sigma, c in variants(gray):
            page = scan.read_scan(image, name, 1, engine, opts)
            text_px = g0 * f
            person = text_px >= 8 and sigma <= text_px / 3 and 240 * c >= 15
            recovered = len(truth & words(page.text)) / max(len(truth), 1)
            said = page.readable and not page.blank
            table[(person, said)] += 1
            reasons[str(page.reason)] += 1
            print(
                f"{name:>14} {label:>13} person={person!s:5} readable={said!s:5} "
                f"q={page.quality:.2f} words={recovered:.0%} reason={page.reason}"
            )
            if person and not said:
                misses.append(f"{name}/{label}")
    print("\n| person \\ gate | readable | unreadable |\n|---|---|---|")
    for person in (True, False):
        print(
            f"| {'reads' if person else 'cannot'} "
            f"| {table[(person, True)]} | {table[(person, False)]} |"
        )
    print("reasons:", dict(reasons))
    print("legible pages called unreadable:", misses or "none")


if __name__ == "__main__":
    main()
