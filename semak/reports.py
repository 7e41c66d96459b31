"""What a claim's verification stores: the reading of each file, and the report.

    store_reading   the FileResults on their StoredDocuments: status, pages, the reading
                    (pages with sizes and word boxes for the officer's viewer, documents
                    with their fields for a re-verification)
    load_reading    those FileResults back, for the rules to run again without re-reading
    report_record   a verifier Report as it is stored: the JSON, its verdict and deadline
                    (``verifier.models.report_deadline``, the one rule), for a claim's
                    report (save_report) and an archive claim's (``semak.archive.claims``)
    save_report     a verifier Report as the claim's newest report: its verdict and its
                    deadline
    reverify_claim  the portal's re-verification after a correction: load_reading, the
                    corrections applied and the rules run (``semak.corrections.reverify``,
                    ``verifier.bundle.verify_reading``), save_report

The job (``semak.jobs``) and the portal's re-verification both call these; no report is
parsed back into intake's objects. No Flask here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeGuard

from sqlalchemy.orm import Session

from intake.pipeline import FileResult
from semak import audit
from semak.corrections import OfficerCorrection, for_claim, reverify
from semak.models import Claim
from semak.models import Report as ReportRow
from verifier.models import Report, report_deadline

log = logging.getLogger(__name__)
MAX_WORDS_PER_PAGE = 2000  # the viewer draws no more; keeps StoredDocument.result small
NOT_READ = "not_read"  # a stored file the reading has no result for


def store_reading(claim: Claim, reading: list[FileResult]) -> None:
    """Each stored file's status, page count and reading (``StoredDocument.result``, the
    FileResult's ``to_dict``). Words are personal data: stored with the claim, never logged."""
    by_name = {r.file: r for r in reading}
    for doc in claim.documents:
        result = by_name.get(doc.original_name)
        if result is None:
            doc.status, doc.error_code = "error", NOT_READ
            continue
        error = result.error_code
        doc.status, doc.error_code = ("error", error) if error else ("read", None)
        doc.pages = len(result.pages) or doc.pages
        doc.result = result.to_dict(max_words=MAX_WORDS_PER_PAGE)


def load_reading(claim: Claim) -> list[FileResult] | None:
    """The claim's stored reading, file by file in upload order; None when a file has none
    (not read yet, or stored before readings were kept whole: read it again)."""
    out = []
    for doc in claim.documents:
        stored = doc.result
        if not has_reading(stored):
            return None
        out.append(FileResult.from_dict(stored))
    return out


def has_reading(stored: Any) -> TypeGuard[dict[str, Any]]:
    """A whole reading (a FileResult's dict), not the word boxes kept before (pages only)."""
    return isinstance(stored, dict) and "documents" in stored and "sha256" in stored


@dataclass(frozen=True)
class ReportRecord:
    """A report as stored, with what the queue sorts and filters on."""

    data: dict[str, Any]
    verdict: str
    deadline: date | None


def report_record(
    report: Report,
    corrections: list[OfficerCorrection] | None = None,
    **extra: Any,
) -> ReportRecord:
    """The stored form of ``report``: listing the officers' corrections applied to it (none:
    no key) and ``extra`` keys of its origin (an archive claim's ``source``...)."""
    data = {**report.to_dict(), **extra}
    if corrections:
        data["corrections"] = [c.to_dict() for c in corrections]
    return ReportRecord(data, str(report.verdict), report_deadline(report))


def save_report(
    s: Session, claim: Claim, report: Report, corrections: list[OfficerCorrection]
) -> ReportRow:
    """The claim's newest report (:func:`report_record`); the claim's verdict and deadline
    follow it."""
    record = report_record(report, corrections)
    row = ReportRow(claim_id=claim.id, data=record.data, verdict=record.verdict)
    s.add(row)
    claim.verdict = record.verdict
    claim.deadline = record.deadline or claim.deadline
    return row


def reverify_claim(s: Session, claim: Claim, claim_data: dict[str, Any]) -> bool:
    """A new report (committed) from the claim's stored reading plus its corrections, the rules
    only (seconds: no re-reading), saved as the job saves one; False if there is no stored
    reading (read before readings were kept) or the rules failed: the caller queues a full
    re-run. ``claim_data``: the claim's claim.json (``semak.claims.claim_json``)."""
    reading = load_reading(claim)
    if reading is None:
        return False
    corrections = for_claim(s, claim.id)
    try:
        new = reverify(claim_data, reading, corrections, today=date.today())
    except Exception:  # the rules must not break the page: the caller queues a full re-run
        log.exception("re-verifying claim %s failed", claim.public_id)
        s.rollback()
        return False
    save_report(s, claim, new, corrections)
    audit.note(s, claim, None, "reverified", {"verdict": str(new.verdict)})
    s.commit()
    return True
