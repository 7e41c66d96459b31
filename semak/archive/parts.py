"""One file's pages shared among the workers, so that a long file uses every core.

The job that owns a file (``jobs.read_file``) queues helper jobs (``jobs.read_part``), one per
range of ``PART_PAGES`` pages after the first, at the front of the archive queue: an idle
worker joins in at once, whatever the number of files. Owner and helpers take pages one at a
time with a claim in Redis (SET NX), so each page is read once: a helper reads from the start
of its range, the owner from page 1 on, and each skips the pages another has claimed. A
helper leaves the page it read on the ``PageBoard``; the owner, which alone writes pages,
documents and progress, hands on the pages in order, its own as it reads them and a helper's
when it is on the board. A helper keeps its claim alive while it reads (a thread renews it);
a page whose claimer died (its job no longer runs, or the claim expired: a host that stopped)
the owner reads itself, so a lost host costs the owner at most ``CLAIM_SECONDS``. Redis, not
the disk: Redis is what the hosts share.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from intake.models import Page

PART_PAGES = 10  # pages per helper job; a file of up to 1.5 times this is read alone
CLAIM_SECONDS = 30  # a helper's claim lapses this long after its host stopped
RENEW_SECONDS = 10  # while the helper reads the page, its claim is renewed this often
PAGE_SECONDS = 6 * 3600  # a page left on the board (the owner died) expires
POLL = 0.05  # seconds between looks at the board while waiting for a helper's page
Reader = Callable[[Callable[[int], bool]], Iterator[Page]]  # iter_pages with its select


def ranges(pages: int) -> list[tuple[int, int]]:
    """The helpers' page ranges (first, last) of a file: all but the first part."""
    if pages < PART_PAGES * 3 // 2:
        return []
    return [(a, min(a + PART_PAGES - 1, pages)) for a in range(PART_PAGES + 1, pages + 1,
                                                                 PART_PAGES)]  # fmt: skip


class PageBoard:
    """Claims and read pages of one owner job, in Redis under the job's id."""

    def __init__(self, redis: Any, owner_job: str) -> None:
        self.redis, self.prefix = redis, f"semak:archive:parts:{owner_job}"

    def claim(self, number: int, by: str) -> bool:
        key = f"{self.prefix}:claim:{number}"
        return bool(self.redis.set(key, by, nx=True, ex=CLAIM_SECONDS))

    def renew(self, number: int) -> None:
        self.redis.expire(f"{self.prefix}:claim:{number}", CLAIM_SECONDS)

    def claimer(self, number: int) -> str | None:
        value = self.redis.get(f"{self.prefix}:claim:{number}")
        return value.decode() if isinstance(value, bytes) else value

    def put(self, page: Page) -> None:
        blob = zlib.compress(json.dumps(page.to_dict()).encode(), 1)
        self.redis.set(f"{self.prefix}:page:{page.number}", blob, ex=PAGE_SECONDS)

    def take(self, number: int) -> Page | None:
        key = f"{self.prefix}:page:{number}"
        blob = self.redis.get(key)
        if blob is None:
            return None
        self.redis.delete(key)
        return Page.from_dict(json.loads(zlib.decompress(blob)))

    def clear(self) -> None:
        keys = list(self.redis.scan_iter(match=f"{self.prefix}:*", count=500))
        if keys:
            self.redis.delete(*keys)


def owner_pages(
    board: PageBoard, read: Reader, me: str, running: Callable[[str], bool]
) -> Iterator[Page]:
    """Every page of the file in order: read here unless a helper claimed it first."""
    theirs: list[int] = []

    def mine(number: int) -> bool:
        if board.claim(number, me):
            return True
        theirs.append(number)
        return False

    for page in read(mine):
        while theirs and theirs[0] < page.number:
            yield _wait_for(board, theirs.pop(0), read, running)
        yield page
    while theirs:
        yield _wait_for(board, theirs.pop(0), read, running)


def _wait_for(board: PageBoard, number: int, read: Reader, running: Callable[[str], bool]) -> Page:
    """A helper's page from the board, or read here when its helper is gone."""
    checked = time.monotonic()
    while True:
        page = board.take(number)
        if page is not None:
            return page
        if time.monotonic() - checked >= 1.0:
            claimer = board.claimer(number)
            if claimer is None or not running(claimer):
                break
            checked = time.monotonic()
        time.sleep(POLL)
    for page in read(lambda n: n == number):
        return page
    raise LookupError(f"page {number} is not in the file")  # pages do not vanish mid-job


def helper_pages(
    board: PageBoard, read: Reader, me: str, first: int, last: int, owned: Callable[[], bool]
) -> int:
    """Read the unclaimed pages of ``first..last`` onto the board; the pages read."""
    done, current = 0, [0]

    def mine(number: int) -> bool:
        if first <= number <= last and owned() and board.claim(number, me):
            current[0] = number
            return True
        return False

    with _renewing(board, current):
        for page in read(mine):
            board.put(page)
            done += 1
    return done


@contextlib.contextmanager
def _renewing(board: PageBoard, current: list[int]) -> Iterator[None]:
    """A thread renewing the claim of the page being read (``current[0]``) until the end."""
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(RENEW_SECONDS):
            if current[0]:
                with contextlib.suppress(Exception):  # Redis away: the claim lapses, no harm
                    board.renew(current[0])

    thread = threading.Thread(target=renew, name="claim-renewal", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
