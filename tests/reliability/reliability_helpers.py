"""Helpers of the fault tests (importable by name; conftest is not, under importlib mode)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (HERE, ROOT / "tests" / "service"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PrivateRedis:
    """A redis-server of our own on a loopback port, without persistence."""

    port: int
    workdir: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = (self.workdir / "redis.log").open("ab")
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        from redis import Redis

        conn = Redis.from_url(self.url, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while True:
            try:
                conn.ping()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise RuntimeError("private redis-server did not start") from None
                time.sleep(0.05)
        conn.close()

    def kill(self) -> None:
        """SIGKILL: the data is gone (no persistence), like a crashed Redis."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.kill()
        self.start()


@dataclass
class Worker:
    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]

    def children(self) -> list[int]:
        """Pids whose parent is this worker: its work horse while a job runs."""
        out = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                out.append(int(stat.parent.name))
        return out

    def kill_all(self) -> None:
        """SIGKILL the worker and its work horse at once (a machine losing the process).
        The horse runs in a session of its own (RQ calls setsid), so it is named by pid."""
        horses = self.children()
        if self.proc.poll() is None:
            self.proc.kill()
        for pid in horses:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        horses = self.children()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for pid in horses:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@dataclass
class Workers:
    env: dict[str, str]
    tmp: Path
    redis_url: str
    started: list[Worker] = field(default_factory=list)

    def start(
        self,
        extra_env: dict[str, str] | None = None,
        wait: bool = True,
        prelude: str = "",
    ) -> Worker:
        """A ``python worker.py`` process; ``prelude``: Python run first in the same process."""
        name = f"rel-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        log_path = self.tmp / f"{name}.log"
        env = {**self.env, **(extra_env or {})}
        with log_path.open("wb") as log:
            argv = [sys.executable, "worker.py", "--name", name]
            if prelude:
                run = "import runpy, sys; sys.argv = sys.argv[1:]; "
                run += "runpy.run_path('worker.py', run_name='__main__')"
                argv = [sys.executable, "-c", f"{prelude}\n{run}", *argv[1:]]
            proc = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(name, proc, log_path)
        self.started.append(worker)
        if wait:
            self.wait_registered(worker)
        return worker

    def wait_registered(self, worker: Worker, timeout: float = 60) -> None:
        from redis import Redis
        from rq import Worker as RqWorker

        conn = Redis.from_url(self.redis_url)
        deadline = time.monotonic() + timeout
        try:
            while not any(w.name == worker.name for w in RqWorker.all(connection=conn)):
                if worker.proc.poll() is not None:
                    pytest.fail(f"worker exited {worker.proc.returncode}:\n{worker.log()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"worker did not register:\n{worker.log()}")
                time.sleep(0.2)
        finally:
            conn.close()


# --- a stand-in OCR child -----------------------------------------------------------------

FAKE_CHILD = """#!/bin/sh
case "$FAKE_OCR_MODE" in
  hang) exec sleep 600 ;;
  crash) kill -SEGV $$ ;;
esac
exec {python} -m intake.ocr_child "$@"
"""


def make_fake_child(bindir: Path) -> Path:
    """``bindir/ocr-child``: a stand-in for ``intake.ocr.CHILD_COMMAND`` that kills itself
    with SIGSEGV (``FAKE_OCR_MODE=crash``), sleeps 600 s (``hang``) or runs the real child."""
    bindir.mkdir(parents=True, exist_ok=True)
    exe = bindir / "ocr-child"
    exe.write_text(FAKE_CHILD.format(python=sys.executable))
    exe.chmod(0o755)
    return exe


def child_prelude(fake: Path) -> str:
    """A worker prelude that makes the child-process engine run ``fake``."""
    return f"import intake.ocr as _o\n_o.CHILD_COMMAND = ({str(fake)!r},)"


# --- uploads and polling ------------------------------------------------------------------


def mc_png(variant: int = 0) -> bytes:
    """A medical certificate page; ``variant`` changes its pixels (no cache hit, no dedupe)."""
    from service_scans import MC_LINES, medical_certificate_png

    lines = [*MC_LINES, f"Ref: {1000 + variant}"]
    return medical_certificate_png(lines)


def upload(client: Any, token: str, files: list[tuple[bytes, str]], **claim: Any) -> Any:
    from service_scans import claim_data

    data: dict[str, Any] = {
        "claim": json.dumps(claim_data(**claim)),
        "files": [(io.BytesIO(content), name) for content, name in files],
    }
    return client.post("/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"})


def status_of(client: Any, token: str, claim_id: str) -> dict[str, Any]:
    resp = client.get(f"/api/v1/claims/{claim_id}", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    body: dict[str, Any] = resp.get_json()
    return body


def wait_until(
    client: Any,
    token: str,
    claim_id: str,
    predicate: Callable[[dict[str, Any]], bool],
    timeout: float,
    logs: Callable[[], str] = lambda: "",
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = status_of(client, token, claim_id)
        if predicate(body):
            return body
        if time.monotonic() > deadline:
            pytest.fail(f"claim {claim_id} stuck: {body['status']} {body}\n{logs()}")
        time.sleep(0.2)


def finished(body: dict[str, Any]) -> bool:
    return body["status"] in ("done", "failed")
