"""A job that hangs is stopped at JOB_TIMEOUT and its claim fails visibly; Tesseract crashing
inside the worker process (the in-process tesserocr engine) on a page.

The faults are put into a real ``worker.py`` by a prelude run in the same process before it
starts (the work horse is forked from it, so it inherits the patch). Tesseract's crash is
modelled where it would happen: inside the work horse for tesserocr (the prelude), inside the
child of the child-process engine (a stand-in for ``intake.ocr.CHILD_COMMAND`` that kills
itself)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import (
    child_prelude,
    finished,
    make_fake_child,
    mc_png,
    upload,
    wait_until,
)

pytestmark = [pytest.mark.redis]
HANG = (  # the job's reading stage (semak.jobs.read_files) never returns
    "import time, semak.jobs as j\ndef hang(*a, **k):\n    time.sleep(600)\nj.read_files = hang"
)
SEGV = (
    "import os, signal, intake.ocr as o\n"
    "def crash(self, *a, **k):\n"
    "    os.kill(os.getpid(), signal.SIGSEGV)\n"
    "o.TesserocrEngine.recognize = crash"
)


def test_a_hung_job_is_stopped_at_its_timeout_and_the_claim_fails_visibly(
    make_app: Any, rel_settings: Any, make_user: Any, workers: Any
) -> None:
    app = make_app(SETTINGS=rel_settings.with_overrides(job_timeout=3))
    client = app.test_client()
    _, token = make_user()
    worker = workers.start(prelude=HANG)
    cid = upload(client, token, [(mc_png(70), "mc.png")]).get_json()["id"]
    body = wait_until(client, token, cid, finished, 60, worker.log)  # polling, not a measure
    assert body["status"] == "failed"
    assert "longer than 3 seconds" in (body["status_reason"] or "")
    # the job's own limit stopped each attempt of the 600 s sleep: two (JOB_RETRIES=1), no more
    assert _attempts(app, cid) == 2
    assert worker.proc.poll() is None


def _attempts(app: Any, public_id: str) -> int:
    from sqlalchemy import select

    from semak.models import Claim

    with app.extensions["semak"].db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None
        return claim.attempts


@pytest.mark.tesseract
def test_a_tesseract_crash_inside_the_worker_leaves_the_claim_reported(
    rel_client: Any, make_user: Any, workers: Any, tmp_path: Path
) -> None:
    """Every reading of the page crashes Tesseract: in the work horse (tesserocr) on the first
    attempt, killing it; in the OCR child on the retry, which must then read out of process, so
    that the page is unreadable and the claim is reported."""
    _, token = make_user()
    fake = make_fake_child(tmp_path / "bin")
    env = {"FAKE_OCR_MODE": "crash"}
    worker = workers.start(env, prelude=f"{SEGV}\n{child_prelude(fake)}")
    cid = upload(rel_client, token, [(mc_png(71), "mc.png")]).get_json()["id"]
    body = wait_until(rel_client, token, cid, finished, 90, worker.log)
    assert body["status"] == "done", body.get("status_reason")
    codes = {f["code"] for f in body["report"]["findings"]}
    assert "UNREADABLE_DOCUMENT" in codes
    log = worker.log()
    assert "signal 11" in log  # the first attempt did die in the work horse
    assert "reading with child" in log
    assert worker.proc.poll() is None
