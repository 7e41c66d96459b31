"""Comb boxes: a row of boxes holding one character each (IC numbers, dates on forms).

Tesseract's layout analysis reads a comb as rules and stray marks (0 of 36 ICs on the held-out
forms). Here a comb is found from its lines, each box's content is cut out without the grid
and read with a digit whitelist, and the value is put back among the page's words at the
comb's place, so the label on its left (or above it) and the field extraction take it.

    find_combs()  cheap: horizontal rules first (1-4 ms a page without combs, bench/comb.py),
                  then boxes as the holes of the ink between two rules
    read_comb()   the boxes' contents as one stripped line (psm 7); per box (psm 10) only
                  when the line does not give one character per inked box (bench/RESULTS.md);
                  with ``hand`` (a SecondReading: intake.combhand.HandGate), the boxes
                  Tesseract is unsure of are read again, the completion kept or set aside
    add_combs()   the words of a recognition with the comb values put in

The hand-written digits gate (which boxes the recogniser reads, which completions are kept)
is intake.combhand.

Plain functions over greyscale numpy arrays; no Flask/RQ/Redis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import cv2
import numpy as np

from intake.ocr import OcrEngine, OcrResult, OcrWord

Box = tuple[int, int, int, int]  # x0, y0, x1, y1
DIGITS = "0123456789"
ORIGIN = "comb"
MIN_CELL, MAX_CELL = 18, 250  # box height, px, on the prepared page (text at ~300 dpi)
RULE = 36  # shortest horizontal run taken for a rule, px
INK_SHARE = 0.02  # a box with less dark area than this is empty
LINE_PSM, CHAR_PSM = 7, 10
GAP = 0.2  # space between characters on the strip read as a line, of GLYPH
CELL_READ = 48  # smaller boxes are enlarged to this height before their character is cut out
GLYPH = 32  # height a box's character is read at, px


@dataclass(frozen=True)
class Comb:
    cells: tuple[Box, ...]  # left to right
    groups: tuple[int, ...]  # boxes per group (an IC is 6, 2, 4; a date 2, 2, 4)

    @property
    def bbox(self) -> Box:
        return (
            min(c[0] for c in self.cells),
            min(c[1] for c in self.cells),
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )


@dataclass(frozen=True)
class CombRead:
    comb: Comb
    chars: str  # one character per box, " " for an empty box
    confidence: float  # 0..1, the lowest of the characters read
    method: str  # "line" (psm 7) or "cells" (psm 10)
    completed: str = ""  # ``chars`` with the recogniser's unsure digits (intake.combhand)
    hand: str = ""  # the recogniser's part: "", or intake.combhand's SURE, PENDING, ...

    @property
    def value(self) -> str:
        """The characters grouped as printed: ``YYMMDD-PB-###G``, ``dd/mm/yyyy``, else spaced."""
        return grouped(self.chars, self.comb.groups)


def grouped(chars: str, groups: tuple[int, ...]) -> str:
    """One character a box, grouped as printed: ``YYMMDD-PB-###G``, ``dd/mm/yyyy``, else
    the groups joined by dashes."""
    parts, i = [], 0
    for n in groups:
        parts.append(chars[i : i + n].strip())
        i += n
    sizes = tuple(len(p) for p in parts)
    if sizes in ((2, 2, 4), (2, 2, 2)):
        return "/".join(parts)
    if sizes == (8,) and _is_date(parts[0]):
        return f"{parts[0][:2]}/{parts[0][2:4]}/{parts[0][4:]}"
    if sizes == (12,):
        return f"{parts[0][:6]}-{parts[0][6:8]}-{parts[0][8:]}"
    return "-".join(p for p in parts if p)


def _is_date(d: str) -> bool:
    try:
        date(int(d[4:]), int(d[2:4]), int(d[:2]))
    except ValueError:
        return False
    return True


# --- finding --------------------------------------------------------------------------------


def _ink(gray: np.ndarray) -> np.ndarray:
    """Dark pixels, by Otsu's threshold taken on every 4th pixel (a tenth of the cost)."""
    t, _ = cv2.threshold(np.ascontiguousarray(gray[::4, ::4]), 0, 255, cv2.THRESH_OTSU)
    _, ink = cv2.threshold(gray, t, 255, cv2.THRESH_BINARY_INV)
    return ink


