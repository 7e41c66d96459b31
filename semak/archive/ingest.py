"""Ingest a folder tree as a batch, and report a batch's progress.

``ingest`` is idempotent and resumable: a file already in the batch is not stored again; a
finished file is skipped; a file whose job is gone (Redis lost, worker killed, the ingest
itself stopped before queueing it) or whose reader stopped beating (``stale_after`` seconds
without a page) is queued again. Files of the same bytes are read once (``duplicate``).
Symbolic links under the folder are never followed (one could point at any file the service
can read): they are skipped and listed in the result (``links_skipped``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rq.job import JobStatus
from sqlalchemy import select
from sqlalchemy.orm import Session

from semak.archive import jobs
from semak.archive.models import ArchiveBatch, ArchiveClaim, ArchiveDocument, ArchiveFile
from semak.archive.models import FileStatus as FS
from semak.services import Services

log = logging.getLogger(__name__)
EXTENSIONS = frozenset({".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".heic"})
SKIPPED_NAMES = frozenset({"claim.json", "truth.json", "expected_report.json"})
STALE_AFTER = 300.0  # seconds without a page read before a reading job counts as dead
LIVE = {JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED}


@dataclass
class IngestResult:
    batch: str
    files: int = 0
    new: int = 0
    queued: int = 0
    running: int = 0
    finished: int = 0
    duplicates: int = 0
    links_skipped: list[str] = field(default_factory=list)  # relative paths, not followed


@dataclass
class BatchStatus:
    batch: str
    files: int = 0
    files_finished: int = 0
    files_failed: int = 0
    duplicates: int = 0
    pages_total: int = 0
    pages_done: int = 0
    pages_per_minute: float = 0.0
    eta_seconds: float | None = None
    grouped: bool = False
    claims: int = 0
    unassigned: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # path, code, message

    @property
    def done(self) -> bool:
        return self.files > 0 and self.files_finished == self.files and self.grouped


def walk(root: Path) -> list[Path]:
    """Scanned files under ``root``, in a stable order (sorted relative paths); no links."""
    return walk_tree(root)[0]


def walk_tree(root: Path) -> tuple[list[Path], list[Path]]:
    """(scanned files, symbolic links skipped) under ``root``, each in sorted order. A link,
    or anything reached through a linked folder, is never read."""
    if root.is_file():
        return [root], []
    files, links = [], []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or p.name in SKIPPED_NAMES:
            continue
        if _linked(root, rel):
            if p.is_symlink():
                links.append(p)
            continue
        if p.is_file() and p.suffix.lower() in EXTENSIONS:
            files.append(p)
    return files, links


def _linked(root: Path, rel: Path) -> bool:
    """Whether ``root / rel`` is a link or lies under one."""
    here = root
    for part in rel.parts:
        here = here / part
        if here.is_symlink():
            return True
    return False


def ingest(
    svc: Services,
    root: Path,
    batch_name: str | None = None,
    *,
    stale_after: float = STALE_AFTER,
    retry_failed: bool = False,
    on_file: Callable[[str], None] | None = None,
) -> IngestResult:
    root = root.resolve()
    name = batch_name or root.name
    batch_id = _batch(svc, name, root)
    result = IngestResult(name)
    base = root if root.is_dir() else root.parent
    files, links = walk_tree(root)
    result.links_skipped = [p.relative_to(base).as_posix() for p in links]
    if links:
        log.warning("archive ingest: %d symbolic links skipped, not followed", len(links))
    for position, path in enumerate(files):
        rel = path.relative_to(base).as_posix()
        with svc.db.session() as s:
            state, new = _one(svc, s, batch_id, position, path, rel, stale_after, retry_failed)
            todo = _queue_ref(s, batch_id, rel) if state == "queued" else None
        if todo is not None:  # queued after the commit: the job reads the row
            jobs.enqueue_file(svc, *todo)
        result.files += 1
        result.new += new
        setattr(result, state, getattr(result, state) + 1)
        if on_file:
            on_file(rel)
    jobs.maybe_group(svc, batch_id)
    return result


def _batch(svc: Services, name: str, root: Path) -> int:
    with svc.db.session() as s:
        batch = s.scalar(select(ArchiveBatch).where(ArchiveBatch.name == name))
        if batch is None:
            batch = ArchiveBatch(name=name, root=str(root), summary={})
            s.add(batch)
            s.flush()
        return batch.id


def _one(
    svc: Services,
    s: Session,
    batch_id: int,
    position: int,
    path: Path,
    rel: str,
    stale_after: float,
    retry_failed: bool,
) -> tuple[str, bool]:
    """Store, queue or skip one file: which of IngestResult's counters, and whether new."""
    q = select(ArchiveFile).where(ArchiveFile.batch_id == batch_id, ArchiveFile.path == rel)
    f = s.scalar(q)
    if f is None:
        f = _store(svc, s, batch_id, position, path, rel)
        if f.status == FS.DUPLICATE:
            return "duplicates", True
        jobs.next_job(f)
        return "queued", True
    if f.status == FS.FAILED and retry_failed:
        f.status, f.error_code, f.error_message = FS.QUEUED, None, None
    if FS(f.status).finished:
        return "finished", False
    if _alive(svc, f, stale_after):
        return "running", False
    jobs.next_job(f)
    return "queued", False


