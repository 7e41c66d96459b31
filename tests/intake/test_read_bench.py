"""Whole pages through ``read_pages`` with a CER bound, on both engines: upright and turned
pages (orientation), a skewed scan inside a PDF (deskew), a low-resolution fax-like raster
(rescale) and a narrow receipt. The pages are generated here (Pillow, DejaVu), so a clean clone
runs them; the real benchmark pages are measured by ``make bench-ocr`` (bench/ocr.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from intake.ocr import OcrEngine, get_engine
from intake.options import ReadOptions
from intake.reading import read_pages

pytestmark = pytest.mark.tesseract

PARAGRAPH = [
    "PERTUBUHAN KESELAMATAN SOSIAL",
    "Sijil Cuti Sakit untuk pekerja yang cedera",
    "Nama pesakit: Muhammad Hafiz bin Ismail",
    "No. Kad Pengenalan: 870903-10-6231",
    "Tarikh: 2 Oktober 2026 hingga 6 Oktober 2026",
    "The quick brown fox jumps over the lazy dog.",
    "Pesakit tidak layak bekerja selama lima hari.",
    "Klinik Kesihatan Taman Sri Muda, Shah Alam",
    "Doktor yang merawat: Dr. Aminah binti Yusof",
    "This certificate is issued for social security.",
]
RECEIPT = [
    "KEDAI UBAT SRI MUDA",
    "No. Resit: 004512",
    "Tarikh: 03/10/2026",
    "Panadol 500mg      8.50",
    "Plaster            3.20",
    "JUMLAH            11.70",
]


@pytest.fixture(scope="module", params=["tesserocr", "child"])
def engine(request: pytest.FixtureRequest) -> OcrEngine:
    """Both engines pass the same tests; both are in requirements.txt, so neither is skipped."""
    return get_engine(request.param, ReadOptions().tessdata_dir())


@pytest.fixture
def opts(tmp_path: Path) -> ReadOptions:
    return ReadOptions(cache_dir=tmp_path / "cache")  # nothing comes from an earlier read


def _save(img: Image.Image, path: Path, **kw: Any) -> Path:
    img.save(path, **kw)
    return path


@pytest.mark.parametrize(
    ("name", "turn", "rotation"),
    [
        ("upright.tif", 0, 0),
        ("turned-left.png", 90, 90),  # Pillow turns counter-clockwise: a quarter left
        ("turned-right.png", 270, 270),
        ("upside-down.png", 180, 180),
    ],
)
def test_pages_upright_and_turned(
    tmp_path: Path, kit: Any, engine: OcrEngine, opts: ReadOptions, name: str, turn: int,
    rotation: int,
) -> None:  # fmt: skip
    upright = kit.text_page(PARAGRAPH, size=36)
    path = _save(upright.rotate(turn, expand=True), tmp_path / name, dpi=(300, 300))
    (page,) = read_pages(path, name, opts, engine=engine)
    assert page.rotation == rotation
    assert kit.cer("\n".join(PARAGRAPH), page.text) < 0.03


def test_a_skewed_scan_in_a_pdf_is_deskewed_and_read(
    tmp_path: Path, kit: Any, engine: OcrEngine, opts: ReadOptions
) -> None:
    scan = kit.skewed(kit.text_page(PARAGRAPH, size=36), 3.5).convert("RGB")
    path = _save(scan, tmp_path / "skewed.pdf", resolution=300)
    (page,) = read_pages(path, "skewed.pdf", opts, engine=engine)
    assert abs(page.skew) > 1.0  # it was deskewed
    assert kit.cer("\n".join(PARAGRAPH), page.text) < 0.05


def test_a_low_resolution_raster_is_scaled_up_and_read(
    tmp_path: Path, kit: Any, engine: OcrEngine, opts: ReadOptions
) -> None:
    fax = kit.text_page(PARAGRAPH, size=13, width=700, margin=40)  # 72 dpi: 13-px letters
    path = _save(fax, tmp_path / "fax.tif", dpi=(72, 72))
    (page,) = read_pages(path, "fax.tif", opts, engine=engine)
    assert kit.cer("\n".join(PARAGRAPH), page.text) < 0.08


def test_a_receipt(tmp_path: Path, kit: Any, engine: OcrEngine, opts: ReadOptions) -> None:
    receipt = kit.text_page(RECEIPT, size=30, width=800, margin=60)
    path = _save(receipt.convert("RGB"), tmp_path / "receipt.jpg", quality=80)
    (page,) = read_pages(path, "receipt.jpg", opts, engine=engine)
    assert page.readable
    assert kit.cer("\n".join(RECEIPT).casefold(), page.text.casefold()) < 0.1
