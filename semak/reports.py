"""What a claim's verification stores: the reading of each file, and the report.

    store_reading   the FileResults on their StoredDocuments: status, pages, the reading
                    (pages with sizes and word boxes for the officer's viewer, documents
                    with their fields for a re-verification)
    load_reading    those FileResults back, for the rules to run again without re-reading
    save_report     a verifier Report as the claim's newest report: its verdict and its
                    deadline (``verifier.models.report_deadline``, the one rule)

The job (``semak.jobs``) and the portal's re-verification (``semak.web.portal``) both call
these; no report is parsed back into intake's objects. No Flask here.
"""

from __future__ import annotations

import logging
from typing import Any, TypeGuard

from sqlalchemy.orm import Session

from intake.pipeline import FileResult
from semak.corrections import OfficerCorrection
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


def save_report(
    s: Session, claim: Claim, report: Report, corrections: list[OfficerCorrection]
) -> ReportRow:
    """The claim's newest report, listing the officers' corrections applied to it (none: no
    key); the claim's verdict and deadline follow it."""
    data = report.to_dict()
    if corrections:
        data["corrections"] = [c.to_dict() for c in corrections]
    row = ReportRow(claim_id=claim.id, data=data, verdict=str(report.verdict))
    s.add(row)
    claim.verdict = str(report.verdict)
    claim.deadline = report_deadline(report) or claim.deadline
    return row
