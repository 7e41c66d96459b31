"""RQ jobs of the archive path, on the low-priority ``archive`` queue.

    read_file(file_id)    one stored file: pages streamed one at a time, each page and each
                          document persisted as soon as it is read (progress, resumability);
                          when it is the batch's last file, queues group_batch
    read_part(file_id, job_id, attempt, first, last)
                          a helper of a long file's job: reads pages first..last that no other
                          worker has claimed and leaves them to it in Redis (semak/parts.py)
    group_batch(batch_id) documents -> claims (grouping.py), each claim verified like an upload

A job's first argument is its file's or batch's id (the worker's horse-killed hook reads it).
A file read again (retry, resumed batch) starts from page 1: its old rows are replaced, and
the page cache (intake.cache, on disk under the instance folder) spares the OCR of pages
already read. After a work horse died on the file (Tesseract crashing in it), the retry reads
with the ``tesseract`` command, one process per page (semak.jobs.read_options), and alone; a
file whose every attempt fails, exception or dead horse, ends ``failed`` with its reason.
"""

from __future__ import annotations

import contextlib
import logging
import resource
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rq import Callback, Queue, Retry, get_current_job
from rq.exceptions import DuplicateJobError
from rq.job import Job
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from intake.errors import SemakError
from intake.models import Page
from semak.archive.models import ArchiveBatch, ArchiveDocument, ArchiveFile, ArchivePage
from semak.archive.models import FileStatus as FS
from semak.models import utcnow
from semak.parts import PART_PAGES, PageBoard, helper_pages, job_running, owner_pages, ranges
from semak.queue import ARCHIVE
from semak.services import Services, services
from semak.workhorse import ISOLATED_ENGINE, horse_deaths

log = logging.getLogger(__name__)
READ_FILE = "semak.archive.jobs.read_file"
READ_PART = "semak.archive.jobs.read_part"
GROUP_BATCH = "semak.archive.jobs.group_batch"
ON_FAILURE = "semak.archive.jobs.on_failure"
SECONDS_PER_PAGE = 20  # the job's time limit: generous, a page reads in 1-3 s


# --- enqueueing ----------------------------------------------------------------------------


def next_job(f: ArchiveFile) -> str:
    """A new job id for the file (commit it before ``enqueue_file``: the job checks it)."""
    f.enqueued += 1
    f.job_id = f"archive-file-{f.id}-{f.enqueued}"
    return f.job_id


def enqueue_file(svc: Services, file_id: int, job_id: str, pages: int) -> None:
    """Queue the reading of a file whose row (with ``job_id``) is committed."""
    s = svc.settings
    retry = None
    if s.job_retries:
        retry = Retry(max=s.job_retries, interval=list(s.job_retry_intervals))
    Queue(ARCHIVE, connection=svc.redis).enqueue_call(
        READ_FILE,
        args=(file_id,),
        job_id=job_id,
        timeout=max(s.job_timeout, 600 + SECONDS_PER_PAGE * pages),
        result_ttl=24 * 3600,
        failure_ttl=7 * 24 * 3600,
        retry=retry,
        on_failure=Callback(ON_FAILURE),
        description=f"archive file {file_id}",
    )


def enqueue_parts(
    svc: Services, file_id: int, owner: str, attempt: int, spans: list[tuple[int, int]]
) -> None:
    """Queue the helpers of a long file's job at the front: idle workers join in at once."""
    queue = Queue(ARCHIVE, connection=svc.redis)
    for first, last in reversed(spans):  # at the front, so the first range goes first
        queue.enqueue_call(
            READ_PART,
            args=(file_id, owner, attempt, first, last),
            job_id=f"{owner}-a{attempt}-p{first}",
            timeout=max(svc.settings.job_timeout, 600 + SECONDS_PER_PAGE * PART_PAGES),
            result_ttl=600,
            failure_ttl=24 * 3600,
            at_front=True,
            description=f"archive file {file_id} pages {first}-{last}",
        )


