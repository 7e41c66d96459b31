"""Retention: claims closed longer than the period lose their files and personal fields; the
anonymous counts stay; younger claims and blobs they share are untouched."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

import pytest
from reliability_helpers import mc_png
from service_scans import INSURED_IC, INSURED_NAME, claim_data
from sqlalchemy import select

from semak import claims
from semak.claims import UploadFile
from semak.models import AuditEvent, Claim, Report, User, utcnow

IC_DIGITS = INSURED_IC.replace("-", "")


@pytest.fixture
def svc(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(claims, "_enqueue", lambda *a, **k: None)  # stored, never read
    return app.extensions["semak"]


def _claim(svc: Any, user_id: int, files: list[tuple[bytes, str]], closed_days: int) -> str:
    with svc.db.Session() as s:
        user = s.get(User, user_id)
        uploads = [UploadFile(name, io.BytesIO(content)) for content, name in files]
        claim = claims.create_claim(user, claim_data(), uploads, session=s, svc=svc)
        report = {
            "claim_id": "C-TEST-0001",
            "claim_type": "temporary_disablement",
            "verdict": "needs_review",
            "documents": [
                {
                    "file": files[0][1],
                    "pages": [1],
                    "doc_type": "medical_certificate",
                    "fields": {"ic_number": INSURED_IC, "name": INSURED_NAME},
                }
            ],
            "requirements": [{"doc_type": "form_34", "status": "missing", "rule": "R01"}],
            "findings": [
                {
                    "code": "NAME_MISMATCH",
                    "severity": "warning",
                    "message": f"{INSURED_NAME} differs",
                    "documents": [],
                }
            ],
        }
        s.add(Report(claim_id=claim.id, data=report, verdict="needs_review"))
        claim.status, claim.verdict = "done", "needs_review"
        claim.decision, claim.decision_message = "accept", f"Paid to {INSURED_NAME}"
        claim.closed_at = utcnow() - timedelta(days=closed_days)
        s.commit()
        return claim.public_id


def _load(svc: Any, public_id: str) -> tuple[Claim, list[str]]:
    s = svc.db.Session()
    claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
    assert claim is not None
    return claim, [d.storage_key for d in claim.documents]


def test_retention_purges_old_closed_claims_and_keeps_counts(svc: Any, make_user: Any) -> None:
    from semak.retention import purge_expired

    user, _ = make_user()
    shared = mc_png(50)
    old = _claim(svc, user.id, [(mc_png(51), "old-only.png"), (shared, "shared.png")], 8 * 365)
    young = _claim(svc, user.id, [(shared, "shared.png")], 365)
    _, old_keys = _load(svc, old)
    _, young_keys = _load(svc, young)
    assert all(svc.storage.exists(k) for k in old_keys)

    dry = purge_expired(svc, years=7, dry_run=True)
    assert dry.claims == 1 and svc.storage.exists(old_keys[0])

    result = purge_expired(svc, years=7)
    assert result.counts() == {
        "claims": 1,
        "files_deleted": 1,
        "by_type": {"temporary_disablement": 1},
        "by_verdict": {"needs_review": 1},
    }
    assert not svc.storage.exists(old_keys[0])  # only the old claim's own file went
    assert svc.storage.exists(young_keys[0])  # the shared blob stays for the young claim

    claim, _ = _load(svc, old)
    dump = json.dumps(
        [
            claim.data,
            claim.reference,
            claim.insured_ic,
            claim.decision_message,
            [r.data for r in claim.reports],
            [(d.original_name, d.sha256) for d in claim.documents],
        ]
    )
    for secret in (IC_DIGITS, INSURED_IC, INSURED_NAME, "HAFIZ", "old-only.png"):
        assert secret not in dump
    # the anonymous counts stay: type, verdict, decision, dates, finding codes
    assert (claim.claim_type, claim.verdict, claim.decision) == (
        "temporary_disablement",
        "needs_review",
        "accept",
    )
    assert claim.reports[0].data["findings"] == [{"code": "NAME_MISMATCH", "severity": "warning"}]
    assert claim.closed_at is not None and claim.created_at is not None

    young_claim, _ = _load(svc, young)
    assert young_claim.insured_ic == IC_DIGITS and INSURED_NAME in json.dumps(young_claim.data)
    assert purge_expired(svc, years=7).claims == 0  # idempotent
    assert purge_expired(svc, years=0.5).claims == 1  # a shorter period reaches the young one


def test_retention_cli_prints_anonymous_counts(app: Any, svc: Any, make_user: Any) -> None:
    from semak.retention import retention_cli

    user, _ = make_user()
    _claim(svc, user.id, [(mc_png(52), "a.png")], 10 * 365)
    result = app.test_cli_runner().invoke(retention_cli, ["--dry-run"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["claims"] == 1 and out["dry_run"] is True and out["years"] == 7
    assert INSURED_NAME not in result.output and IC_DIGITS not in result.output
    with svc.db.Session() as s:  # audit events carry no personal data, and stay
        details = [e.detail for e in s.scalars(select(AuditEvent))]
    assert INSURED_NAME not in json.dumps(details)
