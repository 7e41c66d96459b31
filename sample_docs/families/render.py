"""Draw a family document: header, sections placed right of / under labels or in table cells,
comb boxes, pages with continuation cues and running headers, people, stamps, signatures."""

from __future__ import annotations

import random

from sample_docs.families import STYLES, Family
from sample_docs.families.content import Row, Section, sections, title
from sample_docs.families.wording import COPY_STAMP, CUES, LABELS, heading, label
from sample_docs.layouts.common import (
    LABEL_GAP,
    after_label,
    paragraph,
    round_stamp,
    signature,
    stamp_color,
    text_width,
    wrap,
)
from sample_docs.model import Doc, Story
from sample_docs.sheet import GREY, STAMP_BLUE, Ellipse, Line, Poly, Rect, Sheet, Text

PERKESO = "PERTUBUHAN KESELAMATAN SOSIAL"
COMB_TYPES = ("form_34", "form_21", "permanent_disablement_application")
MARGIN = 195.0  # the right margin: the header's rule and the boxes end there
MULTI = ("form_34", "form_21", "form_10", "form_68", "form_69",
         "permanent_disablement_application", "medical_report", "police_report")  # fmt: skip


class Pen:
    """Where the next row goes on the current page, and the family's way of placing it."""

    def __init__(self, doc: Doc, fam: Family, rng: random.Random) -> None:
        self.doc, self.fam, self.rng = doc, fam, rng
        self.hand = bool(doc.data.get("hand")) and doc.doc_type in MULTI[:6]
        self.comb = fam.comb and doc.doc_type in COMB_TYPES
        self.jitter = int(doc.data.get("seed", 0))

    def label(self, row: Row) -> str:
        return row.text if not row.concept else label(row.concept, self.fam.name, self.fam.langs)

    def value(self, s: Sheet, x: float, y: float, row: Row) -> None:
        if self.comb and row.kind in ("ic", "date"):
            self.boxes(s, x, y, row)
        elif self.hand:
            self.jitter += 1
            s.hand(x, y, row.value, 12, self.jitter)
        else:
            s.text(x, y, row.value, 9.5, self.fam.value_font)

    def width(self, row: Row) -> float:
        """The drawn width of ``row``'s value as ``value`` prints it."""
        if self.comb and row.kind in ("ic", "date"):
            n = len(self.doc_digits(row) if row.kind == "date" else row.value)
            return n * 5.2 + 5.0
        if self.hand:  # the raster backend stretches a hand glyph's advance by up to 6 %
            return text_width(row.value, 12, "hand") * 1.06
        return text_width(row.value, 9.5, self.fam.value_font)

    def boxes(self, s: Sheet, x: float, y: float, row: Row) -> None:
        digits = "".join(ch for ch in row.value if ch.isdigit())
        if row.kind == "date":  # a comb date prints digits: dd mm yyyy
            digits = self.doc_digits(row)
        groups = (6, 8) if row.kind == "ic" else (2, 4)
        for i, ch in enumerate(digits):
            cx = x + i * 5.2 + 2.5 * sum(1 for g in groups if i >= g)
            s.rect(cx, y - 4.6, 5.2, 6.0, 0.25)
            s.text(cx + 2.6, y, ch, 10, "mono", "c")

    def doc_digits(self, row: Row) -> str:
        from datetime import date as _date

        for v in self.doc.fields.get("dates", {}).values():
            from sample_docs.layouts.common import dtext

            if dtext(self.doc, _date.fromisoformat(v)) == row.value:
                return _date.fromisoformat(v).strftime("%d%m%Y")
        return "".join(ch for ch in row.value if ch.isdigit())


def _header(s: Sheet, doc: Doc, story: Story, fam: Family, lines: tuple[str, ...]) -> float:
    issuer, _ = title(doc, fam.name)
    org = {
        "perkeso": PERKESO, "clinic": story.clinic.name, "police": "POLIS DIRAJA MALAYSIA",
        "employer": story.employer.name, "bank": doc.data.get("bank", ""),
        "jpn": "JABATAN PENDAFTARAN NEGARA MALAYSIA", "none": "",
    }[issuer]  # fmt: skip
    if fam.name == "B":
        s.text(105, 16, org, 12, fam.bold, "c")
        y = 24.0
        for i, ln in enumerate(lines):
            s.text(105, y, ln, 13 if i == 0 else 10, fam.bold, "c")
            y += 6
    elif fam.name == "C":
        s.text(195, 14, org, 10, fam.bold, "r")
        y = 24.0
        for i, ln in enumerate(lines):
            s.text(15, y, ln, 14 if i == 0 else 10, fam.bold if i == 0 else fam.font)
            y += 6.5
    else:
        s.text(15, 14, org, 9, fam.font)
        s.rect(15, 18, 180, 7 + 6.5 * len(lines), 0.5)
        y = 25.0
        for i, ln in enumerate(lines):
            s.text(105, y, ln, 12 if i == 0 else 10, fam.bold, "c")
            y += 6.5
    s.line(15, y, 195, y, 0.5)
    return y + 8


