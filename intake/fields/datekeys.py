"""Dates assigned to their meaning by the label printed before them (spec date keys).

A date takes the key of the nearest label before it on its line (with no other date
between), else of a label that ends the line above (its translation after a slash belongs to
it), else of a label printed above it in the same column (a form's cell: "Date and Time of
Death" over "21HB. OGOS 2018").
``dari X hingga Y`` gives mc_start and mc_end on medical certificates; on the other documents
that print a period of leave (Borang 34/10/21/68/69, medical reports: real-labels.md "Maklumat
Cuti Sakit") only where leave is named near the period (``labels.period_context``), since
``from``/``to`` are too common elsewhere. Dates of birth, of joining, of admission, print
stamps... are labelled ``ignore`` and never become a key. A value OCR damaged (a lost
separator, a damaged month name: ``datedamage``) is read only where it opens the rest of a
date label's line. A document with no labelled document_date takes its first unlabelled date
as document_date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from intake.fields.datecues import role_labels, sentence_role
from intake.fields.datedamage import damaged_date, unreadable_date
from intake.fields.dates import DateMatch, find_dates
from intake.fields.labels import LabelHit, find_labels, merge_hits
from intake.fields.text import DocText
from intake.models import DocType, Field

MC_KEYS = ("mc_start", "mc_end")
MC_TYPES = frozenset({DocType.MEDICAL_CERTIFICATE, DocType.OTHER})
# Documents that print a period of medical leave besides the MC itself (real-labels.md
# "Maklumat Cuti Sakit", "Tarikh Mula MC (jika ada)"; domain.md 4.3 and 4.6)
PERIOD_TYPES = MC_TYPES | {
    DocType.FORM_34, DocType.FORM_10, DocType.FORM_21, DocType.FORM_68, DocType.FORM_69,
    DocType.MEDICAL_REPORT, DocType.PERMANENT_DISABLEMENT_APPLICATION,
}  # fmt: skip
CONTEXT_LINES = 3  # lines above a period where its "cuti sakit" may be printed
COLUMN_LINES = 3  # lines between a form cell's label and its value under it
DOUBTFUL_CONFIDENCE = 0.45  # a date printed as if OCR dropped a digit ("9/07/2025")
MAX_GAP = 45  # characters between a label and its date on one line


DAY_NAMES = frozenset(
    " ".join(
        ("AHAD ISNIN SELASA RABU KHAMIS JUMAAT SABTU AHD ISN SEL RAB KHA JUM SAB",
         "SUNDAY MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUN MON TUE WED THU FRI SAT")
    ).split(" ")
)  # fmt: skip


def _words_between(text: str) -> bool:
    """Words (not a day name) between a one-word label and its date."""
    return any(w.upper() not in DAY_NAMES for w in re.findall(r"[A-Za-z]{3,}", text))


def _label_for(dt: DocText, d: DateMatch, hits: list[LabelHit], prev_end: int) -> str | None:
    line = dt.line_at(d.start)
    before = [h for h in hits if max(line.start, prev_end) <= h.start and h.end <= d.start]
    if before and d.start - before[-1].end <= MAX_GAP:
        last = before[-1]
        generic = last.key == "document_date" and " " not in last.label  # "Tarikh", "Date"
        if not generic or not _words_between(dt.text[last.end : d.start]):
            return last.key
        return None  # "Tarikh kemalangarV/penyakit: X": a label OCR broke, not plain "Tarikh"
    if dt.text[line.start : d.start].strip(" :.-"):
        return None  # something unlabelled stands before the date on its line
    idx = dt.lines.index(line)
    prev_idx = next((i for i in range(idx - 1, -1, -1) if dt.lines[i].text.strip()), None)
    if prev_idx is not None and dt.lines[prev_idx].page == line.page:
        prev = dt.lines[prev_idx]  # the line above, past blank ones (a value under its label)
        above = [h for h in hits if prev.start <= h.start < line.start]
        for h in reversed(above):  # the last label, or one its translation follows
            if _ends_label(dt.text[h.end : line.start]):
                return h.key
    return _label_below(dt, d, hits, idx)


# what may follow a label at the end of its line: its punctuation, or its translation after a
# slash in words alone ("Accident Date / Tarikh kemalangan berlaku", OCR-damaged or not)
_LABEL_TAIL = re.compile(r"[ \t:.\-]*(?:/[A-Za-z .]*:?)?\s*")


def _ends_label(tail: str) -> bool:
    return _LABEL_TAIL.fullmatch(tail) is not None


def _label_in_column(dt: DocText, d: DateMatch, hits: list[LabelHit]) -> str | None:
    """A form's cell prints its label (and its translation) above the value: the nearest
    specific label up to COLUMN_LINES lines above whose box overlaps the date's horizontally
    and that has no date of its own after it on its line."""
    page, box, _ = dt.evidence(d.start, d.end)
    if box is None:
        return None
    idx = dt.lines.index(dt.line_at(d.start))
    for line in reversed(dt.lines[max(0, idx - COLUMN_LINES) : idx]):
        end = line.start + len(line.text)
        for h in reversed([h for h in hits if line.start <= h.start < end]):
            if " " not in h.label or find_dates(dt.text[h.end : end]):
                continue  # a generic "Tarikh" heads table columns; a taken label
            hpage, hbox, _ = dt.evidence(h.start, h.end)
            if hpage == page and hbox and min(hbox[2], box[2]) > max(hbox[0], box[0]):
                return h.key
    return None


def _label_below(dt: DocText, d: DateMatch, hits: list[LabelHit], idx: int) -> str | None:
    """Handwriting sits higher than its printed label, so OCR can put a filled-in date on
    the line above its label: a date alone on its line takes the label that starts the next
    line, when that line has no date of its own."""
    if idx + 1 >= len(dt.lines):
        return None
    nxt = dt.lines[idx + 1]
    below = [h for h in hits if nxt.start <= h.start < nxt.start + len(nxt.text)]
    if not below or dt.text[nxt.start : below[0].start].strip() or find_dates(nxt.text):
        return None
    line = dt.lines[idx]
    rest = dt.text[d.end : line.start + len(line.text)]
    return below[0].key if len(rest.strip()) <= 12 else None


def date_confidence(d: DateMatch) -> float:
    """How far a labelled date is to be trusted before OCR's own confidence is applied."""
    if d.doubtful:
        return DOUBTFUL_CONFIDENCE
    return 0.9 if d.exact else 0.75


