"""Dates, names and IC numbers the way Malaysian documents print them (domain.md 5.1, 5.2)."""

from __future__ import annotations

import random
from datetime import date

MONTHS_MS = (
    "Januari",
    "Februari",
    "Mac",
    "April",
    "Mei",
    "Jun",
    "Julai",
    "Ogos",
    "September",
    "Oktober",
    "November",
    "Disember",
)
MONTHS_MS_ABBR = (
    "Jan",
    "Feb",
    "Mac",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Ogo",
    "Sep",
    "Okt",
    "Nov",
    "Dis",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS_MS = ("Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu", "Ahad")

# Every style of domain.md 5.1; the weights make dd/mm/yyyy the commonest, as on real forms.
STYLES = (
    "dmy_slash",
    "dmy_dash",
    "dmy_dot",
    "long_ms",
    "hb_ms",
    "abbr_ms",
    "long_en",
    "abbr_en_upper",
    "day_ms",
    "long_ms_upper",
)
_WEIGHTS = (30, 10, 6, 12, 5, 8, 8, 8, 5, 6)
ENGLISH_STYLES = ("dmy_slash", "dmy_dash", "long_en", "abbr_en_upper")


def pick_style(rng: random.Random, lang: str = "ms") -> str:
    if lang == "en":
        return rng.choice(ENGLISH_STYLES)
    return rng.choices(STYLES, _WEIGHTS)[0]


def fmt(d: date, style: str) -> str:
    m = d.month - 1
    if style == "dmy_slash":
        return f"{d:%d/%m/%Y}"
    if style == "dmy_dash":
        return f"{d:%d-%m-%Y}"
    if style == "dmy_dot":
        return f"{d:%d.%m.%Y}"
    if style == "long_ms":
        return f"{d.day} {MONTHS_MS[m]} {d.year}"
    if style == "long_ms_upper":
        return f"{d.day} {MONTHS_MS[m].upper()} {d.year}"
    if style == "hb_ms":
        return f"{d.day}hb {MONTHS_MS[m]} {d.year}"
    if style == "abbr_ms":
        return f"{d.day:02d} {MONTHS_MS_ABBR[m]} {d.year}"
    if style == "long_en":
        return f"{d.day} {MONTHS_EN[m]} {d.year}"
    if style == "abbr_en_upper":
        return f"{d.day:02d}-{MONTHS_EN[m][:3].upper()}-{d.year}"
    if style == "jpn_upper":  # JPN's long form, REAL death certificate: 21HB. OGOS 2018
        return f"{d.day}HB. {MONTHS_MS[m].upper()} {d.year}"
    if style == "hb_dot_ms":  # 21 hb. Ogos 2018 (issue #20)
        return f"{d.day} hb. {MONTHS_MS[m]} {d.year}"
    if style == "long_en_mdy":  # August 21, 2018 (English letters)
        return f"{MONTHS_EN[m]} {d.day}, {d.year}"
    if style == "day_ms":
        return f"{DAYS_MS[d.weekday()]}, {d:%d/%m/%Y}"
    raise ValueError(style)


def fmt_ic(ic: str, style: int) -> str:
    """An IC as printed: 0 dashes, 1 run together, 2 spaces."""
    d = ic.replace("-", "")
    return (f"{d[:6]}-{d[6:8]}-{d[8:]}", d, f"{d[:6]} {d[6:8]} {d[8:]}")[style % 3]


def name_variant(name: str, rng: random.Random, male: bool, allow: bool = True) -> str:
    """The registered name as a document might print it: same person, different spelling."""
    if not allow:
        return name
    choice = rng.randrange(7)
    out = name
    if choice == 1:
        out = out.replace(" BIN ", " B. ").replace(" BINTI ", " BT. ")
    elif choice == 2:
        out = out.replace(" A/L ", " S/O ").replace(" A/P ", " D/O ").replace(" BINTI ", " BTE ")
    elif choice == 3:
        out = ("ENCIK " if male else "PUAN ") + out
    elif choice == 4:
        out = (
            out.replace("MOHD ", "MOHAMAD ").replace("MUHAMMAD ", "MOHD ").replace("ABD ", "ABDUL ")
        )
    elif choice == 5:
        out = out.title().replace("A/l", "a/l").replace("A/p", "a/p").replace("Bin ", "bin ")
        out = out.replace("Binti ", "binti ")
    return out
