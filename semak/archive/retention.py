"""Retention of archive batches (called by ``semak.retention.purge_expired``).

A batch's last activity is the newest of its creation, its grouping, and its files' creation,
start, heartbeat and finish. A batch last active before the cut-off goes whole: the rows of its
claims, documents, pages (the page index is built from these) and files, then the batch row;
the caller deletes the blobs no other row still needs, after the commit.
"""

from __future__ import annotations

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


def purge_batch(s: Session, batch_id: int) -> set[str]:
    """Delete a batch and every row under it (not committed); the storage keys it held."""
    file_ids = select(ArchiveFile.id).where(ArchiveFile.batch_id == batch_id)
    keys = {
        k
        for k in s.scalars(select(ArchiveFile.storage_key).where(ArchiveFile.batch_id == batch_id))
        if k
    }
    s.execute(delete(ArchiveClaim).where(ArchiveClaim.batch_id == batch_id))
    s.execute(delete(ArchiveDocument).where(ArchiveDocument.batch_id == batch_id))
    s.execute(delete(ArchivePage).where(ArchivePage.file_id.in_(file_ids)))
    s.execute(delete(ArchiveFile).where(ArchiveFile.batch_id == batch_id))
    s.execute(delete(ArchiveBatch).where(ArchiveBatch.id == batch_id))
    return keys
