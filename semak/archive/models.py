"""Tables of the archive path (bulk scans), on the service's ``semak.models.Base``.

    archive_batches    one ``archive ingest`` batch: a name, the folder it came from
    archive_files      one scanned file of a batch: stored once (content hash), its job, progress
    archive_pages      every page of every file: readable or not, separator, which document
    archive_documents  the documents intake found in a file (the intake Document as JSON)
    archive_claims     the claims grouping made of a batch's documents, with their reports

Migration: migrations/versions/0002_archive.py (keep the two together).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from semak.models import Base, utcnow


class FileStatus(StrEnum):
    QUEUED = "queued"
    READING = "reading"
    DONE = "done"
    FAILED = "failed"
    DUPLICATE = "duplicate"  # the same bytes as another file of the batch: read once

    @property
    def finished(self) -> bool:
        return self in (FileStatus.DONE, FileStatus.FAILED, FileStatus.DUPLICATE)


class ArchiveBatch(Base):
    __tablename__ = "archive_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    root: Mapped[str] = mapped_column(Text)  # the folder ingested (as given)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    grouped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    grouped_files: Mapped[int] = mapped_column(Integer, default=0)  # finished files then
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ArchiveFile(Base):
    __tablename__ = "archive_files"
    __table_args__ = (UniqueConstraint("batch_id", "path"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("archive_batches.id"), index=True)
    path: Mapped[str] = mapped_column(String(1000))  # relative to the batch's root
    position: Mapped[int] = mapped_column(Integer, default=0)  # walk order
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    storage_key: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer, default=0)
    pages_total: Mapped[int] = mapped_column(Integer, default=0)  # 0 until counted
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default=FileStatus.QUEUED)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # jobs started
    enqueued: Mapped[int] = mapped_column(Integer, default=0)  # jobs queued (part of job id)
    job_id: Mapped[str | None] = mapped_column(String(120))
    duplicate_of_id: Mapped[int | None] = mapped_column(Integer)
    worker: Mapped[str | None] = mapped_column(String(200))
    peak_rss_kb: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ArchivePage(Base):
    __tablename__ = "archive_pages"
    __table_args__ = (UniqueConstraint("file_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("archive_files.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1-based page of the file
    kind: Mapped[str] = mapped_column(String(16))  # content, blank, separator, unreadable
    readable: Mapped[bool] = mapped_column(default=True)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    quality: Mapped[float] = mapped_column(Float, default=0.0)  # as 0002_archive made it
    error_code: Mapped[str | None] = mapped_column(String(64))
    document_position: Mapped[int | None] = mapped_column(Integer)  # within the file


class ArchiveDocument(Base):
    __tablename__ = "archive_documents"
    __table_args__ = (UniqueConstraint("file_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("archive_batches.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("archive_files.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order within the file
    first_page: Mapped[int] = mapped_column(Integer)
    separator_before: Mapped[bool] = mapped_column(default=False)
    doc_type: Mapped[str] = mapped_column(String(40))
    readable: Mapped[bool] = mapped_column(default=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # intake Document.to_dict()
    claim_key: Mapped[str | None] = mapped_column(String(40))  # None: unassigned
    assignment_reason: Mapped[str | None] = mapped_column(String(200))


class ArchiveClaim(Base):
    __tablename__ = "archive_claims"
    __table_args__ = (UniqueConstraint("batch_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("archive_batches.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))  # A0001, A0002 ... within the batch
    claim_type: Mapped[str | None] = mapped_column(String(40))
    insured_ic: Mapped[str | None] = mapped_column(String(14), index=True)  # digits only
    document_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    claim_data: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # claim.json as inferred
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    verdict: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)  # why it was not verified
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
