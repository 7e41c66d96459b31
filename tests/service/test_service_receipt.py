"""submitted_on is the day PERKESO received the claim: the server decides it for employers
(Malaysia time); an officer may give a paper claim's receipt day, recorded in the audit trail."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, tzinfo
from typing import Any

import pytest
from service_scans import claim_data, medical_certificate_png
from sqlalchemy import select

import semak.claims
from semak.models import AuditEvent, Claim

pytestmark = pytest.mark.postgres

# 17:30 UTC on 6 December is 01:30 on 7 December in Kuala Lumpur
NOW = datetime(2026, 12, 6, 17, 30, tzinfo=UTC)
RECEIVED = date(2026, 12, 7)


class _Clock(datetime):
    @classmethod
    def now(cls, tz: tzinfo | None = None) -> Any:  # type: ignore[override]
        return NOW.astimezone(tz) if tz else NOW.replace(tzinfo=None)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semak.claims, "datetime", _Clock)


def _post(client: Any, token: str, data: dict[str, Any]) -> Claim:
    resp = client.post(
        "/api/v1/claims",
        data={
            "claim": json.dumps(data),
            "files": [(io.BytesIO(medical_certificate_png()), "mc.png")],
        },
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 202, resp.get_data(as_text=True)
    return resp.get_json()["id"]


def _stored(db: Any, public_id: str) -> tuple[Claim, list[AuditEvent]]:
    claim = db.scalar(select(Claim).where(Claim.public_id == public_id))
    events = db.scalars(select(AuditEvent).where(AuditEvent.claim_id == claim.id)).all()
    return claim, list(events)


def test_today_in_malaysia_is_utc_plus_8() -> None:
    assert semak.claims.today_myt() == RECEIVED


@pytest.mark.parametrize("sent", ["2020-01-01", None])
def test_employers_submitted_on_is_the_day_of_receipt(
    client: Any, db: Any, make_user: Any, sent: str | None
) -> None:
    _, token = make_user()
    data = {k: v for k, v in claim_data(submitted_on=sent).items() if v is not None}
    claim, events = _stored(db, _post(client, token, data))
    assert claim.data["submitted_on"] == RECEIVED.isoformat()  # a backdated day is ignored
    assert "receipt_date_set" not in {e.action for e in events}


def test_officer_may_give_a_paper_claims_receipt_day_audited(
    client: Any, db: Any, make_user: Any
) -> None:
    officer, token = make_user("officer@perkeso.gov.my", "officer")
    claim, events = _stored(db, _post(client, token, claim_data(submitted_on="2026-10-20")))
    assert claim.data["submitted_on"] == "2026-10-20"
    (event,) = [e for e in events if e.action == "receipt_date_set"]
    assert event.user_id == officer.id and event.detail == {"submitted_on": "2026-10-20"}


def test_officer_without_a_receipt_day_gets_today(client: Any, db: Any, make_user: Any) -> None:
    _, token = make_user("officer@perkeso.gov.my", "officer")
    data = {k: v for k, v in claim_data().items() if k != "submitted_on"}
    claim, events = _stored(db, _post(client, token, data))
    assert claim.data["submitted_on"] == RECEIVED.isoformat()
    assert "receipt_date_set" not in {e.action for e in events}
