"""Pages shared among the workers: one job owns a reading, idle workers help it.

One mechanism for the archive's long files (``semak.archive.jobs``) and the claims a person
waits for (``read_files``, here). The job that owns a reading queues helper jobs, at the front
of its queue so that an idle worker joins in at once, each for a part of the pages. Owner and
helpers take pages one at a time with a claim in Redis (``PageBoard.claim``, a token lock), so
each page is read once: the owner reads from the first page on, a helper from the start of its
part, and each skips the pages another has claimed. A helper leaves the page it read on the
board; the owner alone writes what was read, taking a helper's page off the board. A helper's
claim is renewed while it reads (a thread; the renewal checks the token, so a claim that lapsed
and was taken by another is never extended: it cannot be stolen back). A page whose claimer
died (its job no longer runs, or its claim lapsed: a host that stopped) the owner reads itself,
so a lost host costs the owner at most the claim's lifetime, and a page is never lost. Redis,
not the disk: Redis is what the hosts share.

A claim (``read_files``): the pages of all its files, in file and page order, are cut into
parts of ``claim_part_pages`` pages; the owner's own part is the first, the helpers' are
queued from the last page back (they meet the owner in the middle). The owner assembles
the FileResults (hashing, splitting and classifying stay with it), in file and page order.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redis.exceptions import LockError

from intake.errors import SemakError
from intake.models import Page

if TYPE_CHECKING:
    from rq.job import Job

    from intake.options import ReadOptions
    from intake.pipeline import FileResult, Progress

log = logging.getLogger(__name__)
PREFIX = "semak:parts"
PART_PAGES = 10  # the archive: pages per helper job; a file of up to 1.5 times this is read alone
CLAIM_SECONDS = 30  # the archive: a helper's claim lapses this long after its host stopped
RENEW_SECONDS = 10.0  # the archive: while a helper reads a page, its claim is renewed this often
# a claim a person waits for: a lost host costs the owner at most this long
CLAIM_PAGE_SECONDS = 8
CLAIM_RENEW_SECONDS = 2.0
PAGE_SECONDS = 6 * 3600  # a page left on the board (the owner died) expires
POLL = 0.05  # seconds between looks at the board while waiting for a helper's page
READ_PART = "semak.parts.read_part"
Select = Callable[[int], bool]
Reader = Callable[[Select], Iterator[Page]]  # iter_pages with its select


def ranges(pages: int) -> list[tuple[int, int]]:
    """The archive's helper ranges (first, last) of a file: all but the first part."""
    if pages < PART_PAGES * 3 // 2:
        return []
    return [(a, min(a + PART_PAGES - 1, pages)) for a in range(PART_PAGES + 1, pages + 1,
                                                                 PART_PAGES)]  # fmt: skip


class PageBoard:
    """Claims and read pages of one owner's reading (of one file), in Redis."""

    def __init__(self, redis: Any, owner: str, claim_seconds: float = CLAIM_SECONDS) -> None:
        self.redis, self.prefix = redis, f"{PREFIX}:{owner}"
        self.claim_seconds = claim_seconds

    def _lock(self, number: int, by: str | None = None) -> Any:
        lock = self.redis.lock(f"{self.prefix}:claim:{number}", timeout=self.claim_seconds,
                               thread_local=False)  # fmt: skip
        if by is not None:
            lock.local.token = by.encode()
        return lock

    def claim(self, number: int, by: str) -> bool:
        """Claim the page for ``by`` unless another holds it (SET NX with ``by`` as token)."""
        return bool(self._lock(number).acquire(blocking=False, token=by))

    def renew(self, number: int, by: str) -> bool:
        """Extend ``by``'s claim to its full lifetime; False, changing nothing, when the claim
        is not ``by``'s (lapsed, or taken by another since)."""
        try:
            return bool(self._lock(number, by).reacquire())
        except LockError:
            return False

    def claimer(self, number: int) -> str | None:
        value = self.redis.get(f"{self.prefix}:claim:{number}")
        return value.decode() if isinstance(value, bytes) else value

    def put(self, page: Page, by: str | None = None) -> None:
        """Leave a page read for the owner; ``by``'s claim on it is kept as long as the page
        (token-checked), so the owner never takes the page for unclaimed and reads it again
        however late it comes to it."""
        blob = zlib.compress(json.dumps(page.to_dict()).encode(), 1)
        self.redis.set(f"{self.prefix}:page:{page.number}", blob, ex=PAGE_SECONDS)
        if by is not None:
            with contextlib.suppress(LockError):  # lapsed and taken: the taker reads it too
                self._lock(page.number, by).extend(PAGE_SECONDS, replace_ttl=True)

    def take(self, number: int) -> Page | None:
        key = f"{self.prefix}:page:{number}"
        blob = self.redis.getdel(key)
        if blob is None:
            return None
        return Page.from_dict(json.loads(zlib.decompress(blob)))

    def clear(self) -> None:
        keys = list(self.redis.scan_iter(match=f"{self.prefix}:*", count=500))
        if keys:
            self.redis.delete(*keys)