def fetch(svc: Services, job_id: str | None) -> Job | None:
    if not job_id:
        return None
    try:
        return Job.fetch(job_id, connection=svc.redis)
    except Exception:  # no such job (expired, Redis flushed)
        return None


def enqueue_grouping(svc: Services, batch_id: int, state: str) -> None:
    with contextlib.suppress(DuplicateJobError):
        Queue(ARCHIVE, connection=svc.redis).enqueue_call(
            GROUP_BATCH,
            args=(batch_id,),
            job_id=f"archive-group-{batch_id}-{state}",
            timeout=max(svc.settings.job_timeout, 1800),
            result_ttl=0,
            description=f"archive grouping {batch_id}",
            unique=True,
        )


def maybe_group(svc: Services, batch_id: int) -> bool:
    """Queue the grouping when every file of the batch is finished and not yet grouped."""
    with svc.db.session() as s:
        batch = s.get(ArchiveBatch, batch_id)
        statuses = list(
            s.scalars(select(ArchiveFile.status).where(ArchiveFile.batch_id == batch_id))
        )
        if batch is None or not statuses or not all(FS(x).finished for x in statuses):
            return False
        if batch.grouped_at is not None and batch.grouped_files == len(statuses):
            return False
        done = sum(1 for x in statuses if x == FS.DONE)
    enqueue_grouping(svc, batch_id, f"{len(statuses)}-{done}")
    return True


# --- reading one file ----------------------------------------------------------------------


@dataclass
class _Claimed:
    """What a job reading a file needs of its row."""

    path: Path
    name: str
    batch_id: int
    sha256: str
    pages_total: int
    attempt: int


def read_file(file_id: int) -> str:
    svc, job = services(), get_current_job()
    start = _start(svc, file_id, job)
    if start is None:
        return "skipped"
    writer = _Writer(svc, file_id, start)
    try:
        count = _stream(svc, writer, start.path, start.name)
    except SemakError as exc:  # the file itself is bad: it would fail again
        _finish(svc, file_id, FS.FAILED, exc.code, exc.message)
        maybe_group(svc, start.batch_id)
        return "failed"
    _finish(svc, file_id, FS.DONE, None, None, pages=count)
    maybe_group(svc, start.batch_id)
    log.info("archive file %s read: %d pages", file_id, count)
    return "done"


def _start(svc: Services, file_id: int, job: Job | None) -> _Claimed | None:
    """Claim the file for this job; None when it is finished or a newer job owns it."""
    with svc.db.session() as s:
        f = s.get(ArchiveFile, file_id)
        if f is None or FS(f.status).finished:
            return None
        if job is not None and f.job_id and job.id != f.job_id:
            return None  # an abandoned job of a resumed batch: the newer one reads the file
        f.status, f.error_code, f.error_message = FS.READING, None, None
        f.attempts += 1
        f.started_at = f.heartbeat_at = utcnow()
        f.pages_done, f.worker = 0, job.worker_name if job else None
        _clear(s, file_id)
        return _Claimed(svc.storage.path(f.storage_key), f.path, f.batch_id, f.sha256,
                        f.pages_total, f.attempts)  # fmt: skip


def _clear(s: Session, file_id: int) -> None:
    s.execute(delete(ArchiveDocument).where(ArchiveDocument.file_id == file_id))
    s.execute(delete(ArchivePage).where(ArchivePage.file_id == file_id))


def _stream(svc: Services, writer: _Writer, path: Path, name: str) -> int:
    from intake.understanding import document
    from semak.archive.pages import StreamSplitter

    read = _reader(svc, path, name, careful=True)
    splitter = StreamSplitter()
    count = 0
    for page in _file_pages(svc, writer, read):
        count += 1
        writer.page(page)
        for group in splitter.push(page):
            writer.document(document(group))
    for group in splitter.close():
        writer.document(document(group))
    return count


