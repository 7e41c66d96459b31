"""A document's text as one string whose every character points back at a word.

Extractors search ``DocText.text`` (lines joined by newlines, pages one after another)
with regular expressions and turn a match span into evidence with ``evidence(start, end)``:
the page, the union of the word boxes and the words' lowest confidence.
Pages without word boxes (tests, text layers read without positions) still give the page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from intake.models import BBox, Field, Page, Word

_CELL = re.compile(r"\S+(?: {1,2}\S+)*")  # words up to a column gap (three spaces, see _gap)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    page: int
    bbox: BBox | None
    confidence: float


@dataclass
class Line:
    page: int
    start: int  # offset of the line in DocText.text
    text: str
    index: int  # line index within its page


@dataclass
class DocText:
    text: str = ""
    spans: list[Span] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    page_starts: dict[int, int] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)

    @classmethod
    def from_pages(cls, pages: list[Page]) -> DocText:
        builder = _Builder()
        for page in pages:
            builder.add_page(page)
        return builder.build()

    def line_at(self, offset: int) -> Line:
        starts = [ln.start for ln in self.lines]
        return self.lines[max(0, bisect.bisect_right(starts, offset) - 1)]

    def evidence(self, start: int, end: int) -> tuple[int, BBox | None, float]:
        """(page, bbox, confidence) of the words overlapping ``text[start:end]``."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        hits: list[Span] = []
        while i < len(self.spans) and self.spans[i].start < end:
            if self.spans[i].end > start:
                hits.append(self.spans[i])
            i += 1
        if not hits:
            return self.line_at(start).page if self.lines else 1, None, 1.0
        boxes = [s.bbox for s in hits if s.bbox is not None]
        bbox: BBox | None = None
        if boxes:
            bbox = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
        return hits[0].page, bbox, min(s.confidence for s in hits)

    def cells_below(self, start: int, end: int, lines: int) -> list[tuple[int, str]]:
        """The cells under ``text[start:end]`` in its column (a form's table, a value printed
        under its label): for each of the next ``lines`` lines of its page, (offset, text) of
        the cell (words up to a column gap) holding the first word whose box overlaps the
        span's horizontally, or (line end, "") where the column is empty there. Empty without
        word boxes."""
        page, box, _ = self.evidence(start, end)
        if box is None:
            return []
        idx = self.lines.index(self.line_at(start))
        out: list[tuple[int, str]] = []
        for line in self.lines[idx + 1 : idx + 1 + lines]:
            if line.page != page:
                break
            out.append(self._cell_under(line, box))
        return out

    def _cell_under(self, line: Line, box: BBox) -> tuple[int, str]:
        end = line.start + len(line.text)
        i = max(0, bisect.bisect_left(self._starts, line.start))
        while i < len(self.spans) and self.spans[i].start < end:
            b = self.spans[i].bbox
            if b is not None and min(b[2], box[2]) > max(b[0], box[0]):
                at = self.spans[i].start
                for m in _CELL.finditer(line.text):
                    if line.start + m.start() <= at < line.start + m.end():
                        return line.start + m.start(), m.group()
            i += 1
        return end, ""

    def field(self, value: object, start: int, end: int, confidence: float = 1.0) -> Field:
        """A Field for ``value`` found at ``text[start:end]``; confidence scaled by OCR's."""
        page, bbox, ocr_conf = self.evidence(start, end)
        return Field(
            value=value,
            page=page,
            bbox=bbox,
            confidence=round(confidence * ocr_conf, 3),
            raw=self.text[start:end].strip(),
        )


def _gap(a: BBox, b: BBox) -> str:
    """One space between words, three across a column gap (keeps table cells apart)."""
    height = max(1.0, a[3] - a[1], b[3] - b[1])
    return "   " if b[0] - a[2] > 1.5 * height else " "


def upright_box(box: BBox, rotation: int, width: int, height: int) -> BBox:
    """A box of the stored page in the coordinates of the page turned upright."""
    x0, y0, x1, y1 = box
    r = rotation % 360
    if r == 90:
        return (height - y1, x0, height - y0, x1)
    if r == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if r == 270:
        return (y0, width - x1, y1, width - x0)
    return box


Placed = tuple[BBox, Word]


def visual_lines(page: Page) -> list[list[Placed]]:
    """The page's words as visual lines, top to bottom, each left to right.

    Tesseract's lines are kept as units (they follow skew well), then lines that sit side by
    side are merged: a handwritten value whose taller glyphs start above its printed label
    becomes one line with it (mutual vertical overlap, no horizontal overlap).
    """
    if page.rotation % 360 and not (page.width and page.height):
        return _tesseract_lines(page, lambda b: b)  # no geometry to turn: reading order
    units = _tesseract_lines(page, lambda b: upright_box(b, page.rotation, page.width,
                                                         page.height))  # fmt: skip
    if not _upright(units):  # the boxes do not lie level: trust Tesseract's reading order
        return _tesseract_lines(page, lambda b: b)
    units = _level(units)
    units.sort(key=lambda u: _band(u)[2])
    merged: list[list[Placed]] = []
    for unit in units:
        for row in reversed(merged[-4:]):
            if _side_by_side(row, unit):
                row.extend(unit)
                break
        else:
            merged.append(list(unit))
    merged.sort(key=lambda r: _band(r)[2])
    return [sorted(r, key=lambda p: p[0][0]) for r in merged]


