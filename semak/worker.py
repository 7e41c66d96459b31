"""The RQ worker: preload the reading stack and rules, check Tesseract, then work.

``python worker.py [--name NAME] [--burst] [--quiet] [--log-file PATH]`` listens on
``interactive`` then ``archive``. A work loop that loses Redis (even mid-job) is started again
after a capped back-off. ``--quiet``: the console shows one line per claim read and every
warning (RQ's per-job lines go only to ``--log-file``, which keeps everything).
Exit code 2 when Tesseract or one of the required languages is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import Queue, Worker
from rq.job import Job

from semak.config import Settings

log = logging.getLogger("semak.worker")
EXIT_MISSING_TOOLS = 2
REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError)
RESTART_FIRST = 1.0  # seconds before the first restart of the work loop after losing Redis
RESTART_CAP = 30.0  # the longest wait between two attempts
RESTART_RESET_AFTER = 60.0  # a loop that ran this long starts a new outage at RESTART_FIRST


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CLAIM_LINE = "claim "  # semak.jobs: "claim <id> r<revision> done: <verdict>"


class ClaimLines(logging.Filter):
    """A quiet console: one line per claim read (semak.jobs), and every warning or error."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return record.name == "semak.jobs" and str(record.msg).startswith(CLAIM_LINE)


def configure_logging(
    quiet: bool = False, log_file: str | None = None, console: IO[str] | None = None
) -> None:
    """INFO to the console (only ClaimLines when ``quiet``) and, in full, to ``log_file``."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter(LOG_FORMAT)
    handler = logging.StreamHandler(console or sys.stderr)
    handler.setFormatter(formatter)
    if quiet:
        handler.addFilter(ClaimLines())
    root.addHandler(handler)
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        full = logging.FileHandler(log_file, encoding="utf-8")
        full.setFormatter(formatter)
        root.addHandler(full)


class ToolMissing(RuntimeError):
    pass


def check_tesseract(langs: str) -> str:
    """Tesseract's version; raises ToolMissing unless it runs and has eng, msa and ``langs``."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise ToolMissing(
            "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-eng "
            "tesseract-ocr-msa (or run scripts/setup.sh)"
        )
    try:
        version = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.splitlines()[0]
        listed = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.split()
    except (OSError, subprocess.SubprocessError, IndexError) as exc:
        raise ToolMissing(f"Tesseract does not run: {exc}") from exc
    wanted = {"eng", "msa", *[x for x in langs.split("+") if x]}
    missing = sorted(wanted - set(listed))
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{m}" for m in missing)
        raise ToolMissing(
            f"Tesseract language data missing: {', '.join(missing)} (apt-get install {pkgs})"
        )
    return version


# scipy.fftpack: imagehash.phash imports it on its first use, 0.3 s CPU in every work horse
# (every job: each helper of a shared claim, #24) unless the worker holds it before forking
PRELOADED = (
    "intake.reading",
    "intake.understanding",
    "verifier.bundle",
    "semak.archive.jobs",
    "scipy.fftpack",
)


def preload(settings: Settings) -> None:
    """Load the heavy reading stack, its models and the rules once, before forking work horses
    (``intake.reading.preload``: one OpenCV thread, the OCR engine warmed), so every work horse
    inherits them."""
    import importlib

    from intake.reading import preload as preload_reading
    from verifier.rules import load_rules

    for name in PRELOADED:
        importlib.import_module(name)
    preload_reading(settings.read_options())
    load_rules()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Semak RQ worker")
    parser.add_argument("--name", help="worker name (unique per host)")
    parser.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    parser.add_argument("--queues", default="interactive,archive", help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help="console: one line per claim")
    parser.add_argument("--log-file", help="the full log (appended)")
    args = parser.parse_args(argv)
    from semak.logscrub import install_log_scrubber

    install_log_scrubber()
    configure_logging(quiet=args.quiet, log_file=args.log_file)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    settings = Settings.from_env()
    try:
        version = check_tesseract(settings.ocr_langs)
    except ToolMissing as exc:
        print(f"worker: {exc}", file=sys.stderr)
        return EXIT_MISSING_TOOLS
    preload(settings)
    from redis import Redis

    redis = Redis.from_url(settings.redis_url)
    queue_names = [q for q in args.queues.split(",") if q]
    log.info("worker %s: %s, queues %s", args.name or "(unnamed)", version, queue_names)
    return supervise(lambda: build_worker(redis, queue_names, args.name), burst=args.burst)


