"""Retention: claims last active longer ago than the period, whatever their status, lose their
files and personal fields, and archive batches go whole; the anonymous counts stay; younger
claims and blobs they share are untouched."""

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


def _claim(
    svc: Any,
    user_id: int,
    files: list[tuple[bytes, str]],
    closed_days: int,
    *,
    status: str = "done",
    decision: str | None = "accept",
) -> str:
    """A claim whose every activity (creation, upload, report, change, decision) is
    ``closed_days`` old; undecided (``decision=None``) claims are not closed."""
    then = utcnow() - timedelta(days=closed_days)
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
        s.add(Report(claim_id=claim.id, data=report, verdict="needs_review", created_at=then))
        claim.status, claim.verdict = status, "needs_review"
        claim.decision, claim.decision_message = decision, f"Paid to {INSURED_NAME}"
        if decision is not None:
            claim.decided_at = then
        if decision in ("accept", "reject"):
            claim.closed_at = then
        claim.created_at = claim.updated_at = then
        for doc in claim.documents:
            doc.uploaded_at = then
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
    """The claim with its documents and reports loaded; the session is closed (an open one
    would hold PostgreSQL's TRUNCATE at teardown)."""
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None
        _ = [r.data for r in claim.reports]
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
        "page_images_deleted": 0,
        "cached_pages_deleted": 0,
        "archive_batches": 0,
        "audit_rows_scrubbed": 0,
        "by_type": {"temporary_disablement": 1},
        "by_verdict": {"needs_review": 1},
        "by_status": {"done": 1},
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


def _set(svc: Any, public_id: str, **values: Any) -> None:
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None
        for key, value in values.items():
            setattr(claim, key, value)
        s.commit()


def test_retention_purges_claims_of_every_status_by_last_activity(svc: Any, make_user: Any) -> None:
    """Undecided, failed, queued and documents-requested claims are purged once their last
    activity is past the period; a claim touched within it is kept whatever its age."""
    from semak.retention import purge_expired

    user, _ = make_user()
    old = 8 * 365
    due = {
        "undecided": _claim(svc, user.id, [(mc_png(60), "a.png")], old, decision=None),
        "failed": _claim(
            svc, user.id, [(mc_png(61), "b.png")], old, status="failed", decision=None
        ),
        "queued": _claim(
            svc, user.id, [(mc_png(62), "c.png")], old, status="queued", decision=None
        ),
        "requested": _claim(
            svc, user.id, [(mc_png(63), "d.png")], old, decision="request_documents"
        ),
    }
    # a submitter's own "purged_at" in claim.json decides nothing
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == due["undecided"]))
        assert claim is not None
        claim.data = {**claim.data, "purged_at": "2020-01-01T00:00:00+00:00"}
        claim.updated_at = utcnow() - timedelta(days=old)
        s.commit()
    recent = _claim(svc, user.id, [(mc_png(64), "e.png")], 365, decision="request_documents")
    # created long ago, but the employer sent the requested documents last month
    active = _claim(svc, user.id, [(mc_png(65), "f.png")], old, decision="request_documents")
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == active))
        assert claim is not None
        claim.documents[0].uploaded_at = utcnow() - timedelta(days=30)
        s.commit()

    result = purge_expired(svc, years=7)
    assert sorted(result.public_ids) == sorted(due.values())
    assert result.by_status == {"done": 2, "failed": 1, "queued": 1}
    assert result.files_deleted == 4
    for public_id in due.values():
        claim, keys = _load(svc, public_id)
        assert claim.purged_at is not None and claim.insured_ic == ""
        assert "purged_at" not in claim.data and INSURED_NAME not in json.dumps(claim.data)
        assert keys == [""]
    for public_id in (recent, active):
        claim, keys = _load(svc, public_id)
        assert claim.purged_at is None and claim.insured_ic == IC_DIGITS
        assert svc.storage.exists(keys[0])
    assert purge_expired(svc, years=7).claims == 0


