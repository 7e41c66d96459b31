"""Each employer's share of the interactive queue (#19): past ``ORG_SHARE`` queued claims of one
organisation, its further claims wait, without a job, and are queued oldest first as the earlier
ones finish (the jobs' success callback) or when the reconciler finds a free slot."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from rq import Queue, SimpleWorker
from service_scans import claim_data, medical_certificate_png

import semak.jobs as jobs
from semak import claims, services, share
from semak.claims import UploadFile
from semak.models import Claim, User
from semak.queue import fetch_job, job_id

pytestmark = pytest.mark.postgres


@pytest.fixture
def svc(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    service = app.extensions["semak"]
    monkeypatch.setattr(services, "_process", (os.getpid(), service))  # the work horse's
    monkeypatch.setattr(share, "ORG_SHARE", 2)
    return service


def _submit(svc: Any, user_id: int, ref: str) -> int:
    with svc.db.Session() as s:
        user = s.get(User, user_id)
        files = [UploadFile("mc.png", io.BytesIO(medical_certificate_png()))]
        data = {**claim_data(), "claim_id": ref}
        return claims.create_claim(user, data, files, session=s, svc=svc).id


def _state(svc: Any, claim_id: int) -> tuple[str, str | None, bool]:
    """Status, reason, and whether a job of its current revision exists."""
    with svc.db.Session() as s:
        c = s.get(Claim, claim_id)
        assert c is not None
        return c.status, c.status_reason, fetch_job(svc.redis, job_id(c)) is not None


def test_claims_past_the_share_wait_and_go_as_earlier_ones_finish(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []

    real_verify = jobs.verify_reading

    def verify_reading(data: dict[str, Any], reading: Any, **kw: Any) -> Any:
        order.append(data["claim_id"])
        return real_verify(data, reading, **kw)

    monkeypatch.setattr(jobs, "read_files", lambda files, progress, options: [])
    monkeypatch.setattr(jobs, "verify_reading", verify_reading)
    a, _ = make_user("a@share.my", "employer", "SH0001")
    b, _ = make_user("b@share.my", "employer", "SH0002")
    ids = [_submit(svc, a.id, f"A{i}") for i in range(4)]
    other = _submit(svc, b.id, "B0")
    assert [_state(svc, i) for i in ids[:2]] == [("queued", None, True)] * 2
    assert [_state(svc, i) for i in ids[2:]] == [("queued", share.WAITING_TURN, False)] * 2
    assert _state(svc, other) == ("queued", None, True)  # another employer is not held up
    assert Queue("interactive", connection=svc.redis).count == 3

    SimpleWorker([Queue("interactive", connection=svc.redis)], connection=svc.redis).work(
        burst=True
    )
    assert sorted(order) == ["A0", "A1", "A2", "A3", "B0"]
    assert set(order[:3]) == {"A0", "A1", "B0"}  # A2 and A3 only after A0 or A1 finished
    assert all(_state(svc, i)[0] == "done" for i in [*ids, other])


def test_reconcile_releases_waiting_claims_instead_of_requeuing_them(
    svc: Any, make_user: Any
) -> None:
    from semak.reconcile import reconcile

    a, _ = make_user("c@share.my", "employer", "SH0003")
    ids = [_submit(svc, a.id, f"C{i}") for i in range(3)]
    assert _state(svc, ids[2]) == ("queued", share.WAITING_TURN, False)
    first = reconcile(svc, min_age=0)  # the two queued claims' jobs are live: nothing moves
    assert (first.waiting_turn, first.released, first.requeued) == (1, 0, [])
    assert _state(svc, ids[2]) == ("queued", share.WAITING_TURN, False)
    with svc.db.Session() as s:  # the first claim finished (its job's callback was lost)
        done = s.get(Claim, ids[0])
        assert done is not None
        done.status = "done"
        s.commit()
    second = reconcile(svc, min_age=0)
    assert (second.released, second.requeued) == (1, [])
    assert _state(svc, ids[2]) == ("queued", None, True)
    with svc.db.Session() as s:
        third = s.get(Claim, ids[2])
        assert third is not None and third.revision == 1  # queued as it was, not a new revision


def test_a_released_claim_goes_through_the_one_enqueue_helper_when_redis_is_down(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claim released in its turn is queued as an upload is (semak.queue.enqueue_claim):
    with Redis down it stays ``queued``, waiting for the queue, and the release goes on."""
    from redis.exceptions import ConnectionError as RedisDown

    from semak.queue import WAITING_FOR_QUEUE

    a, _ = make_user("d@share.my", "employer", "SH0004")
    ids = [_submit(svc, a.id, f"D{i}") for i in range(3)]
    assert _state(svc, ids[2]) == ("queued", share.WAITING_TURN, False)

    def down(*args: Any, **kwargs: Any) -> str:
        raise RedisDown("Redis is down")

    monkeypatch.setattr("semak.queue.enqueue_verification", down)
    with svc.db.Session() as s:
        first = s.get(Claim, ids[0])
        assert first is not None
        first.status = "done"
        s.commit()
        assert share.release(svc, s, first.organisation_id) == 1
    assert _state(svc, ids[2]) == ("queued", WAITING_FOR_QUEUE, False)