def build_worker(redis: Any, queue_names: list[str], name: str | None) -> SemakWorker:
    """A fresh RQ worker on ``redis`` (one per run of the work loop)."""
    queues = [Queue(q, connection=redis) for q in queue_names]
    return SemakWorker(
        queues, name=name, connection=redis, work_horse_killed_handler=on_horse_killed
    )


def on_horse_killed(job: Job, retpid: int, ret_val: int, rusage: Any) -> None:
    """RQ's hook when a work horse died: an archive job's to ``semak.archive.jobs``, a
    claim's to ``semak.jobs`` (neither job module imports the other)."""
    if (job.func_name or "").startswith("semak.archive."):
        from semak.archive.jobs import on_horse_killed as archive_horse_killed
        from semak.workhorse import died, note_horse_death

        note_horse_death(job)
        archive_horse_killed(job, died(ret_val))
        return
    from semak.jobs import on_horse_killed as claim_horse_killed

    claim_horse_killed(job, retpid, ret_val, rusage)


class SemakWorker(Worker):
    """RQ's worker, remembering whether it was asked to stop (SIGTERM, SIGINT): its loop also
    ends on its own after an error it logs, and then it must be started again."""

    stop_asked = False

    def request_stop(self, signum: Any, frame: Any) -> None:
        self.stop_asked = True
        super().request_stop(signum, frame)


class _Stop(Exception):
    """SIGTERM or SIGINT while the worker waits to start again."""


def _raise_stop(signum: int, frame: Any) -> None:
    raise _Stop()


@contextlib.contextmanager
def _stop_on_signal() -> Iterator[None]:
    """Between two runs of the loop no RQ handler is in charge: SIGTERM/SIGINT raise _Stop."""
    signals = (signal.SIGTERM, signal.SIGINT)
    previous = [signal.signal(s, _raise_stop) for s in signals]
    try:
        yield
    finally:
        for s, handler in zip(signals, previous, strict=True):
            signal.signal(s, handler)


def supervise(
    build: Callable[[], Any],
    *,
    burst: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run ``build().work()`` until it is asked to stop (or, in burst mode, until it returns);
    start it again, after a capped back-off and once Redis answers, when Redis was lost: a
    ConnectionError or TimeoutError out of the loop (raised by its teardown), or RQ's loop
    returning on its own after an error it logged (a Redis TimeoutError ends it quietly).
    Other exceptions end the process (scripts/run.sh starts it again)."""
    delay = RESTART_FIRST
    while True:
        worker, started = None, clock()
        try:
            worker = build()  # RQ's worker names itself to Redis: it may fail too
            worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
            if burst or getattr(worker, "stop_asked", True):
                return 0
            reason = "its loop quit after an error"
        except REDIS_ERRORS as exc:
            reason = f"Redis unreachable ({type(exc).__name__}: {exc})"
        if clock() - started > RESTART_RESET_AFTER:
            delay = RESTART_FIRST  # it had worked a while: a fresh outage starts short
        name = worker.name if worker is not None else "(not started)"
        log.warning("worker %s stopped: %s; starting again in %.0f s", name, reason, delay)
        try:
            with _stop_on_signal():
                delay = _before_restart(worker, delay, sleep)
        except _Stop:
            log.info("worker %s: asked to stop while waiting to start again", name)
            return 0


def _before_restart(worker: Any, delay: float, sleep: Callable[[float], None]) -> float:
    """Wait before the next run of the loop; the next delay."""
    if worker is None:  # not even built: building again finds out whether Redis is back
        sleep(delay)
        return min(RESTART_CAP, delay * 2)
    _reap_horse(worker)
    return _wait_for_redis(worker, delay, sleep)


def _reap_horse(worker: Any) -> None:
    """A work horse left running when the loop broke finishes its job (its report still
    reaches the database) before the next loop forks another."""
    pid = int(getattr(worker, "_horse_pid", 0) or 0)
    if pid <= 0:
        return
    log.warning("worker %s: waiting for its work horse %d to end", worker.name, pid)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _wait_for_redis(worker: Any, delay: float, sleep: Callable[[float], None]) -> float:
    """Sleep ``delay`` (doubling up to RESTART_CAP) until Redis answers, then record the old
    worker's death so that its name can register again; returns the next delay."""
    while True:
        sleep(delay)
        delay = min(RESTART_CAP, delay * 2)
        try:
            worker.connection.ping()
            worker.register_death()
            return delay
        except REDIS_ERRORS as exc:
            log.warning(
                "worker %s: Redis still unreachable (%s); again in %.0f s",
                worker.name,
                type(exc).__name__,
                delay,
            )
