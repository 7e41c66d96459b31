"""The officer's pages: queue order, filters and search; decisions; corrections counted for
accuracy; sampling of complete claims; cross-claim signals; page images; the audit trail."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from web_helpers import REPORT

pytestmark = pytest.mark.redis


@pytest.fixture
def officer(people: Any, as_user: Callable[[str], Any]) -> Any:
    return as_user("officer@perkeso.gov.my")


def _report(verdict: str, **changes: Any) -> dict[str, Any]:
    r = copy.deepcopy(REPORT)
    r["verdict"] = verdict
    r.update(changes)
    return r


def _queue_refs(html: str) -> list[str]:
    import re

    body = html.split('id="queue"', 1)[1]
    return re.findall(r'/officer/claims/[0-9a-f-]+">([^<]+)</a>', body)


def test_queue_by_urgency_with_filters_and_search(
    app: Any, officer: Any, people: Any, make_claim: Any, db: Any
) -> None:
    from semak.models import Claim

    app.config["SEMAK_SAMPLE_RATE"] = 0.0  # no second-look sampling here

    a = make_claim(people.employer_a.id, "Q-LATE", _report("needs_review"))
    b = make_claim(people.employer_a.id, "Q-SOON", _report("incomplete"))
    c = make_claim(
        people.employer_b.id, "Q-OTHER", _report("ineligible"), insured_ic="900101-14-5678"
    )
    make_claim(people.employer_b.id, "Q-DONE", _report("complete"))
    deadlines = {a.claim_id: date(2027, 9, 1), b.claim_id: date(2027, 1, 5), c.claim_id: None}
    for cid, d in deadlines.items():
        db.get(Claim, cid).deadline = d
    db.commit()
    html = officer.get("/officer/queue").get_data(as_text=True)
    assert _queue_refs(html) == ["Q-SOON", "Q-LATE", "Q-OTHER"]  # complete ones are not queued
    assert "EB0002" in html  # the employer's code beside its claim
    assert _queue_refs(officer.get("/officer/queue?verdict=ineligible").get_data(as_text=True)) == [
        "Q-OTHER"
    ]
    by_ic = officer.get("/officer/queue?q=900101145678").get_data(as_text=True)
    assert _queue_refs(by_ic) == ["Q-OTHER"]
    by_ref = officer.get("/officer/queue?q=q-late").get_data(as_text=True)
    assert _queue_refs(by_ref) == ["Q-LATE"]


def test_decisions_need_a_message_to_request_or_reject(
    officer: Any, claim_a: Any, db: Any, as_user: Callable[[str], Any]
) -> None:
    from semak.models import AuditEvent, Claim

    url = f"/officer/claims/{claim_a.public_id}/decision"
    officer.post(url, data={"decision": "request_documents", "message": ""})
    db.expire_all()
    assert db.get(Claim, claim_a.claim_id).decision is None
    officer.post(url, data={"decision": "request_documents", "message": "Add the sketch map."})
    db.expire_all()
    claim = db.get(Claim, claim_a.claim_id)
    assert claim.decision == "request_documents" and claim.decided_at is not None
    actions = [e.action for e in db.query(AuditEvent).filter_by(claim_id=claim.id)]
    assert "decided" in actions
    # the employer sees the request, and can still add documents
    page = as_user("a@employer-a.my").get(f"/employer/claims/{claim_a.public_id}")
    text = page.get_data(as_text=True)
    assert "Add the sketch map." in text and "Add and check again" in text
    # still in the queue until the documents arrive; accepted claims leave it
    assert "C-A-1" in officer.get("/officer/queue").get_data(as_text=True)
    officer.post(url, data={"decision": "accept", "message": ""})
    assert "C-A-1" not in _queue_refs(officer.get("/officer/queue").get_data(as_text=True))


def test_correction_is_recorded_rerun_and_counted(
    officer: Any, claim_a: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak.models import AuditEvent, Claim, Correction
    from semak.web import portal

    reruns: list[str] = []
    monkeypatch.setattr(portal, "rerun", lambda claim: reruns.append(claim.public_id))
    resp = officer.post(
        f"/officer/claims/{claim_a.public_id}/corrections",
        data={"document": "0", "field": "mc_days", "value": "4"},
    )
    assert resp.status_code == 302
    db.expire_all()
    (row,) = db.query(Correction).all()
    assert (row.field, row.old_value, row.new_value, row.doc_type) == (
        "mc_days",
        "5",
        "4",
        "medical_certificate",
    )
    claim = db.get(Claim, claim_a.claim_id)
    assert "corrections" not in claim.data  # the row holds it, claim.json never does
    assert reruns == []  # the rules ran again in the request, on what was read
    assert db.query(AuditEvent).filter_by(claim_id=claim.id, action="corrected").count() == 1
    new = claim.reports[-1].data
    assert len(claim.reports) == 2 and new["corrections"] == [
        {"file": "mc.png", "pages": [1], "field": "mc_days", "value": "4"}
    ]
    (mc,) = [d for d in new["documents"] if d["file"] == "mc.png"]
    assert mc["fields"]["mc_days"] == 4
    codes = {f["code"] for f in new["findings"]}
    assert "DATE_INCONSISTENT" in codes  # 4 days printed, 5 days from 2 to 6 October
    assert claim.verdict == new["verdict"]
    view = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert "Officers confirmed 100% of 1 readings of this type." in view
    # a type correction too, then the accuracy page counts both
    officer.post(
        f"/officer/claims/{claim_a.public_id}/corrections",
        data={"document": "0", "field": "doc_type", "doc_type": "medical_report"},
    )
    acc = portal_accuracy(officer)
    assert "MC days" in acc and "Medical certificate" in acc and "mc_days" not in acc
    bad = officer.post(
        f"/officer/claims/{claim_a.public_id}/corrections",
        data={"document": "0", "field": "dates.mc_end", "value": "not a date"},
    )
    assert bad.status_code == 302
    assert db.query(Correction).count() == 2


def portal_accuracy(officer: Any) -> str:
    html: str = officer.get("/officer/accuracy").get_data(as_text=True)
    return html


def test_accuracy_numbers(app: Any, people: Any, make_claim: Any, db: Any) -> None:
    from semak.accuracy import AccuracyRow, accuracy
    from semak.models import Claim, Correction

    a = make_claim(people.employer_a.id, "ACC-1")
    make_claim(people.employer_a.id, "ACC-2")
    for cid in (a.claim_id,):
        db.get(Claim, cid).decided_at = date(2026, 11, 1)
    db.add(
        Correction(
            claim_id=a.claim_id,
            document_file="mc.png",
            document_pages=[1],
            doc_type="medical_certificate",
            field="mc_days",
            old_value="5",
            new_value="4",
            user_id=people.officer.id,
        )
    )
    db.commit()
    stats = accuracy(db)
    fields = {r.key: r for r in stats.fields}
    assert fields["mc_days"] == AccuracyRow(key="mc_days", read=1, corrected=1, accuracy=0.0)
    assert fields["name"].accuracy == 1.0
    types = {r.key: r for r in stats.doc_types}
    assert types["medical_certificate"].accuracy == 1.0


@pytest.mark.parametrize(("rate", "sampled"), [(1.0, ["S-1"]), (0.0, [])])
def test_sampling_puts_complete_claims_in_the_queue(
    make_app: Any, people: Any, make_claim: Any, rate: float, sampled: list[str]
) -> None:
    make_claim(people.employer_a.id, "S-1", _report("complete"))
    c = make_app(SEMAK_SAMPLE_RATE=rate).test_client()
    c.post("/login", data={"email": "officer@perkeso.gov.my", "password": "correct horse battery"})
    html = c.get("/officer/queue").get_data(as_text=True)
    assert _queue_refs(html) == sampled
    if sampled:
        assert "Sampled" in html
        detail = c.get("/officer/queue?verdict=sampled").get_data(as_text=True)
        assert _queue_refs(detail) == sampled


def test_sample_rate_comes_from_the_settings(settings: Any, make_app: Any) -> None:
    from semak.web.portal import sample_rate

    app = make_app(SETTINGS=settings.with_overrides(sample_rate=0.3))
    with app.app_context():
        assert sample_rate() == 0.3
        app.config["SEMAK_SAMPLE_RATE"] = 0.0  # an app's own override wins
        assert sample_rate() == 0.0


def test_sample_draw_is_deterministic_and_spread() -> None:
    from semak.sampling import sample_draw

    draws = [sample_draw(f"00000000-0000-0000-0000-{i:012d}") for i in range(2000)]
    assert sample_draw("x") == sample_draw("x")
    share = sum(d < 0.1 for d in draws) / len(draws)
    assert 0.07 < share < 0.13


def test_signals_flag_both_claims(officer: Any, people: Any, make_claim: Any) -> None:
    a = make_claim(people.employer_a.id, "SIG-A")
    b = make_claim(people.employer_b.id, "SIG-B")  # same IC, overlapping MC period, other employer
    html_a = officer.get(f"/officer/claims/{a.public_id}").get_data(as_text=True)
    assert 'id="signals"' in html_a and "SIG-B" in html_a
    assert "overlapping period" in html_a
    # the same MC picture (same generated page except the reference line) is not identical,
    # but the other claim shows the overlap signal too
    html_b = officer.get(f"/officer/claims/{b.public_id}").get_data(as_text=True)
    assert "SIG-A" in html_b
    listing = officer.get("/officer/signals").get_data(as_text=True)
    assert "SIG-A" in listing and "SIG-B" in listing


def test_fingerprints_and_the_sampling_flag_live_in_their_columns(
    make_app: Any, people: Any, make_claim: Any, db: Any
) -> None:
    from sqlalchemy import select

    from semak.models import Claim, Fingerprint

    a = make_claim(people.employer_a.id, "FP-A", _report("complete"))
    b = make_claim(people.employer_b.id, "FP-B")
    c = make_app(SEMAK_SAMPLE_RATE=0.0).test_client()
    c.post("/login", data={"email": "officer@perkeso.gov.my", "password": "correct horse battery"})
    c.get("/officer/queue")  # draws the sample and compares pending claims
    rows = db.scalars(select(Fingerprint).order_by(Fingerprint.id)).all()
    kinds = {(r.claim_id, r.kind) for r in rows}
    for ref in (a, b):
        claim = db.scalar(select(Claim).where(Claim.public_id == ref.public_id))
        assert (claim.id, "period") in kinds and (claim.id, "compared") in kinds
        assert "signals" not in (claim.progress or {})
    claim_a = db.scalar(select(Claim).where(Claim.public_id == a.public_id))
    assert claim_a.sampling_checked and not claim_a.sampled_for_review
    assert "sampling_checked" not in (claim_a.progress or {})
    period = next(r.value for r in rows if r.claim_id == claim_a.id and r.kind == "period")
    assert period.startswith("2026-10-02/")
    n = len(rows)
    c.get("/officer/queue")  # nothing new: nothing taken again
    db.expire_all()
    assert len(db.scalars(select(Fingerprint)).all()) == n


def test_same_police_report_number_is_a_signal(officer: Any, people: Any, make_claim: Any) -> None:
    police = {
        "file": "polis.png",
        "pages": [1],
        "doc_type": "police_report",
        "confidence": 0.9,
        "fields": {"report_number": "SEGAMAT/RPT/001234/26"},
    }
    r = _report("needs_review", documents=[police])
    a = make_claim(people.employer_a.id, "PR-A", r)
    make_claim(people.employer_a.id, "PR-B", r, insured_ic="900101-14-5678")
    html = officer.get(f"/officer/claims/{a.public_id}").get_data(as_text=True)
    assert "SEGAMAT/RPT/001234/26" in html and "PR-B" in html


def test_page_image_and_boxes(officer: Any, claim_a: Any) -> None:
    html = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert 'viewBox="0 0 1240 1754"' in html and 'class="box-field"' in html
    img = officer.get(f"/claims/{claim_a.public_id}/documents/{claim_a.doc_id}/pages/1.png")
    assert img.status_code == 200 and img.data.startswith(b"\x89PNG")
    assert (
        officer.get(
            f"/claims/{claim_a.public_id}/documents/{claim_a.doc_id}/pages/2.png"
        ).status_code
        == 404
    )


def test_audit_trail_records_views(
    officer: Any, claim_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload within ten minutes is the same view (issue #22 item 10: one row, not one a
    reload); a view eleven minutes later is another."""
    from datetime import timedelta

    from semak import audit
    from semak.models import utcnow

    clock = [utcnow()]
    monkeypatch.setattr(audit, "utcnow", lambda: clock[0])
    officer.get(f"/officer/claims/{claim_a.public_id}")
    html = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    trail = html.split('id="audit"', 1)[1]
    assert trail.count('class="audit-viewed"') == 1 and "officer@perkeso.gov.my" in trail
    assert "audit-submitted" in trail and "Submitted" in trail
    clock[0] += timedelta(minutes=11)
    html = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert html.split('id="audit"', 1)[1].count('class="audit-viewed"') == 2


