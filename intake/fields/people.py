"""Every name and IC on a page, each attributed to a role: the insured's feed the fields, the
others (the employer's certifying officer, a witness, the doctor, the informant...) are kept
as the document's people.

A value's role comes from the role words next to its label (``Nama Saksi``, ``No. K/P
Pemaklum``, a value opening with ``Dr``), for an IC also from the record it closes (``Nama
Pengesah ... / No. Kad Pengenalan ...``), else from the heading of the part of the form it
stands in (intake.fields.roles). Where the page gives no role, a value is the insured's (a lone
name and IC on an MC or a MyKad).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from intake.fields.bank import ACCOUNT
from intake.fields.ic import ICMatch, find_ics, format_ic
from intake.fields.labels import find_labels, fold, is_label_text
from intake.fields.namevalue import BILINGUAL, LEAD, clean_name
from intake.fields.plausible import cut_in_text, not_a_name
from intake.fields.roles import cues, heading_role, is_insured, leading_role, role_in
from intake.fields.text import DocText, Line
from intake.fields.unlabelled import (
    ADDRESSEE_TYPES,
    IC_LABEL,
    addressee_name,
    card_name,
    dashed,
    name_under_insured_heading,
    name_under_title,
)
from intake.models import DocType, Field, Person

_NAME_LABEL = re.compile(r"\b(NAMA|NAME)\b", re.IGNORECASE)
INSURED_SCORE, NEUTRAL_SCORE, OTHER_SCORE = 2.0, 1.0, -5.0
RECORD_LINES = 6  # an IC this many lines under a name, none between, is that person's


def score(role: str | None) -> float:
    if role is None:
        return NEUTRAL_SCORE
    return INSURED_SCORE if is_insured(role) else OTHER_SCORE


@dataclass(frozen=True)
class Sighting:
    """A name or an IC on the page, with the role it was attributed to (None: no role given)."""

    kind: str  # "name" or "ic_number"
    role: str | None
    field: Field
    start: int  # of its label
    value_start: int
    rank: float  # the better value of its kind for the insured ranks lower (names) / higher (ICs)


# --- IC numbers ----------------------------------------------------------------------------


def ic_owner(dt: DocText, start: int) -> str | None:
    """The role an IC's labels give it; where they name none, the role of its form part."""
    line = dt.line_at(start)
    idx = dt.lines.index(line)
    found, role = _labelled_role(dt, line, idx, dt.text[line.start : start])
    return role if found else heading_role(dt, idx)[1]


def _labelled_role(dt: DocText, line: Line, idx: int, before: str) -> tuple[bool, str | None]:
    role = role_in(before)
    if role is not None or _NAME_LABEL.search(before):  # "Nama: X  No. K/P: ..." is a record
        return role is not None, role
    for prev in reversed(dt.lines[max(0, idx - 2) : idx]):
        if prev.page != line.page:
            break
        name_label = _NAME_LABEL.search(prev.text)
        if name_label:  # the record starts at "Nama": its qualifier, or its name's role
            role = role_in(_record_head(prev.text, name_label.end()))
            return role is not None, role
        role = role_in(prev.text)
        if role is not None:
            return True, role
    return False, None


def _record_head(text: str, label_end: int) -> str:
    """A name label with its qualifier: up to its colon, else its next three words
    (``Nama Pengesah ALI``, ``Name of Certifier Types...``)."""
    colon = text.find(":", label_end)
    if 0 <= colon - label_end <= 25:
        return text[:colon]
    return text[:label_end] + " ".join(text[label_end:].split()[:3]).join("  ")


def ic_sightings(dt: DocText, doc_type: DocType) -> list[Sighting]:
    out = []
    accounts = [a.span(1) for a in ACCOUNT.finditer(dt.text)]
    for m in find_ics(dt.text, strict=False):
        if any(start <= m.start < end for start, end in accounts):
            continue  # a 12-digit bank account number that happens to be a possible IC
        labelled = _ic_labelled(dt, m)
        card = doc_type == DocType.MYKAD and dashed(dt.text, m.start, m.end)  # the card's own
        if not m.valid and not (labelled or card):
            continue  # an impossible number counts only where it is printed as an IC
        role = None if doc_type == DocType.MYKAD else ic_owner(dt, m.start)
        out.append(_ic_sighting(dt, m, role))
    return out


