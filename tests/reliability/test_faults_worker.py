"""Workers killed with SIGKILL mid-job, and a poison file: real worker.py processes, real Tesseract,
a private Redis. Nothing is lost; nothing loops for ever."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest
from reliability_helpers import finished, mc_png, status_of, upload, wait_until
from sqlalchemy import select

from semak.models import Claim

pytestmark = [pytest.mark.redis, pytest.mark.tesseract]


def _processing(body: dict[str, Any]) -> bool:
    return body["status"] == "processing" or finished(body)


def _three_pages() -> list[tuple[bytes, str]]:
    return [(mc_png(i), f"mc-{i}.png") for i in range(3)]


def test_work_horse_sigkilled_mid_job_is_retried_and_the_claim_finishes(
    rel_client: Any, make_user: Any, workers: Any
) -> None:
    _, token = make_user()
    worker = workers.start()
    resp = upload(rel_client, token, _three_pages())
    assert resp.status_code == 202, resp.get_data(as_text=True)
    cid = resp.get_json()["id"]

    body = wait_until(rel_client, token, cid, _processing, 60, worker.log)
    assert body["status"] == "processing", "the job finished before it could be killed"
    deadline = time.monotonic() + 10
    while not (horses := worker.children()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert horses, "no work horse to kill"
    for pid in horses:
        os.kill(pid, signal.SIGKILL)

    body = wait_until(rel_client, token, cid, finished, 150, worker.log)
    assert body["status"] == "done", body
    assert body["report"]["verdict"]
    assert {d["file"] for d in body["report"]["documents"]} >= {"mc-0.png"}
    assert worker.proc.poll() is None, "the worker itself must survive its horse"
    assert "terminated unexpectedly" in worker.log()


def test_whole_worker_sigkilled_mid_job_is_reconciled_and_finished_by_another(
    rel_app: Any, rel_client: Any, make_user: Any, workers: Any
) -> None:
    from semak.reconcile import reconcile

    svc = rel_app.extensions["semak"]
    _, token = make_user()
    first = workers.start()
    resp = upload(rel_client, token, _three_pages())
    cid = resp.get_json()["id"]
    body = wait_until(rel_client, token, cid, _processing, 60, first.log)
    assert body["status"] == "processing"

    # while the worker lives and holds the job, the reconciler leaves it alone
    assert reconcile(svc, min_age=0).requeued == []

    first.kill_all()  # the worker and its horse at once: nobody reports the job
    time.sleep(1.0)
    assert status_of(rel_client, token, cid)["status"] == "processing"
    second = workers.start()
    result = reconcile(svc, min_age=0, stale_after=0.5)
    assert result.requeued == [cid]
    body = wait_until(rel_client, token, cid, finished, 150, second.log)
    assert body["status"] == "done", body
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == cid))
        assert claim is not None and claim.revision == 2 and len(claim.reports) == 1


def test_poison_claim_fails_visibly_after_its_retries_and_stops(
    rel_app: Any, rel_client: Any, make_user: Any, workers: Any
) -> None:
    """A stored file that has vanished fails every attempt: after 1 + JOB_RETRIES attempts the
    claim is ``failed`` with its reason, and nothing is left queued."""
    from rq import Queue

    svc = rel_app.extensions["semak"]
    _, token = make_user()
    resp = upload(rel_client, token, [(mc_png(7), "mc.png")])
    cid = resp.get_json()["id"]
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == cid))
        assert claim is not None
        path = svc.storage.path(claim.documents[0].storage_key)
    path.chmod(0o600)
    path.unlink()  # the poison: every attempt raises

    worker = workers.start()
    body = wait_until(rel_client, token, cid, finished, 90, worker.log)
    assert body["status"] == "failed"
    assert body["status_reason"], "a failed claim says why"
    time.sleep(2.0)  # no endless loop: it stays failed and nothing waits in the queue
    again = status_of(rel_client, token, cid)
    assert again["status"] == "failed"
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == cid))
        assert claim is not None
        assert claim.attempts == 1 + rel_app.extensions["semak"].settings.job_retries
    for name in ("interactive", "archive"):
        q = Queue(name, connection=svc.redis)
        assert q.count == 0
        assert q.scheduled_job_registry.count == 0