def test_ocr_word_boxes_when_the_reading_kept_them(officer: Any, claim_a: Any, db: Any) -> None:
    from semak.models import StoredDocument

    doc = db.get(StoredDocument, claim_a.doc_id)
    doc.result = {
        "pages": [
            {
                "number": 1,
                "width": 2480,
                "height": 3508,
                "words": [{"text": "SIJIL", "bbox": [160, 160, 400, 220], "confidence": 0.9}],
            }
        ]
    }
    db.commit()
    html = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert 'viewBox="0 0 2480 3508"' in html  # the reading's own coordinates
    assert '<rect class="box-word" x="160" y="160" width="240" height="60"><title>SIJIL' in html


def test_queue_puts_what_can_still_be_acted_on_first(
    app: Any, officer: Any, people: Any, make_claim: Any, db: Any, monkeypatch: Any
) -> None:
    """Due soonest first; no time limit next; time-barred claims in their own group at the end
    (the most recently barred first), however long ago they were barred."""
    from datetime import timedelta

    from semak.models import Claim
    from semak.web import officer as officer_view

    app.config["SEMAK_SAMPLE_RATE"] = 0.0
    today = date(2027, 3, 10)
    monkeypatch.setattr(officer_view, "_today", lambda: today)
    plan = {  # reference: (verdict, days from today to the deadline)
        "U-BARRED-314": ("ineligible", -314),
        "U-BARRED-2": ("ineligible", -2),
        "U-DUE-13": ("needs_review", 13),
        "U-DUE-0": ("incomplete", 0),
        "U-DUE-200": ("incomplete", 200),
        "U-NONE": ("needs_review", None),
    }
    made = {ref: make_claim(people.employer_a.id, ref, _report(v)) for ref, (v, _d) in plan.items()}
    for ref, (_v, days) in plan.items():
        deadline = None if days is None else today + timedelta(days=days)
        db.get(Claim, made[ref].claim_id).deadline = deadline
    db.commit()
    html = officer.get("/officer/queue").get_data(as_text=True)
    assert _queue_refs(html) == [
        "U-DUE-0",
        "U-DUE-13",
        "U-DUE-200",
        "U-NONE",
        "U-BARRED-2",
        "U-BARRED-314",
    ]
    groups = re.findall(r'data-group="([a-z_]+)"', html)
    assert groups == ["due", "no_deadline", "barred"]
    barred = html.split('data-group="barred"', 1)[1]
    assert "U-BARRED-314" in barred and "U-DUE-13" not in barred
    assert "passed 314 days ago" in barred and "13 days left" in html


