"""Medical certificate fields: days of leave, clinic, doctor and MMC registration number."""

from __future__ import annotations

import re
from typing import Any

from intake.fields.labels import find_labels
from intake.fields.plausible import not_a_name
from intake.fields.text import DocText
from intake.models import Field

NUMBER_WORDS = {
    "SATU": 1, "SEHARI": 1, "DUA": 2, "TIGA": 3, "EMPAT": 4, "LIMA": 5, "ENAM": 6,
    "TUJUH": 7, "LAPAN": 8, "SEMBILAN": 9, "SEPULUH": 10, "SEBELAS": 11,
    "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "SEVEN": 7,
    "EIGHT": 8, "NINE": 9, "TEN": 10, "ELEVEN": 11, "TWELVE": 12,
}  # fmt: skip
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUM = rf"(\d{{1,3}}|[OIl]\d|\d[OIl]|{_WORDS})"
# a number in words in brackets, its word the group: "(Lima)", "[five]", "{TIGA}"
_IN_BRACKETS = rf"[({{\[]\s*({_WORDS})\s*[)}}\]]"
# "selama / for 5 (Lima) hari", "for 3 day(s)", "5 hari", "selama lima (5) hari"
DAYS = re.compile(
    rf"(?:(?:SELAMA|FOR)\s*(?:/\s*(?:FOR|SELAMA)\s*)?)?\b{_NUM}\s*"
    r"(?:[({\[]\s*[A-Z0-9 ]{1,15}\s*[)}\]]\s*)?"
    r"(?:HARI|DAYS?|DAY\s*\(S\))(?![A-Z])",
    re.IGNORECASE,
)
# "selama / for 2 (Dua)" with "hari" lost: a number and the same number in words confirm
# each other where OCR dropped the unit.
# OCR may also have added a letter to the digits ("5S (LIMA) hari"): the words decide when
# the digits, letters read as digits, still hold their number.
PAIRED = re.compile(
    rf"(?:SELAMA|FOR)\s*(?:/\s*(?:FOR|SELAMA)\s*)?(\d[0-9OIlSs]{{0,2}})\s*{_IN_BRACKETS}",
    re.IGNORECASE,
)
MMC = re.compile(r"\bMMC\b[^0-9\n]{0,16}(\d{3,6})\b", re.IGNORECASE)
DOCTOR = re.compile(
    r"\b(?:DR|DOKTOR)\.?\s*[:.]?\s+([A-Z][A-Za-z@'/. -]{2,40}?)(?=\s{2,}|\n|,|\s*[()]|$)",
    re.IGNORECASE,
)
CLINIC = re.compile(
    r"^\s*((?:KLINIK|POLIKLINIK|HOSPITAL|PUSAT PERUBATAN|CLINIC|MEDICAL CENTRE)\b[^\n]{2,60}"
    r"|[^\n]{2,60}\b(?:CLINIC|KLINIK|HOSPITAL|MEDICAL CENTRE|POLIKLINIK)\b[^\n]{0,20})$",
    re.IGNORECASE | re.MULTILINE,
)


def _days_value(token: str) -> int | None:
    word = NUMBER_WORDS.get(token.upper())
    if word is not None:
        return word
    digits = token.translate(str.maketrans("OIl", "011"))
    return int(digits) if digits.isdigit() else None


def mc_days(dt: DocText, labels: dict[str, Any] | None = None) -> Field | None:
    """Days of leave as printed ("selama 5 hari", "for 3 day(s)", or the value of a days
    label of doctypes.yml ``labels.mc_days``: "Jumlah hari : 5"); 1-365, first one wins."""
    return _worded_days(dt) or _paired_days(dt) or _labelled_days(dt, labels or {})


def _worded_days(dt: DocText) -> Field | None:
    for m in DAYS.finditer(dt.text):
        days = _days_value(m[1])
        if days and 1 <= days <= 365:
            conf = 0.95 if m[0].upper().startswith(("SELAMA", "FOR")) else 0.75
            worded = _words_in_brackets(m[0])
            if worded is not None and worded != days:  # "55 (LIMA)": OCR doubled a digit
                days, conf = worded, 0.6
            return dt.field(days, m.start(1), m.end(), conf)
    return None


