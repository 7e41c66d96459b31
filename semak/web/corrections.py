"""What the officer reads when a correction is refused. The corrections themselves are plain
functions in :mod:`semak.corrections` (no Flask there, so the RQ job applies the same
corrections after a re-read)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from semak.corrections import InvalidCorrection

# What the officer reads when a value is refused, by InvalidCorrection's code.
REFUSED: dict[str, object] = {
    "correction_ic": _l(
        "That is not a MyKad number: it has 12 digits (YYMMDD-PB-###G), a real date of birth "
        "and a place-of-birth code in use. The correction was not saved."
    ),
    "correction_date": _l(
        "That is not a date. Write one date as on the document, for example 6/10/2026, "
        "6 Okt 2026 or 2026-10-06. The correction was not saved."
    ),
    "correction_days": _l(
        "Days of sick leave are a whole number from 1 to 366. The correction was not saved."
    ),
    "correction_name": _l(
        "A name has letters (and ' @ . / ( ) -), no digits. The correction was not saved."
    ),
    "correction_report_number": _l(
        "A police report number has letters, digits and / . - only. The correction was not saved."
    ),
}
REFUSED_OTHER = _l("That value does not fit the field. The correction was not saved.")


def refused_message(err: InvalidCorrection) -> str:
    """The officer's-language sentence for a refused value."""
    return str(REFUSED.get(err.code, REFUSED_OTHER))
