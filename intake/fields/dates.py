"""Day-first dates as printed on Malaysian documents (domain.md 5.1).

A small, table-driven parser: numeric ``dd/mm/yyyy`` (``-`` ``.`` too, two-digit years),
``12 Januari 2024``, ``22hb April 2004``, the National Registration Department's
``21HB. OGOS 2018`` (domain.md 5.1, ../shared/real/death_certificate_jpn_lm11.png; OCR's
``21H8.`` too), ``12-JAN-24``, ``Jan 12, 2024``, ISO ``2024-01-12``, and day ranges that print
the month and year once (``dari 2 hingga 6 Okt 2026``, ``2 - 6 October 2026``),
Malay and English month names and abbreviations, tolerant of OCR digit confusions
(O/0, I/l/1, S/5, B/8). It never reads ``03/04/2024`` as 4 March. dateparser is used by the
benchmark as an independent reference (it is ~100x slower and accepts much looser text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

MONTHS: dict[str, int] = {
    "JANUARI": 1, "JANUARY": 1, "JAN": 1,
    "FEBRUARI": 2, "FEBRUARY": 2, "FEB": 2,
    "MAC": 3, "MARCH": 3, "MAR": 3,
    "APRIL": 4, "APR": 4,
    "MEI": 5, "MAY": 5,
    "JUN": 6, "JUNE": 6,
    "JULAI": 7, "JULY": 7, "JUL": 7,
    "OGOS": 8, "OGO": 8, "AUGUST": 8, "AUG": 8, "0GOS": 8,
    "SEPTEMBER": 9, "SEPT": 9, "SEP": 9,
    "OKTOBER": 10, "OCTOBER": 10, "OKT": 10, "OCT": 10, "0KT": 10, "0CT": 10,
    "NOVEMBER": 11, "NOV": 11, "N0V": 11,
    "DISEMBER": 12, "DESEMBER": 12, "DECEMBER": 12, "DIS": 12, "DEC": 12,
}  # fmt: skip

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_S = r"[ \t]*"  # spacing within a line (a date never spans lines)
_D = r"[0-9OoIlS|]"  # a digit, or a letter OCR mistakes for one
# "hb" (haribulan) after the day, "21HB." as JPN prints it and OCR's "21H8." (domain.md 5.1),
# or an English ordinal suffix
_HB = r"[ \t]*(?:H[B8]\.?|HARIBULAN|ST|ND|RD|TH)?"
# Both separators the same ("REG #19- 02/03/2018" is not 19 Feb 2003), except before a
# four-digit year, where OCR's "16-04.2025" is still a date.
NUMERIC = re.compile(
    rf"(?<![0-9A-Za-z])({_D}{{1,2}}){_S}([/\-.]){_S}({_D}{{1,2}}){_S}"
    rf"(?:\2{_S}({_D}{{4}}|{_D}{{2}})|[/\-.]{_S}({_D}{{4}}))(?![0-9A-Za-z])"
)
ISO = re.compile(r"(?<![0-9])(\d{4})-(\d{2})-(\d{2})(?![0-9])")
DAY_MONTH = re.compile(  # the month a whole word: "25 April" is not "25 Apr" + year "il"
    rf"(?<![0-9A-Za-z])({_D}{{1,2}}){_HB}[ \t]*[\-./ :;]?[ \t]*"
    rf"({_MONTH_RE})(?![A-Za-z])\.?[ \t]*[\-./,' :;]?[ \t]*({_D}{{4}}|{_D}{{2}})(?![0-9A-Za-z])",
    re.IGNORECASE,
)
# A month name OCR damaged ("10 JULAT 2025", "3 Septernber 2024"): a word of 4-10 letters
# between a day and a four-digit year, resolved by ``fuzzy_month``.
FUZZY_DAY_MONTH = re.compile(
    rf"(?<![0-9A-Za-z])({_D}{{1,2}})[ \t]+([A-Za-z0][A-Za-z]{{3,9}})\.?"
    rf"[ \t]*[\-./, ]?[ \t]*({_D}{{4}})(?![0-9A-Za-z])"
)
FULL_MONTHS = [m for m in MONTHS if len(m) >= 5 and m.isalpha()]
FUZZY_MONTH_CUTOFF = 80.0
MONTH_DAY = re.compile(  # day and year apart: "Januari 202600" is no 20 Jan 2600
    rf"(?<![0-9A-Za-z])({_MONTH_RE})\.?[ \t]+({_D}{{1,2}})(?:ST|ND|RD|TH)?"
    rf"(?:{_S},{_S}|[ \t]+)({_D}{{4}})(?![0-9])",
    re.IGNORECASE,
)
# A long date that a paragraph wrapped: "... from 30 APRIL 2026 to 4\nMEI 2026" (the day after
# a word, not the last cell of a table row) or "to 4 MEI\n2026".
WRAPPED = re.compile(
    rf"(?<=[A-Za-z] )({_D}{{1,2}})[ \t]*\n[ \t]*({_MONTH_RE})\.?[ \t]+({_D}{{4}})(?![0-9])"
    rf"|(?<![0-9A-Za-z])({_D}{{1,2}})[ \t]+({_MONTH_RE})\.?[ \t]*\n[ \t]*({_D}{{4}})(?![0-9])",
    re.IGNORECASE,
)
# A day range that prints the month (and year) once: "dari 2 hingga 6 Okt 2026", "from 30 Sep
# to 3 Oct 2026", "2 - 6 Mei 2026" (domain.md 4.2 "dari ... hingga ...", "from ... to ...").
# Only the first day is this pattern's: the second is an ordinary long date.
RANGE_WORDS = r"-|–|HINGGA|SEHINGGA|SAMPAI|TO|UNTIL|TILL"
DAY_RANGE = re.compile(
    rf"(?<![0-9A-Za-z])({_D}{{1,2}}){_HB}(?:[ \t]+({_MONTH_RE})(?![A-Za-z])\.?)?"
    rf"(?=[ \t]*(?:{RANGE_WORDS})[ \t]*({_D}{{1,2}}){_HB}[ \t]*({_MONTH_RE})(?![A-Za-z])\.?"
    rf"[ \t]*,?[ \t]*({_D}{{4}})(?![0-9]))",
    re.IGNORECASE,
)
# a table's rule OCR keeps as "|" before a month and year ("| NOVEMBER 2025" in a payslip's
# wage table) is no day "1": a day is never that stroke alone
RULE = "|"
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "L": "1", "|": "1", "S": "5"})


@dataclass(frozen=True)
class DateMatch:
    value: date
    start: int
    end: int
    exact: bool  # no OCR repair was needed
    doubtful: bool = False  # printed in a way that suggests OCR dropped a digit


def _num(s: str) -> int:
    """The number OCR meant; 0 (no valid day, month or year) when it is not one at all."""
    digits = s.translate(_DIGIT_FIX)
    return int(digits) if digits.isdigit() else 0


def _year(s: str, pivot: int | None = None) -> int:
    """The year OCR meant; 0 when ``s`` holds no number at all."""
    y = _num(s)
    if not s.translate(_DIGIT_FIX).isdigit():
        return 0
    if len(s) == 4 and s[0] == "2" and s[1] in "689":  # "2617": OCR's 6/8/9 for a 0
        y = 2000 + y % 100
    if len(s) == 2:
        pivot = date.today().year % 100 + 1 if pivot is None else pivot
        y += 2000 if y <= pivot else 1900
    return y


def _make(y: int, m: int, d: int) -> date | None:
    if not 1900 <= y <= 2099:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text``, in order of position, overlapping matches dropped."""
    found: list[DateMatch] = []
    for m in ISO.finditer(text):
        found.append(_build(m, _make(int(m[1]), int(m[2]), int(m[3]))))
    for m in DAY_MONTH.finditer(text):
        if m[1] != RULE:
            found.append(_build(m, _make(_year(m[3]), MONTHS[m[2].upper()], _num(m[1]))))
    for m in FUZZY_DAY_MONTH.finditer(text):
        guessed = fuzzy_month(m[2])
        if guessed is not None and m[1] != RULE:
            found.append(_build(m, _make(_year(m[3]), guessed, _num(m[1])), exact=False))
    for m in MONTH_DAY.finditer(text):
        found.append(_build(m, _make(_year(m[3]), MONTHS[m[1].upper()], _num(m[2]))))
    for m in WRAPPED.finditer(text):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        found.append(_build(m, _make(_year(year), MONTHS[month.upper()], _num(day))))
    for m in DAY_RANGE.finditer(text):
        found.append(_build(m, _range_start(m)))
    for m in NUMERIC.finditer(text):
        value = _make(_year(m[4] or m[5]), _num(m[3]), _num(m[1]))
        found.append(_build(m, value, doubtful=uneven_padding(m[1], m[3])))
    return _non_overlapping(d for d in found if d.value != date.min)


