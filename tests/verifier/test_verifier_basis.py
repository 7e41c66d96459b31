"""The legal basis of a finding: the law or PERKESO's published rule, in the reader's language.

Never our reference ids (domain.md sections, [SEED003]-style keys, bare rule ids): an employer
cannot check those. The bases are data in verifier/rules/common.yml, validated when loaded.
"""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta
from typing import Any

import pdfplumber
import pytest
from verifier_helpers import ACCIDENT, complete_docs, doc, mc, run

from verifier.render import legal_basis, render_html, render_pdf
from verifier.rules import load_rules

# What a reader must never be shown as a basis: our references and bare rule ids.
INTERNAL = re.compile(r"domain\.md|SEED|INFERENCE|RULES\.md|\[[A-Z0-9-]+\]|\bR\d{2}\b")
# Nor a finding code or a field key as visible text (the code stays in data-code).
RAW = re.compile(
    r"\b[A-Z]+_[A-Z_]+\b|\b(ic_number|mc_days|mc_start|mc_end|document_date)\b|\bp\.\d"
)


def reports() -> list[dict[str, Any]]:
    """Findings with several bases: identity (R16), missing commuting documents (R05, R06),
    a missing document of the claim type (no rule), time-barred (R02), sick leave too short
    (R03) and a late notice (R01)."""
    mismatch = [
        *[d for d in complete_docs() if str(d.doc_type) != "attendance_record"],
        doc("police_report", file="polis.jpg", ic="870903-10-6233", document_date=ACCIDENT),
    ]
    late = ACCIDENT + timedelta(days=5)
    barred = [
        doc("form_34", notified_date=late, accident_date=ACCIDENT, document_date=late),
        doc("mykad"),
        mc(ACCIDENT, ACCIDENT + timedelta(days=1)),
        doc("attendance_record"),
        doc("wage_statement"),
    ]
    return [
        run(mismatch, accident_kind="commuting"),
        run(barred, submitted_on=ACCIDENT + timedelta(days=400), today=ACCIDENT + timedelta(400)),
    ]


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_scenarios_cover_findings_with_several_bases() -> None:
    codes = {f["code"] for r in reports() for f in r["findings"]}
    assert {"IC_MISMATCH", "MISSING_DOCUMENT", "CLAIM_TIME_BARRED", "MC_TOO_SHORT"} <= codes
    assert "LATE_ACCIDENT_REPORT" in codes


def test_every_rule_and_claim_type_names_a_basis_in_both_languages() -> None:
    rules = load_rules()
    for rule, entry in rules.catalogue.items():
        assert entry["law"] in rules.bases, rule
    for ct in rules.claim_types.values():
        assert ct.law in rules.bases, ct.claim_type
    for law, text in rules.bases.items():
        assert text["en"] != text["ms"], law
        for lang in ("en", "ms"):
            assert not INTERNAL.search(text[lang]), (law, lang, text[lang])


def test_findings_carry_their_basis_and_not_our_references() -> None:
    for report in reports():
        for f in report["findings"]:
            assert "source" not in f  # our reference ids stay in the rules files
            if f["code"] in {"IC_MISMATCH", "MISSING_DOCUMENT", "CLAIM_TIME_BARRED"}:
                assert set(f["basis"]) == {"en", "ms"}, f


@pytest.mark.parametrize("lang", ["en", "ms"])
def test_rendered_html_and_pdf_show_no_internal_reference(lang: str) -> None:
    for report in reports():
        page = render_html(report, lang)
        visible = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S))
        assert not INTERNAL.search(visible), INTERNAL.search(visible)
        assert not RAW.search(visible), RAW.search(visible)
        text = pdf_text(render_pdf(report, lang))
        flat = " ".join(text.split())
        assert not INTERNAL.search(flat), INTERNAL.search(flat)
        assert not RAW.search(flat), RAW.search(flat)


def test_the_malay_report_states_the_basis_in_malay() -> None:
    rules = load_rules()
    report = reports()[1]  # time-barred: claim_12_months; late notice: notice_48h
    html_ms = html.unescape(render_html(report, "ms"))
    html_en = html.unescape(render_html(report, "en"))
    for law in ("claim_12_months", "notice_48h"):
        assert rules.bases[law]["ms"] in html_ms
        assert rules.bases[law]["en"] not in html_ms
        assert rules.bases[law]["en"] in html_en
    pdf_ms = " ".join(pdf_text(render_pdf(report, "ms")).split())
    assert "Amalan Skim Bencana Pekerjaan PERKESO" in pdf_ms


def test_a_report_stored_before_bases_still_shows_the_law() -> None:
    """Reports in the database from before carry `rule` and `source` but no `basis`."""
    old = {"code": "CLAIM_TIME_BARRED", "rule": "R02", "source": "[SEED003] (single source)"}
    assert legal_basis(old, "ms") == load_rules().bases["claim_12_months"]["ms"]
    assert legal_basis({"code": "DUPLICATE_DOCUMENT", "source": "domain.md 2.1"}, "en") == ""
