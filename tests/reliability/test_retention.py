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
from semak.models import AuditEvent, Claim, Fingerprint, Report, User, utcnow

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


def _fingerprint(svc: Any, public_id: str) -> None:
    """The rows semak.web.signals takes from a finished claim's report."""
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None
        report_id = claim.reports[-1].id
        for kind, value in [
            ("mc_phash", "f0e1d2c3b4a59687"),
            ("report_number", "IPD/123/2026"),
            ("period", "2026-01-01/2026-01-09"),
            ("compared", ""),
        ]:
            s.add(Fingerprint(claim_id=claim.id, report_id=report_id, kind=kind, value=value))
        s.commit()


def _fingerprints(svc: Any, public_id: str) -> list[tuple[str, str, int]]:
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None
        rows = s.scalars(select(Fingerprint).where(Fingerprint.claim_id == claim.id))
        return sorted((r.kind, r.value, r.report_id) for r in rows)


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
    _fingerprint(svc, old)
    _fingerprint(svc, young)
    young_prints = _fingerprints(svc, young)

    dry = purge_expired(svc, years=7, dry_run=True)
    assert dry.claims == 1 and svc.storage.exists(old_keys[0])

    result = purge_expired(svc, years=7)
    assert result.counts() == {
        "claims": 1,
        "files_deleted": 1,
        "cached_pages_deleted": 0,
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

    # its fingerprints (image hashes, police report number, sick-leave period) are gone; one
    # valueless "compared" marker for its report keeps the signals pass off the anonymous report
    from semak.web.signals import COMPARED

    assert _fingerprints(svc, old) == [(COMPARED, "", claim.reports[-1].id)]
    assert _fingerprints(svc, young) == young_prints and len(young_prints) == 4

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


def test_retention_keeps_a_blob_an_archive_file_still_needs(svc: Any, make_user: Any) -> None:
    from semak.archive.models import ArchiveBatch, ArchiveFile
    from semak.retention import purge_expired

    user, _ = make_user()
    old = _claim(svc, user.id, [(mc_png(53), "scan.png")], 8 * 365)
    _, keys = _load(svc, old)
    with svc.db.Session() as s:
        batch = ArchiveBatch(name=f"retention-{old[:8]}", root="/scans")
        s.add(batch)
        s.flush()
        s.add(ArchiveFile(batch_id=batch.id, path="scan.png", sha256="0" * 64, storage_key=keys[0]))
        s.commit()
    result = purge_expired(svc, years=7)
    assert result.claims == 1 and result.files_deleted == 0
    assert svc.storage.exists(keys[0])  # the archive's file is not the claim's to delete


def test_retention_prunes_read_pages_older_than_the_cache_period(svc: Any) -> None:
    import os
    import time

    from intake.cache import PageCache
    from intake.models import Page
    from semak.retention import PAGE_CACHE_DAYS, purge_expired

    root = svc.settings.instance_dir / "page-cache"
    cache = PageCache(root)
    cache.put("aa" + "0" * 62, Page("old.pdf", 1, f"No. K/P {INSURED_IC}"))
    cache.put("bb" + "0" * 62, Page("new.pdf", 1, "fresh"))
    old = next(root.rglob("aa*.json"))
    stamp = time.time() - (PAGE_CACHE_DAYS + 1) * 86400
    os.utime(old, (stamp, stamp))

    assert purge_expired(svc, years=7, dry_run=True).cached_pages_deleted == 0
    assert old.exists()
    result = purge_expired(svc, years=7)
    assert result.cached_pages_deleted == 1 and result.counts()["cached_pages_deleted"] == 1
    assert not old.exists()
    assert next(root.rglob("bb*.json")).exists()  # a page read this month stays
