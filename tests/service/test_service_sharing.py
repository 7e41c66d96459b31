"""One claim read by every idle worker (issue 24): real Redis, real worker processes, real
Tesseract. The claim's job shares the pages of all its files with helper jobs (semak.parts);
a 6-page claim of six one-page files uses both workers, every page is read once, and a
worker killed while it reads a page loses nothing: the owner reads that page itself."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_helpers import Worker, running_workers, wait_until
from rq.job import Job, JobStatus
from service_scans import (
    MC_LINES,
    claim_data,
    full_page_certificate_png,
    medical_certificate_png,
)
from sqlalchemy import select

from intake.pipeline import process_bundle
from semak.models import Claim
from semak.parts import CLAIM_SECONDS, PREFIX, Span, claim_part_pages, claim_parts
from semak.reports import MAX_WORDS_PER_PAGE


def test_a_claims_pages_are_cut_into_small_parts_across_its_files_the_first_the_owners() -> None:
    parts = claim_parts([1] * 6)
    # six one-page files: 5 helpers, from the last page back (the owner reads from the first)
    assert parts == [[Span(f, 1, 1)] for f in range(5, 0, -1)]
    assert claim_parts([1]) == [] and claim_parts([0, 1]) == []  # one page: read alone
    counts = [3, 0, 12, 1, 14]
    parts = claim_parts(counts)
    size = claim_part_pages(sum(counts))
    assert size == 2 and all(sum(s.last - s.first + 1 for s in p) == size for p in parts)
    units = [(s.file, n) for p in parts for s in p for n in range(s.first, s.last + 1)]
    every = [(f, n) for f, c in enumerate(counts) for n in range(1, c + 1)]
    assert sorted(units) == every[size:]  # no gap, no overlap
    firsts = [(p[0].file, p[0].first) for p in parts]
    assert firsts == sorted(firsts, reverse=True) and parts[0][-1] == Span(4, 13, 14)  # last first
    assert [Span(0, 3, 3), Span(2, 1, 1)] in parts  # a part may run over into the next file


@pytest.fixture
def start_worker(
    service_env: dict[str, str], redis_url: str, tmp_path: Path
) -> Iterator[Callable[[], Worker]]:
    """start_worker() -> a running ``python worker.py`` that the test may kill outright."""
    with running_workers(service_env, redis_url, tmp_path, "share-test") as start:
        yield start


def _upload(
    client: Any,
    token: str,
    pages: int,
    draw: Callable[[list[str]], bytes] = medical_certificate_png,
) -> str:
    """A claim of ``pages`` one-page scans (medical certificates, each its own dates)."""
    files = []
    for i in range(pages):
        lines = [line.replace("02/10/2026", f"{2 + i:02d}/10/2026") for line in MC_LINES]
        files.append((io.BytesIO(draw(lines)), f"Sijil {i + 1}.png"))
    resp = client.post("/api/v1/claims", data={"claim": json.dumps(claim_data()),
                                               "files": files},
                       headers={"Authorization": f"Bearer {token}"},
                       content_type="multipart/form-data")  # fmt: skip
    assert resp.status_code == 202, resp.get_data(as_text=True)
    return str(resp.get_json()["id"])


def _claim(db: Any, public_id: str) -> Claim:
    db.expire_all()
    claim = db.scalar(select(Claim).where(Claim.public_id == public_id))
    assert claim is not None
    return claim


def _every_file_read(db: Any, public_id: str, pages: int) -> None:
    claim = _claim(db, public_id)
    assert claim.status == "done", (claim.status, claim.status_reason)
    docs = sorted(claim.documents, key=lambda d: d.id)
    assert [(d.original_name, d.status, d.pages) for d in docs] == [
        (f"Sijil {i + 1}.png", "read", 1) for i in range(pages)
    ]
    assert all(d.result and len(d.result["pages"]) == 1 for d in docs)  # each page's words kept


def _stored(app: Any, db: Any, public_id: str) -> list[tuple[Path, str]]:
    storage = app.extensions["semak"].storage
    docs = sorted(_claim(db, public_id).documents, key=lambda d: d.id)
    return [(storage.path(d.storage_key), d.original_name) for d in docs]


def _helpers(redis: Any, owner: str) -> list[Job]:
    return [Job.fetch(k.decode().split(":", 2)[2], connection=redis)
            for k in redis.scan_iter(match=f"rq:job:{owner}-s*-p*")]  # fmt: skip


@pytest.mark.redis
@pytest.mark.tesseract
def test_a_six_page_claim_uses_both_idle_workers_and_reads_every_page_once(
    app: Any, client: Any, db: Any, make_user: Any, start_worker: Any, redis_conn: Any
) -> None:
    workers = [start_worker(), start_worker()]
    _, token = make_user()
    public_id = _upload(client, token, 6)
    owner = f"verify-{public_id}-1"
    wait_until(lambda: _claim(db, public_id).status in ("done", "failed"), 240, workers, "claim")

    _every_file_read(db, public_id, 6)
    job = Job.fetch(owner, connection=redis_conn)
    tally = job.meta["pages"]
    assert tally["read_here"] + tally["from_helpers"] == 6 and tally["read_again"] == 0
    assert tally["from_helpers"] >= 1 and tally["read_here"] >= 1  # shared, each page once
    read = {h: int(str(h.return_value()).split()[0]) for h in _helpers(redis_conn, owner)
            if h.return_value() and str(h.return_value()).split()[0].isdigit()}  # fmt: skip
    helped = [h for h, n in read.items() if n > 0]
    assert sum(read.values()) == tally["from_helpers"]
    assert {h.worker_name for h in helped} | {job.worker_name} == {w.name for w in workers}
    assert not list(redis_conn.scan_iter(match=f"{PREFIX}:{owner}-s*"))  # the board cleared
    alone = process_bundle(_stored(app, db, public_id))  # one process, no sharing
    stored = {d.original_name: _viewer(d.result) for d in _claim(db, public_id).documents}
    assert stored == {r.file: _viewer(r.to_dict(MAX_WORDS_PER_PAGE)) for r in alone}


def _viewer(reading: dict[str, Any]) -> list[dict[str, Any]]:
    """What the viewer draws of a stored reading's pages (sizes, engine, word boxes)."""
    keys = ("number", "width", "height", "rotation", "ocr_engine", "words")
    return [{k: page.get(k) for k in keys} for page in reading["pages"]]


