"""Dates in every format of domain.md 5.1, and dates assigned to their key by label."""

from __future__ import annotations

import pytest
from word_pages import cell_page

from intake.classify import rules
from intake.fields.datekeys import dates_by_key
from intake.fields.dates import find_dates, iso
from intake.fields.text import DocText
from intake.models import DocType, Page

FORMATS = [
    ("03/04/2024", "2024-04-03"),  # day first, never 4 March
    ("3/4/2024", "2024-04-03"),
    ("03-04-2024", "2024-04-03"),
    ("03.04.2024", "2024-04-03"),
    ("03/04/24", "2024-04-03"),
    ("31/12/99", "1999-12-31"),
    ("12 Januari 2024", "2024-01-12"),
    ("12 JANUARI 2024", "2024-01-12"),
    ("1 Februari 2025", "2025-02-01"),
    ("5 Mac 2025", "2025-03-05"),
    ("22hb April 2004", "2004-04-22"),
    ("22 hb. April 2004", "2004-04-22"),
    ("1 Mei 2026", "2026-05-01"),
    ("15 Jun 2026", "2026-06-15"),
    ("4 Julai 2026", "2026-07-04"),
    ("15 Ogos 2025", "2025-08-15"),
    ("15 Ogo 2025", "2025-08-15"),
    ("15 0gos 2025", "2025-08-15"),  # OCR zero for O
    ("9 September 2026", "2026-09-09"),
    ("02 Okt 2026", "2026-10-02"),
    ("2 Oktober 2026", "2026-10-02"),
    ("30 Nov 2026", "2026-11-30"),
    ("25 Disember 2026", "2026-12-25"),
    ("25 Desember 2026", "2026-12-25"),
    ("02-OCT-2026", "2026-10-02"),
    ("02-AUG-2026", "2026-08-02"),
    ("2 October 2026", "2026-10-02"),
    ("October 2, 2026", "2026-10-02"),
    ("Sept 3, 2019", "2019-09-03"),
    ("25 DEC 2018 10:30", "2018-12-25"),
    ("2024-01-12", "2024-01-12"),
    ("Isnin, 02/10/2026", "2026-10-02"),
    ("Tarikh: 02/10/2026.", "2026-10-02"),
    ("O2/1O/2O26", "2026-10-02"),  # O for 0
    ("02/l0/2026", "2026-10-02"),  # l for 1
    ("02 / 10 / 2026", "2026-10-02"),
    ("30/02/2024", None),  # no such day
    ("32/01/2024", None),
    ("12/13/2024", None),  # never month-first
    ("5 days", None),
    ("Masa 1430", None),
    ("RM 12.50", None),
    ("870903-10-6231", None),  # an IC is not a date
    ("SENTUL/012345/26", None),
    ("MARKET 2024", None),
    ("ORD #15 -REG #19- 02/03/2018", "2018-03-02"),  # separators must agree
    ("Tarikh ; 16-04.2025", "2025-04-16"),  # ...except before a four-digit year
    ("16-04.25", None),
    ("Date: 30/09/2617", "2017-09-30"),  # OCR's 6 for the century's 0
    ("Date: 30/09/3017", None),
    ("CO-REG:860671-D 19-09-17 15:32", "2017-09-19"),
    # a month name must be a whole word: "Apr" + "il" is no year 2000
    ("Tarikh kemalangan : 25 April PMG a", None),
    ("25 April", None),
    ("Tarikh : 26April 2026", "2026-04-26"),
    ("Tarikh: 12 Aprilia 2026", "2026-04-12"),  # one letter too many
    # month names OCR damaged: same first letter, close to one full name
    ("dari / from   10 JULAT 2025", "2025-07-10"),
    ("3 Septernber 2024", "2024-09-03"),
    ("2 Disenber 2025", "2025-12-02"),
    ("14 0ktober 2025", "2025-10-14"),
    ("5 Novernber 2025", "2025-11-05"),
    ("No 12 Jalan 2025", None),  # an address, not a month
    ("12 Taman 2025", None),
    ("5 Masa 2024", None),
    ("7 Mayo 2024", None),  # too far from MAY / MEI to guess
    ("Tarikh: Januari 202600", None),  # no day and year run together
    ("October 2,2026", "2026-10-02"),
    ("Jan 12 2024", "2024-01-12"),
]


@pytest.mark.parametrize(("text", "expected"), FORMATS)
def test_first_date(text: str, expected: str | None) -> None:
    assert iso(text) == expected


