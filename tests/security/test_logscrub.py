"""semak.logscrub: IC numbers masked in every log record, whatever logger, handler or argument."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from semak.logscrub import MASK, install_log_scrubber, scrub, uninstall_log_scrubber

ROOT = Path(__file__).resolve().parents[2]
IC = "870903-10-6231"


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """A handler added *after* the scrubber, on a fresh logger."""
    install_log_scrubber()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("test.logscrub")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield out
    logger.removeHandler(handler)
    uninstall_log_scrubber()


@pytest.mark.parametrize(
    "text",
    [
        IC,
        "870903106231",
        "870903 10 6231",
        f"ic={IC};",
        f"x{IC}y",
        f"[{IC}]",
        # a query string or form body logged as it came: + and URL-encoded separators
        "870903+10+6231",
        "870903%2010%206231",
        "870903%2D10%2D6231",
        "870903%2d10%2d6231",
        "870903%2B10%2B6231",
        "GET /claims?q=870903+10+6231&page=2",
        "GET /claims?q=name%20870903%2010%206231",
    ],
)
def test_scrub_masks_every_written_form(text: str) -> None:
    out = scrub(text)
    assert "6231" not in out and MASK in out


@pytest.mark.parametrize("text", ["1234567890123", "2026-10-02", "RM 1,234.56", "tel 0123456789"])
def test_scrub_leaves_other_numbers(text: str) -> None:
    assert scrub(text) == text


def test_message_args_exception_and_stack_are_masked(stream: io.StringIO) -> None:
    log = logging.getLogger("test.logscrub")
    log.info("claim for %s filed", IC)
    log.warning("plain " + IC.replace("-", ""))
    log.info("dict %(ic)s", {"ic": IC})
    try:
        raise ValueError(f"bad IC {IC}")
    except ValueError:
        log.exception("failed")
    log.info("here", stack_info=True)
    text = stream.getvalue()
    assert "6231" not in text.replace("test_logscrub", "")
    assert text.count(MASK) >= 4
    assert "ValueError: bad IC" in text  # the exception is kept, only the number masked


def test_a_bad_format_string_is_logged_not_raised(stream: io.StringIO) -> None:
    logging.getLogger("test.logscrub").info("%d %s", IC)
    assert "6231" not in stream.getvalue()


def test_scrubber_reaches_libraries_and_late_handlers_in_a_fresh_process() -> None:
    code = f"""
import logging, sys
from semak.logscrub import install_log_scrubber
install_log_scrubber()
logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(name)s %(message)s")
logging.getLogger("rq.worker").info("job args (%r,)", "{IC}")
logging.getLogger("gunicorn.error").error("request /claims?ic={IC}")
logging.getLogger().warning("root %s", "{IC.replace("-", "")}")
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(MASK) == 3 and "6231" not in done.stdout
    control = subprocess.run(
        [sys.executable, "-c", code.replace("install_log_scrubber()", "")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "6231" in control.stdout  # without the scrubber the numbers would leak
