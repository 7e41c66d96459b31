"""MyKad numbers: normalise, validate (python-stdnum plus domain.md 4.1), decode.

A MyKad number is ``YYMMDD-PB-###G``: date of birth, place-of-birth code, serial,
gender digit (odd male, even female). There is no checksum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum.my import nric

# Place-of-birth codes that no list assigns (spec RULES.md, INVALID_IC). 88 and 99 are valid.
UNASSIGNED_PB = frozenset(
    {"00", "17", "18", "19", "20", "69", "70", "73", "80", "81", "94", "95", "96", "97"}
)

_NON_DIGIT = re.compile(r"\D")


def ic_digits(text: str) -> str:
    """The digits of an IC number as typed or printed (dashes and spaces dropped)."""
    return _NON_DIGIT.sub("", text)


def format_ic(text: str) -> str:
    """``YYMMDD-PB-###G`` for a 12-digit number; raises ValueError otherwise."""
    d = ic_digits(text)
    if len(d) != 12:
        raise ValueError("an IC number has 12 digits")
    return f"{d[:6]}-{d[6:8]}-{d[8:]}"


def is_valid_ic(text: str) -> bool:
    """True when the number could be a MyKad: 12 digits, a real birth date, an assigned PB code."""
    d = ic_digits(text)
    if len(d) != 12 or d[6:8] in UNASSIGNED_PB:
        return False
    try:
        nric.get_birth_date(d)
    except Exception:  # stdnum raises InvalidComponent for impossible dates
        return False
    return True


def birth_date(text: str, on: date | None = None) -> date:
    """The date of birth, century chosen so the person is 0-99 years old ``on`` that day."""
    d = ic_digits(text)
    yy, mm, dd = int(d[:2]), int(d[2:4]), int(d[4:6])
    ref = on or date.today()
    year = 2000 + yy
    if date(year, mm, dd) > ref:
        year -= 100
    return date(year, mm, dd)


def age_on(text: str, on: date) -> int:
    """Whole years of age ``on`` a day."""
    born = birth_date(text, on)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def gender(text: str) -> str:
    """``M`` for an odd last digit, ``F`` for an even one."""
    return "M" if int(ic_digits(text)[-1]) % 2 else "F"


def mask_ic(text: str) -> str:
    """For logs and roles that need not see it: ``870903-**-***1``."""
    d = ic_digits(text)
    if len(d) != 12:
        return "***"
    return f"{d[:6]}-**-***{d[-1]}"


# --- finding IC numbers in OCR text -------------------------------------------------------

_ICD = r"[0-9OoDIl|SsBZ]"  # a digit, or a character OCR mistakes for one
_IC_SEP = r"[\s\-–—.~_]{0,3}"
IC_PATTERN = re.compile(  # a stray space inside the birth date ("96042 7-22-8589") is OCR's
    rf"(?<![0-9A-Za-z])((?:{_ICD} ?){{5}}{_ICD}){_IC_SEP}({_ICD}{{2}}){_IC_SEP}({_ICD}{{4}})"
    r"(?![0-9])"
)
_OCR_DIGITS = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "S": "5", "s": "5",
     "B": "8", "Z": "2"}
)  # fmt: skip


@dataclass(frozen=True)
class ICMatch:
    digits: str  # 12 digits after OCR repair
    start: int
    end: int
    repaired: bool  # some characters were letters OCR put for digits
    valid: bool = True  # a possible MyKad (real birth date, assigned place-of-birth code)


def find_ics(text: str, strict: bool = True) -> list[ICMatch]:
    """MyKad numbers in ``text``: hyphens optional, split lines and O/0 I/1 S/5 B/8 repaired.

    A candidate must have at least 9 real digits, so words are not read as numbers. With
    ``strict=False`` impossible numbers printed as ``YYMMDD-PB-###G`` or as 12 digits in one
    run (11+ real digits) are returned too, with ``valid=False``: a form can print a wrong IC,
    and INVALID_IC needs it. The caller decides where such a number counts (beside an IC
    label, on the card itself): 12 digits alone could be any number.
    """
    out: list[ICMatch] = []
    for m in IC_PATTERN.finditer(text):
        raw = m[1].replace(" ", "") + m[2] + m[3]
        real = sum(c.isdigit() for c in raw)
        if real < 9:
            continue
        digits = raw.translate(_OCR_DIGITS)
        if is_valid_ic(digits):
            out.append(ICMatch(digits, m.start(), m.end(), digits != raw))
        elif not strict and real >= 11 and _GROUPED.fullmatch(m[0].strip()):
            out.append(ICMatch(digits, m.start(), m.end(), digits != raw, valid=False))
    return out


# YYMMDD-PB-###G grouping, or the 12 digits in one run as forms print them ("831115709292")
_GROUPED = re.compile(r"\S{6}(?: ?- ?| )\S{2}(?: ?- ?| )\S{4}|\S{12}")
