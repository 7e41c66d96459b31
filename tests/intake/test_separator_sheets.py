"""A scanned stack with a QR separator sheet between two documents: the sheet is read as a
separator (its barcode stored on the page) and splits the stack; a QR code on a real document
does not."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from intake.pipeline import process_file

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MC = [
    "KLINIK SEJAHTERA",
    "SIJIL CUTI SAKIT / MEDICAL CERTIFICATE",
    "Nama: MUHAMMAD HAFIZ BIN ISMAIL",
    "No. K/P: 870903-10-6231",
    "Adalah disahkan tidak sihat untuk bekerja selama 5 hari",
    "dari 02/10/2026 hingga 06/10/2026",
]
POLICE = [
    "POLIS DIRAJA MALAYSIA",
    "LAPORAN POLIS",
    "No. Repot: SENTUL/012345/26",
    "Pengadu: MUHAMMAD HAFIZ BIN ISMAIL",
    "No. K/P: 870903-10-6231",
    "Tarikh: 03/10/2026 Masa: 0930",
]


def page(lines: list[str], qr: str | None = None) -> Image.Image:
    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 44)
    for i, line in enumerate(lines):
        draw.text((180, 220 + i * 110), line, font=font, fill=0)
    if qr:
        code = zxingcpp.create_barcode(qr, zxingcpp.BarcodeFormat.QRCode).to_image(scale=20)
        img.paste(Image.fromarray(code).convert("L"), (900, 1400))
    return img


def stack(path: Path, pages: list[Image.Image]) -> Path:
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=300)
    return path


@pytest.mark.tesseract
def test_qr_separator_sheet_splits_the_stack(tmp_path: Path) -> None:
    sheet = page(["PEMISAH / SEPARATOR"], qr="SEMAK-SEP-0001")
    path = stack(tmp_path / "stack.pdf", [page(MC), sheet, page(POLICE)])
    result = process_file(path, "stack.pdf")
    assert result.error_code is None
    assert result.pages[1].barcodes == ["SEMAK-SEP-0001"]
    assert [d.pages for d in result.documents] == [[1], [3]]
    assert [str(d.doc_type) for d in result.documents] == ["medical_certificate", "police_report"]


@pytest.mark.tesseract
def test_qr_code_on_a_medical_certificate_is_no_separator(tmp_path: Path) -> None:
    path = stack(tmp_path / "mc.pdf", [page(MC, qr="https://klinik.example/verify/88231")])
    result = process_file(path, "mc.pdf")
    # a page of this many words is never scanned for barcodes (it cannot be a separator)
    assert result.pages[0].barcodes == []
    assert [str(d.doc_type) for d in result.documents] == ["medical_certificate"]
