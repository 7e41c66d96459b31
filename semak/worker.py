"""The RQ worker: preload the reading stack and rules, check Tesseract, then work.

``python worker.py [--name NAME] [--burst]`` listens on ``interactive`` then ``archive``.
Exit code 2 when Tesseract or one of the required languages is missing.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys

from semak.config import Settings

log = logging.getLogger("semak.worker")
EXIT_MISSING_TOOLS = 2


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


def preload() -> None:
    """Import the heavy reading stack once, before forking work horses."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import cv2

    cv2.setNumThreads(1)
    import importlib

    for name in ("intake.reading", "intake.understanding", "verifier.bundle", "semak.archive.jobs"):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            log.warning("could not preload %s: %s", name, exc)
    try:
        from verifier.rules import load_rules

        load_rules()
    except ImportError:
        log.warning("verifier.rules.load_rules is not available yet")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Semak RQ worker")
    parser.add_argument("--name", help="worker name (unique per host)")
    parser.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    parser.add_argument("--queues", default="interactive,archive", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from semak.logscrub import install_log_scrubber

    install_log_scrubber()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    os.environ["OMP_THREAD_LIMIT"] = "1"
    settings = Settings.from_env()
    try:
        version = check_tesseract(settings.ocr_langs)
    except ToolMissing as exc:
        print(f"worker: {exc}", file=sys.stderr)
        return EXIT_MISSING_TOOLS
    preload()
    from redis import Redis
    from rq import Queue, Worker

    from semak.jobs import on_horse_killed

    redis = Redis.from_url(settings.redis_url)
    queues = [Queue(q, connection=redis) for q in args.queues.split(",") if q]
    worker = Worker(
        queues, name=args.name, connection=redis, work_horse_killed_handler=on_horse_killed
    )
    log.info("worker %s: %s, queues %s", worker.name, version, [q.name for q in queues])
    worker.work(burst=args.burst, with_scheduler=True, logging_level="INFO")
    return 0
