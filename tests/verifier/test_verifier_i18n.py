"""The verifier's own catalogue (verifier/i18n.py, verifier/messages.py): every key in both
languages, every finding code and printed-detail key with words a person reads."""

from __future__ import annotations

import json

from verifier_helpers import SHARED_SPEC

from verifier.i18n import (
    FIELD_LABELS,
    FINDING_LABELS,
    LABELS,
    NEXT_STEPS,
    REVIEW_TOPICS,
    VERDICTS,
    finding_label,
)
from verifier.messages import DATE_KEY_LABELS, DOC_LABELS, TEMPLATES
from verifier.models import FindingCode

SAME_IN_BOTH = {"status"}  # "Status" is Malay too


def test_every_label_has_both_languages_and_the_malay_is_malay() -> None:
    assert set(LABELS["en"]) == set(LABELS["ms"])
    for key in LABELS["en"]:
        assert LABELS["ms"][key], key
        if key not in SAME_IN_BOTH:
            assert LABELS["ms"][key] != LABELS["en"][key], key
    for table in (VERDICTS, NEXT_STEPS):
        assert (
            set(table["en"])
            == set(table["ms"])
            == {
                "complete",
                "incomplete",
                "needs_review",
                "ineligible",
            }
        )


def test_every_finding_code_and_field_key_has_words_in_both_languages() -> None:
    codes = {str(c) for c in FindingCode}
    assert codes <= set(FINDING_LABELS) and codes <= set(REVIEW_TOPICS) | {"MISSING_DOCUMENT"}
    spec = json.loads((SHARED_SPEC / "report.schema.json").read_text(encoding="utf-8"))
    fields = spec["properties"]["documents"]["items"]["properties"]["fields"]["properties"]
    dates = set(fields["dates"]["propertyNames"]["enum"])
    assert (set(fields) - {"dates"}) | dates <= set(FIELD_LABELS)
    assert dates <= set(DATE_KEY_LABELS)
    for table in (FINDING_LABELS, FIELD_LABELS, DOC_LABELS, REVIEW_TOPICS):
        for key, (en, ms) in table.items():
            assert en and ms and "_" not in en + ms, key
    for key, (en, ms, act_en, act_ms) in TEMPLATES.items():
        assert en != ms and act_en != act_ms, key
    assert finding_label("MISSING_DOCUMENT", "ms") == "Dokumen tiada"
