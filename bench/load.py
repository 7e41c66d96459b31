"""Load test on loopback: N clients upload small claims and poll their status.

    python -m bench.load                      # 20 clients, 60 s, its own stack (below)
    python -m bench.load --soak 600 --kill-every 60   # 10 minutes, a worker SIGKILLed a minute
    python -m bench.load --url http://127.0.0.1:5000 --token smk_... [--token smk_...]
                                              # against `make run`; tokens shared round-robin

Without ``--url`` it starts, and stops at the end, its own stack on loopback: a private
redis-server, gunicorn (2 processes x 4 threads, as scripts/run.sh), ``--workers`` RQ workers,
a SQLite database and storage in a temporary folder, one API token per client.

Each client is a closed loop: upload one claim (a generated one-page medical certificate),
poll its status every ``--poll`` seconds until done or failed, repeat until the time is up.
Afterwards every accepted claim must reach a report: the tool waits up to ``--settle`` seconds
(running the reconciler, as cron would) and counts done / failed / lost.

In a soak (``--soak SECONDS``) one RQ worker is SIGKILLed every ``--kill-every`` seconds,
together with its work horse (a busy worker first: the kill lands mid-job), and a fresh one is
started in its place, as scripts/run.sh's supervision would; the reconciler runs after each
kill, as cron would (it queues again the claims of a dead worker once its heartbeat is older
than 120 s).

Reported: accept rate, p50/p99 of upload and status calls, of the time from upload to the
report a client saw, errors, claims done / failed / lost. Exit status 1 when any request
errored or any accepted claim did not reach a report (failed counts as not reached).
Only 127.0.0.1 is ever a target.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLAIM = {
    "claim_type": "temporary_disablement",
    "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
    "insured_ic": "870903-10-6231",
    "accident_date": "2026-10-02",
    "accident_time": "09:30",
    "accident_kind": "workplace",
    "employment_status": "employed",
    "submitted_on": "2026-10-20",
    "employer_name": "Demo Sdn. Bhd.",
    "employer_code": "E1",
}


# --- what the clients send ----------------------------------------------------------------


def mc_png(ref: int) -> bytes:
    """A small one-page medical certificate; ``ref`` makes its pixels unique."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
    img = Image.new("L", (1100, 700), 255)
    draw = ImageDraw.Draw(img)
    lines = [
        "SIJIL CUTI SAKIT / MEDICAL CERTIFICATE",
        f"Nama: {CLAIM['insured_name']}",
        f"No. K/P: {CLAIM['insured_ic']}",
        "Tarikh: 02/10/2026",
        "Cuti sakit 5 hari dari 02/10/2026 hingga 06/10/2026",
        f"Ref: {ref}",
    ]
    for i, line in enumerate(lines):
        draw.text((60, 60 + i * 90), line, fill=0, font=font)
    out = io.BytesIO()
    img.save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "semak" + uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode() + b"\r\n")
    for name, filename, content in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        out.write(head.encode() + content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Stats:
    upload_ms: list[float] = field(default_factory=list)
    status_ms: list[float] = field(default_factory=list)
    report_s: list[float] = field(default_factory=list)  # upload -> done seen by its client
    uploads: int = 0
    accepted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


class Client:
    """One simulated submitter: its own connection and token."""

    def __init__(self, base: str, token: str, stats: Stats, poll: float) -> None:
        parts = urlsplit(base)
        assert parts.hostname in ("127.0.0.1", "localhost"), "loopback only"
        self.host, self.port = parts.hostname, parts.port or 80
        self.token, self.stats, self.poll = token, stats, poll
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method: str, path: str, body: bytes | None = None, ctype: str = "") -> Any:
        headers = {"Authorization": f"Bearer {self.token}"}
        if ctype:
            headers["Content-Type"] = ctype
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def one_claim(self, deadline: float) -> None:
        ref = random.randrange(10**9)
        data = {**CLAIM, "claim_id": f"LOAD-{ref}"}
        body, ctype = multipart({"claim": json.dumps(data)}, [("files", "mc.png", mc_png(ref))])
        t0 = submitted = time.perf_counter()
        try:
            status, raw = self.request("POST", "/api/v1/claims", body, ctype)
        except Exception as exc:
            self.stats.error(f"upload: {type(exc).__name__}")
            return
        ms = (time.perf_counter() - t0) * 1000
        with self.stats.lock:
            self.stats.uploads += 1
            self.stats.upload_ms.append(ms)
        if status != 202:
            self.stats.error(f"upload: HTTP {status} {raw[:120]!r}")
            return
        cid = json.loads(raw)["id"]
        with self.stats.lock:
            self.stats.accepted.append(cid)
        while time.monotonic() < deadline:
            time.sleep(self.poll)
            t0 = time.perf_counter()
            try:
                status, raw = self.request("GET", f"/api/v1/claims/{cid}")
            except Exception as exc:
                self.stats.error(f"status: {type(exc).__name__}")
                continue
            with self.stats.lock:
                self.stats.status_ms.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                self.stats.error(f"status: HTTP {status}")
                continue
            state = json.loads(raw)["status"]
            if state == "done":
                with self.stats.lock:
                    self.stats.report_s.append(time.perf_counter() - submitted)
            if state in ("done", "failed"):
                return

    def run(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            self.one_claim(deadline)
        self.conn.close()


# --- the stack ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Stack:
    """redis-server, gunicorn and RQ workers of our own, on loopback; stopped by pid."""

    workdir: Path
    n_workers: int
    env: dict[str, str] = field(default_factory=dict)
    url: str = ""
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    workers: list[tuple[subprocess.Popen[bytes], str]] = field(default_factory=list)

    def _spawn(self, key: str, argv: list[str]) -> subprocess.Popen[bytes]:
        log = (self.workdir / f"{key}.log").open("ab")
        proc = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.procs[key] = proc
        return proc

    def start(self) -> None:
        redis_port, web_port = free_port(), free_port()
        self.env = {
            **os.environ,
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL")
            or f"sqlite:///{self.workdir / 'semak.db'}",
            "STORAGE_DIR": str(self.workdir / "storage"),
            "SEMAK_INSTANCE_DIR": str(self.workdir / "instance"),
            "SECRET_KEY": uuid.uuid4().hex,
            "JOB_RETRIES": "2",
            "JOB_RETRY_INTERVALS": "1,5",
            "OMP_THREAD_LIMIT": "1",
        }
        self._spawn(
            "redis",
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
        )
        self._wait(lambda: _ping_redis(self.env["REDIS_URL"]), "redis")
        subprocess.run([PY, "-m", "flask", "--app", "app", "init-db"], cwd=ROOT, env=self.env,
                       check=True, capture_output=True)  # fmt: skip
        for _ in range(self.n_workers):
            self.start_worker()
        self._spawn(
            "gunicorn",
            [PY, "-m", "gunicorn", "--bind", f"127.0.0.1:{web_port}", "--workers", "2",
             "--threads", "4", "--timeout", "120", "app:create_app()"],
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{web_port}"
        self._wait(lambda: _http_ok(self.url + "/healthz"), "gunicorn")

    def start_worker(self) -> None:
        name = f"bench-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        proc = self._spawn(name, [PY, "worker.py", "--name", name])
        self.workers.append((proc, name))

    def kill_a_worker(self) -> tuple[str, bool]:
        """SIGKILL one worker and its work horse (RQ runs the horse in its own session): a
        busy one when there is one; (its name, whether it was busy)."""
        busy = [i for i, (proc, _) in enumerate(self.workers) if _horses(proc.pid)]
        pick = random.choice(busy) if busy else random.randrange(len(self.workers))
        proc, name = self.workers.pop(pick)
        busy_now = bool(_horses(proc.pid))
        horses = _children(proc.pid)  # the horse, and the scheduler when this one runs it
        proc.kill()
        for pid in horses:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=10)
        self.procs.pop(name, None)
        return name, busy_now

    def tokens(self, n: int) -> list[str]:
        code = (
            "import json, sys; from semak.config import Settings; from semak.db import Database;"
            "from semak.auth import create_user, issue_token;"
            "db = Database(Settings.from_env().database_url); out = [];\n"
            "with db.session() as s:\n"
            f"    for i in range({n}):\n"
            "        u = create_user(s, f'load{i}@bench.my', 'employer', employer_code='E1')\n"
            "        out.append(issue_token(s, u, 'bench'))\n"
            "print(json.dumps(out))"
        )
        done = subprocess.run([PY, "-c", code], cwd=ROOT, env=self.env, check=True,
                              capture_output=True, text=True)  # fmt: skip
        tokens: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
        return tokens

    def reconcile(self) -> str:
        code = (
            "from app import create_app; from semak.reconcile import reconcile;"
            "from semak.services import services; app = create_app();\n"
            "with app.app_context():\n"
            "    r = reconcile(services(), min_age=30)\n"
            "    print(len(r.requeued))"
        )
        done = subprocess.run([PY, "-c", code], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip
        return done.stdout.strip() or done.stderr.strip()[-200:]

    def stop(self) -> None:
        for proc, _ in self.workers:
            for pid in _children(proc.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

    def _wait(self, ok: Any, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not ok():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start; see {self.workdir}")
            time.sleep(0.2)


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


def _horses(pid: int) -> list[int]:
    """The worker's work horse while it runs a job: RQ puts it in a process group of its own
    (the worker's scheduler child stays in the worker's)."""
    out = []
    for child in _children(pid):
        try:
            pgrp = int(Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[2])
        except (OSError, ValueError, IndexError):
            continue
        if pgrp == child:
            out.append(child)
    return out


def _ping_redis(url: str) -> bool:
    from redis import Redis

    try:
        return bool(Redis.from_url(url, socket_connect_timeout=0.3).ping())
    except Exception:
        return False


def _http_ok(url: str) -> bool:
    parts = urlsplit(url)
    try:
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=2)
        conn.request("GET", parts.path)
        return conn.getresponse().status == 200
    except OSError:
        return False


# --- the run ---------------------------------------------------------------------------------


def settle(base: str, token: str, ids: list[str], timeout: float, stack: Stack | None) -> dict:
    """Wait for every accepted claim to be done or failed; run the reconciler meanwhile."""
    client = Client(base, token, Stats(), 0)
    pending, final = set(ids), {}
    deadline = time.monotonic() + timeout
    last_reconcile = time.monotonic()
    while pending and time.monotonic() < deadline:
        for cid in list(pending):
            status, raw = client.request("GET", f"/api/v1/claims/{cid}")
            body = json.loads(raw) if status == 200 else {"status": f"HTTP {status}"}
            if body["status"] in ("done", "failed"):
                final[cid] = body["status"]
                pending.discard(cid)
        if stack is not None and time.monotonic() - last_reconcile > 60:
            print(f"  settle: {len(pending)} pending, reconcile -> {stack.reconcile()}")
            last_reconcile = time.monotonic()
        time.sleep(1.0)
    counts = {"done": 0, "failed": 0, "lost": len(pending)}
    for status in final.values():
        counts[status] += 1
    return counts


def run(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="semak-load-"))
    stack = None
    if args.url:
        base, tokens = args.url, [args.token[i % len(args.token)] for i in range(args.clients)]
    else:
        stack = Stack(workdir, args.workers)
        print(f"starting the stack in {workdir} ...", flush=True)
        stack.start()
        base, tokens = stack.url, stack.tokens(args.clients)
    try:
        return measure(args, base, tokens, stack)
    finally:
        if stack is not None:
            stack.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def measure(args: argparse.Namespace, base: str, tokens: list[str], stack: Stack | None) -> int:
    stats = Stats()
    duration = args.soak if args.soak else args.duration
    started = time.monotonic()
    deadline = started + duration
    threads = [
        threading.Thread(target=Client(base, t, stats, args.poll).run, args=(deadline,))
        for t in tokens
    ]
    for t in threads:
        t.start()
    kills: list[tuple[str, bool]] = []
    while time.monotonic() < deadline:
        time.sleep(min(args.kill_every if args.soak else 5, max(0.1, deadline - time.monotonic())))
        if args.soak and stack is not None and time.monotonic() < deadline:
            kills.append(stack.kill_a_worker())
            stack.start_worker()
            name, busy = kills[-1]
            when = f"{time.monotonic() - started:5.0f}s"
            print(f"  {when} killed {name} ({'mid-job' if busy else 'idle'}); "
                  f"reconcile -> {stack.reconcile()}", flush=True)  # fmt: skip
    for t in threads:
        t.join(timeout=60)
    elapsed = time.monotonic() - started
    print(f"load phase over after {elapsed:.0f} s; settling ...", flush=True)
    outcome = settle(base, tokens[0], stats.accepted, args.settle, stack)
    report(args, stats, elapsed, outcome, kills)
    return 0 if not stats.errors and outcome["lost"] == 0 and outcome["failed"] == 0 else 1


def report(
    args: Any, stats: Stats, elapsed: float, outcome: dict, kills: list[tuple[str, bool]]
) -> None:
    accepted = len(stats.accepted)
    mid_job = sum(1 for _, busy in kills if busy)
    lines = [
        f"clients {args.clients}, {elapsed:.0f} s{' (soak)' if args.soak else ''}, "
        f"workers {args.workers}, workers killed {len(kills)} ({mid_job} mid-job)",
        f"uploads {stats.uploads}, accepted {accepted} "
        f"({accepted / max(stats.uploads, 1):.1%}), {accepted / elapsed * 60:.1f} claims/min",
        f"upload ms p50 {pct(stats.upload_ms, 50):.0f} p99 {pct(stats.upload_ms, 99):.0f} "
        f"(n={len(stats.upload_ms)})",
        f"status ms p50 {pct(stats.status_ms, 50):.0f} p99 {pct(stats.status_ms, 99):.0f} "
        f"(n={len(stats.status_ms)})",
        f"report s p50 {pct(stats.report_s, 50):.1f} p99 {pct(stats.report_s, 99):.1f} "
        f"(upload to done, seen by its client; n={len(stats.report_s)})",
        f"errors {len(stats.errors)}"
        + (f": {sorted(set(stats.errors))[:5]}" if stats.errors else ""),
        f"after: done {outcome['done']}, failed {outcome['failed']}, lost {outcome['lost']} "
        f"of {accepted} accepted; reached a report {outcome['done']} of {accepted}",
    ]
    if stats.upload_ms:
        lines.append(f"upload ms mean {statistics.mean(stats.upload_ms):.0f}")
    print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    p.add_argument("--url", help="a running service on loopback (default: start our own)")
    p.add_argument("--token", action="append", help="API token for --url (repeat: one per"
                   " account; uploads are rate-limited per account, RATELIMIT_UPLOAD)")  # fmt: skip
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    p.add_argument("--soak", type=float, nargs="?", const=600.0, default=None, metavar="SECONDS",
                   help="SECONDS (600) of load, a worker killed every --kill-every")  # fmt: skip
    p.add_argument("--soak-minutes", type=float, default=None, help=argparse.SUPPRESS)
    p.add_argument("--kill-every", type=float, default=60.0, help="seconds between kills (soak)")
    p.add_argument("--workers", type=int, default=2, help="RQ workers of our own stack")
    p.add_argument("--poll", type=float, default=1.0, help="seconds between status calls")
    p.add_argument("--settle", type=float, default=600.0, help="seconds to wait for reports")
    p.add_argument("--keep", action="store_true", help="keep the stack's folder (logs, db)")
    args = p.parse_args(argv)
    if args.url and not args.token:
        p.error("--url needs --token")
    if args.soak_minutes is not None:  # the older spelling
        args.soak = args.soak_minutes * 60
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
