"""One guard for every path that yields a person's name (issue #20, false NAME_MISMATCH):
right of its label, under it, in its column, after a role word, a card's name line. A value
that is no person's name as printed (one word, a scrawl, an institution's word or a word cut
out of one, a word broken by the line's end) is no name.

Wording: real-labels.md ("Nama", "Nama Orang Berinsurans"), domain.md 4.2 ("Klinik
Kesihatan", "Poliklinik", "Nama Pesakit"), domain.md 3 ("Institusi Pengajian Tinggi"),
domain.md 4.1 (a MyKad prints the name under the number)."""

from __future__ import annotations

import pytest
from word_pages import cell_page

from intake.classify import rules
from intake.fields.extract import extract, people
from intake.fields.plausible import cut_in_text, not_a_name
from intake.fields.text import DocText
from intake.models import DocType, Page

T = DocType


def _read(text: str, doc_type: DocType) -> tuple[str | None, list[tuple[str, str | None]]]:
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    labels = rules().field_labels
    fields, _ = extract(dt, doc_type, labels)
    name = fields.get("name")
    return (None if name is None else str(name.value)), [
        (p.role, p.name) for p in people(dt, doc_type, labels)
    ]


@pytest.mark.parametrize(
    "name",
    ["NORAZLAN BIN ABU BAKAR", "LEE YONG XIANG", "KUMARAN A/L ARUMUGAM", "Dr. Wong Kah Meng",
     "Muhammad Hafiz bin Ismail", "SALINA BINTI OMAR", "NG ZHI HAO", "NIKAZRIBINDAUD)"],
)  # fmt: skip
def test_names_pass(name: str) -> None:
    assert not_a_name(name) is None


@pytest.mark.parametrize(
    ("name", "why"),
    [("KASKIM", "fewer than two words"), ("DINESH A", "fewer than two words"),
     ("ENCIK KASKIM", "fewer than two words"), ("ROBINS", "fewer than two words"),
     ("aw ad", "not printed"), ("KLINIK KESIHATAN BANGI", "institution"),
     ("INSTITU ALAM", "cut short"), ("Poliklin Sentosa", "cut short"),
     ("PENGENALAN DIRI", "label")],
)  # fmt: skip
def test_what_is_no_persons_name_says_why(name: str, why: str) -> None:
    reason = not_a_name(name)
    assert reason is not None and why in reason


def test_a_word_broken_by_the_text_is_cut() -> None:
    text = "Nama : AHMAD BIN ISMA-\nIL\n"
    start = text.index("AHMAD")
    assert cut_in_text(text, start, text.index("-"))
    assert cut_in_text("xxINSTITU", 2, 9)  # starts inside a word
    assert not cut_in_text("Nama : ALI BIN ABU\n", 7, 18)


def test_a_card_line_of_one_word_is_no_holders_name() -> None:
    """The card's name line read as one word (the rest lost to the photo's ghost) is no name:
    it would disagree with the insured's and raise NAME_MISMATCH."""
    name, _ = _read("KAD PENGENALAN\n850101-14-5566\nKASKIM\nNO 12 JALAN MAWAR\n", T.MYKAD)
    assert name is None


@pytest.mark.parametrize(
    "value",
    ["KLINIK KESIHATAN BANGI", "Poliklin Sentosa", "aw ad", "AHMAD BIN ISMA-\nIL"],
)  # fmt: skip
def test_a_labelled_value_that_is_no_person_is_no_name(value: str) -> None:
    name, _ = _read(f"Nama Pesakit : {value}\n", T.MEDICAL_CERTIFICATE)
    assert name is None


@pytest.mark.parametrize(
    "value", ["ABDULLAH BIN ABDUL", "SIT] KHADIJAH BINTI ALI", "HOPEISAN", "GOHWEIMING"]
)  # the last two: a spaced capitals name OCR ran together (the golden set's Borang 34)
def test_a_whole_name_is_kept(value: str) -> None:
    """The last word inside an earlier one, a letter OCR repaired: whole names all the same."""
    name, _ = _read(f"Nama Pesakit : {value}\n", T.MEDICAL_CERTIFICATE)
    assert name == value.replace("]", "I")


def test_a_role_words_value_that_is_no_person_is_nobody() -> None:
    """ "Saksi : KLINIK SENTOSA" names no witness."""
    name, found = _read("Nama : NORAZLAN BIN ABU BAKAR\nSaksi : KLINIK SENTOSA\n", T.FORM_34)
    assert name == "NORAZLAN BIN ABU BAKAR"
    assert found == []


def test_a_half_word_in_the_labels_column_is_no_name() -> None:
    """Under "Nama" the column's cell holds a word of the next column's label cut at the
    column edge ("Institu" of "Institusi Pengajian Tinggi"): no name."""
    page = cell_page([
        [("Nama", 600.0)],
        [("Tarikh", 50.0), ("INSTITU", 600.0), ("PENGAJIAN", 700.0)],
    ])  # fmt: skip
    dt = DocText.from_pages([page])
    fields, _ = extract(dt, T.FORM_34, rules().field_labels)
    assert "name" not in fields


def test_a_non_names_group_without_its_source_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from intake.fields import plausible

    data = {"non_names": [{"words": ["KLINIK"]}], "companies": []}
    monkeypatch.setattr(plausible, "lexicon_data", lambda: data)
    plausible.non_name_words.cache_clear()
    try:
        with pytest.raises(ValueError, match="source"):
            plausible.non_name_words()
    finally:
        plausible.non_name_words.cache_clear()
