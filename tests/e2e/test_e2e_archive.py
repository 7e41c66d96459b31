"""Archive claims in a real browser (Debian's Chromium, Playwright), against the real app in a
thread: a claim grouped from a scanned batch sits in the officers' review queue beside uploaded
claims, its origin shown ("from archive batch ..."), found by the first digits of the IC or the
start of the name, and opens on a page of its own with labels, not codes (issue #22, item 7).
axe finds nothing on the queue, the batch page or the archive claim, in English and Malay.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from axe_check import assert_accessible
from e2e_browser import (
    OFFICER,
    ROOT,
    SHOTS,
    create_officer,
    desktop,
    login,
    publish,
    serve,
    set_lang,
)

pytestmark = [pytest.mark.browser, pytest.mark.redis]

sys.path.insert(0, str(ROOT / "tests" / "verifier"))
BATCH = "cabinet-7"
RAW = ("temporary_disablement", "medical_certificate", "incomplete<", "form_34")


def _seed(app: Any) -> None:
    from verifier_helpers import complete_docs, run

    from semak.archive.models import ArchiveBatch, ArchiveClaim, ArchiveDocument, ArchiveFile

    report = run(complete_docs(), accident_kind="commuting")  # incomplete: no sketch map
    with app.extensions["semak"].db.session() as s:
        create_officer(s)
        b = ArchiveBatch(name=BATCH, root="/scans/cabinet-7")
        s.add(b)
        s.flush()
        f = ArchiveFile(batch_id=b.id, path="stack_001.pdf", sha256="a" * 64, storage_key="aa/a",
                        pages_total=1, pages_done=1, status="done")  # fmt: skip
        s.add(f)
        s.flush()
        d = ArchiveDocument(batch_id=b.id, file_id=f.id, position=0, first_page=1,
                            doc_type="medical_certificate", claim_key="A0001",
                            data={"pages": [1]})  # fmt: skip
        s.add(d)
        s.flush()
        data = {
            "claim_id": f"{BATCH}/A0001",
            "claim_type": "temporary_disablement",
            "insured_name": "SITI AMINAH BINTI ABU",
            "insured_ic": "870903-10-6231",
            "accident_date": "2026-10-02",
            "submitted_on": "2026-11-01",
        }
        s.add(ArchiveClaim(batch_id=b.id, key="A0001", claim_type="temporary_disablement",
                           insured_ic="870903106231", document_ids=[d.id], claim_data=data,
                           report=report, verdict=report["verdict"]))  # fmt: skip


@pytest.fixture
def server(make_app: Any) -> Iterator[str]:
    app = make_app(WTF_CSRF_ENABLED=True, SEMAK_SAMPLE_RATE=0.0)
    _seed(app)
    with serve(app) as base:
        yield base


@pytest.mark.parametrize(
    ("lang", "origin", "label"),
    [
        ("en", "from archive batch cabinet-7", "Temporary disablement"),
        ("ms", "daripada kelompok arkib cabinet-7", "Hilang upaya sementara"),
    ],
)
def test_archive_claim_is_in_the_queue_found_and_opened(
    server: str, browser: Any, lang: str, origin: str, label: str
) -> None:
    base = server
    ctx = desktop(browser)
    page = ctx.new_page()
    login(page, base, OFFICER)
    set_lang(page, lang)

    for q in ("870903", "siti", "Aminah"):  # IC prefix, name prefix, a word's start
        page.goto(f"{base}/officer/queue")
        page.locator("#q").fill(q)
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        row = page.locator("#queue tbody tr", has_text=f"{BATCH}/A0001")
        assert row.count() == 1, q
        assert origin in row.inner_text()
    assert_accessible(page)
    if lang == "en":  # the README's picture of it
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#q").fill("870903")
        page.screenshot(path=str(SHOTS / "16-archive-in-queue.png"))
        publish(["16-archive-in-queue.png"])
    row.get_by_role("link", name=f"{BATCH}/A0001").click()
    page.wait_for_url(f"**/officer/archive/{BATCH}/claims/A0001")
    text = page.locator("main").inner_text()
    assert label in text
    assert not any(raw in text for raw in RAW), text
    assert_accessible(page)
    page.locator("#claim-origin a").click()
    page.wait_for_url(f"**/officer/archive/{BATCH}")
    claims = page.locator("#archive-claims").inner_text()
    assert label in claims and not any(raw in claims for raw in RAW), claims
    assert_accessible(page)
    ctx.close()