def test_views_compare_a_report_once_not_on_every_get(
    officer: Any, people: Any, make_claim: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from semak.models import Claim, Report
    from semak.web import signals

    calls: list[int] = []
    real_refresh = signals.refresh

    def counting(claim: Any) -> Any:
        calls.append(claim.id)
        return real_refresh(claim)

    monkeypatch.setattr(signals, "refresh", counting)
    a = make_claim(people.employer_a.id, "ONCE-A")
    b = make_claim(people.employer_b.id, "ONCE-B")  # overlaps A
    officer.get("/officer/queue")  # the two new reports are compared, once each
    assert len(calls) == 2
    calls.clear()
    for _ in range(2):
        html_a = officer.get(f"/officer/claims/{a.public_id}").get_data(as_text=True)
        assert "ONCE-B" in html_a and "overlapping period" in html_a
        assert "ONCE-A" in officer.get(f"/officer/claims/{b.public_id}").get_data(as_text=True)
        assert "ONCE-B" in officer.get("/officer/signals").get_data(as_text=True)
        officer.get("/officer/queue")
    assert calls == []
    # a new report (a re-run) is compared once, on the next view, and then no more
    claim_a = db.scalar(select(Claim).where(Claim.public_id == a.public_id))
    db.add(Report(claim_id=claim_a.id, data=claim_a.reports[-1].data, verdict="needs_review"))
    db.commit()
    officer.get(f"/officer/claims/{a.public_id}")
    officer.get(f"/officer/claims/{a.public_id}")
    officer.get("/officer/queue")
    assert calls == [claim_a.id]


def test_page_images_are_rendered_once_and_cached_per_document_page_and_size(
    app: Any, officer: Any, claim_a: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak import pageimages as files
    from semak.models import StoredDocument

    calls: list[int] = []
    real_render = files.render_page

    def counting(path: str, media_type: str, page: int, side: int = files.MAX_PAGE_SIDE) -> Any:
        calls.append(page)
        return real_render(path, media_type, page, side)

    monkeypatch.setattr(files, "render_page", counting)
    instance = app.extensions["semak"].settings.instance_dir
    shutil.rmtree(instance / files.PAGE_IMAGE_DIR, ignore_errors=True)  # other tests' renders
    url = f"/claims/{claim_a.public_id}/documents/{claim_a.doc_id}/pages/1.png"
    first, second = officer.get(url), officer.get(url)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and first.data.startswith(b"\x89PNG")
    assert calls == [1]
    sha = db.get(StoredDocument, claim_a.doc_id).sha256
    cached = files.cache_files(instance, sha)
    assert [p.name for p in cached] == [f"{sha}-p1-{files.MAX_PAGE_SIDE}.png"]
    assert cached[0].read_bytes() == first.data


def test_a_large_jpeg_page_is_decoded_at_a_reduced_scale(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image, JpegImagePlugin

    from semak import pageimages as files

    path = tmp_path / "photo.jpg"
    Image.new("RGB", (6400, 4800), "white").save(path, "JPEG")
    decoded: list[tuple[int, int]] = []
    real_load = JpegImagePlugin.JpegImageFile.load

    def recording(self: Any) -> Any:
        out = real_load(self)
        decoded.append(self.size)
        return out

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", recording)
    img = files.render_page(str(path), "image/jpeg", 1)
    assert max(img.size) == files.MAX_PAGE_SIDE
    assert decoded and max(max(size) for size in decoded) <= 3200  # 1/2 scale at most


def test_a_decompression_bomb_page_is_refused_before_decoding(tmp_path: Any) -> None:
    from hostile import png_bomb

    from intake.errors import SemakError
    from semak import pageimages as files

    path = tmp_path / "bomb.png"
    path.write_bytes(png_bomb())
    with pytest.raises(SemakError) as err:
        files.render_page(str(path), "image/png", 1)
    assert err.value.code == "image_too_large"


def _events(db: Any, action: str) -> list[Any]:
    from sqlalchemy import select

    from semak.models import AuditEvent

    db.expire_all()
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_page_images_and_status_are_audited_once_per_ten_minutes(
    officer: Any, claim_a: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from semak import audit
    from semak.models import utcnow

    clock = [utcnow()]
    monkeypatch.setattr(audit, "utcnow", lambda: clock[0])
    page = f"/claims/{claim_a.public_id}/documents/{claim_a.doc_id}/pages/1.png"
    status = f"/claims/{claim_a.public_id}/status.json"
    for _ in range(3):  # reloads and the status poll
        assert officer.get(page).status_code == 200
        assert officer.get(status).status_code == 200
        clock[0] += timedelta(minutes=4)
    pages, polls = _events(db, "viewed_page"), _events(db, "viewed_status")
    assert [(e.claim_id, e.detail) for e in pages] == [
        (claim_a.claim_id, {"pages": [[claim_a.doc_id, 1]]})
    ]
    assert [e.claim_id for e in polls] == [claim_a.claim_id]
    clock[0] += timedelta(minutes=3)  # eleven minutes after the first view
    officer.get(page)
    officer.get(status)
    assert len(_events(db, "viewed_page")) == 2 and len(_events(db, "viewed_status")) == 2
    trail = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert "Viewed a page image" in trail and "Checked the status" in trail


def test_an_officer_sets_the_date_a_paper_claim_was_received(
    officer: Any, claim_a: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak import claims
    from semak.models import AuditEvent, Claim
    from semak.web import portal

    monkeypatch.setattr(claims, "today_myt", lambda: date(2026, 11, 1))
    reruns: list[str] = []
    monkeypatch.setattr(portal, "rerun", lambda claim: reruns.append(claim.public_id))
    view = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert 'id="received-form"' in view
    url = f"/officer/claims/{claim_a.public_id}/received"
    assert officer.post(url, data={"submitted_on": "2026-10-20"}).status_code == 302
    db.expire_all()
    claim = db.get(Claim, claim_a.claim_id)
    assert claim.data["submitted_on"] == "2026-10-20"
    (event,) = db.query(AuditEvent).filter_by(claim_id=claim.id, action="receipt_date_set").all()
    assert event.detail == {"submitted_on": "2026-10-20"} and event.user_id is not None
    assert len(claim.reports) == 2 and reruns == []  # the rules ran again, in the request
    assert claim.verdict == claim.reports[-1].data["verdict"]


@pytest.mark.parametrize(
    "day",
    ["2026-11-02", "2026-10-01", "not a date", ""],
    ids=["future", "before-accident", "garbage", "empty"],
)
def test_a_receipt_date_in_the_future_or_before_the_accident_is_refused(
    officer: Any, claim_a: Any, db: Any, monkeypatch: pytest.MonkeyPatch, day: str
) -> None:
    from semak import claims
    from semak.models import AuditEvent, Claim

    monkeypatch.setattr(claims, "today_myt", lambda: date(2026, 11, 1))  # accident: 2 Oct
    before = db.get(Claim, claim_a.claim_id).data["submitted_on"]
    resp = officer.post(f"/officer/claims/{claim_a.public_id}/received", data={"submitted_on": day})
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(Claim, claim_a.claim_id).data["submitted_on"] == before
    assert db.query(AuditEvent).filter_by(action="receipt_date_set").count() == 0
    page = officer.get(resp.headers["Location"]).get_data(as_text=True)
    assert "The date received" in page  # the refusal is said, not silent


def test_employers_cannot_set_the_receipt_date(
    as_user: Callable[[str], Any], claim_a: Any, db: Any
) -> None:
    from semak.models import Claim

    employer = as_user("a@employer-a.my")
    before = db.get(Claim, claim_a.claim_id).data["submitted_on"]
    resp = employer.post(
        f"/officer/claims/{claim_a.public_id}/received", data={"submitted_on": "2026-10-03"}
    )
    assert resp.status_code == 403
    db.expire_all()
    assert db.get(Claim, claim_a.claim_id).data["submitted_on"] == before
