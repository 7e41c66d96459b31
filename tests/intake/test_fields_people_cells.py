"""Names in a form's table cells (issue #20, "a value is found right of its label, under it,
or in the same table cell; a label's translation line and qualifiers belong to the label").

Pages are words at (x, line), as Tesseract's layout gives them; the wording is real-labels.md's
("Nama", "Nama Orang Berinsurans", "Tarikh Kemalangan", "Jawatan") and domain.md 4.2's
("Nama Pesakit", "Nama Doktor")."""

from __future__ import annotations

from word_pages import Row, cell_page

from intake.classify import rules
from intake.fields.extract import extract, people
from intake.fields.text import DocText
from intake.models import DocType, Page

T = DocType


def _at(x: float, text: str) -> Row:
    """``text``'s words from x on, one space (12 px) apart."""
    out: Row = []
    for w in text.split():
        out.append((w, x))
        x += 12.0 * (len(w) + 1)
    return out


def _read(page: Page, doc_type: DocType) -> tuple[dict[str, str], list[tuple[str, str | None]]]:
    dt = DocText.from_pages([page])
    labels = rules().field_labels
    fields, _ = extract(dt, doc_type, labels)
    found = [(p.role, p.name) for p in people(dt, doc_type, labels)]
    return {k: str(f.value) for k, f in fields.items() if k in ("name", "ic_number")}, found


def test_a_name_under_its_label_in_the_second_column() -> None:
    """The label heads the right-hand column; the left cell under it holds a date."""
    page = cell_page([
        _at(50, "Tarikh Kemalangan") + _at(600, "Nama Orang Berinsurans"),
        _at(50, "03/03/2026") + _at(600, "NORAZLAN BIN ABU BAKAR"),
    ])  # fmt: skip
    fields, _ = _read(page, T.FORM_34)
    assert fields.get("name") == "NORAZLAN BIN ABU BAKAR"


def test_the_labels_qualifier_line_belongs_to_the_label() -> None:
    """ "Nama" over "(seperti dalam K/P)" over the value, beside another column."""
    page = cell_page([
        _at(50, "Tarikh Kemalangan") + _at(600, "Nama"),
        _at(50, "03/03/2026") + _at(600, "(seperti dalam K/P)"),
        _at(600, "SITI AMINAH BINTI YUSOF"),
    ])  # fmt: skip
    fields, _ = _read(page, T.FORM_34)
    assert fields.get("name") == "SITI AMINAH BINTI YUSOF"


def test_each_column_keeps_its_own_role() -> None:
    """ "Nama Doktor" and "Nama Pesakit" head two columns: the patient's is the insured's name,
    the doctor's is the doctor's."""
    page = cell_page([
        _at(50, "Nama Doktor") + _at(600, "Nama Pesakit"),
        _at(50, "Dr. WONG KAH MENG") + _at(600, "NORAZLAN BIN ABU BAKAR"),
    ])  # fmt: skip
    fields, found = _read(page, T.MEDICAL_CERTIFICATE)
    assert fields.get("name") == "NORAZLAN BIN ABU BAKAR"
    assert ("doctor", "Dr. WONG KAH MENG") in found


def test_a_row_of_labels_is_no_value() -> None:
    """A label row ("Nama   Jawatan") under the label is not its value."""
    page = cell_page([
        _at(50, "Nama"),
        _at(50, "Jawatan :") + _at(600, "PENGURUS"),
    ])  # fmt: skip
    fields, _ = _read(page, T.FORM_34)
    assert "name" not in fields


def test_a_qualifier_cell_beside_the_label_is_skipped() -> None:
    text = "Nama   (seperti dalam K/P)   NORAZLAN BIN ABU BAKAR\n"
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    fields, _ = extract(dt, T.FORM_34, rules().field_labels)
    assert fields["name"].value == "NORAZLAN BIN ABU BAKAR"


def test_an_ic_label_beside_the_name_label_is_no_name() -> None:
    """A police report's header row "Name   NRIC No" over its values (domain.md 4.4, 6)."""
    page = cell_page([
        _at(50, "Name") + _at(600, "NRIC No"),
        _at(50, "NG ZHI HAO") + _at(600, "910230-07-3361"),
    ])  # fmt: skip
    fields, _ = _read(page, T.POLICE_REPORT)
    assert fields.get("name") == "NG ZHI HAO"


def test_overlapping_labels_read_as_one() -> None:
    """ "Name of Insured" and "Insured Person" (labels.yml) overlap: no word of either is
    taken into the name, even where OCR lost the colon."""
    text = "Name of Insured Person AZMAN B. MAT ZIN\n"
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    fields, _ = extract(dt, T.MEDICAL_CERTIFICATE, rules().field_labels)
    assert fields["name"].value == "AZMAN B. MAT ZIN"


def test_an_ocr_symbol_ends_the_name() -> None:
    """A signature or stamp beside a name comes out of OCR as a symbol and specks."""
    text = "Nama Orang Berinsurans : YogesWari A/P Arumuga™ oo\n"
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    fields, _ = extract(dt, T.FORM_34, rules().field_labels)
    assert fields["name"].value == "YogesWari A/P Arumuga"