def test_every_date_in_order() -> None:
    found = find_dates("dari 02.10.2026 hingga 6 Okt 2026; tarikh 07/10/2026")
    assert [d.value.isoformat() for d in found] == ["2026-10-02", "2026-10-06", "2026-10-07"]


def test_a_date_wrapped_by_a_paragraph() -> None:
    found = find_dates("unfit for duty for 5 day(s) from 30 APRIL 2026 to 4\nMEI 2026 inclusive")
    assert [d.value.isoformat() for d in found] == ["2026-04-30", "2026-05-04"]
    found = find_dates("dari 1 Mac 2026 hingga 4 Mac\n2026.")
    assert [d.value.isoformat() for d in found] == ["2026-03-01", "2026-03-04"]
    # the last cell of a table row is no day of the next row's month
    assert [d.value.isoformat() for d in find_dates("74.38   26\nMEI 2025   4,350.00")] == []


def test_exact_flag_marks_repaired_dates() -> None:
    assert find_dates("02/10/2026")[0].exact
    assert not find_dates("O2/1O/2O26")[0].exact
    assert find_dates("15 Ogos 2025")[0].exact
    assert not find_dates("10 JULAT 2025")[0].exact  # a guessed month name


@pytest.mark.parametrize(
    ("text", "doubtful"),
    [
        ("9/07/2025", True),  # "19/07/2025" with its 1 dropped: the month is padded
        ("09/7/2025", True),
        ("9/7/2025", False),  # printed unpadded throughout
        ("09/07/2025", False),
        ("19/07/2025", False),
        ("9/10/2025", False),  # a two-digit month needs no padding
    ],
)
def test_uneven_padding_is_doubtful(text: str, doubtful: bool) -> None:
    [found] = find_dates(text)
    assert found.doubtful is doubtful
    assert found.exact is not doubtful


def test_a_doubtful_date_is_kept_with_low_confidence() -> None:
    dt = DocText.from_pages([Page("mc.jpg", 1, "dari / from 15/07/2025 hingga / to 9/07/2025")])
    found = dates_by_key(dt, rules().field_labels, DocType.MEDICAL_CERTIFICATE)
    assert found["mc_end"].value == "2025-07-09" and found["mc_end"].confidence < 0.5
    assert found["mc_start"].confidence >= 0.9


def _keys(text: str, doc_type: DocType = DocType.MEDICAL_CERTIFICATE) -> dict[str, str]:
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    return {k: f.value for k, f in dates_by_key(dt, rules().field_labels, doc_type).items()}


