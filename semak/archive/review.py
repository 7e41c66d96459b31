"""Archive claims in the officers' review queue, beside uploaded claims.

An archive claim (``ArchiveClaim``: grouped from a scanned batch, verified like an upload)
joins the queue when its verdict asks for an officer, with its origin (the batch) shown, and
is found by the same search: claim reference, an IC number or its first digits, or the start
of the insured's name. ``QueueItem`` has the attributes the queue reads of a ``Claim``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from semak.archive.models import ArchiveBatch, ArchiveClaim
from verifier.models import report_deadline

MAX_ROWS = 500  # as the queue's own limit


@dataclass(frozen=True)
class QueueItem:
    """An archive claim as a row of the review queue."""

    batch: str
    key: str
    claim_type: str | None
    insured_ic: str
    verdict: str | None
    deadline: date | None
    created_at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    id: None = None  # no uploaded claim behind it: no signals, no employer account
    organisation_id: None = None
    decision: None = None
    sampled_for_review: bool = False

    @property
    def reference(self) -> str:
        return f"{self.batch}/{self.key}"

    @property
    def origin(self) -> str:
        return self.batch


def search_conditions(q: str, reference: Any, ic: Any, name: Any) -> list[ColumnElement[bool]]:
    """What a queue search matches: the reference anywhere in it, an IC number whole or by its
    first 6+ digits, the insured's name by its start or a word's start (any case)."""
    q = q.strip()
    if not q:
        return []
    conds: list[ColumnElement[bool]] = [reference.icontains(q, autoescape=True)]
    digits = "".join(c for c in q if c.isdigit())
    if len(digits) >= 6 and not any(c.isalpha() for c in q):
        conds.append(ic.startswith(digits, autoescape=True))
    if any(c.isalpha() for c in q):
        conds.append(name.istartswith(q, autoescape=True))
        conds.append(name.icontains(" " + q, autoescape=True))
    return conds


def queue_items(
    s: Session, verdicts: Iterable[str], q: str = "", claim_type: str = ""
) -> list[QueueItem]:
    """Archive claims whose verdict is one of ``verdicts``, filtered as the queue is."""
    stmt = (
        select(ArchiveClaim, ArchiveBatch.name)
        .join(ArchiveBatch, ArchiveBatch.id == ArchiveClaim.batch_id)
        .where(ArchiveClaim.verdict.in_(list(verdicts)))
    )
    if claim_type:
        stmt = stmt.where(ArchiveClaim.claim_type == claim_type)
    name = ArchiveClaim.claim_data["insured_name"].as_string()
    reference = ArchiveBatch.name + "/" + ArchiveClaim.key
    conds = search_conditions(q, reference, ArchiveClaim.insured_ic, name)
    if conds:
        stmt = stmt.where(or_(*conds))
    rows = s.execute(stmt.order_by(ArchiveClaim.id).limit(MAX_ROWS)).all()
    return [_item(c, batch) for c, batch in rows]


def _item(c: ArchiveClaim, batch: str) -> QueueItem:
    return QueueItem(
        batch=batch,
        key=c.key,
        claim_type=c.claim_type,
        insured_ic=c.insured_ic or "",
        verdict=c.verdict,
        deadline=report_deadline(c.report),
        created_at=c.created_at,
        data=dict(c.claim_data or {}),
    )


@dataclass(frozen=True)
class ArchiveDocumentRow:
    """One document of an archive claim: the file it was found in and its first page."""

    file: str
    page: int
    doc_type: str
    readable: bool


def archive_claim(
    s: Session, batch: str, key: str
) -> tuple[ArchiveClaim, list[ArchiveDocumentRow]] | None:
    """The archive claim ``key`` of batch ``batch`` with its documents in file and page order;
    None when there is no such claim."""
    from semak.archive.models import ArchiveDocument, ArchiveFile

    row = s.execute(
        select(ArchiveClaim)
        .join(ArchiveBatch, ArchiveBatch.id == ArchiveClaim.batch_id)
        .where(ArchiveBatch.name == batch, ArchiveClaim.key == key)
    ).scalar_one_or_none()
    if row is None:
        return None
    docs = s.execute(
        select(ArchiveDocument, ArchiveFile.path)
        .join(ArchiveFile, ArchiveFile.id == ArchiveDocument.file_id)
        .where(ArchiveDocument.id.in_([int(i) for i in row.document_ids or []]))
        .order_by(ArchiveFile.position, ArchiveDocument.first_page)
    ).all()
    return row, [ArchiveDocumentRow(path, d.first_page, d.doc_type, d.readable) for d, path in docs]