def _ic_labelled(dt: DocText, m: ICMatch) -> bool:
    """An IC label before the number on its line with no other number between (``No. Kad
    Pengenalan / Identity Card No   : 831115709292``); a number grouped as an IC may also
    have its label at the end of the line above."""
    grouped = " " in dt.text[m.start : m.end].strip() or dashed(dt.text, m.start, m.end)
    if grouped and IC_LABEL.search(dt.text[max(0, m.start - 30) : m.start]):
        return True
    before = dt.text[dt.line_at(m.start).start : m.start]
    labels = list(IC_LABEL.finditer(before))
    return bool(labels) and not re.search(r"\d", before[labels[-1].end() :])


def _ic_sighting(dt: DocText, m: ICMatch, role: str | None) -> Sighting:
    s = score(role)
    conf = (0.95 if s >= INSURED_SCORE else 0.85) * (0.85 if m.repaired else 1.0)
    f = dt.field(format_ic(m.digits), m.start, m.end, conf * (1.0 if m.valid else 0.6))
    return Sighting("ic_number", role, f, m.start, m.start, s + (0.5 if m.valid else 0.0))


def insured_ic(dt: DocText, labels: dict[str, list[str]], doc_type: DocType) -> Field | None:
    """The IC printed for the insured, or None when every IC belongs to somebody else."""
    return _insured(ic_sightings(dt, doc_type), lambda s: -s.rank)


# --- names ---------------------------------------------------------------------------------


def _qualifier(dt: DocText, end: int) -> str:
    """Text between a label and its colon (``Nama Doktor :`` -> ``Doktor``)."""
    rest = dt.text[end : dt.text.find("\n", end)]
    colon = rest.find(":")
    return rest[:colon] if 0 <= colon <= 25 else ""


def _is_qualifier(text: str) -> bool:
    """``/ Name``, ``Pesakit / Patient``, ``Pengesah / Name of Certifier``: a few words
    between a label and its colon."""
    words = re.sub(r"\([^)]*\)", " ", text).split()  # "Nama Saksi (jika ada) :"
    return "(" not in " ".join(words) and len([w for w in words if w != "/"]) <= 5


def _value_above(dt: DocText, start: int) -> tuple[int, str]:
    """Handwriting sits higher than its label: a line above that starts with the colon
    (": Norazlan bin Abu Bakar") is the value of a label left without one (the label first
    on its line, or after its own translation: ``Full Name / Nama Penuh``)."""
    idx = dt.lines.index(dt.line_at(start))
    before = dt.text[dt.lines[idx].start : start].strip(" /|")
    if idx == 0 or (before and not is_label_text(before)):  # "Full Name / Nama Penuh"
        return start, ""
    above = dt.lines[idx - 1]
    m = re.match(r"\s*[:;]\s*", above.text)
    if not m:
        return start, ""
    return above.start + m.end(), above.text[m.end() :]


COLUMN_LINES = 3  # lines under a label where its cell's value may stand (after its translation)
_GAP = re.compile(r"\s{3,}")  # a column gap (intake.fields.text keeps cells three spaces apart)


def _label_cell(cell: str) -> bool:
    """A table cell that is a label's part, not a value: its translation or qualifier line
    (``Name``, ``(seperti dalam K/P)``), or another label (intake/lexicon.yml)."""
    cell = cell.strip(" :;")
    return cell.startswith("(") or (bool(cell) and is_label_text(cell))


def _skip_label_cells(dt: DocText, start: int, nl: int) -> int:
    """Past the cells after a label that are its qualifier (``Nama   (seperti dalam K/P)
    ALI``), up to the first cell that may be its value; ``nl`` when none is left."""
    while start < nl:
        rest = dt.text[start:nl]
        gap = _GAP.search(rest)
        cell = rest[: gap.start()] if gap else rest
        if not _label_cell(cell):
            return start
        if gap is None:
            return nl
        start += gap.end()
    return nl


def _value_in_column(dt: DocText, label_start: int, label_end: int) -> tuple[int, str] | None:
    """A form's cell prints its value under its label (and the label's translation and
    qualifier lines): the first cell below in the label's column that is not a label's part
    (issue #20: "a value is found right of its label, under it, or in the same table cell").
    None without word boxes, or where another label's row comes first."""
    for at, cell in dt.cells_below(label_start, label_end, COLUMN_LINES):
        if not cell or _label_cell(cell):
            continue
        if ":" in cell or find_labels(cell, {"name": ["NAMA", "NAME"]}):
            return None  # a row of its own ("Jawatan : PENGURUS"): the column holds no value
        return at, cell
    return None


_READ_COLON = re.compile(r"\s*[>;!]\s*[A-Za-z]")  # OCR's colon (namevalue.LEAD), then a word


