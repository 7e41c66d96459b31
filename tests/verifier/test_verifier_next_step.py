"""The employer's next step: one sentence per verdict, in English and Malay, naming what to
upload (incomplete), why (ineligible) or what an officer will check (needs review)."""

from __future__ import annotations

from datetime import timedelta

from verifier_helpers import ACCIDENT, complete_docs, doc, mc, run

from verifier.next_step import join, next_step
from verifier.render import render_html, render_pdf


def test_complete_needs_nothing_more() -> None:
    report = run(complete_docs())
    assert report["verdict"] == "complete"
    assert next_step(report, "en") == "Nothing more to send: PERKESO will now decide on the claim."
    assert next_step(report, "ms").startswith("Tiada apa-apa lagi perlu dihantar")


def test_incomplete_names_the_missing_documents() -> None:
    report = run(complete_docs(), accident_kind="commuting")  # police report and sketch map
    assert report["verdict"] == "incomplete"
    en, ms = next_step(report, "en"), next_step(report, "ms")
    assert "Upload what is missing: Police report and Sketch map of the accident." in en
    assert "Muat naik yang tiada: Laporan polis dan Peta lakar kemalangan." in ms


def test_ineligible_says_why_and_that_an_officer_decides() -> None:
    docs = [d for d in complete_docs() if str(d.doc_type) != "medical_certificate"]
    docs.append(mc(ACCIDENT, ACCIDENT + timedelta(days=1)))  # 2 days: under the 4-day minimum
    report = run(docs)
    assert report["verdict"] == "ineligible"
    en, ms = next_step(report, "en"), next_step(report, "ms")
    assert "does not qualify: Certified sick leave counts 2 day(s)" in en
    assert "Check for another medical certificate" in en  # the finding's own action
    assert en.endswith("A PERKESO officer decides.")
    assert "tidak layak: Cuti sakit yang diperakui berjumlah 2 hari" in ms
    assert "Semak jika ada sijil cuti sakit lain" in ms
    assert ms.endswith("Pegawai PERKESO yang membuat keputusan.")


def test_needs_review_names_what_the_officer_checks() -> None:
    docs = [*complete_docs(), doc("police_report", file="polis.jpg", ic="870903-10-6233")]
    report = run(docs)
    assert report["verdict"] == "needs_review"
    assert next_step(report, "en") == (
        "Nothing to do for now: a PERKESO officer will check the IC numbers on the documents."
    )
    assert next_step(report, "ms").endswith("akan menyemak nombor KP pada dokumen.")


def test_join_in_both_languages() -> None:
    assert join(["a", "b", "c", "b"], "en") == "a, b and c"
    assert join(["a", "b"], "ms") == "a dan b"
    assert join([], "en") == ""


def test_the_report_leads_with_the_verdict_and_the_next_step() -> None:
    report = run(complete_docs(), accident_kind="commuting")
    for lang, sentence in (("en", "Upload what is missing"), ("ms", "Muat naik yang tiada")):
        html = render_html(report, lang)
        assert html.index('id="verdict"') < html.index('id="checklist"')
        assert html.index(sentence) < html.index('id="checklist"')
        assert html.index('id="verdict"') < html.index('class="meta"')
    assert render_pdf(report, "ms") != render_pdf(run(complete_docs()), "ms")
