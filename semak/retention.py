"""Retention (PDPA s. 10): delete what identifies a person once a claim is old enough.

``purge_expired(svc, years=7)`` takes every claim whose *last activity* is more than ``years``
ago and that is not yet purged, whatever its status: decided, undecided, failed, still queued
or waiting for documents the officer requested. Last activity is the newest of: the claim's
creation, any change to its row (``updated_at``: status, verdict, decision, re-verification,
sampling), its closing and decision, a document uploaded to it, a report or an officer's
correction written for it. A claim still in someone's hands is therefore kept: an upload, a
decision or a correction restarts its period. Reading it does not (a view, a download or a
page image is audited, but keeps nothing alive). For each such claim retention:

- deletes its stored files (a blob another claim or an archive file still needs is kept) and
  their cached page images (``semak.pageimages``, kept likewise while the content is needed);
- empties its personal fields: claim.json (kept: claim type, accident kind, employment status,
  dates), the insured IC, reference, messages; each report (kept: verdict, finding codes and
  severities, requirement statuses); documents' names, hashes and reading results;
  corrections' values and file names; signals' details; the officer's message in the audit
  trail's decision rows;
- deletes its cross-claim fingerprints (medical certificates' image hashes, police report
  numbers, sick-leave periods), keeping one empty ``compared`` marker for its current report
  so that the signals pass never takes a fingerprint again from the anonymous report;
- keeps the claim row with its type, status, verdict, decision, organisation and dates, so
  counts (claims per type, verdict, decision, month) stay true, and stamps ``purged_at``.

Archive batches (``semak.archive.retention``) whose last activity is older than the period go
whole: their files' blobs and page images, files, pages, documents, claims (the page index is
made from those rows) and the batch row. Audit events stay; file names in their details, which
rows written before masking carry, are masked (``semak.audit.scrub_trail``).

Idempotent: a purged claim carries ``Claim.purged_at`` (its own column: nothing in the
submitted claim data decides retention). Returns anonymous counts of what was purged.
``flask --app app retention [--years 7] [--dry-run]``; RETENTION_YEARS overrides the default
period.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from flask.cli import with_appcontext
from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from semak.archive.models import ArchiveFile
from semak.archive.retention import Released, expired_batches, purge_batch
from semak.audit import forget_words, scrub_trail
from semak.config import Settings
from semak.models import (
    Claim,
    Correction,
    Fingerprint,
    Report,
    Signal,
    StoredDocument,
    utcnow,
)
from semak.pageimages import delete_renders

if TYPE_CHECKING:
    from semak.services import Services

log = logging.getLogger(__name__)
DEFAULT_YEARS = Settings.retention_years
PAGE_CACHE_DAYS = 30  # read pages (their text holds IC numbers) kept for resuming, no longer
KEPT_CLAIM_KEYS = ("claim_type", "accident_kind", "employment_status", "submitted_on")
PURGED = "purged"
COMPARED = "compared"  # semak.signals.COMPARED: the claim was compared, take no fingerprint


@dataclass
class Purged:
    claims: int = 0
    files_deleted: int = 0
    page_images_deleted: int = 0
    cached_pages_deleted: int = 0
    archive_batches: int = 0
    audit_rows_scrubbed: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_verdict: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    public_ids: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        return {
            "claims": self.claims,
            "files_deleted": self.files_deleted,
            "page_images_deleted": self.page_images_deleted,
            "cached_pages_deleted": self.cached_pages_deleted,
            "archive_batches": self.archive_batches,
            "audit_rows_scrubbed": self.audit_rows_scrubbed,
            "by_type": dict(self.by_type),
            "by_verdict": dict(self.by_verdict),
            "by_status": dict(self.by_status),
        }


def cutoff_for(now: datetime, years: float) -> datetime:
    return now - timedelta(days=round(365.25 * years))


def expired_claims(s: Session, cutoff: datetime) -> list[Claim]:
    """Claims not yet purged whose last activity (see the module's docstring) is before
    ``cutoff``, whatever their status."""
    return list(
        s.scalars(
            select(Claim)
            .where(Claim.purged_at.is_(None), *_inactive_since(cutoff))
            .order_by(Claim.id)
        )
    )


def _inactive_since(cutoff: datetime) -> list[ColumnElement[bool]]:
    def none_after(model: Any, column: Any) -> ColumnElement[bool]:
        return ~exists().where(model.claim_id == Claim.id, column >= cutoff)

    return [
        Claim.created_at < cutoff,
        Claim.updated_at < cutoff,
        or_(Claim.closed_at.is_(None), Claim.closed_at < cutoff),
        or_(Claim.decided_at.is_(None), Claim.decided_at < cutoff),
        none_after(StoredDocument, StoredDocument.uploaded_at),
        none_after(Report, Report.created_at),
        none_after(Correction, Correction.created_at),
    ]


def purge_expired(
    svc: Services,
    *,
    years: float = DEFAULT_YEARS,
    now: datetime | None = None,
    dry_run: bool = False,
    cache_days: float = PAGE_CACHE_DAYS,
) -> Purged:
    """Purge every claim and archive batch last active before ``now - years``; anonymous
    counts of what was done."""
    now = now or utcnow()
    cutoff = cutoff_for(now, years)
    out = Purged()
    with svc.db.Session() as s:
        for claim in expired_claims(s, cutoff):
            out.claims += 1
            out.by_type[claim.claim_type] += 1
            out.by_verdict[claim.verdict or "none"] += 1
            out.by_status[claim.status] += 1
            out.public_ids.append(claim.public_id)
            if dry_run:
                continue
            released = _purge_claim(s, claim, now)
            s.commit()  # rows first: a crash now leaves blobs, never rows pointing at nothing
            _release(s, svc, released, out)
        for batch_id in expired_batches(s, cutoff):
            out.archive_batches += 1
            if dry_run:
                continue
            released = purge_batch(s, batch_id)
            s.commit()
            _release(s, svc, released, out)
        if not dry_run:
            out.audit_rows_scrubbed = scrub_trail(s)
            s.commit()
    if not dry_run:
        for root in page_cache_dirs(svc):
            out.cached_pages_deleted += prune_page_cache(root, now - timedelta(days=cache_days))
    log.info("retention: %s", out.counts())
    return out


def page_cache_dirs(svc: Services) -> list[Path]:
    """Where read pages are kept on disk: the archive's cache and SEMAK_CACHE_DIR."""
    dirs = [svc.settings.instance_dir / "page-cache"]
    if svc.settings.cache_dir is not None:
        dirs.append(svc.settings.cache_dir)
    return [d for d in dirs if d.is_dir()]


def prune_page_cache(root: Path, before: datetime) -> int:
    """Delete cached pages written before ``before``; how many went."""
    limit = before.timestamp()
    gone = 0
    for entry in root.rglob("*.json"):
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
                gone += 1
        except FileNotFoundError:  # another pruner or a worker's rewrite got there first
            continue
    return gone


def _purge_claim(s: Session, claim: Claim, now: datetime) -> Released:
    data = claim.data or {}
    claim.data = {k: data[k] for k in KEPT_CLAIM_KEYS if k in data}
    claim.purged_at = now
    claim.insured_ic = ""
    claim.reference = PURGED
    claim.status_reason = None
    claim.decision_message = None
    claim.progress = {}
    forget_words(s, claim.id)  # the officer's message recorded with the decision
    released = Released()
    for doc in claim.documents:
        if doc.storage_key:
            released.keys.add(doc.storage_key)
        if doc.sha256:
            released.hashes.add(doc.sha256)
        doc.original_name, doc.sha256, doc.storage_key = PURGED, "", ""
        doc.result = None
    for report in s.scalars(select(Report).where(Report.claim_id == claim.id)):
        report.data = anonymous_report(report.data or {})
    for corr in s.scalars(select(Correction).where(Correction.claim_id == claim.id)):
        corr.old_value = corr.new_value = None
        corr.document_file = PURGED
    for sig in s.scalars(
        select(Signal).where((Signal.claim_id == claim.id) | (Signal.other_claim_id == claim.id))
    ):
        sig.detail = {}
    _purge_fingerprints(s, claim)
    return released


def _purge_fingerprints(s: Session, claim: Claim) -> None:
    """Delete the claim's fingerprint rows; one valueless ``compared`` row for its current
    report stays, so that it is neither fingerprinted again nor compared with new claims."""
    for row in list(s.scalars(select(Fingerprint).where(Fingerprint.claim_id == claim.id))):
        s.delete(row)
    current = s.scalar(
        select(Report.id).where(Report.claim_id == claim.id).order_by(Report.id.desc()).limit(1)
    )
    if current is not None:
        s.add(Fingerprint(claim_id=claim.id, report_id=current, kind=COMPARED, value=""))


def anonymous_report(report: dict[str, Any]) -> dict[str, Any]:
    """What a report says about no one: the verdict and the codes of its findings."""
    return {
        "claim_type": report.get("claim_type"),
        "verdict": report.get("verdict"),
        "findings": [
            {"code": f.get("code"), "severity": f.get("severity")}
            for f in report.get("findings", [])
            if isinstance(f, dict)
        ],
        "requirements": [
            {"doc_type": r.get("doc_type"), "status": r.get("status")}
            for r in report.get("requirements", [])
            if isinstance(r, dict)
        ],
        "documents": len(report.get("documents", []) or []),
        "purged": True,
    }


def _release(s: Session, svc: Services, released: Released, out: Purged) -> None:
    """After the rows' commit: the blobs and page renders no remaining row still needs."""
    out.files_deleted += _delete_unreferenced(s, svc, released.keys)
    for sha in sorted(released.hashes):
        if not _content_needed(s, sha):
            out.page_images_deleted += delete_renders(svc.settings.instance_dir, sha)


def _content_needed(s: Session, sha256: str) -> bool:
    doc = s.scalar(select(StoredDocument.id).where(StoredDocument.sha256 == sha256).limit(1))
    archived = s.scalar(select(ArchiveFile.id).where(ArchiveFile.sha256 == sha256).limit(1))
    return doc is not None or archived is not None


def _delete_unreferenced(s: Session, svc: Services, keys: set[str]) -> int:
    deleted = 0
    for key in sorted(keys):
        if _still_needed(s, key):
            continue  # the same bytes belong to a claim not yet due, or to an archive file
        try:
            if svc.storage.exists(key):
                path = svc.storage.path(key)
                path.chmod(0o600)  # stored originals are read-only
                svc.storage.delete(key)
                deleted += 1
        except (OSError, ValueError) as exc:
            log.warning("retention: could not delete a stored file: %s", type(exc).__name__)
    return deleted


def _still_needed(s: Session, key: str) -> bool:
    doc = s.scalar(select(StoredDocument.id).where(StoredDocument.storage_key == key).limit(1))
    archived = s.scalar(select(ArchiveFile.id).where(ArchiveFile.storage_key == key).limit(1))
    return doc is not None or archived is not None


@click.command("retention")
@click.option(
    "--years", type=float, default=None, help="Period after the last activity (default 7)."
)
@click.option("--dry-run", is_flag=True, help="Only count what would be purged.")
@with_appcontext
def retention_cli(years: float | None, dry_run: bool) -> None:
    """Delete stored files and personal fields of claims and archive batches last active
    longer ago than the period."""
    import json

    from semak.services import services

    if years is None:
        years = services().settings.retention_years
    result = purge_expired(services(), years=years, dry_run=dry_run)
    click.echo(json.dumps({"dry_run": dry_run, "years": years, **result.counts()}))