def _value_after(dt: DocText, end: int, label_start: int | None = None) -> tuple[int, str]:
    nl = dt.text.find("\n", end)
    nl = len(dt.text) if nl < 0 else nl
    start = end
    rest = dt.text[start:nl]
    colon = rest.find(":", 0, 30)
    read_colon = _READ_COLON.match(rest)  # "Nama > ALI BIN ABU   7 :": a colon read as ">"
    if colon >= 0 and not read_colon and _is_qualifier(rest[:colon]):  # "Nama / Name : X"
        start += colon + 1
    else:
        bilingual = BILINGUAL.match(rest)
        if bilingual:
            start += bilingual.end()
    lead = LEAD.match(dt.text, start)
    start = lead.end() if lead else start
    start = _skip_label_cells(dt, start, nl)
    rest = dt.text[start:nl]
    if not rest.strip() and label_start is not None:
        below = _value_in_column(dt, label_start, end)
        if below is not None:
            return below
    if not rest.strip() and nl < len(dt.text):  # value on the next line
        lead = LEAD.match(dt.text, nl + 1)
        start = lead.end() if lead else nl + 1
        nl2 = dt.text.find("\n", start)
        rest = dt.text[start : len(dt.text) if nl2 < 0 else nl2]
    return start, rest


# "Dr", a police rank: they open the person's name and stay part of it
_TITLE_ROLES = frozenset({"doctor", "police_officer"})


def _local_role(before: str, label: str, qualifier: str) -> str | None:
    """Somebody else's role word before a label or in its qualifier wins ("Tandatangan
    Pengadu" is a signature, "Saksi - Nama" a witness); else the role the words name."""
    roles = [role_in(qualifier), role_in(before)]
    others = [r for r in roles if r is not None and not is_insured(r)]
    if others:
        return others[0]
    return next((r for r in (roles[0], role_in(label), roles[1]) if r is not None), None)


def _labelled_name(dt: DocText, hit_start: int, hit_end: int) -> tuple[str | None, int, str]:
    """(role, value start, value) of a name label's value; a role word opening the value
    (``Nama Pengesah ALI``) gives the role and is not part of the name."""
    start, rest = _value_after(dt, hit_end, hit_start)
    line = dt.line_at(hit_start)
    before = dt.text[max(line.start, hit_start - 20) : hit_start]
    qualifier = dt.text[hit_end:start].split("\n")[0]
    role = _local_role(  # each within the label's own cell: a table row holds other labels
        _GAP.split(before)[-1],  # "Saksi - Nama"
        dt.text[hit_start:hit_end],  # "Nama Pesakit"
        _GAP.split(qualifier)[0],  # "Nama Doktor :"
    )
    lead_role, skip = leading_role(rest)
    if lead_role is not None and role is None:
        role = lead_role
    if lead_role is not None and lead_role not in _TITLE_ROLES:
        start, rest = start + skip, rest[skip:]
    return role, start, rest


def name_sightings(dt: DocText, labels: dict[str, list[str]]) -> list[Sighting]:
    """Names after a name label (``Nama``, ``Nama Pesakit``) with the role their label,
    qualifier or part of the form gives them."""
    order = {lab: i for i, lab in enumerate(labels["name"])}
    out = []
    for hit in find_labels(dt.text, {"name": labels["name"]}):
        end = _damaged_label_end(dt, hit.start, hit.end, labels["name"])
        role, start, rest = _labelled_name(dt, hit.start, end)
        out += _sighting(dt, hit.start, role, start, rest, order[hit.label])
    return out


DAMAGED_LABEL = 85  # rapidfuzz ratio of a label's cell to a longer name label OCR damaged


def _damaged_label_end(dt: DocText, start: int, end: int, names: list[str]) -> int:
    """Where a name label ends that OCR damaged after its first word (``Nama Pennh`` for
    ``NAMA PENUH``): its whole cell, when the cell reads as one of the longer name labels;
    else ``end``. The damaged word is then not taken for the value."""
    line = dt.line_at(start)
    cell = _GAP.split(dt.text[start : line.start + len(line.text)])[0].rstrip(" :;")
    label = fold(dt.text[start:end])
    longer = [n for n in names if len(n) > len(label) and n.startswith(label)]
    if len(cell) > end - start and any(fuzz.ratio(fold(cell), n) >= DAMAGED_LABEL for n in longer):
        return start + len(cell)
    return end


_AS_LABEL = re.compile(r"\s*(?:\([^)]*\))?\s*(?:[:;]|$)")  # "Saksi (jika ada) :", "Doctor"