def _range_start(m: re.Match[str]) -> date | None:
    """The first day of a range whose month (or year) is printed only after its last day."""
    end_month, year = MONTHS[m[4].upper()], _year(m[5])
    month = MONTHS[m[2].upper()] if m[2] else end_month
    return _make(year - 1 if month > end_month else year, month, _num(m[1]))


def fuzzy_month(word: str) -> int | None:
    """The month of a name OCR damaged (``JULAT`` -> 7, ``Septernber`` -> 9): same first
    letter, rapidfuzz ratio >= 80 against one full month name. Exact names are not fuzzy."""
    up = word.upper()
    if up in MONTHS:
        return None  # DAY_MONTH's
    up = "O" + up[1:] if up.startswith("0") else up  # OCR's zero for a leading O
    if up in MONTHS:
        return MONTHS[up]
    best = process.extractOne(
        up,
        [m for m in FULL_MONTHS if m[0] == up[0]],
        scorer=fuzz.ratio,
        score_cutoff=FUZZY_MONTH_CUTOFF,
    )
    return MONTHS[best[0]] if best else None


def uneven_padding(day: str, month: str) -> bool:
    """``9/07/2025``: a one-digit day beside a zero-padded month (or the reverse) is a date
    whose printer padded both, with a digit OCR dropped (``19/07/2025``)."""
    return (len(day) == 1 and len(month) == 2 and month[0] in "0Oo") or (
        len(month) == 1 and len(day) == 2 and day[0] in "0Oo"
    )


def _build(
    m: re.Match[str], value: date | None, exact: bool = True, doubtful: bool = False
) -> DateMatch:
    raw = m.group(0)
    clean = not re.search(r"[OoIlS|]", re.sub(rf"(?i){_MONTH_RE}|HB|HARIBULAN", "", raw))
    return DateMatch(
        value or date.min, m.start(), m.end(), exact and clean and not doubtful, doubtful
    )


def _non_overlapping(matches: Iterator[DateMatch]) -> list[DateMatch]:
    out: list[DateMatch] = []
    for d in sorted(matches, key=lambda d: (d.start, -(d.end - d.start))):
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def parse_date(text: str) -> date | None:
    """The first date in ``text``, or None."""
    found = find_dates(text)
    return found[0].value if found else None


def iso(text: str) -> str | None:
    d = parse_date(text)
    return d.isoformat() if d else None