def _reader(svc: Services, path: Path, name: str, careful: bool) -> Callable[..., Any]:
    """iter_pages of the stored file with the archive's options and the page cache."""
    from intake.ocr import get_engine
    from semak.archive.pages import archive_options, iter_pages

    opts = archive_options(svc.settings.read_options())
    if opts.cache_dir is None:
        opts = archive_options(_with_cache(opts, svc.settings.instance_dir / "page-cache"))
    if careful:  # the owner: after a dead work horse, one process per page
        opts = _isolated_after_a_crash(opts)
    engine = get_engine(opts.engine, opts.tessdata_dir())

    def read(select: Callable[[int], bool] | None = None) -> Iterator[Page]:
        return iter_pages(path, name, opts, engine, select)

    return read


def _file_pages(svc: Services, writer: _Writer, read: Callable[..., Any]) -> Iterator[Page]:
    """The file's pages in order; a long file's shared with helper jobs (semak/parts.py), unless
    a work horse died on it (then one careful process reads it all)."""
    job = get_current_job()
    spans = ranges(writer.pages_total)
    if job is None or not spans or horse_deaths(job):
        yield from read()
        return
    PageBoard(svc.redis, f"{job.id}:{writer.attempt - 1}").clear()  # an earlier attempt's
    board = PageBoard(svc.redis, f"{job.id}:{writer.attempt}")
    enqueue_parts(svc, writer.file_id, job.id, writer.attempt, spans)
    try:
        yield from owner_pages(board, read, job.id, lambda by: _running(svc, by))
    finally:
        board.clear()


def _running(svc: Services, claimer: str) -> bool:
    """Whether the job that claimed a page (its id) still runs."""
    return job_running(svc.redis, claimer)


def read_part(file_id: int, owner: str, attempt: int, first: int, last: int) -> str:
    """A helper of the job ``owner`` reading a long file: see semak/parts.py."""
    svc, job = services(), get_current_job()

    def owned() -> bool:
        with svc.db.session() as s:
            f = s.get(ArchiveFile, file_id)
            return f is not None and f.job_id == owner and f.attempts == attempt and \
                not FS(f.status).finished  # fmt: skip

    if not owned():
        return "skipped"
    with svc.db.session() as s:
        f = s.get(ArchiveFile, file_id)
        path, name = svc.storage.path(f.storage_key), f.path  # type: ignore[union-attr]
    me = job.id if job else f"{owner}-a{attempt}-p{first}"  # a board is one attempt's
    board = PageBoard(svc.redis, f"{owner}:{attempt}")
    done = helper_pages(board, _reader(svc, path, name, careful=False), me, first, last, owned)
    _note_peak(svc, file_id)
    return f"{done} pages"


def _isolated_after_a_crash(opts: Any) -> Any:
    import dataclasses

    job = get_current_job()
    if horse_deaths(job) == 0:
        return opts
    log.warning("archive job %s: an earlier attempt's process died; reading with %s",
                job.id if job else "-", ISOLATED_ENGINE)  # fmt: skip
    return dataclasses.replace(opts, engine=ISOLATED_ENGINE)


def _with_cache(opts: Any, cache_dir: Path) -> Any:
    import dataclasses

    cache_dir.mkdir(parents=True, exist_ok=True)
    return dataclasses.replace(opts, cache_dir=cache_dir)


class _Writer:
    """Persists pages and documents of one file as they come (one commit each)."""

    def __init__(self, svc: Services, file_id: int, claimed: _Claimed) -> None:
        self.svc, self.file_id, self.batch_id = svc, file_id, claimed.batch_id
        self.sha256, self.pages_total, self.attempt = (claimed.sha256, claimed.pages_total,
                                                       claimed.attempt)  # fmt: skip
        self.position = 0

    def page(self, page: Page) -> None:
        kind = page_kind(page)
        with self.svc.db.session() as s:
            row = ArchivePage(
                file_id=self.file_id,
                number=page.number,
                kind=kind,
                readable=page.readable,
                rotation=page.rotation,
                quality=float(page.quality or 0.0),
                error_code=page.error,
            )
            s.add(row)
            s.execute(
                update(ArchiveFile)
                .where(ArchiveFile.id == self.file_id)
                .values(pages_done=ArchiveFile.pages_done + 1, heartbeat_at=utcnow())
            )

    def document(self, doc: Any) -> None:
        self.position += 1
        doc.file_sha256 = self.sha256
        with self.svc.db.session() as s:
            s.add(ArchiveDocument(batch_id=self.batch_id, file_id=self.file_id,
                                  position=self.position, first_page=min(doc.pages),
                                  doc_type=str(doc.doc_type), readable=doc.readable,
                                  data=doc.to_dict()))  # fmt: skip
            s.execute(
                update(ArchivePage)
                .where(ArchivePage.file_id == self.file_id, ArchivePage.number.in_(doc.pages))
                .values(document_position=self.position)
            )


