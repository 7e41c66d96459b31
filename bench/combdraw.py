"""Comb-box rows drawn with Pillow: a label, then one character per box (tests and bench/comb.py).

``draw_comb`` draws ``groups`` of boxes (an IC is 6-2-4, a date 2-2-4) with a dash between
groups, each digit in a font present on the machine, optionally shifted or turned inside its
box, with borders of a chosen width; ``on_page`` places rows on an A4 page at 300 dpi.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSerif.ttf",
    "LiberationSans-Regular.ttf",
    "LiberationSerif-Regular.ttf",
    "LiberationMono-Regular.ttf",
    "DejaVuSans-Bold.ttf",
)


def font_path(name: str) -> Path:
    for d in FONT_DIRS:
        if (d / name).exists():
            return d / name
    raise FileNotFoundError(name)


def available_fonts() -> list[Path]:
    out = []
    for name in FONTS:
        try:
            out.append(font_path(name))
        except FileNotFoundError:
            continue
    return out


@dataclass
class CombStyle:
    cell: int = 64  # box side, px (about 5.4 mm at 300 dpi)
    border: int = 3  # line width, px
    font: Path | None = None
    size: int = 44  # digit size, px
    jitter: int = 0  # max shift of a digit inside its box, px
    tilt: float = 0.0  # max rotation of a digit, degrees
    group_gap: int = 40  # room for the dash between groups, px


def _digit(ch: str, style: CombStyle, rng: random.Random) -> Image.Image:
    font = ImageFont.truetype(str(style.font or font_path("DejaVuSans.ttf")), style.size)
    tile = Image.new("L", (style.cell * 2, style.cell * 2), 0)
    d = ImageDraw.Draw(tile)
    d.text((style.cell, style.cell), ch, fill=255, font=font, anchor="mm")
    if style.tilt:
        tile = tile.rotate(rng.uniform(-style.tilt, style.tilt), resample=Image.BICUBIC)
    return tile


def draw_comb(
    img: Image.Image,
    x: int,
    y: int,
    text: str,
    groups: tuple[int, ...],
    style: CombStyle,
    rng: random.Random | None = None,
) -> tuple[int, int, int, int]:
    """Draw ``text`` (its characters, one per box) in ``groups`` of boxes from (x, y); the box."""
    rng = rng or random.Random(0)
    d = ImageDraw.Draw(img)
    chars = iter(text)
    cx = x
    for gi, n in enumerate(groups):
        if gi:
            mid = y + style.cell // 2
            d.line([(cx + 10, mid), (cx + style.group_gap - 10, mid)], fill=0, width=4)
            cx += style.group_gap
        for _ in range(n):
            d.rectangle([cx, y, cx + style.cell, y + style.cell], outline=0, width=style.border)
            ch = next(chars, "")
            if ch:
                tile = _digit(ch, style, rng)
                dx = rng.randint(-style.jitter, style.jitter) if style.jitter else 0
                dy = rng.randint(-style.jitter, style.jitter) if style.jitter else 0
                ox = cx + style.cell // 2 - style.cell + dx
                oy = y + style.cell // 2 - style.cell + dy
                img.paste(0, (ox, oy), tile)
            cx += style.cell  # adjacent boxes share a border
    return (x, y, cx + style.border, y + style.cell + style.border)


def label(img: Image.Image, x: int, y: int, text: str, size: int = 40) -> int:
    """Write ``text`` at (x, y) (its middle at y); returns the x after it."""
    font = ImageFont.truetype(str(font_path("DejaVuSans.ttf")), size)
    d = ImageDraw.Draw(img)
    d.text((x, y), text, fill=0, font=font, anchor="lm")
    return int(d.textlength(text, font=font)) + x


def comb_line(
    text: str,
    groups: tuple[int, ...],
    style: CombStyle | None = None,
    caption: str = "No. Kad Pengenalan:",
    rng: random.Random | None = None,
) -> Image.Image:
    """One white strip: ``caption`` then the comb (the unit bench/comb.py reads)."""
    style = style or CombStyle()
    img = Image.new("L", (2400, style.cell + 120), 255)
    end = label(img, 60, 60 + style.cell // 2, caption)
    draw_comb(img, end + 40, 60, text, groups, style, rng)
    return img


def add_noise(img: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    """Gaussian grey noise and a slight blur, as a scan or fax would add."""
    arr = np.asarray(img, dtype=np.float32)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 255 * amount, arr.shape)
    return Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8))


def random_ic(rng: random.Random) -> str:
    yy, mm, dd = rng.randint(40, 99), rng.randint(1, 12), rng.randint(1, 28)
    pb = rng.choice(["01", "02", "05", "08", "10", "14", "71", "88"])
    return f"{yy:02d}{mm:02d}{dd:02d}{pb}{rng.randint(0, 9999):04d}"