def _role_word_sightings(dt: DocText) -> list[Sighting]:
    """Names after a role word used as their label (``Saksi : X``, ``Doctor`` over ``Dr. X``):
    somebody else's, never the insured's."""
    c = cues()
    table = {r: w for r, w in c.words.items() if w and r in c.persons and not is_insured(r)}
    out = []
    for hit in find_labels(dt.text, table):
        line = dt.line_at(hit.start)
        if re.search(r"[A-Za-z0-9]", dt.text[line.start : hit.start]):
            continue  # a role word inside a line ("Jawatan : PENGURUS") labels nothing
        if _AS_LABEL.match(dt.text[hit.end : line.start + len(line.text)]):
            start, rest = _value_after(dt, hit.end, hit.start)
            out += _sighting(dt, hit.start, hit.key, start, rest, 99)
        elif hit.key in _TITLE_ROLES:  # "KPL SITI NORHAYATI", "Dr. Wong": the rank opens the name
            out += _sighting(
                dt, hit.start, hit.key, hit.start, line.text[hit.start - line.start :], 99
            )
    return out


def _sighting(
    dt: DocText, at: int, role: str | None, start: int, rest: str, rank: int
) -> list[Sighting]:
    name = _person_name(dt, start, rest)
    if name is None:
        start, rest = _value_above(dt, at)
        name = _person_name(dt, start, rest)
    if name is None:
        return []
    if role is None:
        role = heading_role(dt, dt.lines.index(dt.line_at(at)))[1]
    f = dt.field(name, start, start + len(name), 0.9 if rank < 12 else 0.75)
    return [Sighting("name", role, f, at, start, rank)]


def _person_name(dt: DocText, start: int, rest: str) -> str | None:
    """The name in ``rest`` (printed at ``start``) when it is a person's name as printed
    and whole (intake.fields.plausible): the one guard of every labelled path."""
    name = clean_name(rest)
    if name is None or not_a_name(name) is not None:
        return None
    printed = re.compile(r"\s+".join(map(re.escape, name.split())))
    m = printed.search(dt.text, start, start + len(rest))  # None where OCR repairs changed it
    end = m.end() if m else start
    return None if cut_in_text(dt.text, m.start() if m else start, end) else name


def insured_name(dt: DocText, labels: dict[str, list[str]], doc_type: DocType) -> Field | None:
    best = _insured(name_sightings(dt, labels), lambda s: s.rank)
    if best is None and doc_type == DocType.MYKAD:
        return card_name(dt)
    if best is None and doc_type in ADDRESSEE_TYPES:
        return addressee_name(dt)
    if best is None and doc_type == DocType.SKETCH_MAP:
        return name_under_title(dt)
    if best is None and doc_type != DocType.MYKAD:
        return name_under_insured_heading(dt)
    return best


def _insured(sightings: list[Sighting], key: Callable[[Sighting], float]) -> Field | None:
    """The best of the sightings that are the insured's or have no role (first on ties)."""
    mine = [s for s in sightings if s.role is None or is_insured(s.role)]
    if not mine:
        return None
    return min(mine, key=key).field


# --- the other people ----------------------------------------------------------------------


def other_people(dt: DocText, labels: dict[str, list[str]], doc_type: DocType) -> list[Person]:
    """Everybody named on the page who is not the insured, with their role: a name and the
    IC printed under it (within RECORD_LINES lines, no other name between) are one person."""
    persons = cues().persons
    every = [*name_sightings(dt, labels), *_role_word_sightings(dt), *ic_sightings(dt, doc_type)]
    seen: dict[tuple[str, int], Sighting] = {}
    for s in every:  # one value found by its name label and by its role word is one sighting
        if s.role is not None and not is_insured(s.role) and s.role in persons:
            seen.setdefault((s.kind, s.value_start), s)
    ordered = sorted(seen.values(), key=lambda s: s.value_start)
    out: list[Person] = []
    last_start = 0
    for s in ordered:
        value = str(s.field.value)
        last = out[-1] if out else None
        if (
            s.kind == "ic_number"
            and last is not None
            and last.ic_number is None
            and last.role == s.role
            and _lines_apart(dt, last_start, s.value_start) <= RECORD_LINES
        ):
            last.ic_number = value
            continue
        name, ic = (value, None) if s.kind == "name" else (None, value)
        out.append(Person(role=str(s.role), name=name, ic_number=ic, page=s.field.page))
        last_start = s.value_start
    return _distinct(out)


def _lines_apart(dt: DocText, a: int, b: int) -> int:
    return dt.lines.index(dt.line_at(b)) - dt.lines.index(dt.line_at(a))


def _distinct(people: list[Person]) -> list[Person]:
    out: list[Person] = []
    for p in people:
        if not any((p.role, p.name, p.ic_number) == (q.role, q.name, q.ic_number) for q in out):
            out.append(p)
    return out