def _continued(s: Sheet, doc: Doc, fam: Family, n: int, total: int, code: str) -> float:
    cue = CUES[fam.name].format(n=n, t=total)
    if fam.name == "B":
        s.text(195, 12, f"{code} ({cue})", 9, fam.bold, "r")
    elif fam.name == "C":
        s.text(15, 12, code, 8, fam.font, "l", GREY)
    else:
        s.text(195, 12, cue, 8.5, fam.font, "r")
    return 24.0


def _footer(s: Sheet, fam: Family, n: int, total: int, code: str) -> None:
    if fam.running_header:
        s.text(15, 8, code, 7, fam.font, "l", GREY)
    if fam.name != "B" and total > 1:
        s.text(105, 288, CUES[fam.name].format(n=n, t=total), 7.5, fam.font, "c", GREY)


def _rows(s: Sheet, pen: Pen, sec: Section, y: float, placement: str) -> float:
    fam = pen.fam
    place = {"right": _right, "under": _under, "table": _cell}[placement]
    for row in sec.rows:
        if row.kind == "para":
            y = paragraph(s, 17, y, row.value, 176, 9.5, fam.value_font) + 2
            continue
        y = place(s, pen, row, pen.label(row), y)
    if sec.table:
        y = _table(s, pen, sec.table, y)
    return y + 3


def _right(s: Sheet, pen: Pen, row: Row, text: str, y: float) -> float:
    """Label, colon at its column, value after it; a label running into the column pushes the
    colon and value right, or the value onto the next line when it then passes the margin."""
    s.text(17, y, text, 8.5, pen.fam.font)
    colon = after_label(17, text, 8.5, pen.fam.font, 96)
    if colon > 96 and colon + 3 + pen.width(row) > MARGIN:
        colon, y = 96, y + 5.5
    s.text(colon, y, ":", 8.5, pen.fam.font)
    pen.value(s, colon + 3, y, row)
    return y + 8.5


def _under(s: Sheet, pen: Pen, row: Row, text: str, y: float) -> float:
    s.text(17, y, text, 7.5, pen.fam.font, "l", GREY)
    pen.value(s, 19, y + 5.5, row)
    return y + 13


def _cell(s: Sheet, pen: Pen, row: Row, text: str, y: float) -> float:
    """Label and value in two cells; a label wider than its cell wraps and the row grows."""
    lines = wrap(text, 87 - LABEL_GAP - 17, 8, pen.fam.font)
    h = 8.5 + 4 * (len(lines) - 1)
    s.rect(15, y - 5.5, 72, h, 0.3)
    s.rect(87, y - 5.5, 108, h, 0.3)
    for i, ln in enumerate(lines):
        s.text(17, y + 4 * i, ln, 8, pen.fam.font)
    pen.value(s, 89, y, row)
    return y + h


def _table(s: Sheet, pen: Pen, tab: tuple[list[str], list[list[str]]], y: float) -> float:
    head, body = tab
    w = 180 / len(head)
    names = [label(h, pen.fam.name, pen.fam.langs) if h in LABELS else h for h in head]
    for i, h in enumerate(names):
        s.rect(15 + i * w, y - 5, w, 7, 0.3, fill=(230, 230, 230))
        s.text(16.5 + i * w, y, h, 8, pen.fam.bold)
    for r in body:
        y += 7
        for i, cell in enumerate(r):
            s.rect(15 + i * w, y - 5, w, 7, 0.2)
            s.text(16.5 + i * w, y, cell, 8.5, pen.fam.value_font)
    return y + 9


def _section(s: Sheet, pen: Pen, sec: Section, y: float, i: int) -> float:
    fam = pen.fam
    if sec.heading:
        head = heading(sec.heading, fam.name, fam.langs)
        if fam.name == "B":
            s.rect(15, y - 4.5, 180, 6.2, 0.3, fill=(225, 225, 225))
            s.text(17, y, head, 9, fam.bold)
        elif fam.name == "C":
            s.text(15, y, head, 10, fam.bold)
            s.line(15, y + 1.2, 120, y + 1.2, 0.3)
        else:
            s.text(15, y, f"{chr(65 + i)}.  {head}", 9.5, fam.bold)
        y += 8
    return _rows(s, pen, sec, y, fam.placements[i % len(fam.placements)])


def _close(s: Sheet, doc: Doc, story: Story, pen: Pen, y: float) -> None:
    rng = pen.rng
    y = min(max(y + 6, 230), 262)
    signature(s, 130, y + 6, 40, rng)
    s.line(120, y + 10, 190, y + 10, 0.25)
    s.text(155, y + 14, label("signature", pen.fam.name, pen.fam.langs), 7.5, pen.fam.font, "c")
    issuer, _ = title(doc, pen.fam.name)
    if issuer in ("employer", "clinic", "perkeso"):
        who = story.employer.name if issuer != "clinic" else story.clinic.name
        round_stamp(s, 60, y + 8, who[:30], [story.employer.town[:14]], rng, stamp_color(rng))
    if c := doc.data.get("copy_by"):
        _copy_stamp(s, pen, c, 122, y - 30)


