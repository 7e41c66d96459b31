"""`make run`'s console: one line per claim read and every warning; the full log, RQ's per-job
lines included, in the worker's log file (issue #22, item 11)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from semak.worker import configure_logging


@pytest.fixture
def root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for h in root.handlers:
        if h not in before:
            h.close()
    root.handlers[:] = before
    root.setLevel(level)


def _emit() -> None:
    logging.getLogger("rq.worker").info("interactive: semak.jobs.run_claim(5, 1) (job-5-1)")
    logging.getLogger("rq.worker").info("Successfully completed semak.jobs.run_claim job")
    logging.getLogger("semak.jobs").info("claim %s r%s done: %s", 5, 1, "incomplete")
    logging.getLogger("semak.jobs").info("reading mc.png")
    logging.getLogger("semak.worker").warning("worker w1 stopped: redis; starting again in 1 s")


def test_quiet_console_shows_one_line_per_claim_and_warnings(
    root_handlers: None, tmp_path: Path
) -> None:
    console = io.StringIO()
    log_file = tmp_path / "logs" / "worker-1.log"
    configure_logging(quiet=True, log_file=str(log_file), console=console)
    _emit()
    shown = console.getvalue().splitlines()
    assert len(shown) == 2, shown
    assert "claim 5 r1 done: incomplete" in shown[0]
    assert "starting again" in shown[1]
    full = log_file.read_text(encoding="utf-8")
    assert "interactive: semak.jobs.run_claim" in full and "Successfully completed" in full
    assert "reading mc.png" in full and "claim 5 r1 done" in full


def test_without_quiet_the_console_has_everything(root_handlers: None) -> None:
    console = io.StringIO()
    configure_logging(console=console)
    _emit()
    assert len(console.getvalue().splitlines()) == 5


def test_run_sh_keeps_the_control_socket_and_logs_under_instance() -> None:
    script = (Path(__file__).resolve().parents[2] / "scripts" / "run.sh").read_text()
    assert '--control-socket "$PWD/instance/gunicorn.ctl"' in script
    assert "worker.py --quiet --log-file" in script
    assert "--access-logfile -" not in script
