"""The portal end to end in a real browser (Debian's Chromium through Playwright), against the
real app served by werkzeug in a thread, a real RQ worker process and Redis:

an employer logs in, starts a commuting-accident claim with six scans, watches the status reach
the report, sees the missing sketch map, adds it and sees the verdict change; an officer finds
the claim in the queue (complete claims are sampled for a second look at rate 1.0 here),
corrects a field, decides, and the audit trail shows it. Screenshots of each step go to
tests/artifacts/screenshots/; the key ones are copied to docs/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import e2e_scans as scans
import pytest
from axe_check import assert_accessible
from e2e_browser import (
    EMPLOYER,
    FITS_JS,
    OFFICER,
    PASSWORD,
    SHOTS,
    create_employer,
    create_officer,
    desktop,
    login,
    phone,
    png_file,
    publish,
    serve,
)

pytestmark = [pytest.mark.browser, pytest.mark.redis]

KEY_SHOTS = (
    "02-new-claim.png",
    "04-report-incomplete.png",
    "05-report-complete.png",
    "06-queue.png",
    "07-officer-claim.png",
    "09-audit-trail.png",
    "11-phone-report.png",
)


@pytest.fixture
def live_server(make_app: Any, rq_worker: Any, request: pytest.FixtureRequest) -> Iterator[str]:
    app = make_app(WTF_CSRF_ENABLED=True, SEMAK_SAMPLE_RATE=1.0)
    with app.extensions["semak"].db.session() as s:
        create_employer(s)
        create_officer(s)
    with serve(app) as base:
        yield base
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            print("worker log:\n" + rq_worker.log())


def _files(make: dict[str, Any]) -> list[dict[str, Any]]:
    return [png_file(n, f()) for n, f in make.items()]


UNLABELLED_JS = """() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button'))
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !(el.tagName === 'BUTTON' && el.textContent.trim()))
  .map(el => el.id || el.name || el.outerHTML.slice(0, 60))"""


RINGS_JS = """() => Object.fromEntries(['files', 'camera'].map(id => [id,
  getComputedStyle(document.querySelector(`label[for=${id}]`)).outlineStyle !== 'none']))"""


def _assert_labelled(page: Any) -> None:
    """Every control has a label (or an accessible name of its own), and axe finds nothing."""
    assert page.evaluate(UNLABELLED_JS) == [], page.url
    assert_accessible(page)


def test_employer_and_officer_in_a_browser(live_server: str, browser: Any) -> None:
    from playwright.sync_api import expect

    base = live_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = desktop(browser)
    page = ctx.new_page()

    def shot(name: str, full: bool = True) -> None:
        page.screenshot(path=str(SHOTS / name), full_page=full)

    # --- the employer -------------------------------------------------------------------------
    page.goto(f"{base}/login")
    _assert_labelled(page)
    shot("01-login.png")
    login(page, base, EMPLOYER, by_label=True)
    assert page.url.endswith("/employer/claims")
    page.get_by_role("link", name="Start a new claim").click()

    page.get_by_label("Claim type").select_option("temporary_disablement")
    page.get_by_label("Insured person's name").fill(scans.NAME)
    ic = page.get_by_label("Insured person's IC number")
    ic.press_sequentially("870933106231")  # day 33: refused as typed
    assert "Not a valid MyKad" in page.locator("#ic-feedback").inner_text()
    ic.fill("")
    ic.press_sequentially("870903106231")
    assert "valid MyKad" in page.locator("#ic-feedback").inner_text()
    page.get_by_label("Date of the accident").fill(scans.ACCIDENT)
    assert page.locator("#field-employment_status").is_hidden()  # not asked for this type
    page.get_by_label("Where did the accident happen?").select_option("commuting")
    page.locator("#files").set_input_files(_files(scans.FIRST_UPLOAD))
    expect(page.locator("[data-file-list] li .ok")).to_have_count(6)
    _assert_labelled(page)
    shot("02-new-claim.png")
    page.locator("#submit-claim").click()
    page.wait_for_url(re.compile(r".*/employer/claims/[0-9a-f-]{36}$"), timeout=30_000)
    claim_url = page.url
    shot("03-status.png")

    page.locator("#report").wait_for(timeout=180_000)  # the page reloads when the reading ends
    assert "Incomplete" in page.locator("#portal-verdict").inner_text()
    missing = page.locator("#portal-checklist li.req-missing")
    assert missing.count() == 1
    assert missing.first.get_attribute("data-doc-type") == "sketch_map"
    _assert_labelled(page)
    shot("04-report-incomplete.png")

    page.locator("#add-form #files").set_input_files(_files(scans.SECOND_UPLOAD))
    expect(page.locator("#add-form [data-file-list] li .ok")).to_have_count(1)
    page.locator("#add-submit").click()
    page.wait_for_url(claim_url)
    page.locator("#portal-verdict .verdict-complete").wait_for(timeout=180_000)
    assert page.locator("#portal-checklist li.req-missing").count() == 0
    shot("05-report-complete.png")
    reference = page.locator("#claim-title").inner_text().replace("Claim", "").strip()
    page.locator("#logout").click()
    page.wait_for_url("**/login")

    # --- the officer --------------------------------------------------------------------------
    login(page, base, OFFICER, by_label=True)
    assert page.url.endswith("/officer/queue")
    page.get_by_label("Search by IC").fill("870903-10-6231")
    page.get_by_role("button", name="Filter").click()
    row = page.locator("#queue tbody tr", has_text=reference)
    assert row.count() == 1
    assert "Sampled" in row.inner_text()  # complete claims sampled for a second look
    assert "870903-**-***1" in row.inner_text()  # masked in lists
    _assert_labelled(page)
    shot("06-queue.png")
    row.get_by_role("link", name=reference).click()
    page.locator(".page-row").first.wait_for()
    assert page.locator("svg.boxes rect.box-field").count() > 0  # fields highlighted on pages
    first = page.locator(".page-row").first
    first.get_by_role("button", name="Zoom in").click()
    first.get_by_role("button", name="Rotate").click()
    expect(first.locator("[data-canvas]")).to_have_attribute(
        "style", re.compile("rotate\\(90deg\\)")
    )
    first.get_by_role("button", name="Reset view").click()
    page.locator(".page-row").nth(2).scroll_into_view_if_needed()
    _assert_labelled(page)
    shot("07-officer-claim.png", full=False)

    mc_option = page.locator("#document option", has_text="mc.png").get_attribute("value")
    page.get_by_label("Document", exact=True).select_option(mc_option)
    page.get_by_label("What to correct").select_option("mc_days")
    page.get_by_label("Correct value").fill("6")
    page.locator("#correction-submit").click()
    page.wait_for_load_state()
    # the rules run again before the page comes back: no time is asserted (a loaded CI
    # machine took over playwright's 20 s default once), only what the page then says
    expect(page.locator(".flashes")).to_contain_text("Correction saved", timeout=120_000)
    assert "MC days" in page.locator("#corrections").inner_text()
    # the rules ran again on the corrected reading: 6 days printed, 5 from 2 to 6 October
    expect(page.locator("#portal-verdict")).to_contain_text("Needs review")
    expect(page.locator("#portal-findings")).to_contain_text("Dates disagree")
    shot("08-corrected.png")

    page.get_by_label("Decision", exact=True).select_option("accept")
    page.get_by_label("Message to the employer").fill("Checked: all documents in order.")
    page.locator("#decision-submit").click()
    page.wait_for_load_state()
    assert "Accepted" in page.locator("#decision-box").inner_text()
    for action in ("submitted", "uploaded", "viewed", "corrected", "reverified", "decided"):
        assert page.locator(f"#audit tr.audit-{action}").count() >= 1, action
    assert "Rules run again" in page.locator("#audit").inner_text()
    assert OFFICER in page.locator("#audit tr.audit-decided").first.inner_text()
    assert OFFICER in page.locator("#audit tr.audit-corrected").first.inner_text()
    page.locator("#audit").scroll_into_view_if_needed()
    shot("09-audit-trail-page.png")
    page.locator("section", has=page.locator("#audit")).screenshot(
        path=str(SHOTS / "09-audit-trail.png")
    )

    _assert_labelled(page)
    page.goto(f"{base}/officer/accuracy")
    assert "MC days" in page.locator("#acc-fields").inner_text()
    _assert_labelled(page)
    shot("10-accuracy.png")
    page.locator("#logout").click()

    # --- the employer sees the decision, on a phone, in Malay ---------------------------------
    on_phone = phone(browser)
    page = on_phone.new_page()
    login(page, base, EMPLOYER)
    page.goto(claim_url)
    page.get_by_label("Language").select_option("ms")  # submits on change
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    expect(page.locator("#decision-box h2")).to_contain_text("Keputusan PERKESO")
    assert page.locator("#decision-box").is_visible()
    no_overflow = page.evaluate(FITS_JS)
    assert no_overflow, "the claim page scrolls sideways at a phone's width"
    _assert_labelled(page)
    page.screenshot(path=str(SHOTS / "11-phone-report.png"), full_page=True)
    on_phone.close()
    ctx.close()
    publish(KEY_SHOTS)


def test_keyboard_only_login_and_skip_link(live_server: str, browser: Any) -> None:
    """A person logs in with the keyboard alone; the first Tab reaches the skip link; the
    drop zone's pickers and the submit button are in the Tab order."""
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/login")
        assert page.evaluate("document.activeElement.id") == "email"  # autofocus
        page.keyboard.type(EMPLOYER)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "password"
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/employer/claims")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        # the drop zone's file pickers are reachable by keyboard
        page.goto(f"{live_server}/employer/claims/new")
        ids = []
        for _ in range(30):
            page.keyboard.press("Tab")
            ids.append(page.evaluate("document.activeElement.id"))
        assert "files" in ids and "camera" in ids and "submit-claim" in ids
        # the focus ring is on the focused picker's own label only
        page.locator("#files").focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "files"
        rings = page.evaluate(RINGS_JS)
        assert rings == {"files": True, "camera": False}, rings
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "camera"
        assert page.evaluate(RINGS_JS) == {"files": False, "camera": True}
    finally:
        page.close()
