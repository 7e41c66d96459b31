"""The audit trail reads as sentences for a person and an auditor, in the reader's language;
other claims by reference with a link; the officer's message recorded; declared actions only
(issue #22 item 10)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.redis


@pytest.fixture
def officer(people: Any, as_user: Callable[[str], Any]) -> Any:
    return as_user("officer@perkeso.gov.my")


def _trail(client: Any, public_id: str) -> str:
    html = client.get(f"/officer/claims/{public_id}").get_data(as_text=True)
    return html.split('id="audit"', 1)[1].split("</table>", 1)[0]


def test_a_decision_is_recorded_with_the_officers_message_as_a_sentence(
    officer: Any, claim_a: Any, db: Any
) -> None:
    from semak.models import AuditEvent

    url = f"/officer/claims/{claim_a.public_id}/decision"
    officer.post(url, data={"decision": "request_documents", "message": "Add the sketch map <b>."})
    db.expire_all()
    (row,) = db.query(AuditEvent).filter_by(claim_id=claim_a.claim_id, action="decided").all()
    assert row.detail == {"decision": "request_documents", "message": "Add the sketch map <b>."}
    trail = _trail(officer, claim_a.public_id)
    assert "Decided: Documents requested. Message to the employer:" in trail
    assert '<q class="audit-message">Add the sketch map &lt;b&gt;.</q>' in trail
    assert "with_message" not in trail and "decision:" not in trail
    assert "Submitted the claim with 1 file." in trail and "Opened the claim." in trail


def test_the_trail_is_in_the_readers_language(officer: Any, claim_a: Any) -> None:
    officer.post(
        f"/officer/claims/{claim_a.public_id}/decision",
        data={"decision": "reject", "message": "Bukan kemalangan kerja."},
    )
    officer.post("/language", data={"lang": "ms"})
    trail = _trail(officer, claim_a.public_id)
    assert "Menghantar tuntutan dengan 1 fail." in trail
    assert "Diputuskan: Ditolak. Mesej kepada majikan:" in trail
    assert "Submitted the claim" not in trail and "Opened the claim" not in trail


def test_another_claim_is_named_by_its_reference_with_a_link(
    officer: Any, people: Any, make_claim: Any
) -> None:
    a = make_claim(people.employer_a.id, "TRAIL-A")
    b = make_claim(people.employer_b.id, "TRAIL-B")  # same IC and period: overlap signal
    trail = _trail(officer, a.public_id)
    row = trail.split('class="audit-signal"', 1)[1].split("</tr>", 1)[0]
    assert f'<a href="/officer/claims/{b.public_id}">TRAIL-B</a>' in row
    assert "Signal across claims:" in row and "overlapping period" in row
    assert b.public_id not in row.replace(f'href="/officer/claims/{b.public_id}"', "")


def test_only_declared_actions_with_their_typed_details_are_recorded(db: Any) -> None:
    from semak.audit import record

    with pytest.raises(ValueError, match="undeclared"):
        record(db, claim_id=None, user_id=None, action="poked", detail={})
    with pytest.raises(ValueError, match="carries no"):
        record(db, claim_id=None, user_id=None, action="viewed", detail={"ic": "870903106231"})
    with pytest.raises(ValueError, match="is not"):
        record(db, claim_id=None, user_id=None, action="uploaded", detail={"files": "3"})
    assert record(db, claim_id=None, user_id=None, action="uploaded", detail={"files": 3})
    db.rollback()


def test_retention_forgets_the_officers_message_in_the_trail(
    officer: Any, claim_a: Any, db: Any
) -> None:
    from semak.audit import forget_words
    from semak.models import AuditEvent

    officer.post(
        f"/officer/claims/{claim_a.public_id}/decision",
        data={"decision": "reject", "message": "Encik Hafiz was on leave."},
    )
    db.expire_all()
    assert forget_words(db, claim_a.claim_id) == 1
    db.commit()
    (row,) = db.query(AuditEvent).filter_by(claim_id=claim_a.claim_id, action="decided").all()
    assert row.detail == {"decision": "reject"}


def _two_documents(app: Any, people: Any, make_claim: Any) -> tuple[Any, list[int]]:
    """A claim of two files, read as a medical certificate and a police report."""
    import copy
    import io

    from web_helpers import REPORT, page_png

    from semak import claims
    from semak.claims import UploadFile
    from semak.models import Claim

    report = copy.deepcopy(REPORT)
    police = {**report["documents"][0], "file": "police.png", "doc_type": "police_report"}
    report["documents"].append(police)
    claim = make_claim(people.employer_a.id, "TRAIL-PAGES", report)
    svc = app.extensions["semak"]
    with svc.db.session() as s:
        c = s.get(Claim, claim.claim_id)
        added = claims.add_documents(
            c, [UploadFile("police.png", io.BytesIO(page_png(["POLIS"])))], session=s, svc=svc
        )
        s.commit()
        return claim, [claim.doc_id, added[0].id]


def test_page_views_name_the_documents_and_collapse_into_one_row(
    app: Any, officer: Any, people: Any, make_claim: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The viewer loads the first page of every document: one row names them all, and looking
    again within ten minutes adds no row (item 10)."""
    from datetime import timedelta

    from semak import audit
    from semak.models import AuditEvent, utcnow

    claim, (mc, police) = _two_documents(app, people, make_claim)
    clock = [utcnow()]
    monkeypatch.setattr(audit, "utcnow", lambda: clock[0])
    base = f"/claims/{claim.public_id}/documents"
    for doc in (mc, police, mc, police, mc):
        assert officer.get(f"{base}/{doc}/pages/1.png").status_code == 200
        clock[0] += timedelta(minutes=1)
    db.expire_all()
    rows = db.query(AuditEvent).filter_by(claim_id=claim.claim_id, action="viewed_page").all()
    assert [r.detail for r in rows] == [{"pages": [[mc, 1], [police, 1]]}]
    trail = _trail(officer, claim.public_id)
    assert trail.count('class="audit-viewed_page"') == 1
    assert (
        "Looked at page 1 of document 1 – Medical certificate (MC); "
        "page 1 of document 2 – Police report." in trail
    )
    officer.post("/language", data={"lang": "ms"})
    trail = _trail(officer, claim.public_id)
    assert (
        "Melihat halaman 1 dokumen 1 – Sijil cuti sakit (MC); halaman 1 dokumen 2 – Laporan polis."
        in trail
    )
    clock[0] += timedelta(minutes=10)  # a view later than ten minutes after the row is a new row
    officer.get(f"{base}/{police}/pages/1.png")
    db.expire_all()
    assert db.query(AuditEvent).filter_by(action="viewed_page").count() == 2