def _batch(svc: Any, name: str, age_days: int, content: bytes) -> tuple[int, str]:
    """An archive batch with one file (stored), two pages, a document and a claim."""
    from semak.archive.models import (
        ArchiveBatch,
        ArchiveClaim,
        ArchiveDocument,
        ArchiveFile,
        ArchivePage,
    )

    then = utcnow() - timedelta(days=age_days)
    stored = svc.storage.put(io.BytesIO(content))
    with svc.db.Session() as s:
        batch = ArchiveBatch(name=name, root="/scans", created_at=then, grouped_at=then)
        s.add(batch)
        s.flush()
        f = ArchiveFile(
            batch_id=batch.id,
            path=f"{INSURED_NAME}.pdf",
            sha256=stored.sha256,
            storage_key=stored.key,
            created_at=then,
            finished_at=then,
        )
        s.add(f)
        s.flush()
        for n in (1, 2):
            s.add(ArchivePage(file_id=f.id, number=n, kind="content", document_position=0))
        s.add(
            ArchiveDocument(
                batch_id=batch.id,
                file_id=f.id,
                position=0,
                first_page=1,
                doc_type="medical_certificate",
                data={"fields": {"ic_number": INSURED_IC}},
                claim_key="A0001",
            )
        )
        s.add(ArchiveClaim(batch_id=batch.id, key="A0001", insured_ic=IC_DIGITS, created_at=then))
        s.commit()
        return batch.id, stored.key


def test_retention_purges_an_archive_batch_with_its_files_and_pages(svc: Any) -> None:
    from sqlalchemy import func

    from semak.archive.models import (
        ArchiveBatch,
        ArchiveClaim,
        ArchiveDocument,
        ArchiveFile,
        ArchivePage,
    )
    from semak.retention import purge_expired

    old_id, old_key = _batch(svc, "retention-old", 8 * 365, mc_png(70))
    young_id, young_key = _batch(svc, "retention-young", 365, mc_png(71))

    dry = purge_expired(svc, years=7, dry_run=True)
    assert dry.archive_batches == 1 and svc.storage.exists(old_key)

    result = purge_expired(svc, years=7)
    assert result.archive_batches == 1 and result.files_deleted == 1
    assert not svc.storage.exists(old_key) and svc.storage.exists(young_key)
    with svc.db.Session() as s:
        assert s.get(ArchiveBatch, old_id) is None and s.get(ArchiveBatch, young_id) is not None
        left = {
            model.__name__: s.scalar(select(func.count()).select_from(model))
            for model in (ArchiveFile, ArchivePage, ArchiveDocument, ArchiveClaim)
        }
    # only the young batch's rows stay: its file, two pages, document and claim
    assert left == {"ArchiveFile": 1, "ArchivePage": 2, "ArchiveDocument": 1, "ArchiveClaim": 1}
    from semak.archive.index import BatchNotFound, batch_index

    with pytest.raises(BatchNotFound):
        batch_index("retention-old", svc=svc)
    assert purge_expired(svc, years=7).archive_batches == 0


