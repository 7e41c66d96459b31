"""PDPA in logs: a filter that masks anything shaped like a MyKad number (``mask_ic``).

Code never logs IC numbers, names or medical details on purpose; this catches the accidents
(an exception message quoting a value, a library echoing a request).
"""

from __future__ import annotations

import logging
import re

from intake.fields.ic import mask_ic

IC_IN_TEXT = re.compile(r"(?<!\d)\d{6}[-\s]?\d{2}[-\s]?\d{4}(?!\d)")


def mask_text(text: str) -> str:
    return IC_IN_TEXT.sub(lambda m: mask_ic(m.group(0)), text)


class MaskIcFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install(*logger_names: str) -> None:
    """Add the filter to the handlers of the root logger and of the named loggers."""
    for name in ("", *logger_names):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, MaskIcFilter) for f in handler.filters):
                handler.addFilter(MaskIcFilter())