def owner_pages(board: PageBoard, read: Reader, me: str, running: Callable[[str], bool]
                ) -> Iterator[Page]:  # fmt: skip
    """Every page of the file in order: read here unless a helper claimed it first."""
    theirs: list[int] = []

    def mine(number: int) -> bool:
        if board.claim(number, me):
            return True
        theirs.append(number)
        return False

    for page in read(mine):
        while theirs and theirs[0] < page.number:
            yield wait_for(board, theirs.pop(0), read, running)
        yield page
    while theirs:
        yield wait_for(board, theirs.pop(0), read, running)


def wait_for(board: PageBoard, number: int, read: Reader, running: Callable[[str], bool]) -> Page:
    """A helper's page from the board, or read here when its helper is gone."""
    page = from_board(board, number, running)
    return page if page is not None else read_again(number, read)


def from_board(board: PageBoard, number: int, running: Callable[[str], bool]) -> Page | None:
    """A helper's page once it is on the board; None when its helper is gone without it (its
    job no longer runs, or its claim lapsed)."""
    checked = time.monotonic()
    while True:
        page = board.take(number)
        if page is not None:
            return page
        if time.monotonic() - checked >= 1.0:
            claimer = board.claimer(number)
            if claimer is None or not running(claimer):
                return board.take(number)  # put just before its claim ended, else None
            checked = time.monotonic()
        time.sleep(POLL)


def read_again(number: int, read: Reader) -> Page:
    """The owner reads a page whose helper is gone."""
    log.info("page %d: its helper is gone; the owner reads it", number)
    for page in read(lambda n: n == number):
        return page
    raise LookupError(f"page {number} is not in the file")  # pages do not vanish mid-job


def helper_pages(board: PageBoard, read: Reader, me: str, first: int, last: int,
                 owned: Callable[[], bool], renew_every: float | None = None) -> int:  # fmt: skip
    """Read the unclaimed pages of ``first..last`` onto the board; the pages read."""
    done, current = 0, [0]

    def mine(number: int) -> bool:
        if first <= number <= last and owned() and board.claim(number, me):
            current[0] = number
            return True
        return False

    with _renewing(board, current, me, RENEW_SECONDS if renew_every is None else renew_every):
        for page in read(mine):
            board.put(page, me)
            done += 1
    return done


