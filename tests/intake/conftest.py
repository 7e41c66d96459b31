"""Fixtures for the page-reading tests: generated pages with known text, size, skew and turn.

Everything is generated with Pillow and reportlab at test time (real benchmark pages are
measured in bench/, not here).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.ocr import OcrEngine, OcrResult, Orientation

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

LINES = [
    "PERTUBUHAN KESELAMATAN SOSIAL",
    "Sijil Cuti Sakit untuk pekerja",
    "Nama pesakit: Muhammad Hafiz bin Ismail",
    "No. Kad Pengenalan: 870903-10-6231",
    "Tarikh: 2 Oktober 2026 hingga 6 Oktober 2026",
    "The quick brown fox jumps over the lazy dog.",
]


def text_page(
    lines: list[str] | None = None, size: int = 40, width: int = 2000, margin: int = 120
) -> Image.Image:
    """A white greyscale page with black lines of text, ``size`` px font, 2 lines per size."""
    lines = LINES if lines is None else lines
    font = ImageFont.truetype(str(FONT), size)
    height = margin * 2 + int(len(lines) * size * 1.8)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((margin, margin + int(i * size * 1.8)), line, fill=0, font=font)
    return img


def as_array(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L"), dtype=np.uint8).copy()


def skewed(img: Image.Image, degrees: float) -> Image.Image:
    """Rotated counter-clockwise by ``degrees`` (Pillow's sense), canvas grown, white fill."""
    return img.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def image_bytes(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def cer(truth: str, got: str) -> float:
    """Character error rate after collapsing whitespace (Levenshtein / truth length)."""
    from rapidfuzz.distance import Levenshtein

    t, g = " ".join(truth.split()), " ".join(got.split())
    return Levenshtein.distance(t, g) / max(1, len(t))


class CountingEngine:
    """Wraps a real engine and counts calls; ``fail=True`` makes every call raise."""

    def __init__(self, inner: OcrEngine | None = None, fail: bool = False) -> None:
        self.inner = inner
        self.name = "counting"
        self.calls = 0
        self.fail = fail

    def version(self) -> str:
        return "counting 0"

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.calls += 1
        if self.fail or self.inner is None:
            raise RuntimeError("engine crashed")
        return self.inner.recognize(image, langs=langs, psm=psm, timeout=timeout)

    def orientation(self, image: np.ndarray) -> Orientation | None:
        return None if self.inner is None else self.inner.orientation(image)


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above for test modules (tests/intake is not a package: it would shadow
    the ``intake`` library)."""
    return SimpleNamespace(
        text_page=text_page,
        as_array=as_array,
        skewed=skewed,
        image_bytes=image_bytes,
        cer=cer,
        CountingEngine=CountingEngine,
        LINES=LINES,
    )


@pytest.fixture(scope="session")
def engine() -> OcrEngine:
    from intake.ocr import get_engine

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    return get_engine("auto")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write
