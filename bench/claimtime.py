"""Claim time: ``python -m bench.claimtime [--runs 3] [--workers 1,2] [--sizes 1,6,30]``.

The time a person waits, from the upload (``POST /api/v1/claims``, in-process Flask client)
to the report in the database, for claims of 1, 6 and 30 scanned pages (files of the
sample_docs bundles: scanned PDFs, phone photos, WhatsApp images; the 30-page claim is the
files of several bundles, under the first one's claim data), with 1 and with 2 real
``worker.py`` processes already idle on a private Redis database and SQLite file. Each run's
CPU is the workers' (their work horses included: utime+stime+cutime+cstime from /proc, read
once the horses have been reaped). Prints every run, then per size and worker count the median
wall time and CPU, the 2-worker/1-worker ratio, and the load average before and after: the
machine may be shared, and its load is part of the figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUNDLES = ROOT / "sample_docs" / "bundles"
SIX = "dependants_commuting_clean"  # five files, six pages
SKIPPED = frozenset({"claim.json", "expected_report.json", "truth.json"})


@dataclass
class Run:
    pages: int
    workers: int
    seconds: float
    cpu: float
    verdict: str


def _files(bundle: str) -> list[tuple[Path, int]]:
    from intake.files import inspect_file

    out = []
    for f in sorted((BUNDLES / bundle).iterdir()):
        if f.name not in SKIPPED:
            out.append((f, inspect_file(f, f.name).pages))
    return out


def claims() -> dict[int, tuple[dict[str, Any], list[tuple[Path, str]]]]:
    """Claim data and (file, uploaded name) of the 1-, 6- and 30-page claims."""
    data = json.loads((BUNDLES / SIX / "claim.json").read_text())
    six = [(f, f.name) for f, _ in _files(SIX)]
    one = [next((f, f.name) for f, n in _files("job_loss_clean") if n == 1 and f.suffix == ".pdf")]
    thirty: list[tuple[Path, str]] = []
    total = 0
    for bundle in sorted(p.name for p in BUNDLES.iterdir() if p.is_dir()):
        for f, n in _files(bundle):
            if total + n <= 30:
                thirty.append((f, f"{bundle}-{f.name}"))
                total += n
        if total == 30:
            break
    assert total == 30 and len(thirty) <= 30, total
    return {1: (data, one), 6: (data, six), 30: (data, thirty)}


def _cpu(pids: list[int]) -> float:
    """utime+stime+cutime+cstime of the processes, in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(x) for x in fields[11:15])
    return total / tick


def _busy(redis_url: str) -> bool:
    from redis import Redis
    from rq import Worker

    conn = Redis.from_url(redis_url)
    return any(w.get_state() == "busy" for w in Worker.all(connection=conn))


