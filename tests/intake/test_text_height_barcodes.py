"""The glyph-height estimate that drives rescaling must not take barcode bars for letters,
nor lose small print that a dilation merges into word blobs (a MyKad copy at 150 dpi)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.images import text_height

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def card_page(font_px: int, bars: int) -> tuple[np.ndarray, float]:
    """A 150-dpi A4 page: small tightly set text, then a barcode of ``bars`` tall bars.
    Returns the page and the measured cap height of the font."""
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, font_px)
    for i in range(12):
        draw.text((160, 160 + i * 2 * font_px), "KAD PENGENALAN 880503-26-9492", font=font, fill=0)
    for i in range(bars):
        x = 300 + i * 14
        draw.rectangle((x, 1100, x + 4 + (i % 3) * 2, 1190), fill=0)
    _, y0, _, y1 = draw.textbbox((0, 0), "H", font=font)
    return np.array(img), float(y1 - y0)


@pytest.mark.parametrize("font_px", [12, 16, 22])
def test_barcode_bars_are_not_glyphs(font_px: int) -> None:
    page, cap = card_page(font_px, bars=45)
    found = text_height(page)
    assert found is not None
    assert 0.6 * cap <= found <= 1.6 * cap, (found, cap)


def test_no_bars_same_estimate() -> None:
    with_bars, cap = card_page(16, bars=45)
    without, _ = card_page(16, bars=0)
    a, b = text_height(with_bars), text_height(without)
    assert a is not None and b is not None
    assert abs(a - b) <= 0.25 * cap
