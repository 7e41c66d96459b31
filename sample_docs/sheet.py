"""A page as a display list in millimetres, drawn once by layouts, replayed by backends.

Layouts never touch pixels: they append operations to a ``Sheet``. ``raster.py`` replays it
into a PIL image at any dpi (scans), ``textpdf.py`` into a reportlab page (text-layer PDFs).
Coordinates are millimetres from the top-left corner; text ``y`` is the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Color = tuple[int, int, int]
BLACK: Color = (20, 20, 20)
INK_BLUE: Color = (25, 40, 120)
STAMP_BLUE: Color = (40, 70, 170)
STAMP_RED: Color = (190, 40, 50)
STAMP_PURPLE: Color = (100, 50, 140)
GREY: Color = (110, 110, 110)
LIGHT: Color = (200, 200, 200)


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    s: str
    size: float  # points
    font: str = "sans"
    anchor: str = "l"  # l, c, r
    color: Color = BLACK
    hand: bool = False  # hand-style fill-in: baseline jitter in the raster backend
    jitter: int = 0  # seed for that jitter


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.3
    color: Color = BLACK
    dash: bool = False


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    width: float = 0.3
    color: Color = BLACK
    fill: Color | None = None
    radius: float = 0.0


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float
    width: float = 0.3
    color: Color = BLACK
    fill: Color | None = None


@dataclass(frozen=True)
class Poly:
    points: tuple[tuple[float, float], ...]
    width: float = 0.3
    color: Color = BLACK
    closed: bool = False
    fill: Color | None = None


@dataclass(frozen=True)
class Ink:
    """Semi-transparent ink (stamps): its operations blend multiplicatively over the page."""

    ops: tuple[Text | Line | Rect | Ellipse | Poly, ...]
    alpha: float = 0.75


Op = Text | Line | Rect | Ellipse | Poly | Ink


@dataclass
class Sheet:
    width: float = 210.0
    height: float = 297.0
    ops: list[Op] = field(default_factory=list)
    background: Color = (255, 255, 255)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 10,
        font: str = "sans",
        anchor: str = "l",
        color: Color = BLACK,
    ) -> None:
        self.ops.append(Text(x, y, s, size, font, anchor, color))

    def hand(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 12,
        jitter: int = 0,
        color: Color = INK_BLUE,
        font: str = "hand",
    ) -> None:
        self.ops.append(Text(x, y, s, size, font, "l", color, True, jitter))

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        width: float = 0.3,
        color: Color = BLACK,
        dash: bool = False,
    ) -> None:
        self.ops.append(Line(x1, y1, x2, y2, width, color, dash))

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        width: float = 0.3,
        color: Color = BLACK,
        fill: Color | None = None,
        radius: float = 0.0,
    ) -> None:
        self.ops.append(Rect(x, y, w, h, width, color, fill, radius))

    def ellipse(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float,
        width: float = 0.3,
        color: Color = BLACK,
        fill: Color | None = None,
    ) -> None:
        self.ops.append(Ellipse(cx, cy, rx, ry, width, color, fill))

    def poly(
        self,
        points: list[tuple[float, float]],
        width: float = 0.3,
        color: Color = BLACK,
        closed: bool = False,
        fill: Color | None = None,
    ) -> None:
        self.ops.append(Poly(tuple(points), width, color, closed, fill))

    def ink(self, ops: list[Text | Line | Rect | Ellipse | Poly], alpha: float = 0.75) -> None:
        self.ops.append(Ink(tuple(ops), alpha))

    def hline(self, x: float, y: float, w: float, width: float = 0.3) -> None:
        self.line(x, y, x + w, y, width)