# A days label's value: the number, its words in brackets and its unit optional, up to a
# column gap or the line's end; the label's qualifier "(jika ada)" may stand before it. OCR
# reads a hand-filled value's colon as a letter glued to it ("Jumlah hari   a5"): one letter
# before the digits is skipped, at a lower confidence.
_LABELLED = re.compile(
    rf"(?:\s*\([^)\n]{{0,20}}\))?[\s:;.,\-/|!>_=+]*(?P<glued>[A-Za-z](?=\d))?(?P<n>\d{{1,3}})\s*"
    rf"(?:{_IN_BRACKETS}\s*)?(?:(?:HARI|DAYS?)(?![A-Z]))?(?=\s{{2,}}|\s*$)",
    re.IGNORECASE,
)


def _labelled_days(dt: DocText, labels: dict[str, Any]) -> Field | None:
    """The number after a days label on its line, else in the cell under it."""
    words = [w for group in labels.get("mc_days", []) for w in group["words"]]
    for hit in find_labels(dt.text, {"mc_days": words}):
        line = dt.line_at(hit.start)
        rest = dt.text[hit.end : line.start + len(line.text)]
        below = [(at, cell) for at, cell in dt.cells_below(hit.start, hit.end, 2) if cell.strip()]
        for at, value in [(hit.end, rest), *below[:1]]:
            m = _LABELLED.match(value)
            days = int(m["n"]) if m else 0
            if m and 1 <= days <= 365:
                conf = 0.7 if m["glued"] else 0.85
                return dt.field(days, at + m.start("n"), at + m.end(), conf)
    return None


_BRACKETED_WORD = re.compile(_IN_BRACKETS, re.IGNORECASE)


def _words_in_brackets(text: str) -> int | None:
    """The number written in words in brackets after the digits ("5 (Lima)"), if any."""
    m = _BRACKETED_WORD.search(text)
    return NUMBER_WORDS[m[1].upper()] if m else None


def _paired_days(dt: DocText) -> Field | None:
    """ "selama/for 2 (Dua)" without its unit: the digits and the words must agree."""
    for m in PAIRED.finditer(dt.text):
        days = NUMBER_WORDS[m[2].upper()]
        digits = m[1].translate(_OCR_DIGITS)
        if digits == str(days):
            return dt.field(days, m.start(1), m.end(), 0.85)
        if str(days) in digits and not m[1].isdigit():  # "5S": a letter OCR added
            return dt.field(days, m.start(1), m.end(), 0.8)
    return None


_OCR_DIGITS = str.maketrans("OIlSs", "01155")


def mmc_number(dt: DocText) -> Field | None:
    m = MMC.search(dt.text)
    return dt.field(m[1], m.start(1), m.end(1), 0.9) if m else None


_TITLE = re.compile(r"^(?:DR|DOKTOR)\b\.?\s*", re.IGNORECASE)


def doctor(dt: DocText) -> Field | None:
    """The doctor named after "Dr" or "Doktor" (the label, or the title of the name under
    it), when it may be a person's name (intake.fields.plausible: not a label or a heading)."""
    for m in DOCTOR.finditer(dt.text):
        name = _TITLE.sub("", m[1].strip(" .")).strip(" .")  # "Doktor\nDR. TAN": one title
        if len(name) >= 3 and not_a_name(name) is None:
            return dt.field("Dr. " + name, m.start(), m.end(1), 0.7)
    return None


def clinic(dt: DocText) -> Field | None:
    """The clinic or hospital named first (usually the letterhead)."""
    m = CLINIC.search(dt.text[:1500])
    if not m:
        return None
    name = " ".join(m[1].split())
    return dt.field(name, m.start(1), m.end(1), 0.7)
