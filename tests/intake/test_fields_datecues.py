"""Whose date it is from the words of its label or sentence, in any wording (issue #20):
intake/fields/datecues.py with the cues of intake/doctypes.yml (date_words, date_roles,
sentence_openers)."""

from __future__ import annotations

import pytest

from intake.classify import rules
from intake.fields.datecues import role_labels
from intake.fields.datekeys import dates_by_key
from intake.fields.text import DocText
from intake.models import DocType, Page

F34 = DocType.FORM_34
REPORT = DocType.MEDICAL_REPORT


def _keys(text: str, doc_type: DocType = F34) -> dict[str, str]:
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    return {k: f.value for k, f in dates_by_key(dt, rules().field_labels, doc_type).items()}


LABELS = [
    # the notified date in other wordings than the listed phrases
    ("Date employer was notified: 02/10/2026", {"notified_date": "2026-10-02"}),
    ("Date of notice to employer : 02/10/2026", {"notified_date": "2026-10-02"}),
    ("Tarikh Dimaklumkan: 02/10/2026", {"notified_date": "2026-10-02"}),
    ("Tarikh Pemberitahuan Majikan 2 Okt 2026", {"notified_date": "2026-10-02"}),
    # a bilingual pair with the value under it, past a blank line
    ("Date employer was notified / Tarikh dimaklumkan kepada majikan\n\n02/10/2026",
     {"notified_date": "2026-10-02"}),
    ("Accident Date / Tarikh kemalangan berlaku\n\n22-05-2025", {"accident_date": "2025-05-22"}),
    ("Tarikh kemalangan berlaku\n02.10.26", {"accident_date": "2026-10-02"}),
    # real-labels.md's question form, and a label that names the time too
    ("When did the accident happen? 02hb Oktober 2026", {"accident_date": "2026-10-02"}),
    ("Date and time of accident: 2 Oct 2026 09:30", {"accident_date": "2026-10-02"}),
    ("Tarikh & Masa Kemalangan: 02/10/2026", {"accident_date": "2026-10-02"}),
    # a pair OCR damaged in one language and joined with a stray mark
    ("Date of Death * Tarikh Keniatian 12 October 2025", {"date_of_death": "2025-10-12"}),
    # no role word: the plain date stays the document's date; a birth date is nobody's
    ("Tarikh / Date : 05/10/2026", {"document_date": "2026-10-05"}),
    ("Date of birth of insured 03/09/1987\nTarikh: 05/10/2026", {"document_date": "2026-10-05"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), LABELS)
def test_a_label_names_its_role_in_any_wording(text: str, expected: dict[str, str]) -> None:
    assert _keys(text) == expected


SENTENCES = [
    ("The insured informed the employer on 2 October 2026.", F34,
     {"notified_date": "2026-10-02"}),
    ("Majikan dimaklumkan pada 2 Oktober 2026.", F34, {"notified_date": "2026-10-02"}),
    ("The accident happened on 2 October 2026.", REPORT, {"accident_date": "2026-10-02"}),
    ("On 2 October 2026 at 9.30 am, the insured met with an accident at the factory.", REPORT,
     {"accident_date": "2026-10-02"}),
    ("Pada 2 Oktober 2026 jam 9.30 pagi, pekerja cedera di kilang.", F34,
     {"accident_date": "2026-10-02"}),
    # the nearest cue before the date decides
    ("After the accident he informed the employer on 3 Oct 2026.", F34,
     {"notified_date": "2026-10-03"}),
    # the accident named after another date belongs to the date it introduces
    ("He was seen on 3 Oct 2026 following an accident on 2 Oct 2026.", REPORT,
     {"accident_date": "2026-10-02", "document_date": "2026-10-03"}),
    # a date that opens a sentence with another date in it takes no role from its words
    ("On 1 Oct 2026 he was seen, and on 4 Oct 2026 the accident was reviewed.", REPORT,
     {"document_date": "2026-10-01"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "doc_type", "expected"), SENTENCES)
def test_a_sentence_names_the_role_of_its_date(
    text: str, doc_type: DocType, expected: dict[str, str]
) -> None:
    assert _keys(text, doc_type) == expected


def test_a_long_run_of_words_is_prose_not_a_label() -> None:
    text = "Tarikh yang dinyatakan di dalam borang ini oleh majikan adalah seperti notis"
    assert role_labels(text, rules().field_labels) == []


def test_every_role_cue_names_its_source() -> None:
    labels = rules().field_labels
    for group in [*labels["date_words"], *labels["date_roles"], *labels["sentence_openers"]]:
        assert group["source"].strip()