MC = DocType.MEDICAL_CERTIFICATE
F34 = DocType.FORM_34
KEYED = [
    ("selama / for 5 (Lima) hari / days\ndari / from 02/10/2026 hingga / to 06/10/2026\n"
     "Tarikh / Date: 02/10/2026", MC,
     {"mc_start": "2026-10-02", "mc_end": "2026-10-06", "document_date": "2026-10-02"}),
    ("tidak sihat selama 5 (lima) hari mulai 2 Okt 2026 hingga 6 Okt 2026.\n"
     "Tarikh : Isnin, 02/10/2026", MC,
     {"mc_start": "2026-10-02", "mc_end": "2026-10-06", "document_date": "2026-10-02"}),
    ("unfit for duty for 3 day(s) from 02-OCT-2026 to\n04-OCT-2026 inclusive.\n"
     "Date of Visit: 02-OCT-2026", MC,
     {"mc_start": "2026-10-02", "mc_end": "2026-10-04", "document_date": "2026-10-02"}),
    ("Tarikh Lahir: 03/09/1987\nTarikh Kemalangan: 01/10/2026 Masa: 0830\n"
     "Tarikh dilaporkan kepada majikan: 02/10/2026\nTarikh: 05/10/2026", F34,
     {"accident_date": "2026-10-01", "notified_date": "2026-10-02",
      "document_date": "2026-10-05"}),
    ("Date of birth: 03/09/1987\nDate of accident: 1 October 2026", F34,
     {"accident_date": "2026-10-01"}),  # a date of birth is nobody's document date
    ("Tarikh Kemalangan\n01/10/2026\nTarikh Kematian : 5hb Oktober 2026", F34,
     {"accident_date": "2026-10-01", "date_of_death": "2026-10-05"}),
    ("Tarikh mula bekerja: 01/01/2020\nTarikh akhir bekerja: 30/09/2026\n"
     "Tarikh surat: 01/09/2026", DocType.TERMINATION_LETTER,
     {"document_date": "2026-09-01"}),  # the last day is no report date key
    ("Pada 02/10/2026 lebih kurang jam 0740 hrs, saya sedang menunggang", DocType.POLICE_REPORT,
     {"accident_date": "2026-10-02"}),  # "pada" dates the accident in a police narrative
    ("Date of injury: 01/10/2026  Date: 10/10/2026", DocType.MEDICAL_REPORT,
     {"accident_date": "2026-10-01", "document_date": "2026-10-10"}),
    ("Tarikh kecederaan : 1 Okt 2026\nTarikh kemasukan: 01/10/2026\nTarikh discaj: 03/10/2026",
     DocType.MEDICAL_REPORT, {"accident_date": "2026-10-01"}),
    # "from ... to" outside an MC is no MC period
    ("Period from 01/09/2026 to 30/09/2026\nDate: 01/10/2026", DocType.WAGE_STATEMENT,
     {"document_date": "2026-10-01"}),
    # an unlabelled date is the document date when none is labelled
    ("SURAT PENGESAHAN MAJIKAN\n05 Okt 2026\nAdalah disahkan bahawa ...",
     DocType.ATTENDANCE_RECORD, {"document_date": "2026-10-05"}),
    ("Tarikh Kemalangan: O1/1O/2O26", F34, {"accident_date": "2026-10-01"}),
    ("dari/trom 26 February 2025   Match 2025", MC, {"mc_start": "2025-02-26"}),
    ("Tarikh Laporan: 03/10/2026  Masa: 0930", DocType.POLICE_REPORT,
     {"document_date": "2026-10-03"}),
    ("TARIKH DAN MASA KEMALANGAN: 01/10/2026 0745", F34, {"accident_date": "2026-10-01"}),
    ("Date of death: 12 March 2026\nDate of registration: 14 March 2026",
     DocType.DEATH_CERTIFICATE, {"date_of_death": "2026-03-12", "document_date": "2026-03-14"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "doc_type", "expected"), KEYED)
def test_dates_by_key(text: str, doc_type: DocType, expected: dict[str, str]) -> None:
    assert _keys(text, doc_type) == expected


def test_a_sketch_map_is_dated_by_its_accident() -> None:
    assert _keys("Peta Lakar\nLOW JUN HAO\nTarikh: 08/07/2026", DocType.SKETCH_MAP) == {
        "accident_date": "2026-07-08"
    }


def test_a_sketch_maps_unlabelled_date_is_its_accident() -> None:
    """An unlabelled date means what the type's plain "Tarikh" means (#20)."""
    text = "LAKARAN PETA\nRUMAH\nABDUL HALIM BIN JAAFAR\n20-07-2026\nTEMPAT KEMALANGAN"
    assert _keys(text, DocType.SKETCH_MAP) == {"accident_date": "2026-07-20"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tarikh dimakiumkan kepada majikan   2 06.12.2025", {"notified_date": "2025-12-06"}),
     ("TARlKH KEMALANGAN: 01/10/2026", {"accident_date": "2026-10-01"}),
     ("Tarikh Kemat1an : 5 Okt 2026", {"date_of_death": "2026-10-05"})],
)  # fmt: skip
def test_ocr_damaged_labels(text: str, expected: dict[str, str]) -> None:
    assert _keys(text, F34) == expected


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [("Saya menuntut faedah di bawah Akta.\n22-OCT-2025\nTarikh\nTandatangan Penuntut", F34,
      {"document_date": "2025-10-22"}),
     ("dari/from 08/07/2026\n11/07/2026 {__poKror\nTarikh / Date:\nDR. AHMAD", MC,
      {"mc_start": "2026-07-08", "document_date": "2026-07-11"}),
     ("22-OCT-2025\nTarikh kemalangan : 21/10/2025", F34, {"accident_date": "2025-10-21",
                                                          "document_date": "2025-10-22"})],
)  # fmt: skip
def test_handwritten_date_above_its_label(
    text: str, doc_type: DocType, expected: dict[str, str]
) -> None:
    assert _keys(text, doc_type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tarikh kemalangarV/penyakit   : 07-04-2025\nTarikh   ; 16-04.2025",
      # a broken specific label is not plain "Tarikh": its role word still names it (#20)
      {"accident_date": "2025-04-07", "document_date": "2025-04-16"}),
     ("Tarikh : Isnin, 02/10/2026", {"document_date": "2026-10-02"}),  # a day name is fine
     ("Date of Visit : 02-OCT-2026", {"document_date": "2026-10-02"})],
)  # fmt: skip
def test_one_word_labels_sit_next_to_their_date(text: str, expected: dict[str, str]) -> None:
    assert _keys(text, F34) == expected