def date_labels(labels: dict[str, Any], doc_type: DocType) -> dict[str, list[str]]:
    """The date labels of doctypes.yml for one type: the common ones plus its own."""
    table = {k: list(v) for k, v in labels["dates"].items()}
    for key, more in labels.get("dates_by_type", {}).get(str(doc_type), {}).items():
        table = {k: [lab for lab in v if lab not in more] for k, v in table.items()}
        table[key] = [*table.get(key, []), *more]  # the type's own meaning wins
    return {k: v for k, v in table.items() if doc_type in PERIOD_TYPES or k not in MC_KEYS}


def _leave_named(dt: DocText, d: DateMatch, labels: dict[str, Any]) -> bool:
    """Leave ("cuti sakit", "medical leave") printed on the date's line or just above it."""
    idx = dt.lines.index(dt.line_at(d.start))
    near = dt.lines[max(0, idx - CONTEXT_LINES) : idx + 1]
    text = "\n".join(ln.text for ln in near)
    return bool(find_labels(text, {"leave": labels.get("period_context", [])}))


def dates_by_key(dt: DocText, labels: dict[str, Any], doc_type: DocType) -> dict[str, Field]:
    """Dates of a document under the spec's keys; ``labels`` is doctypes.yml's labels."""
    table = date_labels(labels, doc_type)
    hits = merge_hits(find_labels(dt.text, table) + role_labels(dt.text, labels))
    out: dict[str, Field] = {}
    unlabelled: list[DateMatch] = []
    prev_end = 0
    for d in find_dates(dt.text):
        key = (
            _label_for(dt, d, hits, prev_end)
            or _label_in_column(dt, d, hits)
            or sentence_role(dt.text, d.start, d.end, labels)
        )
        prev_end = d.end
        if key is None:
            unlabelled.append(d)
        elif key not in out and _keeps(dt, d, key, labels, doc_type):
            out[key] = dt.field(d.value.isoformat(), d.start, d.end, date_confidence(d))
    rests = _label_rests(dt, hits)
    for key, d in _damaged_after_labels(rests):
        if key not in out and _keeps(dt, d, key, labels, doc_type):
            out[key] = dt.field(d.value.isoformat(), d.start, d.end, date_confidence(d))
    if doc_type in MC_TYPES:
        unlabelled = _mc_period_by_elimination(dt, out, unlabelled)
    # an unlabelled date means what the type's plain "Tarikh" means: the document's date, or
    # on a sketch map the accident's (doctypes.yml dates_by_type; domain.md 4.5)
    plain = next((k for k, v in table.items() if "TARIKH" in v), "document_date")
    unread = any(h.key == plain and unreadable_date(rest) for h, rest, _ in rests)
    if plain not in out and unlabelled and not unread:
        d = unlabelled[0]
        out[plain] = dt.field(d.value.isoformat(), d.start, d.end, 0.5)
    return out


