"""Pieces shared by the layouts: letterheads, stamps, signatures, form rows, tables."""

from __future__ import annotations

import math
import random
from datetime import date

from sample_docs.dates import fmt
from sample_docs.model import Doc
from sample_docs.raster import PT_MM
from sample_docs.raster import font as raster_font
from sample_docs.sheet import (
    BLACK,
    GREY,
    INK_BLUE,
    STAMP_BLUE,
    STAMP_RED,
    Color,
    Ellipse,
    Line,
    Poly,
    Rect,
    Sheet,
    Text,
)

# white between a label's last glyph and the colon or value after it: about a space and a half
# at the forms' 8-10 pt, so OCR never joins a label's last word to its value
LABEL_GAP = 1.5


def rng_for(doc: Doc, salt: str = "") -> random.Random:
    return random.Random(f"{doc.key}|{doc.doc_type}|{doc.layout}|{salt}|{doc.data.get('seed', 0)}")


def dtext(doc: Doc, value: str | date | None) -> str:
    """A date as this document prints it."""
    if value is None:
        return ""
    d = value if isinstance(value, date) else date.fromisoformat(value)
    return fmt(d, doc.date_style)


def field_date(doc: Doc, key: str) -> str:
    return dtext(doc, doc.fields.get("dates", {}).get(key))


def data_date(doc: Doc, key: str) -> str:
    return dtext(doc, doc.data.get(key))


def letterhead(
    s: Sheet,
    name: str,
    lines: tuple[str, ...] | list[str],
    y: float = 18,
    font: str = "sans-b",
    size: float = 15,
    center: bool = True,
    logo: bool = True,
) -> float:
    x = 105 if center else 20
    anchor = "c" if center else "l"
    if logo:
        lx = 25 if center else 178
        s.ellipse(lx, y - 3, 8, 8, 0.6)
        s.text(lx, y - 1, name[:1], 14, "serif-b", "c")
    s.text(x, y, name, size, font, anchor)
    y += 5.5
    for ln in lines:
        s.text(x, y, ln, 8.5, "sans", anchor)
        y += 4.2
    s.line(15, y, 195, y, 0.6)
    s.line(15, y + 0.9, 195, y + 0.9, 0.2)
    return y + 8


def round_stamp(
    s: Sheet,
    cx: float,
    cy: float,
    top: str,
    middle: list[str],
    rng: random.Random,
    color: Color = STAMP_BLUE,
    r: float = 17,
) -> None:
    ops: list[Text | Line | Rect | Ellipse | Poly] = [
        Ellipse(cx, cy, r, r, 0.7, color),
        Ellipse(cx, cy, r - 3.2, r - 3.2, 0.35, color),
    ]
    n = len(top)
    span = min(250.0, 12.0 * n)
    for i, ch in enumerate(top):
        a = math.radians(-90 - span / 2 + span * (i + 0.5) / max(1, n))
        ops.append(
            Text(
                cx + (r - 2.4) * math.cos(a),
                cy + (r - 2.4) * math.sin(a) + 0.9,
                ch,
                6.0,
                "sans-b",
                "c",
                color,
            )
        )
    y = cy - 1.5 * (len(middle) - 1)
    for ln in middle:
        ops.append(Text(cx, y + 1, ln, 6.5, "sans-b", "c", color))
        y += 3.2
    s.ink(ops, alpha=rng.uniform(0.55, 0.85))


def box_stamp(
    s: Sheet,
    x: float,
    y: float,
    lines: list[str],
    rng: random.Random,
    color: Color = STAMP_BLUE,
    w: float = 62,
) -> None:
    h = 4.5 * len(lines) + 3
    ops: list[Text | Line | Rect | Ellipse | Poly] = [Rect(x, y, w, h, 0.6, color)]
    for i, ln in enumerate(lines):
        ops.append(
            Text(
                x + w / 2,
                y + 5 + 4.5 * i,
                ln,
                7.5 if i == 0 else 6.5,
                "sans-b" if i == 0 else "sans",
                "c",
                color,
            )
        )
    s.ink(ops, alpha=rng.uniform(0.55, 0.85))


def date_stamp(s: Sheet, x: float, y: float, label: str, when: str, rng: random.Random) -> None:
    ops: list[Text | Line | Rect | Ellipse | Poly] = [
        Rect(x, y, 44, 15, 0.6, STAMP_RED, radius=2),
        Text(x + 22, y + 5.5, label, 7, "sans-b", "c", STAMP_RED),
        Text(x + 22, y + 11.5, when, 9, "mono-b", "c", STAMP_RED),
    ]
    s.ink(ops, alpha=0.7)


def signature(
    s: Sheet, x: float, y: float, w: float, rng: random.Random, color: Color = INK_BLUE
) -> None:
    """A scribble of joined bezier strokes between x and x+w around baseline y."""
    pts: list[tuple[float, float]] = []
    px, py = x, y
    for _ in range(rng.randint(3, 5)):
        c1 = (px + rng.uniform(0, w / 3), py - rng.uniform(2, 9))
        c2 = (px + rng.uniform(0, w / 3), py + rng.uniform(0, 5))
        end = (min(x + w, px + rng.uniform(w / 6, w / 3)), y + rng.uniform(-4, 2))
        for i in range(13):
            t = i / 12
            bx = (
                (1 - t) ** 3 * px
                + 3 * (1 - t) ** 2 * t * c1[0]
                + 3 * (1 - t) * t * t * c2[0]
                + t**3 * end[0]
            )
            by = (
                (1 - t) ** 3 * py
                + 3 * (1 - t) ** 2 * t * c1[1]
                + 3 * (1 - t) * t * t * c2[1]
                + t**3 * end[1]
            )
            pts.append((bx, by))
        px, py = end
    s.poly(pts, 0.45, color)
    if rng.random() < 0.6:
        s.line(x + rng.uniform(0, 5), y + 2, x + w * rng.uniform(0.6, 1.0), y + 1, 0.35, color)