def _copy_stamp(s: Sheet, pen: Pen, c: dict[str, str], x: float, y: float) -> None:
    word = COPY_STAMP["BCH".index(pen.fam.name)]
    ops: list[Text | Line | Rect | Ellipse | Poly] = [
        Rect(x, y, 72, 22, 0.6, STAMP_BLUE),
        Text(x + 36, y + 6, word, 9, "sans-b", "c", STAMP_BLUE),
        Text(x + 36, y + 13, c["name"][:34], 7, "sans", "c", STAMP_BLUE),
        Text(x + 36, y + 18, c["position"], 6.5, "sans", "c", STAMP_BLUE),
    ]
    s.ink(ops, alpha=pen.rng.uniform(0.6, 0.85))


def render(doc: Doc, story: Story) -> list[Sheet]:
    fam = STYLES[doc.data["family"]]
    rng = random.Random(f"{doc.key}|{doc.doc_type}|{fam.name}|{doc.data.get('seed', 0)}")
    pen = Pen(doc, fam, rng)
    if doc.doc_type == "mykad":
        return [_mykad(doc, pen)]
    _, lines = title(doc, fam.name)
    secs = sections(doc, story, fam.name)
    per = fam.sections_per_page if doc.doc_type in MULTI else 99
    chunks = [secs[i : i + per] for i in range(0, len(secs), per)] or [[]]
    code = lines[0]
    sheets = []
    for n, chunk in enumerate(chunks, 1):
        s = Sheet()
        y = (
            _header(s, doc, story, fam, lines)
            if n == 1
            else _continued(s, doc, fam, n, len(chunks), code)
        )
        if n == 1 and doc.doc_type == "sketch_map":
            y = _sketch(s, doc, y)
        for i, sec in enumerate(chunk):
            y = _section(s, pen, sec, y, i + (n - 1) * per)
        if n == len(chunks):
            _close(s, doc, story, pen, y)
        _footer(s, fam, n, len(chunks), code)
        sheets.append(s)
    return sheets


def _sketch(s: Sheet, doc: Doc, y: float) -> float:
    road1, road2 = doc.data["road1"], doc.data["road2"]
    s.line(20, y + 40, 190, y + 40, 0.8)
    s.line(20, y + 52, 190, y + 52, 0.8)
    s.line(120, y, 120, y + 40, 0.8)
    s.line(132, y, 132, y + 40, 0.8)
    s.text(60, y + 47, road1, 9, "hand3")
    s.text(135, y + 15, road2, 9, "hand3")
    s.rect(25, y + 10, 22, 14, 0.5)
    s.text(36, y + 19, "RUMAH", 8, "hand3", "c")
    s.rect(160, y + 60, 26, 14, 0.5)
    s.text(173, y + 69, "TEMPAT KERJA", 7, "hand3", "c")
    s.text(126, y + 47, "X", 14, "sans-b", "c")
    s.text(126, y + 60, "TEMPAT KEMALANGAN", 7, "hand3", "c")
    s.text(60, y + 70, f"{doc.data['km']} km", 8, "hand3")
    return y + 85


def _mykad(doc: Doc, pen: Pen) -> Sheet:
    """A photocopy of the card, front above back (the card prints no labels: DM 4.1)."""
    s = Sheet()
    fam = pen.fam
    x, y = {"B": (30, 30), "C": (62, 40), "H": (20, 60)}[fam.name]
    k = {"B": 1.45, "C": 1.0, "H": 1.25}[fam.name]
    s.rect(x, y, 85.6 * k, 54 * k, 0.4, GREY, (238, 238, 238), radius=3 * k)
    s.text(x + 3 * k, y + 7 * k, "KAD PENGENALAN", 5.5 * k, "sans-b")
    s.text(x + 3 * k, y + 11 * k, "MALAYSIA", 7 * k, "sans-b")
    s.text(x + 3 * k, y + 25 * k, doc.fields.get("ic_number", ""), 8.5 * k, "sans-b")
    words = doc.fields.get("name", "").split()
    s.text(x + 3 * k, y + 33 * k, " ".join(words[:3]), 6.2 * k, "sans-b")
    s.text(x + 3 * k, y + 36.5 * k, " ".join(words[3:]), 6.2 * k, "sans-b")
    addr = doc.data.get("address", [])
    for i, ln in enumerate(addr if isinstance(addr, list) else [addr]):
        s.text(x + 3 * k, y + (40 + 3 * i) * k, ln, 5 * k, "sans")
    s.text(x + 60 * k, y + 50 * k, "WARGANEGARA", 4.5 * k, "sans-b")
    by = y + 54 * k + 12
    s.rect(x, by, 85.6 * k, 54 * k, 0.4, GREY, (238, 238, 238), radius=3 * k)
    s.text(x + 5 * k, by + 45 * k, doc.data.get("card_serial", ""), 5 * k, "mono")
    if c := doc.data.get("copy_by"):
        _copy_stamp(s, pen, c, 110, by + 54 * k + 10)
    return s