def _rules(ink: np.ndarray) -> list[Box]:
    """Horizontal rules (runs of at least RULE px), as boxes.

    An erosion and external contours: ~6 ms on a 6-MP page (an opening and a labelling of
    the page took 48 ms, a quarter of a small page's OCR)."""
    core = cv2.erode(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (RULE, 1)))
    contours, _ = cv2.findContours(core, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    half = RULE // 2  # the erosion took this much off each end of a run
    out = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        thin = cv2.contourArea(c) <= (MIN_CELL // 2) * w  # thick: a smudged line of text
        if thin and h <= MIN_CELL // 2 + w // 50:  # a rule turned up to ~1 degree is still one
            out.append((x - half, y, x + w + half, y + h))
    return _joined(out)


def _joined(rules: list[Box]) -> list[Box]:
    """Pieces of one turned thin rule (its steps do not touch) joined end to end."""
    wholes: list[Box] = []
    tails: dict[int, list[tuple[int, Box]]] = {}  # y of a chain's last piece -> (chain, piece)
    for r in sorted(rules):
        found = next(
            (
                (i, last)
                for y in range(r[1] - 3, r[1] + 4)
                for i, last in tails.get(y, [])
                if last[0] <= r[0] and r[0] - last[2] <= RULE // 2
            ),
            None,
        )
        if found is None:
            wholes.append(r)
            tails.setdefault(r[1], []).append((len(wholes) - 1, r))
            continue
        i, last = found
        w = wholes[i]
        wholes[i] = (w[0], min(w[1], r[1]), max(w[2], r[2]), max(w[3], r[3]))
        tails[last[1]].remove((i, last))
        tails.setdefault(r[1], []).append((i, r))
    return wholes


def _bands(rules: list[Box]) -> list[Box]:
    """Regions between a rule and the next one below it spanning the same boxes (two or more)."""
    if len(rules) < 2:
        return []
    r = np.array(rules, dtype=np.int64)
    out = []
    for top in r:
        dy = r[:, 1] - top[1]
        overlap = np.minimum(top[2], r[:, 2]) - np.maximum(top[0], r[:, 0])
        fits = (dy >= MIN_CELL) & (dy <= MAX_CELL) & (overlap >= 1.8 * dy)
        if not fits.any():
            continue
        nearest = dy[fits].min()  # a row of boxes has no rule inside it: the next one closes it
        for bottom in r[fits & (dy <= nearest + 3)]:
            x0, x1 = max(top[0], bottom[0]), min(top[2], bottom[2])
            out.append((int(x0), int(top[1]), int(x1), int(bottom[3])))
    return _merged(out)


def _merged(bands: list[Box]) -> list[Box]:
    """Bands of one row (the same two rules, found piece by piece) searched once."""
    out: list[Box] = []
    for b in sorted(bands, key=lambda b: (b[1], b[0])):
        for i, o in enumerate(out):
            same_row = abs(b[1] - o[1]) <= 3 and abs(b[3] - o[3]) <= 3
            if same_row and b[0] <= o[2] and o[0] <= b[2]:
                out[i] = (min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3]))
                break
        else:
            out.append(b)
    return out