def _keeps(dt: DocText, d: DateMatch, key: str, labels: dict[str, Any], doc_type: DocType) -> bool:
    """A labelled date is kept under ``key``: never ``ignore``; a period ("from ... to ...")
    outside an MC only where leave is named beside it (not a wage period)."""
    if key in MC_KEYS and doc_type not in MC_TYPES:
        return _leave_named(dt, d, labels)
    return key != "ignore"


Rest = tuple[LabelHit, str, int]  # a date label, the text where its value stands, its offset


def _label_rests(dt: DocText, hits: list[LabelHit]) -> list[Rest]:
    """Each date label with the place of its value where ``find_dates`` reads no date (the
    place of a value OCR damaged): the rest of its line up to the next label, or the line
    under it when the label ends its line (a form's cell)."""
    out = []
    for i, h in enumerate(hits):
        line = dt.line_at(h.start)
        end = line.start + len(line.text)
        if i + 1 < len(hits):
            end = min(end, hits[i + 1].start)
        rest, at = dt.text[h.end : end], h.end
        idx = dt.lines.index(line)
        if _ends_label(rest) and idx + 1 < len(dt.lines) and dt.lines[idx + 1].page == line.page:
            under = dt.lines[idx + 1]
            rest, at = under.text, under.start
        if h.key != "ignore" and not find_dates(rest):
            out.append((h, rest, at))
    return out


def _damaged_after_labels(rests: list[Rest]) -> list[tuple[str, DateMatch]]:
    """A date OCR damaged (``datedamage.damaged_date``) that opens the place of a label's
    value: never one standing elsewhere."""
    out = []
    for h, rest, at in rests:
        d = damaged_date(rest)
        if d is not None:
            out.append((h.key, replace(d, start=at + d.start, end=at + d.end)))
    return out


def _mc_period_by_elimination(
    dt: DocText, out: dict[str, Field], unlabelled: list[DateMatch]
) -> list[DateMatch]:
    """An MC whose "hingga"/"to" label OCR lost: the unlabelled date after mc_start ends it
    (and the one before mc_end starts it). Returns the dates still unused."""
    start, end = out.get("mc_start"), out.get("mc_end")
    if (start is None) == (end is None):
        return unlabelled
    known = start or end
    assert known is not None
    anchor = dt.lines.index(dt.line_at(_offset(dt, known)))
    for i, d in enumerate(unlabelled):
        if abs(dt.lines.index(dt.line_at(d.start)) - anchor) > 1:
            continue  # only a date beside the period, not one elsewhere on the MC
        iso = d.value.isoformat()
        if start is not None and iso >= str(start.value):
            out["mc_end"] = dt.field(iso, d.start, d.end, 0.5)
        elif end is not None and iso <= str(end.value):
            out["mc_start"] = dt.field(iso, d.start, d.end, 0.5)
        else:
            continue
        return unlabelled[:i] + unlabelled[i + 1 :]
    return unlabelled


def _offset(dt: DocText, f: Field) -> int:
    """Where a field's raw text is in the document (its first occurrence)."""
    return max(0, dt.text.find(f.raw))
