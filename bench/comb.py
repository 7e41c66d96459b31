"""Comb boxes: IC numbers and dates read from generated comb rows, and the cost on other pages.

    OMP_THREAD_LIMIT=1 .venv/bin/python -m bench.comb [--rows 42] [--pages 8]

Rows: ``--rows`` IC combs (6-2-4) and a third as many date combs (2-2-4), with random digits,
the fonts of bench/combdraw.py, thin to thick borders, digits shifted and turned inside their
boxes, and grey noise on some. Each is read three ways: ``line`` (psm 7 over the boxes'
contents side by side), ``cells`` (psm 10 per box), ``auto`` (line, cells when the line does not
give one digit per inked box). Accuracy = the whole value right; CPU ms per comb.
Pages: the cost of find_combs on sample_docs pages (no combs) against their OCR.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from bench.combdraw import CombStyle, add_noise, available_fonts, comb_line, random_ic
from intake import comb
from intake.ocr import OcrEngine, get_engine
from intake.options import ReadOptions

METHODS = ("line", "cells", "auto")
ROOT = Path(__file__).resolve().parents[1]


FONT_OVERRIDE: list[Path] = []  # --font: every row in these faces (e.g. a script face)


def _style(rng: random.Random) -> CombStyle:
    font = rng.choice(FONT_OVERRIDE or available_fonts())
    cell = rng.choice([44, 52, 64, 76])
    return CombStyle(
        cell=cell,
        border=rng.choice([1, 2, 3, 5]),
        font=font,
        size=int(cell * rng.uniform(0.55, 0.75)),
        jitter=rng.choice([0, 2, 4]),
        tilt=rng.choice([0.0, 3.0, 6.0]),
    )


def _turned(img: Image.Image, rng: random.Random) -> Image.Image:
    return img.rotate(0.7, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _fax(img: Image.Image, rng: random.Random) -> Image.Image:
    return img.resize((img.width // 2, img.height // 2), Image.Resampling.BILINEAR)


def _blurred(img: Image.Image, rng: random.Random) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(1.5))


def _noisy(img: Image.Image, rng: random.Random) -> Image.Image:
    return add_noise(img.filter(ImageFilter.GaussianBlur(1)), rng, 0.08)


HARD: dict[str, Callable[[Image.Image, random.Random], Image.Image]] = {
    "turned 0.7 deg": _turned,
    "150 dpi": _fax,
    "blur 1.5 px": _blurred,
    "blur + noise": _noisy,
}


def _hard(engine: OcrEngine, n: int, seed: int) -> None:
    """IC rows made harder than a scan at 300 dpi, read directly (no deskew or rescale)."""
    rng = random.Random(seed)
    for name, spoil in HARD.items():
        rows = [
            (np.asarray(spoil(comb_line(ic, (6, 2, 4), _style(rng), rng=rng), rng)), ic, "ic")
            for ic in (random_ic(rng) for _ in range(n))
        ]
        m = _measure(engine, rows, "auto")
        print(f"{name:16} IC right {m['ic']:.3f}  found {m['found']:.2f}  (n = {n})")


def _rows(n: int, seed: int) -> list[tuple[np.ndarray, str, str]]:
    """(image, digits, kind) of ``n`` IC rows and n // 3 date rows."""
    rng = random.Random(seed)
    out = []
    for i in range(n + n // 3):
        is_ic = i < n
        digits = (
            random_ic(rng)
            if is_ic
            else f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}20{rng.randint(10, 30)}"
        )
        groups = (6, 2, 4) if is_ic else (2, 2, 4)
        caption = "No. Kad Pengenalan:" if is_ic else "Tarikh:"
        img = comb_line(digits, groups, _style(rng), caption, rng)
        if rng.random() < 0.4:
            img = add_noise(img, rng, rng.choice([0.04, 0.08]))
        out.append((np.asarray(img), digits, "ic" if is_ic else "date"))
    return out


def _measure(
    engine: OcrEngine, rows: list[tuple[np.ndarray, str, str]], method: str
) -> dict[str, float]:
    right = {"ic": 0, "date": 0}
    total = {"ic": 0, "date": 0}
    found = 0
    cpu = 0.0
    for gray, digits, kind in rows:
        total[kind] += 1
        t = time.process_time()
        combs = comb.find_combs(gray)
        reads = [comb.read_comb(engine, gray, c, "eng", method) for c in combs]
        cpu += time.process_time() - t
        found += bool(combs)
        got = "".join(ch for r in reads if r is not None for ch in r.value if ch.isdigit())
        right[kind] += got == digits
    return {
        "ic": right["ic"] / max(1, total["ic"]),
        "date": right["date"] / max(1, total["date"]),
        "found": found / len(rows),
        "ms": 1000 * cpu / len(rows),
        "n_ic": total["ic"],
        "n_date": total["date"],
    }


def _pages(engine: OcrEngine, n: int) -> None:
    """find_combs on sample_docs pages without combs against the whole reading of each."""
    from intake.scan import read_scan

    paths = sorted((ROOT / "sample_docs" / "bundles").glob("*/*.jpg"))[:n]
    if not paths:
        print("no sample_docs pages")
        return
    det = whole = 0.0
    hits = 0
    for p in paths:
        gray = np.asarray(Image.open(p).convert("L"))
        t = time.process_time()
        hits += len(comb.find_combs(gray))
        det += time.process_time() - t
        t = time.process_time()
        read_scan(gray, p.name, 1, engine, ReadOptions())
        whole += time.process_time() - t
    share = 100 * det / max(whole, 1e-9)
    print(
        f"pages without combs: {len(paths)}, combs found {hits}; find_combs"
        f" {1000 * det / len(paths):.1f} ms, whole reading {1000 * whole / len(paths):.0f} ms"
        f" per page: {share:.2f}%"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=42)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--hard", type=int, default=20, help="rows per harder condition")
    ap.add_argument("--font", type=Path, action="append", help="draw the digits in this face")
    args = ap.parse_args()
    FONT_OVERRIDE[:] = args.font or []
    opts = ReadOptions()
    engine = get_engine(opts.engine, opts.tessdata_dir())
    rows = _rows(args.rows, args.seed)
    comb.read_comb(engine, rows[0][0], comb.find_combs(rows[0][0])[0], "eng", "cells")  # models
    comb.read_comb(engine, rows[0][0], comb.find_combs(rows[0][0])[0], "eng", "line")
    print(f"{'method':8} {'IC right':>9} {'date right':>11} {'found':>6} {'cpu ms/comb':>12}")
    for method in METHODS:
        m = _measure(engine, rows, method)
        print(
            f"{method:8} {m['ic']:>9.3f} {m['date']:>11.3f} {m['found']:>6.2f} {m['ms']:>12.1f}"
            f"   (n = {m['n_ic']:.0f} IC, {m['n_date']:.0f} dates)"
        )
    if args.hard:
        _hard(engine, args.hard, args.seed + 1)
    _pages(engine, args.pages)


if __name__ == "__main__":
    main()
