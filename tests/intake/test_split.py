"""Scanned stacks split into their documents by page-level evidence."""

from __future__ import annotations

from pathlib import Path

import yaml

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
    pages[1].extra["barcodes"] = ["SEMAK-SEP"]
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
