"""understand(): pages of one file -> documents in the report's documents[] shape."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml

from intake.models import DATE_KEYS, DocType, Page, Word
from intake.understanding import understand

TEXTS = yaml.safe_load(Path(__file__).with_name("doc_texts.yml").read_text(encoding="utf-8"))
DEATH = TEXTS["DEATH"]
F34 = TEXTS["F34"]
MC_PRIVATE = TEXTS["MC_PRIVATE"]
MYKAD = TEXTS["MYKAD"]
POLICE = TEXTS["POLICE"]
TIME_SLIP = TEXTS["TIME_SLIP"]


def _pages(*texts: str, file: str = "scan_0042.pdf") -> list[Page]:
    return [Page(file, i + 1, t, blank=not t.strip()) for i, t in enumerate(texts)]


def test_a_stack_becomes_documents_with_fields() -> None:
    docs = understand(_pages(MYKAD, MC_PRIVATE, POLICE))
    assert [d.doc_type for d in docs] == [DocType.MYKAD, DocType.MEDICAL_CERTIFICATE,
                                          DocType.POLICE_REPORT]  # fmt: skip
    card, mc, police = (d.to_report_dict() for d in docs)
    assert card["fields"]["ic_number"] == "870903-10-6231"
    assert mc["pages"] == [2] and mc["file"] == "scan_0042.pdf"
    assert mc["fields"] == {
        "ic_number": "870903-10-6231",
        "name": "MUHAMMAD HAFIZ BIN ISMAIL",
        "mc_days": 5,
        "dates": {"mc_start": "2026-10-02", "mc_end": "2026-10-06", "document_date": "2026-10-02"},
    }
    assert mc["extra_fields"]["mmc_number"] == "45123"
    assert police["fields"]["report_number"] == "SENTUL/012345/26"
    assert police["fields"]["dates"] == {
        "document_date": "2026-10-02",
        "accident_date": "2026-10-01",
    }
    assert police["extra_fields"]["station"] == "SENTUL"
    assert police["extra_fields"]["report_time"] == "09:30"


def test_form_34_dates_and_employer() -> None:
    (doc,) = understand(_pages(F34 + "\nTarikh dimaklumkan kepada majikan : 03/10/2026"))
    assert doc.doc_type == DocType.FORM_34
    assert doc.date_value("accident_date") == "2026-10-01"
    assert doc.date_value("notified_date") == "2026-10-03"
    assert doc.field_value("employer_code") == "A1234567890"
    assert doc.field_value("notice_type") == "accident"


def test_death_certificate_keys() -> None:
    (doc,) = understand(_pages(DEATH))
    assert doc.field_value("name") == "MUHAMMAD HAFIZ BIN ISMAIL"
    assert doc.date_value("date_of_death") == "2026-10-05"


def test_time_slip_is_other_and_has_no_mc_days() -> None:
    (doc,) = understand(_pages(TIME_SLIP))
    assert doc.doc_type == DocType.OTHER and "mc_days" not in doc.fields
    assert doc.extra["label"] == "time_slip"


def test_nothing_vanishes() -> None:
    pages = _pages(MC_PRIVATE, "@@ ~~", "", POLICE)
    pages[1].readable = False
    docs = understand(pages)
    assert [d.pages for d in docs] == [[1], [2], [4]]
    assert docs[1].doc_type == DocType.OTHER and docs[1].readable is False
    assert docs[1].to_report_dict()["readable"] is False


def test_a_file_of_blank_pages_is_still_a_document() -> None:
    (doc,) = understand(_pages("", ""))
    assert doc.pages == [1, 2] and doc.doc_type == DocType.OTHER and not doc.readable


def test_no_pages_no_documents() -> None:
    assert understand([]) == []


def test_fields_point_at_the_words_they_came_from() -> None:
    lines = [["SIJIL", "CUTI", "SAKIT"], ["Nama:", "ALI", "BIN", "ABU"],
             ["No.", "K/P:", "870903-10-6231"], ["selama", "3", "hari"],
             ["dari", "02/10/2026", "hingga", "04/10/2026"]]  # fmt: skip
    words = [
        Word(t, (100.0 + 200 * j, 100.0 + 60 * i, 180.0 + 200 * j, 140.0 + 60 * i), 0.9, line=i + 1)
        for i, line in enumerate(lines)
        for j, t in enumerate(line)
    ]
    text = "\n".join(" ".join(line) for line in lines)
    (doc,) = understand([Page("mc.jpg", 1, text, words=words)])
    ic = doc.fields["ic_number"]
    assert ic.value == "870903-10-6231" and ic.page == 1
    assert ic.bbox == (500.0, 220.0, 580.0, 260.0)
    out = doc.to_report_dict()
    assert out["evidence"]["dates.mc_end"]["bbox"] == [700.0, 340.0, 780.0, 380.0]
    assert set(doc.dates) <= set(DATE_KEYS)


def test_logs_carry_no_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        understand(_pages(MC_PRIVATE, POLICE))
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "870903" not in logged and "HAFIZ" not in logged


def _word(text: str, box: tuple[float, float, float, float], line: int) -> Word:
    return Word(text, box, 0.9, line=line)


def test_handwritten_value_above_its_label_is_one_line() -> None:
    # Tesseract puts the taller handwriting on a line of its own, above the printed label
    words = [
        _word("Koh", (400, 90, 480, 150), 1), _word("Boon", (490, 90, 580, 150), 1),
        _word("Hock", (590, 90, 680, 150), 1),
        _word("Nama", (100, 110, 180, 140), 2), _word(":", (190, 110, 200, 140), 2),
        _word("No.", (100, 200, 150, 230), 3), _word("K/P:", (160, 200, 220, 230), 3),
        _word("821208-51-8425", (400, 185, 700, 240), 4),
    ]  # fmt: skip
    text = "Koh Boon Hock\nNama :\nNo. K/P:\n821208-51-8425"  # Tesseract's own text
    page = Page("mc.jpg", 1, text, words=words, width=1000, height=1400)
    (doc,) = understand([page])
    assert doc.field_value("name") == "Koh Boon Hock"
    assert doc.field_value("ic_number") == "821208-51-8425"


def test_lines_of_a_page_turned_upside_down_keep_their_order() -> None:
    # boxes are in the stored (upside-down) page; rotation 180 made it upright
    w, h = 1000, 1400

    def flipped(text: str, box: tuple[float, float, float, float], line: int) -> Word:
        x0, y0, x1, y1 = box
        return _word(text, (w - x1, h - y1, w - x0, h - y0), line)

    words = [
        flipped("SIJIL", (100, 100, 200, 140), 1), flipped("CUTI", (210, 100, 300, 140), 1),
        flipped("SAKIT", (310, 100, 420, 140), 1),
        flipped("Nama:", (100, 200, 200, 240), 2), flipped("ALI", (210, 200, 280, 240), 2),
        flipped("BIN", (290, 200, 350, 240), 2), flipped("ABU", (360, 200, 430, 240), 2),
    ]  # fmt: skip
    text = "SIJIL CUTI SAKIT\nNama: ALI BIN ABU"
    page = Page("mc.jpg", 1, text, words=words, width=w, height=h, rotation=180)
    (doc,) = understand([page])
    assert doc.doc_type == DocType.MEDICAL_CERTIFICATE
    assert doc.field_value("name") == "ALI BIN ABU"


def test_police_report_lodged_by_a_relative_names_the_insured() -> None:
    text = POLICE.replace(
        "saya sedang menunggang", "suami/isteri saya AHMAD FAIZAL BIN OTHMAN sedang menunggang"
    ).replace("MUHAMMAD HAFIZ BIN ISMAIL", "SITI AMINAH BINTI YUSOF")
    (doc,) = understand(_pages(text))
    assert doc.field_value("name") == "AHMAD FAIZAL BIN OTHMAN"
    assert "ic_number" not in doc.fields  # the complainant's IC is not the insured's
    assert doc.field_value("name_normalised") == "AHMAD FAIZAL BIN OTHMAN"


def test_boxes_that_do_not_lie_level_keep_tesseract_order() -> None:
    # a page whose boxes are turned a quarter (rotation not recorded): columns, not rows
    lines = [
        ["SIJIL", "KEMATIAN", "/", "CERTIFICATE"],
        ["Nama", "Si", "Mati:", "ALI", "BIN", "ABU"],
    ]
    words = [
        _word(t, (100.0 + 60 * i, 100.0 + 80 * j, 140.0 + 60 * i, 170.0 + 80 * j), i + 1)
        for i, line in enumerate(lines)
        for j, t in enumerate(line)
    ]
    page = Page("d.jpg", 1, "\n".join(" ".join(x) for x in lines), words=words, width=900,
                height=1200)  # fmt: skip
    (doc,) = understand([page])
    assert doc.doc_type == DocType.DEATH_CERTIFICATE
    assert doc.field_value("name") == "ALI BIN ABU"
