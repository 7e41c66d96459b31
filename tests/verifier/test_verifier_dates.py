"""Calendar arithmetic behind the time limits: month ends, leap years, inclusive spans."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.dates import add_months, deadline, inclusive_days, parse_iso


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-12-15", 1, "2026-01-15"),
        ("2025-10-02", 12, "2026-10-02"),
        ("2025-01-31", -2, "2024-11-30"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(date.fromisoformat(start), months) == date.fromisoformat(expected)


def test_deadline_in_days_and_spans() -> None:
    assert deadline(date(2026, 8, 1), days=60) == date(2026, 9, 30)
    assert inclusive_days(date(2026, 10, 2), date(2026, 10, 6)) == 5
    assert inclusive_days(date(2026, 10, 6), date(2026, 10, 2)) == 0
    assert parse_iso("2026-10-02") == date(2026, 10, 2)
    assert parse_iso("02/10/2026") is None and parse_iso(None) is None


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=240),
)
def test_add_months_properties(start: date, months: int) -> None:
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day <= start.day
    if end.day < start.day:  # clamped: it is the month's last day
        assert (end + timedelta(days=1)).day == 1
