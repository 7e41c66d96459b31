"""A date OCR damaged the way it damages a hand-filled value, read only right after its label.

``dates.find_dates`` stays strict on free text. The value that stands right after a date
label (past its ``:``, ``>``, ``-``) is also read as a date when OCR damaged one of the forms
of domain.md 5.1 (``dd/mm/yyyy``, ``dd Month yyyy``, ``22hb April 2004``) in one of the ways
it damages handwriting in a form's blank:

- a lost separator: ``1409/2025`` is 14/09/2025, and so is ``14/092025``;
- a lower-case ``i`` read for a 1 (``2ihb Februari 2025``);
- a month name damaged past ``dates.fuzzy_month``: another first letter (``ganuari``), up to a
  third of its letters (``Jaryari``), an abbreviation one letter off (``fac``); only when one
  month alone is that near, or one alone by letters of like shape (``Mae`` is as near MAY
  and MAR as MAC, but only MAC by a c read as e; ``Jum`` is as near JUN as JAN: not read).

A repaired value is doubtful (``DateMatch.doubtful``): kept with a low confidence, so that a
contradiction resting on it is held back (verifier.checks.doubt).
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz.distance import Levenshtein

from intake.fields.dates import FULL_MONTHS, MONTHS, DateMatch, _make, _num, _year

_D = r"[0-9OoIlLSi|]"  # a digit, or a letter OCR reads for one in handwriting
_END = r"(?![0-9A-Za-z])"
# the label's own punctuation before its value ("Tarikh   : ", "Date issued > ")
LEAD = re.compile(r"[ \t]*[:;>»\-.,|]?[ \t]*")
LOST_SEPARATOR = (
    re.compile(rf"({_D}{{2}})({_D}{{2}})[/\-.]({_D}{{4}}){_END}"),  # 1409/2025
    re.compile(rf"({_D}{{2}})[/\-.]({_D}{{2}})({_D}{{4}}){_END}"),  # 14/092025
)
NUMERIC = re.compile(rf"({_D}{{1,2}})([/\-.])({_D}{{1,2}})\2({_D}{{4}}){_END}")
LONG = re.compile(
    rf"({_D}{{1,2}})(?:[ \t]*[Hh][Bb8]\.?)?[ \t]*([A-Za-z0]{{3,10}})\.?[ \t]*[\-./, ]?[ \t]*"
    rf"({_D}{{4}}){_END}"
)
# a value printed as a date that no repair reads ("1? February 2025", "19-NO1 2025"): a digit
# first, a year of this century or the last within the next 16 characters
UNREADABLE = re.compile(r"[0-9OoIlSi|?][^\n:]{0,16}?(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
SHORT_WORD = 4  # a month word this short may be one letter off an abbreviation


def damaged_month(word: str) -> int | None:
    """The one month ``word`` is near enough to, else None."""
    up = word.upper().replace("0", "O")
    if up in MONTHS:
        return MONTHS[up]
    short = len(up) <= SHORT_WORD
    names = list(MONTHS) if short else FULL_MONTHS
    most = 1 if short else max(1, len(up) // 3)
    near = [m for m in names if Levenshtein.distance(up, m, score_cutoff=most) <= most]
    months = {MONTHS[m] for m in near}
    if len(months) > 1:  # several months as near: the one OCR's shape confusions explain
        months = {MONTHS[m] for m in near if _shape_slip(up, m)}
    return months.pop() if len(months) == 1 else None


# Letters OCR reads for one another by their shape (a round c for an e, r for n, u for v),
# beside the ones labels.CONFUSABLE lists for printed labels
SHAPES = frozenset(
    frozenset(p) for p in ("CE", "EO", "AO", "CO", "NR", "IL", "IJ", "UV", "HB", "MN", "GJ")
)


def _shape_slip(word: str, month: str) -> bool:
    """``word`` is ``month`` with letters of the same length changed into ones of like shape."""
    return len(word) == len(month) and all(
        a == b or frozenset((a, b)) in SHAPES for a, b in zip(word, month, strict=True)
    )


def damaged_date(text: str) -> DateMatch | None:
    """The date that opens ``text`` (the rest of a label's line), repaired; offsets are
    ``text``'s. None when the value is no date, or one ``find_dates`` reads unrepaired."""
    at = LEAD.match(text)
    pos = at.end() if at else 0
    for rx in LOST_SEPARATOR:
        m = rx.match(text, pos)
        if m:
            return _doubtful(m, _make(_y(m[3]), _n(m[2]), _n(m[1])))
    m = NUMERIC.match(text, pos)
    if m:
        return _doubtful(m, _make(_y(m[4]), _n(m[3]), _n(m[1])))
    m = LONG.match(text, pos)
    if m:
        month = damaged_month(m[2])
        return _doubtful(m, _make(_y(m[3]), month, _n(m[1])) if month else None)
    return None


def unreadable_date(text: str) -> bool:
    """``text`` (the rest of a label's line) opens with a value printed as a date that
    neither ``find_dates`` nor ``damaged_date`` reads: the label's date is there, unread.
    The value may stand past the label's translation, after its colon."""
    value = text.split(":", 1)[1] if ":" in text else text
    at = LEAD.match(value)
    pos = at.end() if at else 0
    return UNREADABLE.match(value, pos) is not None and damaged_date(value) is None


def _n(s: str) -> int:
    return _num(s.replace("i", "1"))


def _y(s: str) -> int:
    return _year(s.replace("i", "1"))


def _doubtful(m: re.Match[str], value: date | None) -> DateMatch | None:
    if value is None:
        return None
    return DateMatch(value, m.start(), m.end(), exact=False, doubtful=True)
