"""Dates OCR damaged in a form's blank, read right after their label and nowhere else; date
labels whose words OCR damaged by one letter."""

from __future__ import annotations

import pytest

from intake.classify import rules
from intake.fields.datedamage import damaged_month
from intake.fields.datekeys import dates_by_key
from intake.fields.text import DocText
from intake.models import DocType, Page

F34, MC = DocType.FORM_34, DocType.MEDICAL_CERTIFICATE


def _read(text: str, doc_type: DocType = F34) -> dict[str, tuple[str, float]]:
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    found = dates_by_key(dt, rules().field_labels, doc_type)
    return {k: (str(f.value), f.confidence) for k, f in found.items()}


@pytest.mark.parametrize(
    ("text", "doc_type", "key", "value"),
    [
        # a separator OCR lost, either one
        ("Tarikh dimaklumkan kepada majikan   : 0311/2024", F34, "notified_date", "2024-11-03"),
        ("Tarikh Kemalangan   : 03/112024", F34, "accident_date", "2024-11-03"),
        ("Tarikh   : 2208-2025 ,", F34, "document_date", "2025-08-22"),
        # a handwritten 1 read as "i"
        ("Tarikh Mula / Start Date   : 1ihb Julai 2025", MC, "mc_start", "2025-07-11"),
        ("Tarikh Tamat / End Date   : 1i/07/2025", MC, "mc_end", "2025-07-11"),
        # a month name damaged past the free-text fuzzy match
        ("Tarikh Kemalangan / Date of Accident : 4 Gulai 2025", F34, "accident_date", "2025-07-04"),
        ("Tarikh   : 9 Ogus 2025", F34, "document_date", "2025-08-09"),
        ("Date issued   > 6 Pisember 2025", F34, "document_date", "2025-12-06"),
        ("Tarikh Kemalangan   : 18 Nuv 2025", F34, "accident_date", "2025-11-18"),
    ],
)
def test_a_damaged_date_right_after_its_label(
    text: str, doc_type: DocType, key: str, value: str
) -> None:
    found = _read(text, doc_type)
    assert found[key][0] == value
    assert found[key][1] < 0.5  # repaired: a contradiction on it is held back
    # the same damage standing in running text, not after a label, is no date
    value_text = text.split(":")[-1].split(">")[-1]
    assert _read("Rujukan kami" + value_text + " dan lain", doc_type) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Tarikh Kemalangan   : 18 Mav 2025",  # as near MAC as MAY: which month is unknown
        "Tarikh Kemalangan   : 18 Masa 2025",  # a label word of the lexicon, no month
        "Tarikh Kemalangan   : 31/022025",  # no such day
        "Tarikh Kemalangan   : tempat 0311/2024",  # the value is not the label's
    ],
)
def test_damage_that_names_no_one_date_is_not_read(text: str) -> None:
    # beside a damaged value that is read (a lost separator under another label)
    found = _read(text + "\nTarikh dimaklumkan kepada majikan   : 0411/2024")
    assert {k: v for k, (v, _) in found.items()} == {"notified_date": "2024-11-04"}


def test_a_month_name_near_one_month_only() -> None:
    assert damaged_month("ganuari") == 1
    assert damaged_month("Jaryari") == 1
    assert damaged_month("fac") == 3
    assert damaged_month("Mav") is None  # MAY, MAC, MAR all one letter off
    # as near to several, but near one only by letters of like shape (c read as e, n as m)
    assert damaged_month("Mae") == 3
    assert damaged_month("Jum") == 6
    assert damaged_month("hari") is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Accidemt Date / Tarnikh kemnalangan berlaku\n12-05-2026", "accident_date"),
        ("Tarikh kemafian\n12-05-2026", "date_of_death"),
        ("Date employer was nofified   : 12-05-2026", "notified_date"),
    ],
)
def test_a_date_label_whose_words_ocr_damaged(text: str, key: str) -> None:
    assert _read(text) == {key: ("2026-05-12", pytest.approx(0.9))}


def test_a_real_word_is_not_a_damaged_cue() -> None:
    # "EMPLOYEE" is a word of its own, not OCR's "EMPLOYER": no date of notice to the employer
    assert "notified_date" not in _read("Date employee reported sick   : 12-05-2026")
    assert "notified_date" in _read("Date emplayer reported   : 12-05-2026")


def test_a_label_over_its_value_keeps_its_translation() -> None:
    # a translation the labels do not know (or OCR damaged) after the slash is the label's
    assert _read("Accident Date / Tarikh peristiwa itu\n12-05-2026") == {
        "accident_date": ("2026-05-12", pytest.approx(0.9))
    }
    # a value on the label's line is no translation: the date under it is not the label's
    assert "accident_date" not in _read("Accident Date / 11 Mei\n12-05-2026")


def test_an_unread_labelled_date_is_not_replaced_by_another() -> None:
    # the document's own date is printed after its label but OCR lost a digit: the first
    # unlabelled date (a notice date at the top of the form) is not the document's date
    text = "E80199767\n15 Mac 2025\nNama : ALI\nDate issued / Tarikh dikeluarkan   : 1? Mac 2025"
    assert "document_date" not in _read(text)
    # with no date printed after its label the first unlabelled date dates the document
    assert _read(text.replace("1? Mac 2025", ""))["document_date"][0] == "2025-03-15"


def test_a_table_rule_before_a_month_is_no_day() -> None:
    rows = "Bulan / Month   Gaji (RM)\nOGOS 2025   3,100.00   15.50\n| SEPTEMBER 2025   3,100.00"
    assert _read(rows, DocType.WAGE_STATEMENT) == {}
    assert _read("Tarikh : 1 SEPTEMBER 2025", DocType.WAGE_STATEMENT) != {}


def test_a_damaged_date_under_a_label_that_ends_its_line() -> None:
    # a form's cell: the label (and its translation) over the value
    text = "Date of notice to employer / Tarikh notis kepada majikan\n0311/2024\nNama : ALI"
    assert _read(text)["notified_date"][0] == "2024-11-03"
    # a line of its own under a label that has its value beside it is not that label's
    assert "notified_date" not in _read("Tarikh notis kepada majikan : N/A\n0311/2024")
