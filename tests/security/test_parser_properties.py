"""Property tests of the field parsers (intake/fields/ic.py, dates.py, names.py) on generated and
hostile text. A fixed budget: derandomized, so CI runs the same examples every time."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.fields import dates, ic, names

BUDGET = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
ASSIGNED_PB = sorted({f"{n:02d}" for n in range(1, 100)} - ic.UNASSIGNED_PB)
TODAY = date(2026, 11, 22)
MONTHS_MS = ["Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September",
             "Oktober", "November", "Disember"]  # fmt: skip
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
NOISE = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], max_codepoint=0x2FFF), max_size=200
)


@st.composite
def mykad(draw: st.DrawFn) -> tuple[str, date]:
    """A possible MyKad of someone 0-99 years old on TODAY, and their birth date."""
    born = draw(st.dates(TODAY - timedelta(days=99 * 365), TODAY))
    pb = draw(st.sampled_from(ASSIGNED_PB))
    serial = draw(st.integers(0, 9999))
    return f"{born:%y%m%d}-{pb}-{serial:04d}", born


# --- IC numbers ------------------------------------------------------------------------------


@BUDGET
@given(mykad(), st.sampled_from(["-", " ", "", " - "]), NOISE, NOISE)
def test_a_possible_ic_is_valid_and_found_in_any_text(
    card: tuple[str, date], sep: str, before: str, after: str
) -> None:
    number, born = card
    digits = number.replace("-", "")
    assert ic.is_valid_ic(number) and ic.format_ic(digits) == number
    assert ic.birth_date(number, TODAY) == born
    written = f"{digits[:6]}{sep}{digits[6:8]}{sep}{digits[8:]}"
    text = f"{before} No. K/P: {written} {after}"
    assert digits in [m.digits for m in ic.find_ics(text)]


@BUDGET
@given(mykad())
def test_masking_hides_all_but_the_birth_date_and_last_digit(card: tuple[str, date]) -> None:
    masked = ic.mask_ic(card[0])
    assert masked.count("*") == 5 and masked[:6] == card[0][:6]


@BUDGET
@given(NOISE)
def test_ic_parsers_never_raise_and_only_return_possible_numbers(text: str) -> None:
    for m in ic.find_ics(text):
        assert len(m.digits) == 12 and m.digits.isdigit() and ic.is_valid_ic(m.digits)
        assert 0 <= m.start < m.end <= len(text)
    for m in ic.find_ics(text, strict=False):
        assert len(m.digits) == 12
    ic.is_valid_ic(text)


@BUDGET
@given(st.text(alphabet="0123456789-", min_size=12, max_size=14))
def test_impossible_dates_or_codes_are_invalid(text: str) -> None:
    d = ic.ic_digits(text)
    if len(d) != 12:
        assert not ic.is_valid_ic(text)
        return
    month, day = int(d[2:4]), int(d[4:6])
    if not 1 <= month <= 12 or not 1 <= day <= 31 or d[6:8] in ic.UNASSIGNED_PB:
        assert not ic.is_valid_ic(text)


# --- dates -----------------------------------------------------------------------------------


@BUDGET
@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)), st.integers(0, 5), NOISE)
def test_every_printed_form_of_a_date_reads_back(day: date, form: int, before: str) -> None:
    printed = [
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day} {MONTHS_MS[day.month - 1]} {day.year}",
        f"{day.day} {MONTHS_EN[day.month - 1].upper()} {day.year}",
        day.isoformat(),
    ][form]
    # whatever came before ends at a line break: a date never spans lines
    assert day in [d.value for d in dates.find_dates(f"{before}\nTarikh: {printed} .")]


@BUDGET
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1990, 2030))
def test_numeric_dates_are_day_first(d: int, m: int, y: int) -> None:
    assert dates.parse_date(f"{d:02d}/{m:02d}/{y}") == date(y, m, d)


@BUDGET
@given(NOISE)
def test_date_finder_never_raises_and_gives_ordered_plausible_dates(text: str) -> None:
    found = dates.find_dates(text)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for d in found:
        assert date(1900, 1, 1) <= d.value <= date(2099, 12, 31)
        assert 0 <= d.start < d.end <= len(text)


# --- names -----------------------------------------------------------------------------------

WORD = st.text(alphabet="ABCDEFGHIJKLMNOPRSTUWYZ", min_size=3, max_size=10).filter(
    lambda w: w not in names.TITLES and w not in names.MARKERS and w not in names.CANONICAL
)


@BUDGET
@given(st.lists(WORD, min_size=1, max_size=3), st.lists(WORD, min_size=1, max_size=2))
def test_a_name_and_its_spelling_variants_are_the_same_person(
    given_names: list[str], father: list[str]
) -> None:
    full = " ".join(given_names) + " BIN " + " ".join(father)
    variants = [
        full.lower(),
        full.replace(" BIN ", " B. "),
        full.replace(" BIN ", " BN "),
        "ENCIK " + full,
        "  " + full.replace(" ", "  ") + "  ",
    ]
    for v in variants:
        assert names.same_person(full, v), v


@BUDGET
@given(NOISE, NOISE)
def test_name_similarity_is_bounded_symmetric_and_total(a: str, b: str) -> None:
    s = names.name_similarity(a, b)
    assert 0.0 <= s <= 100.0
    assert s == names.name_similarity(b, a)
    names.normalise_name(a)


@BUDGET
@given(st.lists(WORD, min_size=2, max_size=4, unique=True))
def test_different_people_are_not_the_same_person(words: list[str]) -> None:
    a = " ".join(words)
    b = " ".join("Q" * len(w) + "X" for w in words)  # nothing in common
    assert not names.same_person(a, b)
