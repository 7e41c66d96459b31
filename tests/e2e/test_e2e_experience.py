"""What an employer and an officer read, in a real browser (Debian's Chromium, Playwright),
against the real app in a thread; claims are seeded with reports the verifier wrote for fake
readings (no worker needed: nothing is read here).

The employer's report page leads with the verdict and what to do now, in English and Malay,
above the checklist; the Malay pages show no raw field key, finding code, rule id or English
report word; the officers' queue puts what can still be acted on first and time-barred claims
in their own group. Screenshots of the report head (both languages) and the queue go to
tests/artifacts/screenshots/ and docs/screenshots/.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from axe_check import assert_accessible
from e2e_browser import (
    EMPLOYER,
    FITS_JS,
    OFFICER,
    ROOT,
    SHOTS,
    create_employer,
    create_officer,
    desktop,
    login,
    phone,
    publish,
    serve,
    set_lang,
)

pytestmark = [pytest.mark.browser, pytest.mark.redis]

sys.path.insert(0, str(ROOT / "tests" / "verifier"))
TODAY = date(2027, 3, 10)  # the queue's clock
KEY_SHOTS = ("12-report-head-en.png", "13-report-head-ms.png", "14-queue-groups.png")
RAW = re.compile(
    r"\b(ic_number|mc_days|mc_start|mc_end|document_date|report_number|notified_date|"
    r"[A-Z]+_[A-Z_]+|R\d{2})\b|\bp\.\d|domain\.md|SEED"
)
ENGLISH = ("Findings", "Required documents", "What to do", "Legal basis", "Evidence", "Verdict")


def _reports() -> dict[str, tuple[dict[str, Any], int | None]]:
    """reference: (a report the verifier wrote, days from TODAY to the deadline)."""
    from verifier_helpers import ACCIDENT, complete_docs, doc, mc, run

    short = [d for d in complete_docs() if str(d.doc_type) != "medical_certificate"]
    short.append(mc(ACCIDENT, ACCIDENT + timedelta(days=1)))
    other_ic = [*complete_docs(), doc("police_report", file="polis.jpg", ic="870903-10-6233")]
    return {
        "X-COMPLETE": (run(complete_docs()), 100),
        "X-INCOMPLETE": (run(complete_docs(), accident_kind="commuting"), 200),
        "X-INELIGIBLE": (run(short), -314),
        "X-REVIEW": (run(other_ic), 13),
        "X-BARRED-2": (run(short), -2),
    }


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (400, 300), 255).save(out, "PNG")
    return out.getvalue()


def _seed(app: Any) -> dict[str, str]:
    from semak import claims
    from semak.claims import UploadFile
    from semak.models import Claim, Report

    svc = app.extensions["semak"]
    ids = {}
    with svc.db.session() as s:
        user = create_employer(s)
        create_officer(s)
        for ref, (report, days) in _reports().items():
            data = {
                "claim_id": ref,
                "claim_type": "temporary_disablement",
                "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
                "insured_ic": "870903-10-6231",
                "accident_date": "2026-10-02",
                "accident_kind": "workplace",
            }
            made = claims.create_claim(
                user, data, [UploadFile("mc.png", io.BytesIO(_png()))], session=s, svc=svc
            )
            c = s.get(Claim, made.id)
            assert c is not None
            s.add(Report(claim_id=c.id, data=report, verdict=report["verdict"]))
            c.status, c.verdict = "done", report["verdict"]
            c.deadline = TODAY + timedelta(days=days) if days is not None else None
            c.documents[0].status = "read"
            ids[ref] = c.public_id
    return ids


@pytest.fixture
def seeded(make_app: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, dict]]:
    from semak.web import officer

    monkeypatch.setattr(officer, "_today", lambda: TODAY)
    app = make_app(WTF_CSRF_ENABLED=True, SEMAK_SAMPLE_RATE=0.0)
    ids = _seed(app)
    with serve(app) as base:
        yield base, ids


SENTENCES = {
    "X-COMPLETE": ("Nothing more to send", "Tiada apa-apa lagi perlu dihantar"),
    "X-INCOMPLETE": (
        "Upload what is missing: Police report and Sketch map of the accident.",
        "Muat naik yang tiada: Laporan polis dan Peta lakar kemalangan.",
    ),
    "X-INELIGIBLE": ("A PERKESO officer decides", "Pegawai PERKESO yang membuat keputusan"),
    "X-REVIEW": (
        "a PERKESO officer will check the IC numbers on the documents",
        "pegawai PERKESO akan menyemak nombor KP pada dokumen",
    ),
}


def test_employer_report_leads_with_verdict_and_next_step_in_both_languages(
    seeded: tuple[str, dict], browser: Any
) -> None:
    base, ids = seeded
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = desktop(browser)
    page = ctx.new_page()
    login(page, base, EMPLOYER)
    for lang, col in (("en", 0), ("ms", 1)):
        page.goto(f"{base}/employer/claims/{ids['X-INCOMPLETE']}")
        set_lang(page, lang)
        for ref, sentences in SENTENCES.items():
            page.goto(f"{base}/employer/claims/{ids[ref]}")
            lead = page.locator("#verdict-lead")
            assert lead.is_visible()
            assert sentences[col] in lead.inner_text()
            assert sentences[1 - col] not in lead.inner_text()
            lead_box = lead.bounding_box()
            checklist_box = page.locator("#portal-checklist").bounding_box()
            assert lead_box["y"] + lead_box["height"] <= checklist_box["y"]
            assert lead_box["y"] < 400  # at the head of the page, above the claim's facts
            if page.locator("#full-report").count():
                page.locator("#full-report summary").click()
            assert_accessible(page)  # the report, its full section open
            text = page.locator("main").first.inner_text()
            assert not RAW.search(text), (ref, lang, RAW.search(text))
            if lang == "ms":
                for english in ENGLISH:
                    assert english not in text, (ref, english)
        page.goto(f"{base}/employer/claims/{ids['X-INCOMPLETE']}")
        page.screenshot(path=str(SHOTS / f"1{2 + col}-report-head-{lang}.png"))
    ctx.close()
    on_phone = phone(browser)
    page = on_phone.new_page()
    login(page, base, EMPLOYER)
    set_lang(page, "ms")
    for ref in ("X-INCOMPLETE", "X-INELIGIBLE"):
        page.goto(f"{base}/employer/claims/{ids[ref]}")
        assert page.locator("#verdict-lead").bounding_box()["y"] < 300
        fits = page.evaluate(FITS_JS)
        assert fits, f"{ref}: the report head scrolls sideways at a phone's width"
    page.screenshot(path=str(SHOTS / "15-phone-report-head-ms.png"))
    on_phone.close()


def test_officer_queue_puts_what_can_still_be_acted_on_first(
    seeded: tuple[str, dict], browser: Any
) -> None:
    base, _ids = seeded
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = desktop(browser, timeout=None)
    page = ctx.new_page()
    login(page, base, OFFICER)
    page.goto(f"{base}/officer/queue")
    refs = page.locator("#queue tbody tr td:first-child a").all_inner_texts()
    assert refs == ["X-REVIEW", "X-INCOMPLETE", "X-BARRED-2", "X-INELIGIBLE"]
    groups = page.locator("#queue tbody[data-group]")
    assert [groups.nth(i).get_attribute("data-group") for i in range(groups.count())] == [
        "due",
        "barred",
    ]
    barred = page.locator("#queue tbody.group-barred")
    assert "Time limit passed" in barred.locator("tr.group-head").inner_text()
    assert "passed 314 days ago" in barred.inner_text()
    assert "13 days left" in page.locator("#queue tbody.group-due").inner_text()
    page.screenshot(path=str(SHOTS / "14-queue-groups.png"), full_page=True)
    assert_accessible(page)
    page.locator("#queue a", has_text="X-REVIEW").click()
    page.wait_for_load_state()
    assert page.locator("#claim-title").is_visible()
    if page.locator("#full-report").count():
        page.locator("#full-report summary").click()
    assert_accessible(page)  # the officer's claim view
    page.goto(f"{base}/officer/queue")
    set_lang(page, "ms")
    assert_accessible(page)
    text = page.locator("main").first.inner_text()
    assert "Had masa telah lepas" in text and "lepas 314 hari lalu" in text
    assert "Time limit" not in text and not RAW.search(text)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator("#queue tbody.group-barred tr.group-head").is_visible()
    assert page.evaluate(FITS_JS)
    ctx.close()
    publish(KEY_SHOTS, only_taken=True)


def test_the_main_pages_are_all_malay(seeded: tuple[str, dict], browser: Any) -> None:
    """Item 6 in a browser: employer and officer pages in Malay (the live page, after its
    scripts ran, the full report open) show no raw key, code, "p.1" or common English word,
    and axe finds nothing; the audit trail names the documents whose pages were looked at."""
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from malay_check import assert_all_malay

    base, ids = seeded
    ctx = desktop(browser, timeout=None)
    page = ctx.new_page()
    page.goto(f"{base}/login")
    set_lang(page, "ms")
    assert_all_malay(page.content(), "login")
    login(page, base, EMPLOYER)
    for path in ("/employer/claims", "/employer/claims/new", f"/employer/claims/{ids['X-REVIEW']}"):
        page.goto(base + path)
        if page.locator("#full-report").count():
            page.locator("#full-report summary").click()
        assert_all_malay(page.content(), path)
        assert_accessible(page)
    page.context.clear_cookies()
    login(page, base, OFFICER)
    set_lang(page, "ms")
    claim = f"/officer/claims/{ids['X-REVIEW']}"
    for path in ("/officer/queue", claim, "/officer/accuracy", "/officer/signals"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")  # the page images, audited as they load
        assert_all_malay(page.content(), path)
        assert_accessible(page)
    page.goto(base + claim)
    trail = page.locator("#audit tr.audit-viewed_page")
    assert trail.count() == 1
    assert "Melihat halaman 1 dokumen 1" in trail.inner_text()  # its one file, mc.png
    ctx.close()