def page_kind(page: Page) -> str:
    """intake.split's page kinds without its classification (content pages need none here)."""
    import re

    from intake.split import MIN_WORDS, SEPARATOR_TEXT

    if not page.readable:
        return "unreadable"
    if page.barcodes:
        return "separator"
    words = len(re.findall(r"[A-Za-z0-9]{2,}", page.text))  # as intake.split counts
    if page.blank or words < MIN_WORDS:
        return "blank"
    return "separator" if SEPARATOR_TEXT.search(page.text) and words < 25 else "content"


def _finish(
    svc: Services, file_id: int, status: FS, code: str | None, message: str | None, pages: int = 0
) -> None:
    with svc.db.session() as s:
        f = s.get(ArchiveFile, file_id)
        if f is None:
            return
        f.status, f.error_code, f.error_message = status, code, message
        f.finished_at = utcnow()
        f.peak_rss_kb = max(f.peak_rss_kb or 0, _peak_kb())
        if status == FS.DONE:
            f.pages_total = pages
            f.pages_done = pages


def _peak_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux


def _note_peak(svc: Services, file_id: int) -> None:
    with svc.db.session() as s:
        f = s.get(ArchiveFile, file_id)
        if f is not None:
            f.peak_rss_kb = max(f.peak_rss_kb or 0, _peak_kb())


def on_failure(job: Job, connection: Any, exc_type: type, exc: BaseException, tb: Any) -> None:
    """RQ failure callback: the last failed attempt marks the file failed, with its reason."""
    if job.should_retry:
        return
    reason = "the reading took too long" if exc_type.__name__ == "JobTimeoutException" else ""
    _fail_last_attempt(services(), job, exc_type.__name__, reason or str(exc)[:500])


def on_horse_killed(job: Job, reason: str) -> None:
    """The work horse reading a file died: RQ retries it if it may (without calling
    ``on_failure``); after the last attempt the file is failed here, with the reason, and the
    batch may be grouped. Runs in the worker's main process: services of its own."""
    if job.func_name != READ_FILE or job.should_retry:
        return
    from semak.config import Settings

    svc = Services(Settings.from_env())
    try:
        _fail_last_attempt(svc, job, "worker_died", f"{reason}, on every attempt")
    finally:
        svc.close()


def _fail_last_attempt(svc: Services, job: Job, code: str, message: str) -> None:
    file_id = int(job.args[0])
    with svc.db.session() as s:
        f = s.get(ArchiveFile, file_id)
        if f is None or f.job_id != job.id or FS(f.status).finished:
            return  # an abandoned job of a resumed batch: a newer job owns the file
        batch_id = f.batch_id
    _finish(svc, file_id, FS.FAILED, code, message[:500])
    maybe_group(svc, batch_id)


# --- grouping ------------------------------------------------------------------------------


def group_batch(batch_id: int) -> str:
    from semak.archive.claims import build_claims

    svc = services()
    with svc.db.session() as s:
        n_files = s.scalar(
            select(func.count()).select_from(ArchiveFile).where(ArchiveFile.batch_id == batch_id)
        )
        summary = build_claims(s, batch_id)
        batch = s.get(ArchiveBatch, batch_id)
        if batch is not None:
            batch.grouped_at, batch.grouped_files = utcnow(), int(n_files or 0)
            batch.summary = summary
    return f"{summary.get('claims', 0)} claims"