MIN_SLANT = 0.02  # slope (about 1 degree) under which a page's lines count as level
MAX_SLANT = 0.35
SLANT_LINES = 3  # lines of several words that must agree on a slant


def _slant(units: list[list[Placed]]) -> float:
    """The slope of the page's lines (a photographed page left slanted): the median slope of
    the word middles along Tesseract's lines of 3 words or more that run 4 heights wide."""
    slopes = []
    for u in units:
        xs = [(b[0] + b[2]) / 2 for b, _ in u]
        ys = [(b[1] + b[3]) / 2 for b, _ in u]
        height = max(b[3] - b[1] for b, _ in u)
        if len(u) < 3 or max(xs) - min(xs) < 4 * height:
            continue
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        den = sum((x - mx) ** 2 for x in xs)
        slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den)
    if len(slopes) < SLANT_LINES:
        return 0.0
    slope = sorted(slopes)[len(slopes) // 2]
    return slope if MIN_SLANT <= abs(slope) <= MAX_SLANT else 0.0


def _level(units: list[list[Placed]]) -> list[list[Placed]]:
    """The lines' boxes moved up or down by the page's slant at their place, so that a value
    printed right of its label on a slanted photograph stands level with it (the boxes kept
    for evidence are the words' own)."""
    slope = _slant(units)
    if not slope:
        return units
    return [
        [((b[0], b[1] - slope * (b[0] + b[2]) / 2, b[2], b[3] - slope * (b[0] + b[2]) / 2), w)
         for b, w in u]
        for u in units
    ]  # fmt: skip


def _tesseract_lines(page: Page, turn: Callable[[BBox], BBox]) -> list[list[Placed]]:
    lines: dict[tuple[int, int], list[Placed]] = {}
    for w in page.words:
        if w.text.strip():
            lines.setdefault((w.block, w.line), []).append((turn(w.bbox), w))
    return list(lines.values())


def _upright(units: list[list[Placed]]) -> bool:
    """Most lines of several words are wider than tall (else the boxes are turned)."""
    multi = [u for u in units if len(u) >= 3]
    wide = sum(
        1
        for u in multi
        if max(b[2] for b, _ in u) - min(b[0] for b, _ in u)
        > max(b[3] for b, _ in u) - min(b[1] for b, _ in u)
    )
    return not multi or wide >= len(multi) / 2


def _band(row: list[Placed]) -> tuple[float, float, float]:
    top = min(b[1] for b, _ in row)
    bottom = max(b[3] for b, _ in row)
    return top, bottom, (top + bottom) / 2


def _side_by_side(a: list[Placed], b: list[Placed]) -> bool:
    """Two line fragments on one visual line: some words of each sit level with each other
    (each word's middle within the other's height) and no words overlap horizontally."""
    level = any(
        x[1] <= (y[1] + y[3]) / 2 <= x[3] and y[1] <= (x[1] + x[3]) / 2 <= y[3]
        for x, _ in a
        for y, _ in b
    )
    return level and not any(
        min(x[2], y[2]) - max(x[0], y[0]) > 0.3 * min(x[2] - x[0], y[2] - y[0])
        for x, _ in a
        for y, _ in b
    )


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.doc = DocText()

    def _append(self, s: str) -> int:
        start = self.offset
        self.parts.append(s)
        self.offset += len(s)
        return start

    def add_page(self, page: Page) -> None:
        self.doc.page_starts[page.number] = self.offset
        if page.words:
            self._add_words(page)
        else:
            self._add_plain(page)

    def _add_words(self, page: Page) -> None:
        if all(w.line == 0 for w in page.words):  # no line numbers: use text lines instead
            self._add_plain(page)
            return
        for idx, row in enumerate(visual_lines(page)):
            line_start, first_part = self.offset, len(self.parts)
            for j, (box, w) in enumerate(row):
                if j:
                    self._append(_gap(row[j - 1][0], box))
                start = self._append(w.text)
                self.doc.spans.append(
                    Span(start, self.offset, page.number, w.bbox, float(w.confidence))
                )
            text = "".join(self.parts[first_part:])
            self.doc.lines.append(Line(page.number, line_start, text, idx))
            self._append("\n")

    def _add_plain(self, page: Page) -> None:
        for idx, raw in enumerate(page.text.splitlines()):
            line_start = self.offset
            pos = 0
            for tok in raw.split():
                pos = raw.index(tok, pos)
                self.doc.spans.append(
                    Span(line_start + pos, line_start + pos + len(tok), page.number, None, 1.0)
                )
                pos += len(tok)
            self._append(raw)
            self.doc.lines.append(Line(page.number, line_start, raw, idx))
            self._append("\n")

    def build(self) -> DocText:
        self.doc.text = "".join(self.parts)
        self.doc.spans.sort(key=lambda s: s.start)
        self.doc._starts = [s.start for s in self.doc.spans]
        return self.doc
