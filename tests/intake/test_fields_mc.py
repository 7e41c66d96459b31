"""MC days, MMC number, doctor and clinic."""

from __future__ import annotations

import pytest

from intake.classify import rules
from intake.fields import mc
from intake.fields.text import DocText
from intake.models import Page
from tests.intake.word_pages import cell_page


def _dt(text: str) -> DocText:
    return DocText.from_pages([Page("mc.jpg", 1, text)])


DAYS = [
    ("selama / for 5 (Lima) hari / days", 5),
    ("tidak sihat untuk menjalankan tugas selama 3 (tiga) hari mulai", 3),
    ("unfit for duty for 2 day(s) from 02-OCT-2026", 2),
    ("unfit for duty for 1 day from", 1),
    ("selama 14 hari", 14),
    ("selama lima (5) hari", 5),
    ("selama  5  hari", 5),
    ("for 10 days", 10),
    ("CUTI SAKIT: 4 HARI", 4),
    ("selama / for 7 (Tujuh) hari / days", 7),
    ("selama/for   6 {Enam)   hari / days", 6),  # OCR brace
    ("selama l0 hari", 10),  # OCR l for 1
    ("selama 1O hari", 10),  # OCR O for 0
    ("MC: 3 days", 3),
    ("selama dua hari", 2),
    ("for three days", 3),
    ("selama 0 hari", None),
    ("Tarikh: 02/10/2026", None),
    ("Masa: 10:00 hingga 12:30", None),  # a time slip has hours, no days
    ("HARI: Isnin", None),
    ("Rawatan susulan selepas 400 hari", None),
    # "hari" lost by OCR: the number and its words must agree
    ("selama/for   2 (Dua)\ndari/from   Ahad, 19/01/2025", 2),
    ("selama / for 5 (Lima)", 5),
    ("selama 3 (Empat)", None),  # digits and words disagree: no guess
    ("No. Siri 2 (Dua)", None),  # no "selama" / "for"
    ("menjalankan tugas selama 5S (LIMA) hari mulai 17/07/2025", 5),  # a letter OCR added
    ("selama 1O (Sepuluh)", 10),
    ("selama 55 (LIMA) hari", 5),  # digits and words disagree: the words (OCR doubles digits)
    ("selama 3S (LIMA) hari", 5),
    ("selama lima (5) hari", 5),
]


@pytest.mark.parametrize(("text", "expected"), DAYS)
def test_mc_days(text: str, expected: int | None) -> None:
    f = mc.mc_days(_dt(text))
    assert (None if f is None else f.value) == expected


LABELLED_DAYS = [
    ("Jumlah hari / Number of days   a5", 5),  # a hand-filled value's colon read as a letter
    ("Jumlah hari : 4", 4),
    ("Number of days: 3 (Three)", 3),
    ("Jumlah hari cuti sakit (jika ada) : 6", 6),
    ("Jumlah hari : 1409/2025", None),  # not a count of days
    ("Jumlah hari : 0", None),
    ("Jumlah hari :   Tarikh Tamat : 18/05/2026", None),  # the label's value left blank
    ("No. of days   12   Tarikh: 02/10/2026", 12),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED_DAYS)
def test_mc_days_as_a_labelled_value(text: str, expected: int | None) -> None:
    f = mc.mc_days(_dt(text), rules().field_labels)
    assert (None if f is None else f.value) == expected
    assert mc.mc_days(_dt(text)) is None  # without the labels: no label, no value


def test_mc_days_under_its_label_in_a_form_cell() -> None:
    page = cell_page([[("Tarikh Mula", 40), ("Jumlah hari", 600)],
                      [("14/05/2026", 40), ("5", 600)]])  # fmt: skip
    f = mc.mc_days(DocText.from_pages([page]), rules().field_labels)
    assert f is not None and (f.value, f.raw) == (5, "5")


def test_mc_days_prefers_the_first_period() -> None:
    f = mc.mc_days(_dt("selama 3 hari dari 01/10/2026\nJumlah cuti tahun ini: 12 hari"))
    assert f is not None and f.value == 3 and f.confidence > 0.9


@pytest.mark.parametrize(
    ("text", "expected"),
    [("MBBS (UM)  MMC No. 45123", "45123"), ("Pegawai Perubatan  No. MMC: 67890", "67890"),
     ("MMC Reg. No.: 123456", "123456"), ("MMC: 4512", "4512"), ("No. Siri 004512", None),
     ("MMC", None)],
)  # fmt: skip
def test_mmc_number(text: str, expected: str | None) -> None:
    f = mc.mmc_number(_dt(text))
    assert (None if f is None else f.value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Dr. Tan Ah Kow\nMBBS", "Dr. Tan Ah Kow"), ("( DR LIM CHEE KEONG )", "Dr. LIM CHEE KEONG"),
     ("Doktor: Rajesh Kumar\n", "Dr. Rajesh Kumar"), ("Tiada doktor", None),
     ("Doktor\nDR. VIKNESWARAN A/L RAMASAMY", "Dr. VIKNESWARAN A/L RAMASAMY"),  # one title
     ("Nama Doktor: Tandatangan dan Cop\nDr. Siti Aminah", "Dr. Siti Aminah"),  # a label
     ("DOKTOR: Klinik Kesihatan Bangi", None)],  # an institution
)  # fmt: skip
def test_doctor(text: str, expected: str | None) -> None:
    f = mc.doctor(_dt(text))
    assert (None if f is None else f.value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("KLINIK SRI MEDIK\nNo 12 Jalan Sentul", "KLINIK SRI MEDIK"),
     ("KEMENTERIAN KESIHATAN MALAYSIA\nHOSPITAL KUALA LUMPUR\n", "HOSPITAL KUALA LUMPUR"),
     ("POLIKLINIK MEDIVIRON\n", "POLIKLINIK MEDIVIRON"),
     ("Sunway Medical Centre\n", "Sunway Medical Centre"), ("SURAT BIASA\n", None)],
)  # fmt: skip
def test_clinic(text: str, expected: str | None) -> None:
    f = mc.clinic(_dt(text))
    assert (None if f is None else f.value) == expected