def test_retention_masks_file_names_in_older_audit_rows(svc: Any, make_user: Any) -> None:
    from semak.retention import purge_expired

    user, _ = make_user()
    young = _claim(svc, user.id, [(mc_png(72), "g.png")], 30)
    raw = f"{INSURED_NAME} {INSURED_IC}.JPG"
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == young))
        assert claim is not None
        s.add_all(
            [
                AuditEvent(
                    claim_id=claim.id,
                    action="upload_rejected",
                    detail={"files": [{"name": raw, "code": "tiny", "message": "small"}]},
                ),
                AuditEvent(
                    claim_id=claim.id, action="corrected", detail={"document": raw, "field": "x"}
                ),
            ]
        )
        s.commit()
    result = purge_expired(svc, years=7)
    assert result.claims == 0 and result.audit_rows_scrubbed == 2
    with svc.db.Session() as s:
        details = [e.detail for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert details[-2:] == [
        {"files": [{"name": "*.jpg", "code": "tiny", "message": "small"}]},
        {"document": "*.jpg", "field": "x"},
    ]
    dump = json.dumps(details)
    assert INSURED_NAME not in dump and INSURED_IC not in dump
    assert purge_expired(svc, years=7).audit_rows_scrubbed == 0


def test_migration_moves_the_purge_marker_out_of_the_claim_data(tmp_path: Any) -> None:
    """0005: a marker retention wrote becomes Claim.purged_at; one a submitter wrote into
    claim.json is dropped and marks nothing."""
    from sqlalchemy import text

    from semak.db import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0003_portal_fields")
    cols = (
        "id, public_id, reference, organisation_id, claim_type, data, insured_ic, status,"
        " progress, sampled_for_review, attempts, revision, created_at, updated_at,"
        " sampling_checked"
    )
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO organisations VALUES (1, 'E', 'E1', '2020-01-01')"))
        for i, ref, ic, data in [
            (1, "purged", "", {"claim_type": "t", "purged_at": "2026-01-02T03:04:05+00:00"}),
            (2, "C-1", IC_DIGITS, {"claim_type": "t", "purged_at": "2026-01-02T03:04:05"}),
            (3, "C-2", IC_DIGITS, {"claim_type": "t"}),
        ]:
            conn.execute(
                text(
                    f"INSERT INTO claims ({cols}) VALUES (:i, :p, :r, 1, 't', :d, :ic, 'done',"
                    " '{}', 0, 0, 1, '2020-01-01', '2020-01-01', 0)"
                ),
                {"i": i, "p": f"p{i}", "r": ref, "d": json.dumps(data), "ic": ic},
            )
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, data, purged_at FROM claims ORDER BY id")).all()
    engine.dispose()
    assert [(r[0], json.loads(r[1]), r[2] is not None) for r in rows] == [
        (1, {"claim_type": "t"}, True),
        (2, {"claim_type": "t"}, False),
        (3, {"claim_type": "t"}, False),
    ]
    assert str(rows[0][2]).startswith("2026-01-02 03:04:05")


def _render(svc: Any, key: str) -> list[Any]:
    """Page 1 of the stored file ``key`` rendered into the page-image cache; its renders."""
    from types import SimpleNamespace

    from semak import pageimages

    sha = key.rsplit("/", 1)[-1]
    doc = SimpleNamespace(sha256=sha, media_type="image/png")
    pageimages.page_png(svc.settings.instance_dir, svc.storage.path(key), doc, 1)
    return pageimages.cache_files(svc.settings.instance_dir, sha)


def test_retention_deletes_a_purged_claims_page_images(svc: Any, make_user: Any) -> None:
    user, _ = make_user()
    old = _claim(svc, user.id, [(mc_png(81), "old.png")], 8 * 365)
    young = _claim(svc, user.id, [(mc_png(82), "young.png")], 30)
    (old_key,), (young_key,) = _load(svc, old)[1], _load(svc, young)[1]
    old_renders, young_renders = _render(svc, old_key), _render(svc, young_key)
    assert len(old_renders) == len(young_renders) == 1

    from semak.retention import purge_expired

    result = purge_expired(svc, years=7)
    assert not old_renders[0].exists()  # the purged claim's page, as the portal showed it
    assert young_renders[0].exists()
    assert result.claims == 1 and result.page_images_deleted == 1


def test_retention_deletes_an_archive_batchs_page_images(svc: Any) -> None:
    from semak.retention import purge_expired

    _, old_key = _batch(svc, "renders-old", 8 * 365, mc_png(83))
    _, young_key = _batch(svc, "renders-young", 365, mc_png(84))
    old_renders, young_renders = _render(svc, old_key), _render(svc, young_key)
    result = purge_expired(svc, years=7)
    assert not old_renders[0].exists() and young_renders[0].exists()
    assert result.archive_batches == 1 and result.page_images_deleted == 1