def test_page_view_rows_written_apart_read_as_one(
    app: Any, officer: Any, people: Any, make_claim: Any, db: Any
) -> None:
    """Rows of one page each (written before, or by two images asked for at once) read as one
    row in the trail when one person wrote them within ten minutes; later views stay apart."""
    from datetime import timedelta

    from semak.models import AuditEvent, utcnow

    claim, (mc, police) = _two_documents(app, people, make_claim)
    start = utcnow() - timedelta(hours=1)
    for minutes, detail in (
        (0, {"document": mc, "page": 1}),
        (0, {"pages": [[police, 1]]}),
        (3, {"document": mc, "page": 1}),
        (30, {"document": police, "page": 1}),
    ):
        db.add(
            AuditEvent(
                claim_id=claim.claim_id,
                user_id=people.officer.id,
                action="viewed_page",
                detail=detail,
                created_at=start + timedelta(minutes=minutes),
            )
        )
    db.commit()
    trail = _trail(officer, claim.public_id)
    rows = trail.split('class="audit-viewed_page"')[1:]
    assert len(rows) == 2
    assert "Looked at page 1 of document 2 – Police report." in rows[0]  # 30 minutes later
    assert (
        "Looked at page 1 of document 1 – Medical certificate (MC); "
        "page 1 of document 2 – Police report." in rows[1]
    )
