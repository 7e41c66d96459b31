"""Scanned stacks split into their documents by page-level evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from intake.classify import classify_text
from intake.models import Page
from intake.split import page_info, separator_codes, split

TEXTS = yaml.safe_load(Path(__file__).with_name("doc_texts.yml").read_text(encoding="utf-8"))
F34 = TEXTS["F34"]
MC_PRIVATE = TEXTS["MC_PRIVATE"]
MYKAD = TEXTS["MYKAD"]
PAYSLIP = TEXTS["PAYSLIP"]
POLICE = TEXTS["POLICE"]
SKETCH = TEXTS["SKETCH"]
TIME_CARD = TEXTS["TIME_CARD"]


POLICE_P2 = """tempat kerja. Sebuah kereta dari arah bertentangan telah membelok secara tiba-tiba
dan melanggar motosikal saya. Akibatnya saya terjatuh dan mengalami kecederaan di kaki
dan tangan dan dibawa ke klinik untuk rawatan. Repot dibuat untuk tindakan.
Tandatangan Pengadu            Penerima Repot
                               SJN AHMAD BIN ALI
                               No. Badan: RF123456"""
F34_P2 = """Saya mengaku bahawa butiran di atas adalah benar.
Tarikh : 05/10/2026
Tandatangan Orang Berinsurans"""


def _pages(*texts: str, file: str = "scan_0042.pdf") -> list[Page]:
    return [Page(file, i + 1, t, blank=not t.strip()) for i, t in enumerate(texts)]


def _numbers(groups: list[list[Page]]) -> list[list[int]]:
    return [[p.number for p in g] for g in groups]


def test_one_document_per_title_page() -> None:
    assert _numbers(split(_pages(MYKAD, MC_PRIVATE, SKETCH))) == [[1], [2], [3]]


def test_continuation_pages_stay_with_their_document() -> None:
    assert _numbers(split(_pages(MC_PRIVATE, POLICE, POLICE_P2, SKETCH))) == [[1], [2, 3], [4]]


def test_two_documents_of_one_type_back_to_back() -> None:
    assert _numbers(split(_pages(MC_PRIVATE, MC_PRIVATE, F34, F34_P2))) == [[1], [2], [3, 4]]


def test_page_x_of_y_continues_even_with_a_title() -> None:
    p1 = POLICE + "\nBorang (Pin. 1/2019)  Muka 1/2"
    p2 = "POLIS DIRAJA MALAYSIA\nLAPORAN POLIS (sambungan)\n" + POLICE_P2 + "\nMuka surat 2/2"
    assert _numbers(split(_pages(p1, p2, MC_PRIVATE))) == [[1, 2], [3]]


def test_page_one_of_y_opens_a_document() -> None:
    p1 = PAYSLIP + "\nPage 1 of 1"
    p2 = PAYSLIP.replace("SEPTEMBER", "OGOS") + "\nPage 1 of 1"
    assert _numbers(split(_pages(p1, p2))) == [[1], [2]]


def test_blank_separator_pages_belong_to_no_document() -> None:
    groups = split(_pages(MC_PRIVATE, "", POLICE, POLICE_P2, " \n ", TIME_CARD))
    assert _numbers(groups) == [[1], [3, 4], [6]]


def test_a_blank_page_ends_a_document_without_a_title() -> None:
    # the page after the blank has no title but is not the police report's continuation
    assert _numbers(split(_pages(POLICE, "", POLICE_P2))) == [[1], [3]]


def test_separator_sheet_with_barcode_or_printed_title() -> None:
    pages = _pages(MC_PRIVATE, "x", POLICE, "HELAIAN PEMISAH DOKUMEN\nSEPARATOR SHEET", SKETCH)
    pages[1].barcodes = ["SEMAK-SEP"]
    assert page_info(pages[1]).kind == "separator"
    assert page_info(pages[3]).kind == "separator"
    assert _numbers(split(pages)) == [[1], [3], [5]]


def test_unreadable_page_is_a_document_of_its_own() -> None:
    pages = _pages(MC_PRIVATE, "~~ ..", POLICE, POLICE_P2)
    pages[1].readable = False
    assert _numbers(split(pages)) == [[1], [2], [3, 4]]


def test_type_change_without_title_opens_a_document() -> None:
    card = "\n".join(MYKAD.splitlines()[2:])  # the card's title cropped off
    assert _numbers(split(_pages(F34, card))) == [[1], [2]]


def test_separator_codes_decodes_a_qr_code() -> None:
    import numpy as np
    import zxingcpp

    code = zxingcpp.create_barcode("SEMAK-SEPARATOR", zxingcpp.BarcodeFormat.QRCode)
    page = np.pad(np.array(zxingcpp.write_barcode_to_image(code, scale=4)), 40, constant_values=255)
    assert separator_codes(page) == ["SEMAK-SEPARATOR"]


def test_a_set_of_payslips_runs_on_but_two_mcs_do_not() -> None:
    may = PAYSLIP.replace("SEPTEMBER", "MEI")
    other_employer = PAYSLIP.replace("SYARIKAT MAJU JAYA", "KILANG SINAR TIMUR").replace(
        "Lot 5, Jalan Perindustrian 2, 43000 Kajang", "No 9, Jalan Tebrau, 80300 Johor Bahru"
    )
    pages = _pages(PAYSLIP, may, other_employer, MC_PRIVATE, MC_PRIVATE)
    assert _numbers(split(pages)) == [[1, 2], [3], [4], [5]]


def test_an_unreadable_page_announced_by_the_page_before_stays_with_it() -> None:
    pages = _pages(F34 + "\nBorang 34 (Pin. 1/2019)  Muka 1/2", "~~", MC_PRIVATE, "~~")
    pages[1].readable = pages[3].readable = False
    assert _numbers(split(pages)) == [[1, 2], [3], [4]]


EMPLOYER_LETTER_LOW_TITLE = """SINAR TIMUR LOGISTIK SDN. BHD.
LOT 29, JALAN PERUSAHAAN 8
KAWASAN PERINDUSTRIAN ALOR SETAR
05150 ALOR SETAR
No. SSM: 419814. Tel: 05-893 1207
Ta
5 Jun 2026
Kepada: Pengarah, PERKESO Alor Setar
SURAT PENGESAHAN MAJIKAN: KEHADIRAN PEKERJA
va, adalah dis sebagai TUKANG KIMPAL
can bahawa Wan jad Firdaus bin Othman (No. K/P: 030119596531) bekerja
hhadir bekerja pada 17 lak hadir bekerja
Sekian, terima kasih,
JOHNNY ANAK MANGGI
Pengurus Sumber Manusia"""


def test_a_letter_under_another_letterhead_after_an_mc_opens_a_document() -> None:
    """The letter's title sits below its address block, out of the top lines."""
    groups = split(_pages(MC_PRIVATE, EMPLOYER_LETTER_LOW_TITLE))
    assert _numbers(groups) == [[1], [2]]