@pytest.mark.redis
@pytest.mark.tesseract
def test_a_worker_killed_mid_page_loses_nothing_the_owner_reads_that_page_itself(
    client: Any, db: Any, make_user: Any, start_worker: Any, redis_conn: Any
) -> None:
    workers = [start_worker(), start_worker()]
    _, token = make_user()
    public_id = _upload(client, token, 6, full_page_certificate_png)  # seconds a page
    owner = f"verify-{public_id}-1"

    def helper_mid_page() -> Job | None:
        """A helper job holding the claim on a page it has not put on the board yet: the
        claim still has a reader's lifetime (a page put on the board keeps its claim for
        PAGE_SECONDS, and the owner's take removes the page but not that claim)."""
        for key in redis_conn.scan_iter(match=f"{PREFIX}:{owner}-s*:claim:*"):
            claimer = (redis_conn.get(key) or b"").decode()
            page_key = key.decode().replace(":claim:", ":page:")
            reading = 0 < redis_conn.pttl(key) <= CLAIM_SECONDS * 1000
            if claimer.startswith(f"{owner}-s") and reading and not redis_conn.exists(page_key):
                job = Job.fetch(claimer, connection=redis_conn)
                if job.get_status() == JobStatus.STARTED and job.worker_name:
                    return job
        return None

    found: list[Job] = []

    def spotted() -> bool:
        job = helper_mid_page()
        if job is not None:
            found.append(job)
        return bool(found)

    deadline = time.monotonic() + 120  # polled often: a fast machine reads a page in a second
    while not spotted() and time.monotonic() < deadline:
        time.sleep(0.02)
    wait_until(spotted, 0, workers, "a helper reading a page")
    host = next(w for w in workers if w.name == found[0].worker_name)
    host.kill()  # the worker and its work horse, mid-page, holding the page's claim
    rest = [w for w in workers if w is not host]
    wait_until(lambda: _claim(db, public_id).status in ("done", "failed"), 240, rest, "claim")

    _every_file_read(db, public_id, 6)
    tally = Job.fetch(owner, connection=redis_conn).meta["pages"]
    # the killed helper's page is read by the owner: "again" when the owner reaches it while
    # the dead helper's claim still stands, "here" in its own pass when that claim lapsed first
    # (CLAIM_PAGE_SECONDS after the kill: whichever comes first is the machine's speed)
    assert tally["from_helpers"] <= 5 and tally["read_again"] + tally["read_here"] >= 1
    assert tally["read_here"] + tally["from_helpers"] + tally["read_again"] == 6
    assert _claim(db, public_id).attempts == 1  # no retry was needed
