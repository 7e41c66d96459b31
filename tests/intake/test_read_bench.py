"""Real pages from ../shared/benchmarks with a CER bound (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from intake.ocr import OcrEngine, get_engine
from intake.options import ReadOptions
from intake.reading import read_pages

pytestmark = pytest.mark.tesseract


@pytest.fixture(scope="module", params=["tesserocr", "pytesseract"])
def engine(request: pytest.FixtureRequest) -> OcrEngine:
    """Both engines pass the same benchmark-page tests."""
    if request.param == "tesserocr":
        pytest.importorskip("tesserocr")
    return get_engine(request.param, ReadOptions().tessdata_dir())


@pytest.fixture
def opts(tmp_path: Path) -> ReadOptions:
    return ReadOptions(cache_dir=tmp_path / "cache")  # nothing comes from an earlier read


@pytest.mark.parametrize(
    ("image", "rotation"),
    [
        ("phototest.tif", 0),
        ("phototest-rotated-L.png", 90),
        ("phototest-rotated-R.png", 270),
        ("phototest-rotated-180.png", 180),
        ("phototest_2.tif", 0),  # 72-dpi raster
    ],
)
def test_phototest_upright_and_turned(
    bench: Path, kit: Any, engine: OcrEngine, opts: ReadOptions, image: str, rotation: int
) -> None:
    gold = (bench / "tesseract_test" / "phototest.gold.txt").read_text()
    (page,) = read_pages(bench / "tesseract_test" / image, image, opts, engine=engine)
    assert page.rotation == rotation
    assert kit.cer(gold, page.text) < 0.02


def test_linn_skewed_pdf_reads_like_the_upright_scan(
    bench: Path, kit: Any, engine: OcrEngine, opts: ReadOptions
) -> None:
    silver = (bench / "ocrmypdf_linn" / "linn.txt").read_text()
    (page,) = read_pages(
        bench / "ocrmypdf_linn" / "rotated_skew.pdf", "rotated_skew.pdf", opts, engine=engine
    )
    assert abs(page.skew) > 1.0  # it was deskewed
    assert kit.cer(silver, page.text) < 0.06  # silver truth: its own OCR errors included


def test_sroie_receipt(bench: Path, kit: Any, engine: OcrEngine, opts: ReadOptions) -> None:
    lines = (bench / "sroie" / "box" / "315.csv").read_text(encoding="utf-8").splitlines()
    truth = "\n".join(line.split(",", 8)[8] for line in lines if line.count(",") >= 8)
    (page,) = read_pages(bench / "sroie" / "img" / "315.jpg", "315.jpg", opts, engine=engine)
    assert page.readable
    assert kit.cer(truth.casefold(), page.text.casefold()) < 0.25  # SROIE truth is upper case