def test_a_police_statement_page_stays_with_its_report() -> None:
    assert _numbers(split(_pages(POLICE, POLICE_P2))) == [[1, 2]]


# Issue #20: a multi-page form is one document whatever its later pages print.
F34_WAGES = """E. MAKLUMAT GAJI ORANG BERINSURANS
Bulan   Tahun   Gaji (RM)   Sumbangan (RM)
April   2026   2,500.00   12.25
Mei   2026   2,500.00   12.25
Jun   2026   2,650.00   12.95
Julai   2026   2,650.00   12.95
Gaji pokok, elaun, kerja lebih masa, caruman PERKESO dan SIP
F. PERAKUAN MAJIKAN
Saya memperakui bahawa semua butiran yang dinyatakan adalah benar.
Nama : LIM AH KOW   Jawatan : PENGURUS SUMBER MANUSIA"""


@pytest.mark.parametrize(
    "cue",
    ["BORANG 34 (m/s 2)", "BORANG 34 (m.s. 2)", "BORANG 34  Muka surat 2", "Page 2",
     "PAGE 2 OF 2", "Halaman 2", "hlm. 2", "2/2", "2 of 2", "2 daripada 2", "(sambungan)"],
)  # fmt: skip
def test_a_page_number_continues_a_form_that_repeats_its_title(cue: str) -> None:
    page_2 = f"{cue}\nPERTUBUHAN KESELAMATAN SOSIAL\nBORANG 34\n{F34_P2}"
    assert _numbers(split(_pages(F34, page_2, MC_PRIVATE))) == [[1, 2], [3]]


def test_page_one_still_opens_a_second_form() -> None:
    assert _numbers(split(_pages(F34 + "\nm/s 1", F34 + "\nm/s 1"))) == [[1], [2]]


def test_a_running_header_continues_a_multi_page_form() -> None:
    """Page 2 repeats the form's header and code, with no page number."""
    head = "\n".join(F34.splitlines()[:3])
    assert _numbers(split(_pages(F34, head + "\n" + F34_P2, MC_PRIVATE))) == [[1, 2], [3]]


def test_a_later_page_with_no_title_stays_with_its_form() -> None:
    """The wage and certification sections read like a payslip (and alone would be typed
    one), but carry no title and share the form's words."""
    assert classify_text(F34_WAGES).label == "wage_statement"
    assert _numbers(split(_pages(F34, F34_WAGES, MC_PRIVATE))) == [[1, 2], [3]]


@pytest.mark.parametrize("text", ["Tarikh: 2/3", "kecederaan di muka 2 cm", "02/10/2026"])
def test_no_page_number_where_none_is_printed(text: str) -> None:
    assert page_info(_pages(MC_PRIVATE + "\n" + text)[0]).page_of is None
