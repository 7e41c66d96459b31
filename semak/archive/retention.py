"""Retention of archive batches (called by ``semak.retention.purge_expired``).

A batch's last activity is the newest of its creation, its grouping, and its files' creation,
start, heartbeat and finish. A batch last active before the cut-off goes whole: the rows of its
claims, documents, pages (the page index is built from these) and files, then the batch row;
the caller deletes the blobs no other row still needs, and their cached page images
(``semak.pageimages``), after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from semak.archive.models import (
    ArchiveBatch,
    ArchiveClaim,
    ArchiveDocument,
    ArchiveFile,
    ArchivePage,
)


@dataclass
class Released:
    """What purged rows held on disk: storage keys and content hashes (their page renders)."""

    keys: set[str] = field(default_factory=set)
    hashes: set[str] = field(default_factory=set)


def expired_batches(s: Session, cutoff: datetime) -> list[int]:
    """Ids of the batches last active before ``cutoff``."""
    F = ArchiveFile
    recent_file = exists().where(
        F.batch_id == ArchiveBatch.id,
        or_(
            F.created_at >= cutoff,
            F.started_at >= cutoff,
            F.heartbeat_at >= cutoff,
            F.finished_at >= cutoff,
        ),
    )
    recent_claim = exists().where(
        ArchiveClaim.batch_id == ArchiveBatch.id, ArchiveClaim.created_at >= cutoff
    )
    rows = s.scalars(
        select(ArchiveBatch.id)
        .where(
            ArchiveBatch.created_at < cutoff,
            or_(ArchiveBatch.grouped_at.is_(None), ArchiveBatch.grouped_at < cutoff),
            ~recent_file,
            ~recent_claim,
        )
        .order_by(ArchiveBatch.id)
    )
    return list(rows)


def purge_batch(s: Session, batch_id: int) -> Released:
    """Delete a batch and every row under it (not committed); the storage keys and content
    hashes it held."""
    file_ids = select(ArchiveFile.id).where(ArchiveFile.batch_id == batch_id)
    held = s.execute(
        select(ArchiveFile.storage_key, ArchiveFile.sha256).where(ArchiveFile.batch_id == batch_id)
    ).all()
    out = Released({k for k, _ in held if k}, {h for _, h in held if h})
    s.execute(delete(ArchiveClaim).where(ArchiveClaim.batch_id == batch_id))
    s.execute(delete(ArchiveDocument).where(ArchiveDocument.batch_id == batch_id))
    s.execute(delete(ArchivePage).where(ArchivePage.file_id.in_(file_ids)))
    s.execute(delete(ArchiveFile).where(ArchiveFile.batch_id == batch_id))
    s.execute(delete(ArchiveBatch).where(ArchiveBatch.id == batch_id))
    return out
