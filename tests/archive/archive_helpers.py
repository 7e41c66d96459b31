"""Helpers of the archive tests: killable worker processes, waiting, small archives."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Worker:
    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def kill(self) -> None:
        """SIGKILL the worker and its work horse at once: a machine that stops. (RQ puts the
        horse in a process group of its own, so it is found by its parent.)"""
        if self.proc.poll() is None:
            family = [*descendants(self.proc.pid), self.proc.pid]
            for pid in family:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


def descendants(pid: int) -> list[int]:
    """Child processes of ``pid``, recursively (from /proc)."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            kids.append(int(stat.parent.name))
    return kids + [d for k in kids for d in descendants(k)]


def wait_until(check: Callable[[], bool], timeout: float, workers: list[Worker], what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            logs = "\n---\n".join(w.log() for w in workers)
            pytest.fail(f"timed out waiting for {what}; worker logs:\n{logs}")
        time.sleep(0.3)


ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def running_workers(
    env: dict[str, str], redis_url: str, logs: Path, prefix: str
) -> Iterator[Callable[[], Worker]]:
    """start() -> a running ``python worker.py`` in a process group of its own (a test may
    kill it outright), registered with RQ before it is handed over; all stopped at the end."""
    from redis import Redis
    from rq import Worker as RqWorker

    started: list[Worker] = []
    conn = Redis.from_url(redis_url)

    def start() -> Worker:
        name = f"{prefix}-{uuid.uuid4().hex[:8]}"
        log_path = logs / f"{name}.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen([sys.executable, "worker.py", "--name", name], cwd=ROOT,
                                    env=env, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)  # fmt: skip
        worker = Worker(name, proc, log_path)
        started.append(worker)
        deadline = time.monotonic() + 60
        while not any(w.name == name for w in RqWorker.all(connection=conn)):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"worker did not start:\n{worker.log()}")
            time.sleep(0.2)
        return worker

    try:
        yield start
    finally:
        for w in started:
            w.stop()
        conn.close()