@pytest.mark.parametrize(
    "text",
    ["Tarikh: LL Mac 2026", "Tarikh: ss/ll/2026", "dari Ls Ogos 2O26 hingga sS Ogos 2026"],
)
def test_letters_that_look_like_digits_in_any_case_never_crash(text: str) -> None:
    for match in find_dates(text):  # a repaired date, or none: never an exception
        assert 1900 <= match.value.year <= 2099


def test_upper_case_l_read_as_one() -> None:
    assert [m.value.isoformat() for m in find_dates("Tarikh: LL Mac 2026")] == ["2026-03-11"]


# Issue #20: every form and place a date is printed in (domain.md 5.1, real-labels.md,
# ../shared/real/death_certificate_jpn_lm11.png).
MORE_FORMATS = [
    ("21HB. OGOS 2018", "2018-08-21"),  # JPN's long form (JPN.LM11)
    ("21HB. OGOS 2018 12:30 AM", "2018-08-21"),
    ("28HB.OGOS 2018", "2018-08-28"),
    ("21 hb. Ogos 2018", "2018-08-21"),
    ("21 HB Ogos 2018", "2018-08-21"),
    ("21hb Ogos 2018", "2018-08-21"),
    ("21H8. OGOS 2018", "2018-08-21"),  # OCR's 8 for B
    ("3 haribulan Mac 2026", "2026-03-03"),
    ("1 Jan 2026", "2026-01-01"), ("1 Januari 2026", "2026-01-01"),
    ("1 Feb 2026", "2026-02-01"), ("1 Februari 2026", "2026-02-01"),
    ("1 Mac 2026", "2026-03-01"), ("1 Mar 2026", "2026-03-01"),
    ("1 Apr 2026", "2026-04-01"), ("1 April 2026", "2026-04-01"),
    ("1 Mei 2026", "2026-05-01"), ("1 May 2026", "2026-05-01"),
    ("1 Jun 2026", "2026-06-01"), ("1 June 2026", "2026-06-01"),
    ("1 Jul 2026", "2026-07-01"), ("1 Julai 2026", "2026-07-01"),
    ("1 Ogos 2026", "2026-08-01"), ("1 Aug 2026", "2026-08-01"),
    ("1 Sep 2026", "2026-09-01"), ("1 September 2026", "2026-09-01"),
    ("1 Okt 2026", "2026-10-01"), ("1 Oktober 2026", "2026-10-01"),
    ("1 Nov 2026", "2026-11-01"), ("1 November 2026", "2026-11-01"),
    ("1 Dis 2026", "2026-12-01"), ("1 Disember 2026", "2026-12-01"),
    ("01-Dis-26", "2026-12-01"), ("1 Sept. 2026", "2026-09-01"),
    ("Mei 5, 2026", "2026-05-05"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), MORE_FORMATS)
def test_long_and_short_forms(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("dari 2 hingga 6 Okt 2026", ["2026-10-02", "2026-10-06"]),
     ("from 30 Sep to 3 Oct 2026", ["2026-09-30", "2026-10-03"]),
     ("2 - 6 Mei 2026", ["2026-05-02", "2026-05-06"]),
     ("30 Dis sehingga 2 Jan 2027", ["2026-12-30", "2027-01-02"]),
     ("mulai 2hb hingga 4hb Mac 2026", ["2026-03-02", "2026-03-04"]),
     ("2 to 6 pm 2026", []),  # no month: no range
     ("Lot 12 - 13 Jalan 2026", [])],
)  # fmt: skip
def test_a_range_prints_its_month_once(text: str, expected: list[str]) -> None:
    assert [d.value.isoformat() for d in find_dates(text)] == expected