def _holes(ink: np.ndarray, band: Box) -> list[Box]:
    """Box-shaped holes of the ink inside ``band`` whose height is the band's."""
    height = band[3] - band[1]
    pad = height // 3  # a rule found by opening may start a pixel or two inside the box
    x0, y0 = max(0, band[0] - pad), max(0, band[1] - 2)
    x1, y1 = band[2] + pad, band[3] + 2
    roi = ink[y0 : y1 + 1, x0 : x1 + 1]
    contours, hierarchy = cv2.findContours(roi, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    out = []
    for c, h in zip(contours, hierarchy[0], strict=True):
        if h[3] < 0:  # an outer contour, not a hole
            continue
        x, y, w, hh = cv2.boundingRect(c)
        if not 0.6 * height <= hh <= height or not 0.45 <= w / max(hh, 1) <= 1.6:
            continue
        if cv2.contourArea(c) < 0.5 * w * hh:
            continue
        out.append((x0 + x, y0 + y, x0 + x + w, y0 + y + hh))
    return out


def _group(cells: list[Box]) -> list[Comb]:
    """Cells of one row into combs: boxes side by side form a group, a dash's gap parts groups."""
    cells = sorted(set(cells))
    combs: list[Comb] = []
    row: list[Box] = []
    groups: list[int] = []
    for c in cells:
        h = c[3] - c[1]
        if row:
            gap = c[0] - row[-1][2]
            if gap < -h / 2:  # overlapping duplicates from two bands
                continue
            if gap > 3 * h or abs(h - (row[-1][3] - row[-1][1])) > 0.25 * h:
                combs.append(Comb(tuple(row), tuple(groups)))
                row, groups = [], []
            elif gap > 0.35 * h:
                groups.append(0)
        if not row:
            groups = [0]
        row.append(c)
        groups[-1] += 1
    if row:
        combs.append(Comb(tuple(row), tuple(groups)))
    return [c for c in combs if len(c.cells) >= 4 and max(c.groups) >= 2]


def _rows(cells: list[Box]) -> list[list[Box]]:
    rows: list[list[Box]] = []
    for c in sorted(cells, key=lambda b: (b[1] + b[3]) / 2):
        mid, h = (c[1] + c[3]) / 2, c[3] - c[1]
        if rows and abs(mid - (rows[-1][0][1] + rows[-1][0][3]) / 2) <= 0.3 * h:
            rows[-1].append(c)
        else:
            rows.append([c])
    return rows


def find_combs(gray: np.ndarray) -> list[Comb]:
    """The comb rows of a greyscale page, top to bottom (most pages: none, found in ~ms)."""
    ink = _ink(gray)
    bands = _bands(_rules(ink))
    if not bands:
        return []
    cells = [hole for band in bands for hole in _holes(ink, band)]
    return [comb for row in _rows(cells) for comb in _group(row)]


# --- reading --------------------------------------------------------------------------------


def _content(gray: np.ndarray, cell: Box) -> np.ndarray:
    """The inside of a box, its border trimmed off (a box's hole starts at the line's edge)."""
    x0, y0, x1, y1 = cell
    m = max(1, (y1 - y0) // 20)
    return gray[y0 + m : y1 - m, x0 + m : x1 - m]


def _enlarged(crop: np.ndarray) -> np.ndarray:
    """A small box (a fax, a low-resolution scan) scaled up in grey before thresholding:
    binarising first and scaling after gave blocky glyphs that read 6 for 8 (bench/comb.py)."""
    if 0 < crop.shape[0] < CELL_READ:
        f = CELL_READ / crop.shape[0]
        return cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    return crop


def _threshold(gray: np.ndarray, comb: Comb) -> float:
    """Otsu's threshold over the comb (its lines and characters against the paper)."""
    x0, y0, x1, y1 = comb.bbox
    t, _ = cv2.threshold(gray[y0:y1, x0:x1], 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return float(t)


def _edge_line(stat: np.ndarray, shape: tuple[int, ...]) -> bool:
    """A remnant of the box's border: long, thin and along an edge of the crop."""
    x, y, w, h = (int(v) for v in stat[:4])
    ch, cw = shape[:2]
    flat = w >= 0.7 * cw and h <= 0.2 * ch and (y == 0 or y + h >= ch)
    tall = h >= 0.7 * ch and w <= 0.2 * cw and (x == 0 or x + w >= cw)
    return flat or tall


def _glyph(crop: np.ndarray, threshold: float) -> np.ndarray | None:
    """The character of one box as clean black on white, GLYPH px high; None when empty.

    Specks (noise), border remnants and marks under a tenth of the largest are dropped;
    Tesseract misreads a noisy grey glyph on its own far more often (bench/comb.py)."""
    ink = (crop < threshold).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    parts = [i for i in range(1, n) if not _edge_line(stats[i], crop.shape)]
    if not parts:
        return None
    largest = max(stats[i][4] for i in parts)
    keep = [i for i in parts if stats[i][4] >= max(0.1 * largest, 4)]
    if largest < INK_SHARE * crop.size:
        return None
    mask = np.isin(labels, keep)
    ys, xs = np.nonzero(mask)
    mask = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    out = np.where(mask, 0, 255).astype(np.uint8)
    f = GLYPH / out.shape[0]
    width = max(1, round(out.shape[1] * f))
    return cv2.resize(out, (width, GLYPH), interpolation=cv2.INTER_AREA)


def _pad(crop: np.ndarray, width: int) -> np.ndarray:
    return cv2.copyMakeBorder(crop, width, width, width, width, cv2.BORDER_CONSTANT, value=255)


def _read(engine: OcrEngine, image: np.ndarray, psm: int, langs: str) -> OcrResult:
    chars = getattr(engine, "read_chars", None)
    if chars is not None:
        result: OcrResult = chars(image, chars=DIGITS, langs=langs, psm=psm, timeout=10.0)
        return result
    return engine.recognize(image, langs=langs, psm=psm, timeout=10.0)


def _digits(result: OcrResult) -> list[tuple[str, float]]:
    return [(ch, w.confidence) for w in result.words for ch in w.text if ch in DIGITS]


def read_line(engine: OcrEngine, glyphs: list[np.ndarray], langs: str) -> list[tuple[str, float]]:
    """The boxes' characters side by side on one white strip, read once as a line."""
    gap = np.full((GLYPH, int(GLYPH * GAP)), 255, np.uint8)
    parts = [p for g in glyphs for p in (g, gap)][:-1]
    return _digits(_read(engine, _pad(np.hstack(parts), GLYPH // 2), LINE_PSM, langs))


def read_cell(engine: OcrEngine, glyph: np.ndarray, langs: str) -> tuple[str, float]:
    found = _digits(_read(engine, _pad(glyph, GLYPH // 2), CHAR_PSM, langs))
    return found[0] if len(found) == 1 else ("?", 0.0)


Readings = list[tuple[str, float]]  # per inked box: (character, confidence)


class SecondReading(Protocol):
    """A second reader for the boxes Tesseract is unsure of (intake.combhand.HandGate):
    given the inked boxes' glyphs and Tesseract's readings, (the readings the value keeps,
    a completion set aside until another reading agrees or None, its part for CombRead.hand)."""

    def __call__(
        self, glyphs: list[np.ndarray], found: Readings
    ) -> tuple[Readings, Readings | None, str]: ...


def _placed(
    glyphs: list[np.ndarray | None], inked: list[int], found: list[tuple[str, float]]
) -> str:
    chars = [" "] * len(glyphs)
    for i, (ch, _) in zip(inked, found, strict=True):
        chars[i] = ch
    return "".join(chars)


def read_comb(
    engine: OcrEngine,
    gray: np.ndarray,
    comb: Comb,
    langs: str,
    method: str = "auto",
    hand: SecondReading | None = None,
) -> CombRead | None:
    """The comb's characters; None when every box is empty (a form left blank)."""
    t = _threshold(gray, comb)
    glyphs = [_glyph(_enlarged(_content(gray, c)), t) for c in comb.cells]
    inked = [i for i, g in enumerate(glyphs) if g is not None]
    if not inked:
        return None
    shown = [g for g in glyphs if g is not None]
    found = read_line(engine, shown, langs) if method != "cells" else []
    used = "line"
    if len(found) != len(inked) or method == "cells":
        found, used = [read_cell(engine, g, langs) for g in shown], "cells"
    completed, hand_use = "", ""
    if hand is not None:
        found, aside, hand_use = hand(shown, found)
        completed = _placed(glyphs, inked, aside) if aside is not None else ""
    confidence = min(conf for _, conf in found)
    chars = _placed(glyphs, inked, found)
    return CombRead(comb, chars, round(confidence, 3), used, completed, hand_use)


# --- putting the value among the page's words ----------------------------------------------


def _label_left(words: list[OcrWord], box: Box) -> int | None:
    """Index of the nearest word on the comb's left, level with it."""
    mid = (box[1] + box[3]) / 2
    level = [
        i for i, w in enumerate(words) if w.bbox[1] <= mid <= w.bbox[3] and w.bbox[2] <= box[0] + 4
    ]
    return max(level, key=lambda i: words[i].bbox[2]) if level else None


def _label_above(words: list[OcrWord], box: Box) -> int | None:
    """Index of the last word of the nearest line above the comb that overlaps its span."""
    h = box[3] - box[1]
    above = [
        i
        for i, w in enumerate(words)
        if box[1] - 3 * h <= w.bbox[3] <= box[1] + 4
        and w.bbox[0] < box[2]
        and w.bbox[2] > box[0] - 4 * h
    ]
    if not above:
        return None
    best = max(above, key=lambda i: words[i].bbox[3])
    same = [i for i in range(len(words)) if words[i].line == words[best].line]
    return max(same)


def inside(w: OcrWord, box: Box) -> bool:
    cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
    return box[0] - 4 <= cx <= box[2] + 4 and box[1] - 4 <= cy <= box[3] + 4


def add_combs(result: OcrResult, reads: list[CombRead]) -> OcrResult:
    """``result`` with the marks read inside each comb replaced by the comb's value, put on
    its label's line (on the left) or on a line of its own after the label above."""
    words = list(result.words)
    for r in reads:
        box = r.comb.bbox
        words = [w for w in words if not inside(w, box)]
        next_line = max((w.line for w in words), default=-1) + 1
        at = _label_left(words, box)
        value = OcrWord(r.value, tuple(float(v) for v in box), r.confidence, origin=ORIGIN)  # type: ignore[arg-type]
        if at is not None:
            value.block, value.line = words[at].block, words[at].line
        else:
            at = _label_above(words, box)
            value.line = next_line
            value.block = (
                words[at].block if at is not None else max((w.block for w in words), default=0) + 1
            )
        words.insert(len(words) if at is None else at + 1, value)
    return OcrResult(words)


def read_combs(
    engine: OcrEngine, gray: np.ndarray, langs: str, hand: SecondReading | None = None
) -> list[CombRead]:
    """Every comb of the page read (empty combs left out)."""
    reads = (read_comb(engine, gray, c, langs, hand=hand) for c in find_combs(gray))
    return [r for r in reads if r is not None]
