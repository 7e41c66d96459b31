"""A scanned PDF page is rendered at its image's own resolution (at most the reading DPI)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from intake import pdf
from intake.options import ReadOptions
from intake.reading import read_pages


def scanned_pdf(path: Path, dpi: int, inches: tuple[float, float] = (8.27, 11.69)) -> Path:
    img = Image.new("L", (round(inches[0] * dpi), round(inches[1] * dpi)), 255)
    ImageDraw.Draw(img).rectangle((dpi, dpi, 2 * dpi, 2 * dpi), fill=0)
    img.save(path, "PDF", resolution=dpi)
    return path


@pytest.mark.parametrize(("native", "expected"), [(150, 150), (200, 200), (300, 300), (600, 300)])
def test_a_full_page_scan_renders_at_its_own_dpi_capped(
    tmp_path: Path, native: int, expected: int
) -> None:
    doc = pdfium.PdfDocument(str(scanned_pdf(tmp_path / "s.pdf", native)))
    assert pdf.scan_dpi(doc[0], 300) == expected


def test_very_low_resolution_is_raised_to_the_floor(tmp_path: Path) -> None:
    doc = pdfium.PdfDocument(str(scanned_pdf(tmp_path / "s.pdf", 60)))
    assert pdf.scan_dpi(doc[0], 300) == 100


def test_a_page_that_is_not_one_full_page_image_keeps_the_reading_dpi(tmp_path: Path) -> None:
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(595, 842)  # A4 in points, nothing on it
    assert pdf.scan_dpi(page, 300) == 300
    small = pdfium.PdfDocument(str(scanned_pdf(tmp_path / "card.pdf", 200, (3.4, 2.1))))
    doc.import_pages(small)
    assert pdf.scan_dpi(doc[1], 300) == 200  # the image fills its own (card-sized) page


def test_reader_records_the_native_dpi_and_can_be_told_not_to(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "s.pdf", 150)
    (page,) = read_pages(path, "s.pdf", ReadOptions(orientation=False))
    assert page.dpi == 150 and abs(page.width - round(8.27 * 150)) <= 1
    (page,) = read_pages(path, "s.pdf", ReadOptions(orientation=False, native_dpi=False))
    assert page.dpi == 300 and abs(page.width - round(8.27 * 300)) <= 1
