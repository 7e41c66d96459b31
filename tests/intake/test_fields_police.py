"""Police report number, station and time; employer code; notice type; bank account."""

from __future__ import annotations

import pytest

from intake.fields import bank, employer, police
from intake.fields.text import DocText
from intake.models import Document, Page


def _dt(text: str) -> DocText:
    return DocText.from_pages([Page("rpt.pdf", 1, text)])


def _v(f: object) -> object:
    return None if f is None else f.value  # type: ignore[attr-defined]


REPORTS = [
    ("No. Repot: SENTUL/012345/26", "SENTUL/012345/26"),
    ("NO. REPOT : SENTUL/012345/2026", "SENTUL/012345/2026"),
    ("No. Laporan: IPD SENTUL/RPT/1234/26", "IPD SENTUL/RPT/1234/26"),
    ("Report No.: DANG WANGI/004567/25", "DANG WANGI/004567/25"),
    ("No. Repot: BUKIT AMAN / 000123 / 24", "BUKIT AMAN/000123/24"),
    ("No Repot SENTUL/O12345/26", "SENTUL/012345/26"),  # O for 0
    ("No. Repot: SEA PARK Rpt. 1234/24", "SEA PARK Rpt. 1234/24"),
    ("Repot ini dibuat di SG BULOH/002233/26 pada", "SG BULOH/002233/26"),
    ("Tarikh: 03/10/2026", None),  # a date is not a report number
    ("No. K/P: 870903-10-6231", None),
]


@pytest.mark.parametrize(("text", "expected"), REPORTS)
def test_report_number(text: str, expected: str | None) -> None:
    assert _v(police.report_number(_dt(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Balai Polis: SENTUL\n", "SENTUL"), ("BALAI POLIS DANG WANGI  Tarikh", "DANG WANGI"),
     ("Police Station: Bukit Aman\n", "BUKIT AMAN"), ("Balai : Sg Buloh, Selangor", "SG BULOH"),
     ("tiada maklumat", None)],
)  # fmt: skip
def test_station(text: str, expected: str | None) -> None:
    assert _v(police.station(_dt(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Masa: 0930", "09:30"), ("Masa : 14:30 HRS", "14:30"), ("Jam 2215", "22:15"),
     ("Time: 7.45", "07:45"), ("Masa: 2530", None)],
)  # fmt: skip
def test_report_time(text: str, expected: str | None) -> None:
    assert _v(police.report_time(_dt(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kod Majikan: A1234567890", "A1234567890"), ("KOD MAJIKAN : E12345678K", "E12345678K"),
     ("Employer Code: B3201234567", "B3201234567"), ("Kod Majikan: TIADA", None)],
)  # fmt: skip
def test_employer_code(text: str, expected: str | None) -> None:
    assert _v(employer.employer_code(_dt(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Jenis Notis: Kemalangan", "accident"), ("[X] Penyakit Khidmat", "occupational_disease"),
     ("[ ] Kemalangan  [X] Kematian", "death"), ("Keilatan", None)],
)  # fmt: skip
def test_notice_type(text: str, expected: str | None) -> None:
    assert _v(employer.notice_type(_dt(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("No. Akaun: 1234 5678 9012", "123456789012"), ("Account No. 5140-1234-5678", "514012345678"),
     ("No. Akaun : 12-345", None)],
)  # fmt: skip
def test_bank_account(text: str, expected: str | None) -> None:
    assert _v(bank.bank_account(_dt(text))) == expected


def test_bank_account_never_leaves_in_full() -> None:
    f = bank.bank_account(_dt("No. Akaun: 1234 5678 9012"))
    assert f is not None and "5678" not in f.raw and f.raw.endswith("9012")
    doc = Document("b.pdf", [1], fields={"bank_account": f})
    out = doc.to_report_dict()
    assert "123456789012" not in str(out) and out["extra_fields"]["bank_account"].endswith("9012")