FORM_10 = DocType.FORM_10
REPORT = DocType.MEDICAL_REPORT
DEATH = DocType.DEATH_CERTIFICATE
KEYED_MORE = [
    # a period of leave on the claim forms and medical reports, not only on MCs
    ("Cuti sakit dari 02/10/2026 hingga 06/10/2026", F34,
     {"mc_start": "2026-10-02", "mc_end": "2026-10-06"}),
    ("MAKLUMAT CUTI SAKIT\nTarikh Mula: 2 Okt 2026   Tarikh Tamat: 6 Okt 2026", FORM_10,
     {"mc_start": "2026-10-02", "mc_end": "2026-10-06"}),
    ("He was given medical leave from 2 October 2026 to 6 October 2026.\nDate: 10/10/2026",
     REPORT, {"mc_start": "2026-10-02", "mc_end": "2026-10-06", "document_date": "2026-10-10"}),
    ("Diberi cuti sakit selama 5 hari dari 2 hingga 6 Okt 2026", REPORT,
     {"mc_start": "2026-10-02", "mc_end": "2026-10-06"}),
    ("Tidak sihat untuk bekerja\nfrom 02-OCT-2026 until 06-OCT-2026", F34,
     {"mc_start": "2026-10-02", "mc_end": "2026-10-06"}),
    # a range that is no leave stays out of the MC keys
    ("Butir-butir gaji bagi tempoh dari 01/04/2026 hingga 30/09/2026", F34, {}),
    ("Tarikh Mula Hadir Kerja: 01/10/2026  Tarikh Tamat Hadir Kerja: 01/10/2026\n"
     "Cuti Sakit: 3 hari", F34, {}),
    # dates inside sentences
    ("The patient met with an accident on 5 March 2026 while riding to work.", REPORT,
     {"accident_date": "2026-03-05"}),
    ("Pesakit mengalami kecederaan akibat kemalangan pada 5 Mac 2026.", REPORT,
     {"accident_date": "2026-03-05"}),
    ("Saya cedera akibat kemalangan pada\n05/03/2026 semasa pulang ke rumah.", F34,
     {"accident_date": "2026-03-05"}),
    ("Bila kemalangan berlaku? 05/03/2026", F34, {"accident_date": "2026-03-05"}),
    ("Si mati meninggal dunia pada 21hb. Ogos 2018 di rumah.", DEATH,
     {"date_of_death": "2018-08-21"}),
    # print stamps are when a copy was printed, not a document date
    ("REKOD KEHADIRAN\nDicetak pada: 12/10/2026 10:31", DocType.ATTENDANCE_RECORD, {}),
    ("ATTENDANCE REPORT\nPrinted on 12 Oct 2026\nTarikh: 09/10/2026",
     DocType.ATTENDANCE_RECORD, {"document_date": "2026-10-09"}),
    ("Tarikh Cetak: 12/10/2026\n05 Okt 2026", DocType.WAGE_STATEMENT,
     {"document_date": "2026-10-05"}),
    # JPN's death certificate (real-labels.md)
    ("Tarikh dan Waktu Kematian: 21HB. OGOS 2018 12:30 AM\n"
     "Tarikh Pendaftaran 28HB. OGOS 2018", DEATH,
     {"date_of_death": "2018-08-21", "document_date": "2018-08-28"}),
    ("Date and Time of Death 21 hb. Ogos 2018\nDate of Registration 28 hb. Ogos 2018", DEATH,
     {"date_of_death": "2018-08-21", "document_date": "2018-08-28"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "doc_type", "expected"), KEYED_MORE)
def test_dates_in_every_place(text: str, doc_type: DocType, expected: dict[str, str]) -> None:
    assert _keys(text, doc_type) == expected


def test_a_value_under_its_label_in_the_same_column() -> None:
    """JPN.LM11: "Tarikh dan Waktu Kematian" over its English line, the date under both,
    beside another cell's value."""
    page = cell_page([
        [("Jenis", 100), ("dan", 170), ("No.", 220), ("Dokumen", 270), ("Lain", 370),
         ("Tarikh", 600), ("dan", 690), ("Waktu", 740), ("Kematian", 820)],
        [("Types", 100), ("and", 170), ("No.", 220), ("of", 270), ("Other", 300),
         ("Date", 600), ("and", 660), ("Time", 710), ("of", 770), ("Death", 800)],
        [("Maklumat", 100), ("Tidak", 220), ("Berkenaan", 300),
         ("21HB.", 600), ("OGOS", 680), ("2018", 750), ("12:30", 850), ("AM", 920)],
    ], "cert.png", 1200, 400)  # fmt: skip
    dt = DocText.from_pages([page])
    found = dates_by_key(dt, rules().field_labels, DEATH)
    assert {k: f.value for k, f in found.items()} == {"date_of_death": "2018-08-21"}


def test_a_date_in_another_column_takes_no_label_above() -> None:
    page = cell_page([
        [("Tarikh", 600), ("Kematian", 690)],
        [("Nama", 100), ("Penuh", 170)],
        [("Catatan", 100), ("01/02/2018", 250)],
    ], "cert.png", 1200, 400)  # fmt: skip
    found = dates_by_key(DocText.from_pages([page]), rules().field_labels, DEATH)
    assert "date_of_death" not in found