def _queue_ref(s: Session, batch_id: int, rel: str) -> tuple[int, str, int]:
    q = select(ArchiveFile).where(ArchiveFile.batch_id == batch_id, ArchiveFile.path == rel)
    f = s.scalars(q).one()
    return f.id, f.job_id or "", f.pages_total


def _store(
    svc: Services, s: Session, batch_id: int, position: int, path: Path, rel: str
) -> ArchiveFile:
    from intake.files import file_media_type
    from semak.archive.pages import count_pages

    with path.open("rb") as fh:
        stored = svc.storage.put(fh)
    f = ArchiveFile(
        batch_id=batch_id,
        path=rel,
        position=position,
        sha256=stored.sha256,
        storage_key=stored.key,
        size=stored.size,
        enqueued=0,
        attempts=0,
        pages_done=0,
        pages_total=count_pages(svc.storage.path(stored.key)),
    )
    twin = s.scalar(
        select(ArchiveFile).where(
            ArchiveFile.batch_id == batch_id, ArchiveFile.sha256 == stored.sha256
        )
    )
    if twin is not None:
        f.status, f.duplicate_of_id = FS.DUPLICATE, twin.id
        f.error_message = f"the same bytes as {twin.path}"
    s.add(f)
    s.flush()
    kind = file_media_type(path) or "an unread type"
    log.info("archive file %s stored (%s, %d pages)", f.id, kind, f.pages_total)
    return f


def _alive(svc: Services, f: ArchiveFile, stale_after: float) -> bool:
    """Whether the file's job will still run: queued, or reading with a recent heartbeat."""
    job = jobs.fetch(svc, f.job_id)
    if job is None:
        return False
    status = job.get_status(refresh=True)
    if status in LIVE:
        return True
    if status == JobStatus.STARTED and f.heartbeat_at is not None:
        beat = f.heartbeat_at if f.heartbeat_at.tzinfo else f.heartbeat_at.replace(tzinfo=UTC)
        return (datetime.now(UTC) - beat).total_seconds() < stale_after
    return False


# --- status --------------------------------------------------------------------------------


def batch_status(svc: Services, name: str) -> BatchStatus | None:
    with svc.db.Session() as s:
        batch = s.scalar(select(ArchiveBatch).where(ArchiveBatch.name == name))
        if batch is None:
            return None
        files = list(s.scalars(select(ArchiveFile).where(ArchiveFile.batch_id == batch.id)))
        st = BatchStatus(name, files=len(files))
        for f in files:
            st.files_finished += FS(f.status).finished
            st.files_failed += f.status == FS.FAILED
            st.duplicates += f.status == FS.DUPLICATE
            if f.status != FS.DUPLICATE:
                st.pages_total += max(f.pages_total, f.pages_done)
                st.pages_done += f.pages_done if f.status != FS.FAILED else f.pages_total
            if f.status == FS.FAILED:
                st.failures.append((f.path, f.error_code or "", f.error_message or ""))
        _pace(st, files)
        st.grouped = batch.grouped_at is not None and batch.grouped_files == len(files)
        if st.grouped:
            st.claims = _count(s, select(ArchiveClaim.id).where(ArchiveClaim.batch_id == batch.id))
            loose = ArchiveDocument.claim_key.is_(None)
            query = select(ArchiveDocument.id).where(ArchiveDocument.batch_id == batch.id, loose)
            st.unassigned = _count(s, query)
        return st


def _count(s: Session, query: Any) -> int:
    return len(s.scalars(query).all())


def _pace(st: BatchStatus, files: list[ArchiveFile]) -> None:
    """Pages per minute since the first file started, and the time left at that pace."""
    starts = [_aware(f.started_at) for f in files if f.started_at is not None]
    read = sum(f.pages_done for f in files if f.started_at is not None and f.status != FS.FAILED)
    if not starts or not read:
        return
    ends = [_aware(f.finished_at) for f in files if f.finished_at is not None]
    end = max(ends) if st.files_finished == st.files and ends else datetime.now(UTC)
    minutes = max((end - min(starts)).total_seconds() / 60.0, 1e-6)
    st.pages_per_minute = read / minutes
    left = max(st.pages_total - st.pages_done, 0)
    st.eta_seconds = 60.0 * left / st.pages_per_minute if st.pages_per_minute else None


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)