@contextlib.contextmanager
def _renewing(board: PageBoard, current: list[int], me: str, every: float) -> Iterator[None]:
    """A thread renewing the claim of the page being read (``current[0]``) until the end."""
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(every):
            if current[0]:
                with contextlib.suppress(Exception):  # Redis away: the claim lapses, no harm
                    board.renew(current[0], me)

    thread = threading.Thread(target=renew, name="claim-renewal", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def job_running(redis: Any, job_id: str) -> bool:
    """Whether the job (a page's claimer, by its id) still runs."""
    from rq.job import Job, JobStatus

    try:
        return Job.fetch(job_id, connection=redis).get_status(refresh=True) == JobStatus.STARTED
    except Exception:  # no such job (expired, Redis flushed): not running
        return False


# --- a claim's files -----------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Pages ``first..last`` of the claim's file number ``file`` (0-based, upload order)."""

    file: int
    first: int
    last: int


def claim_part_pages(total: int) -> int:
    """Pages per helper job of a claim: 1 for small claims (a 6-page claim uses 2 workers from
    its second page on), 2 for long ones (half the helper jobs; see bench/RESULTS.md, #24)."""
    return 1 if total <= 12 else 2


def claim_parts(counts: list[int]) -> list[list[Span]]:
    """The helpers' parts of a claim whose files have ``counts`` pages: all but the first,
    the last part first. The owner reads from the first page on and the helpers from the last
    page back, so the two meet in the middle instead of racing for the same next page (racing,
    the owner of a 6-page claim read 4 pages to its helper's 2: bench/RESULTS.md, #24)."""
    units = [(f, n) for f, count in enumerate(counts) for n in range(1, count + 1)]
    size = claim_part_pages(len(units))
    parts = []
    for start in range(size, len(units), size):
        spans: list[Span] = []
        for f, n in units[start : start + size]:
            if spans and spans[-1].file == f:
                spans[-1] = Span(f, spans[-1].first, n)
            else:
                spans.append(Span(f, n, n))
        parts.append(spans)
    return parts[::-1]


@dataclass(frozen=True)
class Sharing:
    """One owner's shared reading of a claim: its board id and its files, in upload order."""

    board: str
    files: list[tuple[Path, str]]

    def page_board(self, redis: Any, file: int) -> PageBoard:
        return PageBoard(redis, f"{self.board}:f{file}", CLAIM_PAGE_SECONDS)

    def files_key(self) -> str:
        return f"{PREFIX}:{self.board}:files"


def read_files(
    files: list[tuple[Path, str]],
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> list[FileResult]:
    """Every (stored path, uploaded name) read, as ``intake.process_bundle`` reads them, with
    the pages shared among idle workers when this runs in an RQ job (and no earlier attempt's
    process died: then it reads alone, carefully)."""
    from rq import get_current_job

    from intake.pipeline import process_bundle
    from semak.workhorse import horse_deaths

    job = get_current_job()
    files = list(files)
    parts = claim_parts([_page_count(p, n, options) for p, n in files])
    if job is None or not parts or horse_deaths(job) > 0:
        return process_bundle(files, progress, options)
    share = Sharing(f"{job.id}-s{uuid.uuid4().hex[:8]}", files)  # an RQ-valid id
    redis = job.connection
    redis.set(share.files_key(), json.dumps([[str(p), n] for p, n in files]),
              ex=max(int(job.timeout or 0), 600))  # fmt: skip
    helpers = _enqueue_helpers(job, share, parts)
    tally, cpu = Tally(), _cpu_seconds()
    try:
        return _owner_read(redis, share, job.id, tally, progress, options)
    finally:
        _clean_up(redis, share, helpers)
        tally.cpu = round(_cpu_seconds() - cpu, 2)
        job.meta["pages"] = dataclasses.asdict(tally)
        with contextlib.suppress(Exception):  # a figure for the bench and tests only
            job.save_meta()


@dataclass
class Tally:
    """Where the pages of a shared reading came from (the owner job's meta ``pages``)."""

    read_here: int = 0  # by the owner, in its pass
    from_helpers: int = 0  # taken off the board
    read_again: int = 0  # by the owner, after their helper was gone without them
    cpu: float = 0.0  # the owner's CPU seconds for the reading (its process, children included)


def _page_count(path: Path, name: str, options: ReadOptions | None) -> int:
    from intake.files import inspect_file

    try:
        return inspect_file(path, name, options).pages
    except SemakError:  # the owner reports it when it reads the file
        return 0


def _enqueue_helpers(job: Job, share: Sharing, parts: list[list[Span]]) -> list[str]:
    """Queue a helper per part at the front of the claim's queue, the first part first."""
    from rq import Queue

    queue = Queue(job.origin, connection=job.connection)
    ids = []
    for i, spans in reversed(list(enumerate(parts, start=1))):
        helper = queue.enqueue_call(
            READ_PART,
            args=(share.board, job.id, [(s.file, s.first, s.last) for s in spans]),
            job_id=f"{share.board}-p{i}",
            timeout=600,
            result_ttl=600,
            failure_ttl=24 * 3600,
            at_front=True,
            description=f"pages of {job.description or job.id} (part {i})",
        )
        ids.append(helper.id)
    return ids


def _owner_read(
    redis: Any,
    share: Sharing,
    me: str,
    tally: Tally,
    progress: Progress | None,
    options: ReadOptions | None,
) -> list[FileResult]:
    """Read every page no helper claimed, assemble the files this pass read whole (while the
    helpers finish theirs), then take the helpers' pages and assemble the rest."""
    pages: list[dict[int, Page]] = [{} for _ in share.files]
    theirs: list[tuple[int, int]] = []
    errors: dict[int, SemakError] = {}
    for f, (path, name) in enumerate(share.files):
        if progress:
            progress(f"reading {name}", f, len(share.files))
        board = share.page_board(redis, f)

        def mine(number: int, f: int = f, board: PageBoard = board) -> bool:
            if board.claim(number, me):
                return True
            theirs.append((f, number))
            return False

        try:
            for page in _reader(path, name, options)(mine):
                pages[f][page.number] = page
                tally.read_here += 1
        except SemakError as exc:  # a whole-file problem: the file's error, not the claim's
            errors[f] = exc
    waiting = {f for f, _ in theirs if f not in errors}
    done = {f: _assembled(share, f, pages[f], errors) for f in range(len(share.files))
            if f not in waiting}  # fmt: skip
    for f, number in theirs:
        if f in waiting:
            pages[f][number] = _theirs(redis, share, f, number, tally, options)
    if progress:
        progress("read", len(share.files), len(share.files))
    done.update({f: _assembled(share, f, pages[f], errors) for f in waiting})
    return [done[f] for f in range(len(share.files))]


def _assembled(
    share: Sharing, f: int, pages: dict[int, Page], errors: dict[int, SemakError]
) -> FileResult:
    """File ``f``'s FileResult: its error, or its pages in order hashed, split, classified."""
    from intake.pipeline import file_result, rejected

    path, name = share.files[f]
    if f in errors:
        return rejected(path, name, errors[f])
    return file_result(path, name, [pages[n] for n in sorted(pages)])


def _theirs(
    redis: Any, share: Sharing, f: int, number: int, tally: Tally, options: ReadOptions | None
) -> Page:
    """A page a helper claimed: off the board, or read here when the helper is gone."""
    board = share.page_board(redis, f)
    page = from_board(board, number, lambda by: job_running(redis, by))
    if page is not None:
        tally.from_helpers += 1
        return page
    tally.read_again += 1
    path, name = share.files[f]
    return read_again(number, _reader(path, name, options))


def _reader(path: Path, name: str, options: ReadOptions | None) -> Reader:
    from intake.reading import iter_pages

    def read(select: Select) -> Iterator[Page]:
        return iter_pages(path, name, options, None, select)

    return read


def _clean_up(redis: Any, share: Sharing, helpers: list[str]) -> None:
    """The owner is done: helper jobs not started yet are dropped, the board cleared."""
    from rq.job import Job, JobStatus

    redis.delete(share.files_key())  # helpers still running stop at their next page
    for helper in helpers:
        with contextlib.suppress(Exception):  # gone already
            job = Job.fetch(helper, connection=redis)
            if job.get_status(refresh=True) == JobStatus.QUEUED:
                job.cancel()
                job.delete()
    for f in range(len(share.files)):
        share.page_board(redis, f).clear()


def read_part(board: str, owner: str, spans: list[tuple[int, int, int]]) -> str:
    """A helper job of a claim's reading (``read_files``): its part's unclaimed pages onto
    the board, while the owner job (``owner``, its id) still reads: not for an owner whose
    work horse died (its retry reads alone) nor one that is done."""
    from rq import get_current_job

    from semak.services import services

    job = get_current_job()
    if job is None:
        return "no job"
    redis = job.connection
    raw = redis.get(f"{PREFIX}:{board}:files")
    if raw is None:
        return "skipped"  # the owner is done (or gone)
    share = Sharing(board, [(Path(p), n) for p, n in json.loads(raw)])
    options = services().settings.read_options()  # as the owner job reads
    me, done, cpu = job.id, 0, _cpu_seconds()

    def owned() -> bool:
        return bool(redis.exists(share.files_key())) and job_running(redis, owner)

    if not owned():
        return "skipped"

    for f, first, last in spans:
        path, name = share.files[f]
        try:
            done += helper_pages(share.page_board(redis, f), _reader(path, name, options), me,
                                 first, last, owned, CLAIM_RENEW_SECONDS)  # fmt: skip
        except SemakError:  # a whole-file problem: the owner reports it
            continue
    return f"{done} pages, {_cpu_seconds() - cpu:.2f} s CPU"


def _cpu_seconds() -> float:
    import resource

    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
