"""IC numbers in OCR text: found, repaired, validated, and attributed to the insured."""

from __future__ import annotations

import pytest

from intake.classify import rules
from intake.fields.ic import find_ics, format_ic, is_valid_ic, mask_ic
from intake.fields.people import insured_ic
from intake.fields.text import DocText
from intake.models import DocType, Page

FOUND = [
    ("No. K/P: 870903-10-6231", "870903-10-6231"),
    ("NO KP 870903106231", "870903-10-6231"),
    ("I.C. No. : 870903 10 6231", "870903-10-6231"),
    ("NRIC/Passport 870903-10-6231 ", "870903-10-6231"),
    ("87O9O3-1O-6231", "870903-10-6231"),  # O for 0
    ("870903-I0-623l", "870903-10-6231"),  # I and l for 1
    ("87O903-10-623I", "870903-10-6231"),
    ("8709O3-10-6Z31", "870903-10-6231"),  # Z for 2
    ("B70903-10-6231", "870903-10-6231"),  # B for 8
    ("S50101-01-5678", "550101-01-5678"),  # S for 5
    ("No. K/P: 870903-10-\n6231", "870903-10-6231"),  # split across lines
    ("K/P 870903 - 10 - 6231", "870903-10-6231"),
    ("K/P 870903—10—6231", "870903-10-6231"),  # em dashes
    ("K/P:870903.10.6231", "870903-10-6231"),
    ("IC 010101-14-0012", "010101-14-0012"),
    ("IC 991231-88-5551", "991231-88-5551"),  # 88 is valid (police / Middle East)
    ("IC 991231-99-5551", "991231-99-5551"),  # 99 is valid
    ("IC 850229-10-1234", None),  # 1985 was no leap year
    ("IC 000229-10-1234", "000229-10-1234"),  # 2000 was
    ("IC 870903-17-6231", None),  # PB 17 unassigned
    ("IC 870903-00-6231", None),
    ("IC 870903-80-6231", None),
    ("IC 871303-10-6231", None),  # month 13
    ("IC 870932-10-6231", None),  # day 32
    ("Tel: 012-345 6789", None),
    ("No. Akaun 1234567890123456", None),
    ("Tarikh 12/03/2024 jam 0830", None),
    ("No. Siri 004512", None),
    ("RM 1,234.56", None),
    ("SENTUL/012345/26", None),
    ("SSM 201901012345", None),  # month 19
    ("ABCDEF-GH-IJKL", None),
    ("No. K/P/ LC. No. : 96042 7-22-8589", "960427-22-8589"),  # a space inside the date
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_first_ic(text: str, expected: str | None) -> None:
    found = find_ics(text)
    assert (format_ic(found[0].digits) if found else None) == expected


def test_repaired_flag() -> None:
    assert find_ics("870903-10-6231")[0].repaired is False
    assert find_ics("87O903-10-6231")[0].repaired is True


@pytest.mark.parametrize(
    ("ic", "ok"),
    [("870903-10-6231", True), ("870903106231", True), ("870903-10-623", False),
     ("870931-10-6231", False), ("870903-73-6231", False), ("870903-60-6231", True)],
)  # fmt: skip
def test_is_valid_ic(ic: str, ok: bool) -> None:
    assert is_valid_ic(ic) is ok


def test_mask_ic_hides_the_middle() -> None:
    assert mask_ic("870903-10-6231") == "870903-**-***1"


def _insured(text: str, doc_type: DocType = DocType.MEDICAL_CERTIFICATE) -> str | None:
    f = insured_ic(DocText.from_pages([Page("f.pdf", 1, text)]), rules().field_labels, doc_type)
    return None if f is None else f.value


ATTRIBUTION = [
    # the insured's IC beside somebody else's: the insured's wins
    ("Nama: ALI BIN ABU\nNo. K/P: 870903-10-6231\nDr. Tan No. K/P 750101-14-5677",
     "870903-10-6231"),
    ("Doktor: Dr. Tan (No. K/P 750101-14-5677)\nNama Pesakit: ALI BIN ABU\nNo. K/P: 870903106231",
     "870903-10-6231"),
    ("Pengadu: RAJA A/L MUTHU\nNo KP 870903-10-6231\nPenerima Repot: Sjn Ahmad K/P 750101145677",
     "870903-10-6231"),
    ("Saksi / Witness: AHMAD BIN ALI  K/P 750101-14-5677\n"
     "Orang Berinsurans: ALI  K/P 870903-10-6231",
     "870903-10-6231"),
    ("NAMA PEGAWAI: INSP ROSLAN\nNO. K/P: 750101-14-5677\n"
     "NAMA: SITI BINTI AHMAD\nNO. K/P: 900101-01-5678",
     "900101-01-5678"),
    # only somebody else's IC: no IC for the insured
    ("Saksi: AHMAD BIN ALI\nNo. K/P: 750101-14-5677", None),
    ("Dr. Lim Chee Keong  No. K/P 750101-14-5677  MMC 45123", None),
    ("Pegawai Penyiasat: ASP Rahman  No. K/P 750101-14-5677", None),
    ("Nama Majikan: SYARIKAT ABC SDN BHD\nNo. K/P Majikan: 750101-14-5677", None),
    ("Tandatangan Saksi\nK/P 750101-14-5677", None),
    # a record of its own on one line is not the line above's
    ("Nama Doktor: Dr Lim\nNama: SITI BT. AHMAD  No. K/P: 900101-01-5678", "900101-01-5678"),
    # neutral labels are the insured's
    ("Nama : ENCIK ALI BIN ABU\nNo. Kad Pengenalan : 87O9O3-1O-6231", "870903-10-6231"),
    ("Patient Name: TAN AH KOW\nNRIC / Passport: 870903-10-6231", "870903-10-6231"),
    # the police officer's number is not an IC at all
    ("Pegawai Penerima: KPL 123456 No. Badan RF/12345\nPengadu: ALI\nK/P 870903-10-6231",
     "870903-10-6231"),
    # no label near the IC: its form section tells (the witness stands in BAHAGIAN C)
    ("BAHAGIAN C: BUTIRAN KEMALANGAN / PENYAKIT\nTarikh kemalangan 07/03/2026\n"
     "Wo kere aS\nABDUL HALIM BIN SULAIMAN\n891231-27-7469", None),
    ("(RAMAGIAN C: BUTIRAN KEMALANGAN | PENYAKTT ee)\nTergefincir dan jatuh\n"
     "BOUL HALIM BIN SULAIMAN, __\n. 891231-27-7469 Sen eae", None),
    ("BAHAGIAN D: PERAKUAN MAJIKAN\nLIM AH CHOY\n\n750101-14-5677", None),
    ("\\BAMAGIAN A: BUTIRAN ORANG BERINSURA\nKOH LAI KUEN\n970113-32-4688\n"
     "BAHAGIAN C: BUTIRAN KEMALANGAN\nABDUL HALIM BIN SULAIMAN\n891231-27-7469",
     "970113-32-4688"),
    # a section that names nobody, or a label nearer than the heading, leaves it as it was
    ("BAHAGIAN B: JENIS NOTIS\nSITI BINTI AHMAD\n900101-01-5678", "900101-01-5678"),
    ("BAHAGIAN C: BUTIRAN KEMALANGAN\nOrang Berinsurans: ALI\nK/P 870903-10-6231",
     "870903-10-6231"),
    # a bank account number of 12 digits can look like an IC: it is the account's
    ("Nama Pemegang Akaun PUAN ROSNANI BINTI MOHAMAD SALLEH\nNo. Akaun 431107415060", None),
    ("Penyata Akaun / Account Statement\nAccount No.: 431107415060\nNo. K/P 870531-29-9548",
     "870531-29-9548"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION)
def test_insured_ic_attribution(text: str, expected: str | None) -> None:
    assert _insured(text) == expected


def test_a_section_heading_does_not_reach_the_next_page() -> None:
    pages = [Page("f.pdf", 1, "BAHAGIAN C: BUTIRAN KEMALANGAN\nABDUL HALIM"),
             Page("f.pdf", 2, "SITI BINTI AHMAD\n900101-01-5678")]  # fmt: skip
    f = insured_ic(DocText.from_pages(pages), rules().field_labels, DocType.FORM_34)
    assert f is not None and f.value == "900101-01-5678"


def test_mykad_ic_needs_no_label() -> None:
    text = "KAD PENGENALAN\nMALAYSIA\n870903-10-6231\nMUHAMMAD HAFIZ BIN ISMAIL"
    assert _insured(text, DocType.MYKAD) == "870903-10-6231"


def test_field_points_at_its_words() -> None:
    from intake.models import Word

    words = [
        Word("No.", (10, 10, 40, 30), 0.9, line=1),
        Word("K/P:", (45, 10, 80, 30), 0.9, line=1),
        Word("870903-10-6231", (90, 12, 250, 31), 0.8, line=1),
    ]
    page = Page("f.pdf", 2, "No. K/P: 870903-10-6231", words=words)
    f = insured_ic(DocText.from_pages([page]), rules().field_labels, DocType.MEDICAL_CERTIFICATE)
    assert f is not None
    assert (f.page, f.bbox, f.raw) == (2, (90, 12, 250, 31), "870903-10-6231")
    assert f.confidence <= 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [("No. K/P: 820514-70-1476", "820514-70-1476"),  # PB 70 unassigned, but labelled: kept
     ("NRIC: 871303-10-6231", "871303-10-6231"),  # month 13
     ("Ref 820514-70-1476", None),  # unlabelled and impossible: not an IC
     ("No. K/P: 820514701476", "820514-70-1476"),  # in one run, right after its label
     ("No. Kad Pengenalan / ldentity Card No   : 831115709292", "831115-70-9292"),
     ("No. K/P:\n820514701476", None),  # in one run on its own line: could be any number
     ("No. K/P: 1234  820514701476", None),  # another number stands between
     ("No. K/P /1.C. No. - 820514 70 1476", "820514-70-1476"),  # grouped by spaces
     ("No. K/P: 820514-70-1476  K/P 870903-10-6231", "870903-10-6231")],  # a valid one wins
)  # fmt: skip
def test_impossible_ic_printed_for_the_insured(text: str, expected: str | None) -> None:
    assert _insured(text) == expected


def test_a_word_inside_a_role_word_is_no_role() -> None:
    # "Daftar" (register) is not "Pendaftar" (registrar)
    text = "No. Daftar: A462596\nButiran Maklumat\nNo. Kad Pengenalan 800410-34-2363"
    assert _insured(text, DocType.DEATH_CERTIFICATE) == "800410-34-2363"


def test_a_card_prints_its_number_even_when_impossible() -> None:
    text = "KAD PENGENALAN\nMyKad\n790825-96-1898\nNG JIA HUI"
    assert _insured(text, DocType.MYKAD) == "790825-96-1898"
    assert _insured("KAD PENGENALAN\n790825961898\nNG JIA HUI", DocType.MYKAD) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nama : EDWIN ANAK LANGGI   Jawatan : PENGAWAL KESELAMATAN\nNo. K/P : 950821 53 4855",
      "950821-53-4855"),  # a job title after the name is no role
     ("Nama : ALI BIN ABU   Jawatan : PEGAWAI TADBIR\nNo. K/P : 870903-10-6231",
      "870903-10-6231"),
     ("Nama Saksi : ALI BIN ABU   Jawatan : KERANI\nNo. K/P : 870903-10-6231", None)],
)  # fmt: skip
def test_the_record_starts_at_its_name_label(text: str, expected: str | None) -> None:
    assert _insured(text, DocType.WAGE_STATEMENT) == expected
