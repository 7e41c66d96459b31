"""PDPA in logs: every log record has its MyKad numbers masked before any handler sees it.

``install_log_scrubber()`` wraps the process's log record factory, so records of every logger
(ours, RQ's, gunicorn's, SQLAlchemy's), made before or after the call, by handlers added before
or after it, are masked: the formatted message, and the text of an attached exception. It is
idempotent. Code never logs IC numbers on purpose; this catches the accidents (an exception
quoting a value, a library echoing a request or a job's arguments).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

MASK = "******-**-****"
# 12 digits as a MyKad is written: YYMMDD-PB-###G, with dashes, spaces, pluses or nothing
# between, or those URL-encoded as a query string carries them (%20, %2D, %2B)
_SEP = r"(?:[-\s+]|%2[0dDbB])?"
# not inside a longer number; a preceding %20 ends in a digit but is a separator
_START = r"(?:(?<![0-9])|(?<=%20))"
IC_IN_TEXT = re.compile(_START + r"\d{6}" + _SEP + r"\d{2}" + _SEP + r"\d{4}(?![0-9])")
_installed: list[Callable[..., logging.LogRecord]] = []


def scrub(text: str) -> str:
    """The text with every IC-shaped number replaced by ``MASK``."""
    return IC_IN_TEXT.sub(MASK, text)


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask the record in place: message (with its arguments applied) and exception text."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep the template, drop the arguments
        message, record.args = str(record.msg), None
    masked = scrub(message)
    if masked != message or record.args:
        record.msg, record.args = masked, None
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
    if record.exc_text:
        record.exc_text = scrub(record.exc_text)
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)
    return record


class ScrubFilter(logging.Filter):
    """The same masking as a filter, for handlers that build records themselves."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_record(record)
        return True


def install_log_scrubber() -> None:
    """Mask IC numbers in every log record this process makes from now on."""
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub_record(previous(*args, **kwargs))

    _installed.append(previous)
    logging.setLogRecordFactory(factory)


def uninstall_log_scrubber() -> None:
    """Restore the record factory (for tests)."""
    if _installed:
        logging.setLogRecordFactory(_installed.pop())