def _start_workers(n: int, env: dict[str, str], redis_url: str) -> list[subprocess.Popen[bytes]]:
    from redis import Redis
    from rq import Worker

    names = [f"claimtime-{n}-{i}-{uuid.uuid4().hex[:4]}" for i in range(n)]
    procs = [subprocess.Popen([sys.executable, "worker.py", "--name", name, "--quiet"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for name in names]  # fmt: skip
    conn = Redis.from_url(redis_url)
    deadline = time.monotonic() + 120
    while {w.name for w in Worker.all(connection=conn)} < set(names):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            raise SystemExit("the workers did not start")
        time.sleep(0.2)
    return procs


def one_claim(
    client: Any, svc: Any, token: str, claim: Any, pids: list[int], url: str, pages: int
) -> Run:
    """Upload the claim, wait for its report; wall time and the workers' CPU meanwhile."""
    from sqlalchemy import select

    from semak.models import Claim

    data, files = claim
    body = {"claim": json.dumps(data),
            "files": [(io.BytesIO(p.read_bytes()), name) for p, name in files]}  # fmt: skip
    cpu0 = _cpu(pids)
    start = time.monotonic()
    resp = client.post("/api/v1/claims", data=body, headers={"Authorization": f"Bearer {token}"},
                       content_type="multipart/form-data")  # fmt: skip
    assert resp.status_code == 202, resp.get_data(as_text=True)
    public_id = resp.get_json()["id"]
    while True:
        with svc.db.session() as s:
            c = s.scalar(select(Claim).where(Claim.public_id == public_id))
            status, verdict = (c.status, c.verdict) if c else ("", None)
        if status in ("done", "failed"):
            break
        time.sleep(0.05)
    seconds = time.monotonic() - start
    while _busy(url):  # helpers still finishing, horses to be reaped: their CPU counts
        time.sleep(0.2)
    time.sleep(0.5)
    tally = _tally(url, f"verify-{public_id}-1")
    return Run(pages, len(pids), seconds, _cpu(pids) - cpu0, f"{status}:{verdict} {tally}")


def _tally(redis_url: str, job_id: str) -> str:
    """Where the claim's pages came from (semak.parts.Tally, the owner job's meta)."""
    from redis import Redis
    from rq.job import Job

    try:
        pages = Job.fetch(job_id, connection=Redis.from_url(redis_url)).meta.get("pages")
    except Exception:  # the job expired
        return ""
    if not pages:
        return ""
    conn = Redis.from_url(redis_url)
    helpers = [Job.fetch(k.decode().split(":", 2)[2], connection=conn)
               for k in conn.scan_iter(match=f"rq:job:{job_id}-s*-p*")]  # fmt: skip
    said = [str(h.return_value()) for h in helpers]
    return " ".join(f"{k}={v}" for k, v in pages.items()) + f" helpers: {'; '.join(said)}"


def run_set(workers: int, sizes: list[int], runs: int, redis_url: str) -> list[Run]:
    """Fresh instance, ``workers`` idle workers, each claim ``runs`` times (interleaved)."""
    from redis import Redis

    from semak.auth import create_user, issue_token
    from semak.config import Settings
    from semak.factory import create_app

    todo = claims()
    out: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/semak.db", "REDIS_URL": redis_url,
               "STORAGE_DIR": f"{tmp}/storage", "SEMAK_INSTANCE_DIR": tmp,
               "SECRET_KEY": secrets.token_hex(16), "OMP_THREAD_LIMIT": "1",
               "JOB_RETRIES": "0"}  # fmt: skip
        Redis.from_url(redis_url).flushdb()
        settings = Settings.from_env(env)
        app = create_app({"SETTINGS": settings, "TESTING": True})
        svc = app.extensions["semak"]
        svc.db.upgrade()
        with svc.db.session() as s:
            user = create_user(s, f"bench-{uuid.uuid4().hex[:6]}@example.my", "employer",
                               employer_code="E23924137")  # fmt: skip
            token = issue_token(s, user)
        procs = _start_workers(workers, env, redis_url)
        try:
            client = app.test_client()
            for _ in range(runs):
                for size in sizes:
                    pids = [p.pid for p in procs]
                    run = one_claim(client, svc, token, todo[size], pids, redis_url, size)
                    out.append(run)
                    print(f"  {size:2d} pages, {workers} worker(s): {run.seconds:6.1f} s, "
                          f"CPU {run.cpu:6.1f} s, {run.verdict}", flush=True)  # fmt: skip
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(timeout=60)
            svc.close()
    return out


def helper_cost(redis_url: str, jobs: int = 20) -> tuple[float, float]:
    """Wall and CPU seconds per helper job that finds nothing to read (its board is gone):
    what sharing costs a worker per part, on top of the pages (one idle worker)."""
    from redis import Redis
    from rq import Queue

    from semak.parts import READ_PART

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/semak.db", "REDIS_URL": redis_url,
               "STORAGE_DIR": f"{tmp}/storage", "SEMAK_INSTANCE_DIR": tmp,
               "SECRET_KEY": secrets.token_hex(16), "OMP_THREAD_LIMIT": "1"}  # fmt: skip
        conn = Redis.from_url(redis_url)
        conn.flushdb()
        procs = _start_workers(1, env, redis_url)
        try:
            time.sleep(1.0)
            cpu0, start = _cpu([procs[0].pid]), time.monotonic()
            queue = Queue("interactive", connection=conn)
            queued = [queue.enqueue_call(READ_PART, args=(f"gone-{i}", "gone", [(0, 1, 1)]),
                                         at_front=True) for i in range(jobs)]  # fmt: skip
            while any(j.get_status(refresh=True) != "finished" for j in queued):
                time.sleep(0.02)
            seconds = time.monotonic() - start
            time.sleep(0.5)
            cpu = _cpu([procs[0].pid]) - cpu0
        finally:
            procs[0].terminate()
            procs[0].wait(timeout=60)
    return seconds / jobs, cpu / jobs


def main(argv: list[str] | None = None) -> int:
    from bench.archive import _redis_db

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--sizes", default="1,6,30")
    ap.add_argument("--helper-cost", action="store_true", help="only the cost of a helper job")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    counts = [int(x) for x in args.workers.split(",")]
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} ({os.cpu_count()} cores)", flush=True)  # fmt: skip
    redis_url, release = _redis_db()
    runs: list[Run] = []
    if args.helper_cost:
        try:
            wall, cpu = helper_cost(redis_url)
        finally:
            release()
        print(f"a helper job with nothing to read: {wall:.3f} s wall, {cpu:.3f} s CPU (the mean "
              f"of 20, one idle worker)")  # fmt: skip
        return 0
    try:
        for n in counts:
            runs += run_set(n, sizes, args.runs, redis_url)
    finally:
        release()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("pages  workers  median s  median CPU s  runs  ratio to 1 worker")
    for size in sizes:
        base = None
        for n in counts:
            mine = [r for r in runs if r.pages == size and r.workers == n]
            med = statistics.median(r.seconds for r in mine)
            base = med if n == 1 else base
            ratio = f"{med / base:.2f}x" if base and n != 1 else "-"
            print(f"{size:5d}  {n:7d}  {med:8.1f}  {statistics.median(r.cpu for r in mine):12.1f}"
                  f"  {len(mine):4d}  {ratio}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
