"""A file that fails on every attempt (issue 8: "a file that fails after its retries is listed
with its reason"): a real worker, real Redis; the poison comes from a prelude run in the worker
process before it starts (its work horses inherit it). Two ways to fail: the reading raises,
or the work horse dies (Tesseract crashing in it: SIGSEGV). Either way the file ends ``failed``
with its reason after its retries (JOB_RETRIES=1: two attempts), in ``archive status`` and in
the batch index, the other file is read, the batch is grouped, and nothing runs it again.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_helpers import Worker, wait_until
from reliability_helpers import mc_png
from rq import Queue
from rq.registry import ScheduledJobRegistry, StartedJobRegistry
from sqlalchemy import select

from semak.archive.index import batch_index
from semak.archive.ingest import batch_status
from semak.archive.models import ArchiveFile
from semak.archive.models import FileStatus as FS
from semak.queue import ARCHIVE

pytestmark = [pytest.mark.redis, pytest.mark.tesseract]
ROOT = Path(__file__).resolve().parents[2]
POISON = {
    "raises": (
        "import semak.archive.jobs as j\n"
        "real = j._stream\n"
        "def poisoned(svc, writer, path, name):\n"
        "    if 'poison' in name:\n"
        "        raise RuntimeError('the poison file cannot be read')\n"
        "    return real(svc, writer, path, name)\n"
        "j._stream = poisoned"
    ),
    "dies": (
        "import os, signal, semak.archive.jobs as j\n"
        "real = j._stream\n"
        "def poisoned(svc, writer, path, name):\n"
        "    if 'poison' in name:\n"
        "        os.kill(os.getpid(), signal.SIGSEGV)\n"
        "    return real(svc, writer, path, name)\n"
        "j._stream = poisoned"
    ),
}
EXPECTED = {
    "raises": ("RuntimeError", "the poison file cannot be read"),
    "dies": ("worker_died", "the worker process died (signal 11), on every attempt"),
}


@pytest.fixture
def poisoned_worker(
    request: pytest.FixtureRequest, service_env: dict[str, str], redis_url: str, tmp_path: Path
) -> Iterator[Worker]:
    """A ``python worker.py`` with the prelude ``POISON[request.param]`` run before it."""
    from redis import Redis
    from rq import Worker as RqWorker

    name = f"archive-poison-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / f"{name}.log"
    run = "import runpy, sys; sys.argv = sys.argv[1:]; "
    run += "runpy.run_path('worker.py', run_name='__main__')"
    code = f"{POISON[request.param]}\n{run}"
    argv = [sys.executable, "-c", code, "worker.py", "--name", name]
    env = {**service_env, "SEMAK_CACHE_DIR": str(tmp_path / "page-cache")}
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    worker = Worker(name, proc, log_path)
    conn = Redis.from_url(redis_url)
    deadline = time.monotonic() + 60
    try:
        while not any(w.name == name for w in RqWorker.all(connection=conn)):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"worker did not start:\n{worker.log()}")
            time.sleep(0.2)
        yield worker
    finally:
        worker.stop()
        conn.close()


@pytest.mark.parametrize("poisoned_worker", ["raises", "dies"], indirect=True)
def test_a_file_failing_on_every_attempt_is_listed_failed_with_its_reason(
    archive_app: Any, poisoned_worker: Worker, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    mode = request.node.callspec.params["poisoned_worker"]
    code, message = EXPECTED[mode]
    svc = archive_app.extensions["semak"]
    cabinet = tmp_path / "cabinet"
    cabinet.mkdir()
    (cabinet / "good.png").write_bytes(mc_png(80))
    (cabinet / "poison.png").write_bytes(mc_png(81))
    batch = f"poison-{mode}"

    res = archive_app.test_cli_runner().invoke(
        args=["archive", "ingest", str(cabinet), "--batch", batch, "--no-wait"]
    )
    assert res.exit_code == 0, res.output
    done = lambda: batch_status(svc, batch).done  # type: ignore[union-attr]  # noqa: E731
    wait_until(done, 180, [poisoned_worker], f"batch {batch} to finish")

    with svc.db.Session() as s:
        files = {f.path: f for f in s.scalars(select(ArchiveFile))}
    poison, good = files["poison.png"], files["good.png"]
    assert (poison.status, poison.error_code, poison.error_message) == (FS.FAILED, code, message)
    assert poison.attempts == 1 + svc.settings.job_retries  # after its retries, not before
    assert good.status == FS.DONE and good.pages_done == 1

    st = batch_status(svc, batch)
    assert st is not None and st.files_failed == 1 and st.grouped
    res = archive_app.test_cli_runner().invoke(args=["archive", "status", batch])
    assert res.exit_code == 0, res.output
    assert "1 failed" in res.output and f"poison.png: {code} {message}" in res.output

    csv_text, data = batch_index(batch, svc=svc)
    assert data["failures"] == [{"file": "poison.png", "code": code, "message": message}]
    rows = [r for r in data["pages"] if r["file"] == "poison.png"]
    assert [(r["kind"], r["note"]) for r in rows] == [("not_read", message)]
    assert "poison.png,1,not_read" in csv_text

    # not an endless loop: nothing queued, scheduled or running for it, and it stays failed
    time.sleep(5)
    queue = Queue(ARCHIVE, connection=svc.redis)
    assert queue.count == 0
    assert ScheduledJobRegistry(queue=queue).count == 0
    assert StartedJobRegistry(queue=queue).count == 0
    with svc.db.Session() as s:
        again = s.get(ArchiveFile, poison.id)
        assert again is not None
        assert (again.status, again.attempts) == (FS.FAILED, poison.attempts)
    assert poisoned_worker.proc.poll() is None
