"""Replay a Sheet into a PIL RGB image at a given dpi (the 'paper' before scanning)."""

from __future__ import annotations

import functools
import random

from PIL import Image, ImageChops, ImageDraw, ImageFont

from sample_docs.fonts import RASTER
from sample_docs.sheet import Ellipse, Ink, Line, Op, Poly, Rect, Sheet, Text

PT_MM = 25.4 / 72.0


@functools.lru_cache(maxsize=256)
def font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(RASTER[name]), max(4, px))


class _Painter:
    def __init__(self, img: Image.Image, dpi: int) -> None:
        self.k = dpi / 25.4
        self.draw = ImageDraw.Draw(img)

    def p(self, v: float) -> int:
        return round(v * self.k)

    def w(self, v: float) -> int:
        return max(1, round(v * self.k))

    def op(self, o: Op) -> None:
        if isinstance(o, Text):
            self.text(o)
        elif isinstance(o, Line):
            self.line(o)
        elif isinstance(o, Rect):
            box = (self.p(o.x), self.p(o.y), self.p(o.x + o.w), self.p(o.y + o.h))
            if o.radius:
                self.draw.rounded_rectangle(
                    box, self.p(o.radius), fill=o.fill, outline=o.color, width=self.w(o.width)
                )
            else:
                self.draw.rectangle(
                    box, fill=o.fill, outline=o.color if o.width else None, width=self.w(o.width)
                )
        elif isinstance(o, Ellipse):
            box = (
                self.p(o.cx - o.rx),
                self.p(o.cy - o.ry),
                self.p(o.cx + o.rx),
                self.p(o.cy + o.ry),
            )
            self.draw.ellipse(box, fill=o.fill, outline=o.color, width=self.w(o.width))
        elif isinstance(o, Poly):
            pts = [(self.p(x), self.p(y)) for x, y in o.points]
            if o.fill is not None:
                self.draw.polygon(pts, fill=o.fill, outline=o.color)
            else:
                if o.closed:
                    pts.append(pts[0])
                self.draw.line(pts, fill=o.color, width=self.w(o.width), joint="curve")

    def line(self, o: Line) -> None:
        a, b = (self.p(o.x1), self.p(o.y1)), (self.p(o.x2), self.p(o.y2))
        if not o.dash:
            self.draw.line([a, b], fill=o.color, width=self.w(o.width))
            return
        n = max(1, int(((o.x2 - o.x1) ** 2 + (o.y2 - o.y1) ** 2) ** 0.5 / 1.5))
        for i in range(0, n, 2):
            t0, t1 = i / n, min(1.0, (i + 1) / n)
            p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
            p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
            self.draw.line([p0, p1], fill=o.color, width=self.w(o.width))

    def text(self, o: Text) -> None:
        f = font(o.font, round(o.size * PT_MM * self.k))
        x, y = self.p(o.x), self.p(o.y)
        if not o.hand:
            anchor = {"l": "ls", "c": "ms", "r": "rs"}[o.anchor]
            self.draw.text((x, y), o.s, font=f, fill=o.color, anchor=anchor)
            return
        rng = random.Random(o.jitter)
        amp = max(1, round(0.35 * self.k))
        drift = rng.uniform(-0.012, 0.012)
        cx = float(x)
        for ch in o.s:
            dy = rng.randint(-amp, amp) + drift * (cx - x)
            self.draw.text((cx, y + dy), ch, font=f, fill=o.color, anchor="ls")
            cx += f.getlength(ch) * rng.uniform(0.96, 1.06)


def _ink(img: Image.Image, ink: Ink, dpi: int) -> Image.Image:
    layer = Image.new("RGB", img.size, (255, 255, 255))
    painter = _Painter(layer, dpi)
    for o in ink.ops:
        painter.op(o)
    blended = ImageChops.multiply(img, layer)
    return Image.blend(img, blended, ink.alpha)


def render(sheet: Sheet, dpi: int) -> Image.Image:
    k = dpi / 25.4
    img = Image.new("RGB", (round(sheet.width * k), round(sheet.height * k)), sheet.background)
    painter = _Painter(img, dpi)
    for o in sheet.ops:
        if isinstance(o, Ink):
            img = _ink(img, o, dpi)
            painter = _Painter(img, dpi)
        else:
            painter.op(o)
    return img
