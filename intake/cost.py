"""Where one page's time goes: CPU and wall seconds per step, Tesseract's calls apart (#24).

``metering()`` opens the account of one page; inside it, ``step(name)`` charges a step its own
time (nested steps are charged to themselves, not to the step around them), and the engine
wrapped by ``metered()`` charges each Tesseract call to ``ocr:<phase>`` or ``osd:<phase>``,
the phase being the step it runs in (``first`` reading, ``second`` passes, ``card``,
``comb``). What no step claims is ``other``. Outside ``metering()`` a step costs two
attribute reads, so the library's callers pay nothing for it.

bench/cost.py reports the accounts per page kind; ``recognition`` sums the Tesseract calls.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from intake.models import PageCost, is_recognition
from intake.ocr import OcrEngine, OcrResult, Orientation

__all__ = ["MeteredEngine", "PageCost", "is_recognition", "metered", "metering", "step"]


@dataclass
class _Frame:
    name: str
    cpu: float
    wall: float
    inner_cpu: float = 0.0
    inner_wall: float = 0.0


@dataclass
class _Meter:
    cost: PageCost
    stack: list[_Frame] = field(default_factory=list)


_meter: ContextVar[_Meter | None] = ContextVar("intake_cost_meter", default=None)


@contextmanager
def metering() -> Iterator[PageCost]:
    """The account of one page; what its steps do not claim is charged to ``other``."""
    meter = _Meter(PageCost())
    token = _meter.set(meter)
    try:
        with step("other"):
            yield meter.cost
    finally:
        _meter.reset(token)


@contextmanager
def step(name: str) -> Iterator[None]:
    """Charge the time inside to ``name`` (less the nested steps' own time)."""
    meter = _meter.get()
    if meter is None:
        yield
        return
    frame = _Frame(name, time.process_time(), time.perf_counter())
    meter.stack.append(frame)
    try:
        yield
    finally:
        meter.stack.pop()
        cpu, wall = time.process_time() - frame.cpu, time.perf_counter() - frame.wall
        meter.cost.add(name, cpu - frame.inner_cpu, wall - frame.inner_wall)
        if meter.stack:
            meter.stack[-1].inner_cpu += cpu
            meter.stack[-1].inner_wall += wall


def phase() -> str:
    """The innermost step open now ("other" when none is)."""
    meter = _meter.get()
    return meter.stack[-1].name if meter and meter.stack else "other"


class MeteredEngine:
    """An OCR engine whose calls are charged to ``ocr:<phase>`` / ``osd:<phase>``; anything
    else (version, warm, read_chars when the engine has it) is the engine's own."""

    def __init__(self, inner: OcrEngine) -> None:
        self.inner = inner
        self.name = inner.name

    def version(self) -> str:
        return self.inner.version()

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        with step(f"ocr:{phase()}"):
            return self.inner.recognize(image, langs=langs, psm=psm, timeout=timeout)

    def orientation(self, image: np.ndarray) -> Orientation | None:
        with step(f"osd:{phase()}"):
            return self.inner.orientation(image)

    def __getattr__(self, attr: str) -> Any:
        found = getattr(self.inner, attr)  # AttributeError as the engine's own
        if attr != "read_chars":
            return found

        def read_chars(image: np.ndarray, **kw: Any) -> OcrResult:
            with step(f"ocr:{phase()}"):
                return found(image, **kw)

        return read_chars


def metered(engine: OcrEngine) -> OcrEngine:
    """``engine`` with its calls charged to the page being read (never wrapped twice)."""
    return engine if isinstance(engine, MeteredEngine) else MeteredEngine(engine)
