"""Calendar arithmetic for time limits: calendar months with month ends, days, inclusive spans."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    total = start.year * 12 + (start.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def deadline(anchor: date, *, months: int = 0, days: int = 0) -> date:
    """The last day on which something anchored on ``anchor`` is still in time."""
    return add_months(anchor, months) + timedelta(days=days)


def inclusive_days(start: date, end: date) -> int:
    """Days from start to end counting both (2 Oct..6 Oct is 5); 0 when end is before start."""
    return max(0, (end - start).days + 1)


def day_span(start: date, end: date) -> set[date]:
    """Every day from start to end inclusive."""
    return {start + timedelta(days=i) for i in range(inclusive_days(start, end))}


def parse_iso(value: object) -> date | None:
    """An ISO date from a field value (str or date); None when absent or not a date."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
