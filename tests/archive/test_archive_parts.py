"""parts.py against a real Redis: owner and helpers share a file's pages, each page is read
once and handed on in order, and a page whose helper died is read by the owner itself."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from intake.models import Page
from semak.parts import PART_PAGES, PageBoard, helper_pages, owner_pages, ranges

pytestmark = pytest.mark.redis


class File:
    """A file of ``n`` pages whose reads are counted; reading a page takes ``delay``, and waits
    for ``gate`` when one is given (the test decides when the read ends, not a clock)."""

    def __init__(self, n: int, delay: float = 0.0, gate: threading.Event | None = None) -> None:
        self.n, self.delay, self.reads, self.gate = n, delay, [0] * (n + 1), gate

    def read(self, select: Callable[[int], bool] | None = None) -> Iterator[Page]:
        for number in range(1, self.n + 1):
            if select is not None and not select(number):
                continue
            time.sleep(self.delay)
            if self.gate is not None:
                assert self.gate.wait(30), "the test never let the page's read end"
            self.reads[number] += 1
            yield Page("stack.pdf", number, f"page {number} text", extra={"n": number})


@pytest.fixture
def board(redis_conn: Any) -> Iterator[PageBoard]:
    b = PageBoard(redis_conn, f"test-{uuid.uuid4().hex[:8]}:1")
    yield b
    b.clear()


def test_ranges_leave_the_first_part_to_the_owner_and_short_files_alone() -> None:
    assert ranges(PART_PAGES) == [] and ranges(PART_PAGES * 3 // 2 - 1) == []
    spans = ranges(3 * PART_PAGES + 3)
    assert spans[0][0] == PART_PAGES + 1 and spans[-1][1] == 3 * PART_PAGES + 3
    covered = [n for a, b in spans for n in range(a, b + 1)]
    assert covered == list(range(PART_PAGES + 1, 3 * PART_PAGES + 4))  # no gap, no overlap


def test_owner_and_a_helper_read_each_page_once_and_the_owner_hands_all_on_in_order(
    board: PageBoard,
) -> None:
    f = File(30, delay=0.05)
    helped: list[int] = []

    def helper() -> None:
        helped.append(helper_pages(board, f.read, "helper:1", 11, 30, lambda: True))

    t = threading.Thread(target=helper)
    t.start()
    got = [p.number for p in owner_pages(board, f.read, "owner:1", lambda _by: True)]
    t.join()
    assert got == list(range(1, 31))
    assert f.reads[1:] == [1] * 30  # each page read once, by one of them
    assert 0 < helped[0] < 20  # the helper read some of its range, the owner the rest


def test_a_page_claimed_by_a_helper_that_died_is_read_by_the_owner(board: PageBoard) -> None:
    f = File(6)
    assert board.claim(4, "dead-helper:1")  # claimed, never put on the board
    running = {"dead-helper:1": False}
    pages = list(owner_pages(board, f.read, "owner:1", lambda by: running[by]))
    assert [p.number for p in pages] == [1, 2, 3, 4, 5, 6]
    assert f.reads[4] == 1  # read by the owner, once


def test_a_helper_page_comes_off_the_board_as_read_and_the_board_clears(
    board: PageBoard, redis_conn: Any
) -> None:
    page = Page("stack.pdf", 12, "SIJIL CUTI SAKIT", rotation=180, extra={"cached": True})
    board.put(page)
    assert board.take(12) == page and board.take(12) is None  # taken once
    board.claim(13, "h:1")
    board.clear()
    assert not list(redis_conn.scan_iter(match=f"{board.prefix}:*"))


def test_a_helper_stops_when_the_file_is_no_longer_its_owners(board: PageBoard) -> None:
    f = File(20)
    owned = iter([True, True, False])
    done = helper_pages(board, f.read, "helper:1", 11, 20, lambda: next(owned, False))
    assert done == 2 and f.reads[11:13] == [1, 1] and sum(f.reads[13:]) == 0


def test_a_helper_keeps_its_claim_while_it_reads_and_it_lapses_when_it_stops(
    board: PageBoard, redis_conn: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renewal is seen in its calls and the claim's TTL, not by outwaiting Redis: while page 11
    is being read its claim is renewed again and again; once the helper stops nothing renews
    it, and the claim carries a TTL, so it lapses (with its page on the board, issue 24)."""
    import semak.parts as parts

    monkeypatch.setattr(parts, "RENEW_SECONDS", 0.01)
    renewals: list[int] = []
    renewed_twice, read_may_end = threading.Event(), threading.Event()
    real_renew = board.renew

    def renew(number: int, by: str) -> bool:
        renewed = real_renew(number, by)
        renewals.append(number)
        if len(renewals) >= 2:
            renewed_twice.set()
        return renewed

    monkeypatch.setattr(board, "renew", renew)
    f = File(11, gate=read_may_end)
    t = threading.Thread(target=helper_pages, args=(board, f.read, "helper:1", 11, 11,
                                                    lambda: True))  # fmt: skip
    t.start()
    assert renewed_twice.wait(30), "the claim was not renewed while its page was read"
    key = f"{board.prefix}:claim:11"
    assert board.claimer(11) == "helper:1"
    assert 0 < redis_conn.ttl(key) <= parts.CLAIM_SECONDS
    read_may_end.set()
    t.join(30)
    assert not t.is_alive() and set(renewals) == {11}
    renewers = [th for th in threading.enumerate() if th.name == "claim-renewal"]
    assert renewers == []  # nothing renews the claim any more ...
    assert 0 < redis_conn.ttl(key) <= parts.PAGE_SECONDS  # ... and it expires: it lapses
    assert board.take(11) is not None  # the page was handed on


def test_a_claim_renewed_by_another_than_its_holder_is_not_extended_nor_taken(
    board: PageBoard, redis_conn: Any
) -> None:
    """Issue 24: a helper whose claim lapsed and was taken by another (the owner reading the
    page itself) must not extend the new holder's claim from its renewal thread; its own
    renewal still extends its own claim."""
    key = f"{board.prefix}:claim:7"
    assert board.claim(7, "owner:1")
    redis_conn.pexpire(key, 2000)  # the holder's claim, part-way through its life
    board.renew(7, "helper:1")  # the old claimer's renewal thread, still running
    assert board.claimer(7) == "owner:1"  # not taken ...
    assert 0 < redis_conn.pttl(key) <= 2000  # ... nor extended
    assert not board.claim(7, "helper:1")
    board.renew(7, "owner:1")
    assert redis_conn.pttl(key) > 2000  # the holder's own renewal extends it


def test_a_page_a_helper_read_long_ago_is_taken_off_the_board_not_read_again(
    redis_conn: Any,
) -> None:
    """Issue 24: a helper's claim lives while it reads; once its page is on the board the
    claim must last as long as the page, or an owner coming to the page after the claim's
    lifetime claims it anew and reads it a second time (seen: 25 of 30 pages read twice)."""
    board = PageBoard(redis_conn, f"test-{uuid.uuid4().hex[:8]}:1", claim_seconds=1)
    try:
        f = File(6)
        assert helper_pages(board, f.read, "helper:1", 3, 4, lambda: True) == 2
        time.sleep(1.5)  # longer than a claim's lifetime: the owner comes late
        pages = list(owner_pages(board, f.read, "owner:1", lambda _by: True))
        assert [p.number for p in pages] == [1, 2, 3, 4, 5, 6]
        assert f.reads[1:] == [1] * 6  # pages 3 and 4 came off the board
    finally:
        board.clear()
