"""Redis lost during a run (a private redis-server, killed without persistence and restarted):
uploads are still accepted and stored, and the reconciler queues every claim whose job was lost.
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

import pytest
from reliability_helpers import ROOT, finished, mc_png, status_of, upload, wait_until
from sqlalchemy import select

from semak.models import Claim

pytestmark = [pytest.mark.redis, pytest.mark.tesseract]


def test_redis_restart_loses_no_claim(
    rel_app: Any,
    rel_client: Any,
    make_user: Any,
    workers: Any,
    private_redis: Any,
    service_env: dict[str, str],
) -> None:
    from semak.reconcile import reconcile

    svc = rel_app.extensions["semak"]
    _, token = make_user()
    worker = workers.start()
    done_before = upload(rel_client, token, [(mc_png(20), "mc.png")]).get_json()["id"]
    wait_until(rel_client, token, done_before, finished, 90, worker.log)
    worker.stop()  # the next claim stays queued in Redis, not yet taken

    queued = upload(rel_client, token, [(mc_png(21), "mc.png")]).get_json()["id"]
    private_redis.kill()  # Redis crashes: the queued job is gone with it

    # while Redis is down, uploads are still accepted and stored
    resp = upload(rel_client, token, [(mc_png(22), "mc.png")])
    assert resp.status_code == 202, resp.get_data(as_text=True)
    during = resp.get_json()["id"]
    assert status_of(rel_client, token, during)["status"] == "queued"
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == during))
        assert claim is not None and claim.documents
        assert svc.storage.exists(claim.documents[0].storage_key)

    private_redis.start()  # back, empty
    assert reconcile(svc, min_age=3600).requeued == []  # the grace period holds fresh claims
    result = reconcile(svc, min_age=0)
    assert sorted(result.requeued) == sorted([queued, during])

    worker = workers.start()
    for cid in (queued, during):
        body = wait_until(rel_client, token, cid, finished, 90, worker.log)
        assert body["status"] == "done", body
    assert status_of(rel_client, token, done_before)["status"] == "done"
    assert reconcile(svc, min_age=0).requeued == []  # nothing waits any more


def test_reconcile_cli_requeues_and_reports(
    rel_app: Any,
    rel_client: Any,
    make_user: Any,
    private_redis: Any,
    service_env: dict[str, str],
) -> None:
    """The command the lead registers: ``flask --app app reconcile --min-age 0``."""
    _, token = make_user()
    cid = upload(rel_client, token, [(mc_png(23), "mc.png")]).get_json()["id"]
    private_redis.restart()  # the job is lost
    env = {**service_env, "REDIS_URL": private_redis.url}
    code = (
        "import sys; from app import create_app; from semak.reconcile import reconcile_cli; "
        "app = create_app(); app.cli.add_command(reconcile_cli); "
        "sys.argv = ['flask', 'reconcile', '--min-age', '0']; "
        "app.cli.main(args=sys.argv[1:], prog_name='flask', standalone_mode=True)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [cid]
    assert "requeued 1" in done.stderr
    from rq import Queue

    q = Queue("interactive", connection=rel_app.extensions["semak"].redis)
    time.sleep(0.1)
    assert q.count == 1


def test_a_running_worker_survives_a_redis_restart(
    rel_client: Any, make_user: Any, workers: Any, private_redis: Any
) -> None:
    _, token = make_user()
    worker = workers.start()
    private_redis.restart()
    time.sleep(2.0)  # the worker's blocking dequeue meets the dead connection
    cid = upload(rel_client, token, [(mc_png(24), "mc.png")]).get_json()["id"]
    body = wait_until(rel_client, token, cid, finished, 120, worker.log)
    assert body["status"] == "done", body
    assert worker.proc.poll() is None


def test_redis_lost_mid_job_the_claim_is_reconciled_and_finished(
    rel_app: Any, rel_client: Any, make_user: Any, workers: Any, private_redis: Any
) -> None:
    from semak.reconcile import reconcile

    svc = rel_app.extensions["semak"]
    _, token = make_user()
    worker = workers.start()
    files = [(mc_png(25 + i), f"mc-{i}.png") for i in range(3)]
    cid = upload(rel_client, token, files).get_json()["id"]
    body = wait_until(rel_client, token, cid, lambda b: b["status"] != "queued", 60, worker.log)
    assert body["status"] == "processing", "the job ended before Redis could be lost"
    private_redis.kill()  # mid-job: the job, its registries and its progress are gone
    time.sleep(4.0)  # the work horse meets the dead Redis at its next progress write
    private_redis.start()
    time.sleep(3.0)
    assert worker.proc.poll() is None, "the worker did not survive a 4 s Redis outage"
    if status_of(rel_client, token, cid)["status"] != "done":
        assert reconcile(svc, min_age=0).requeued == [cid]
    body = wait_until(rel_client, token, cid, finished, 90, worker.log)
    assert body["status"] == "done", body