def row(
    s: Sheet,
    x: float,
    y: float,
    label: str,
    value: str,
    lw: float = 52,
    size: float = 9.5,
    hand: bool = False,
    jitter: int = 0,
    colon: bool = True,
    line_to: float = 0,
) -> None:
    s.text(x, y, label, size, "sans")
    vx = x + lw  # the colon and value keep their column unless the label runs into it (#20)
    lead = 3 if colon else 0
    if (start := after_label(x, label, size, "sans", vx - lead)) > vx - lead:
        vx = start + lead
    if colon:
        s.text(vx - 3, y, ":", size, "sans")
    if line_to:
        s.line(vx, y + 1.2, line_to, y + 1.2, 0.2, GREY, dash=True)
    if hand:
        s.hand(vx + 1, y - 0.3, value, size + 3.5, jitter)
    else:
        s.text(vx, y, value, size, "sans")


def char_boxes(
    s: Sheet, x: float, y: float, value: str, n: int, hand: bool, jitter: int, cell: float = 5.2
) -> float:
    """A row of one-character boxes (the IC and date boxes of PERKESO forms)."""
    for i in range(n):
        s.rect(x + i * cell, y - 4.6, cell, 6.0, 0.25)
    for i, ch in enumerate(value[:n]):
        if hand:
            s.hand(x + i * cell + 1.1, y, ch, 13, jitter + i)
        else:
            s.text(x + i * cell + cell / 2, y, ch, 10, "mono", "c")
    return x + n * cell


def checkbox(s: Sheet, x: float, y: float, label: str, ticked: bool, size: float = 8.5) -> None:
    s.rect(x, y - 3.2, 3.6, 3.6, 0.25)
    if ticked:
        s.poly([(x + 0.4, y - 1.6), (x + 1.5, y + 0.2), (x + 4.4, y - 4.6)], 0.6, INK_BLUE)
    s.text(x + 5.2, y, label, size)


def table(
    s: Sheet,
    x: float,
    y: float,
    widths: list[float],
    header: list[str],
    rows: list[list[str]],
    size: float = 8.5,
    rh: float = 6.2,
    font: str = "sans",
    hand_cols: tuple[int, ...] = (),
    jitter: int = 0,
) -> float:
    total = sum(widths)
    s.rect(x, y, total, rh * (len(rows) + 1), 0.4)
    s.rect(x, y, total, rh, 0.4, fill=(235, 235, 235))
    cx = x
    for i, w in enumerate(widths):
        s.text(cx + 1.2, y + rh - 1.8, header[i], size, "sans-b")
        cx += w
        if i < len(widths) - 1:
            s.line(cx, y, cx, y + rh * (len(rows) + 1), 0.25)
    for r, cells in enumerate(rows):
        yy = y + rh * (r + 2)
        s.line(x, yy - rh, x + total, yy - rh, 0.2)
        cx = x
        for i, w in enumerate(widths):
            if i in hand_cols:
                s.hand(cx + 1.2, yy - 1.6, cells[i], size + 3, jitter + r * 7 + i)
            else:
                s.text(cx + 1.2, yy - 1.8, cells[i], size, font)
            cx += w
    return y + rh * (len(rows) + 1) + 4


def text_width(s: str, size: float, font: str) -> float:
    """Width in millimetres of a string set in a raster font at ``size`` points."""
    return raster_font(font, 100).getlength(s) / 100 * size * PT_MM


def paragraph(
    s: Sheet,
    x: float,
    y: float,
    text: str,
    width: float,
    size: float = 10,
    font: str = "serif",
    leading: float = 1.45,
) -> float:
    """Greedy word wrap with the font's real advance widths; returns the y below the text."""
    step = size * 0.3528 * leading + 1
    for ln in wrap(text, width, size, font):
        s.text(x, y, ln, size, font)
        y += step
    return y


def wrap(text: str, width: float, size: float, font: str) -> list[str]:
    """``text`` broken greedily into lines no wider than ``width`` mm (a longer word keeps a
    line of its own)."""
    lines: list[str] = []
    line: list[str] = []
    for word in text.split():
        if line and text_width(" ".join([*line, word]), size, font) > width:
            lines.append(" ".join(line))
            line = []
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def after_label(x: float, label: str, size: float, font: str, column: float) -> float:
    """Where what follows a label on its line (colon, value) starts: its ``column``, or
    LABEL_GAP past the label's drawn end when the label would run into that column (#20: a
    value printed over its own label is illegible)."""
    return max(column, x + text_width(label, size, font) + LABEL_GAP)


def photo_placeholder(s: Sheet, x: float, y: float, w: float, h: float) -> None:
    s.rect(x, y, w, h, 0.2, fill=(190, 190, 190))
    s.ellipse(x + w / 2, y + h * 0.38, w * 0.22, h * 0.2, 0.1, (120, 120, 120), (120, 120, 120))
    s.poly(
        [
            (x + w * 0.12, y + h),
            (x + w * 0.2, y + h * 0.68),
            (x + w * 0.8, y + h * 0.68),
            (x + w * 0.88, y + h),
        ],
        0.1,
        (120, 120, 120),
        True,
        (120, 120, 120),
    )


def line_op(x1: float, y1: float, x2: float, y2: float) -> Line:
    return Line(x1, y1, x2, y2, 0.3, BLACK)


def stamp_color(rng: random.Random) -> Color:
    return rng.choice((STAMP_BLUE, STAMP_BLUE, STAMP_RED, (60, 60, 150)))
