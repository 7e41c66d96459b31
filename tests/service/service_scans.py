"""Small generated scans for the service tests: real pixels for real Tesseract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
INSURED_NAME = "MUHAMMAD HAFIZ BIN ISMAIL"
INSURED_IC = "870903-10-6231"

MC_LINES = [
    "KLINIK KESIHATAN SEGAMAT",
    "SIJIL CUTI SAKIT / MEDICAL CERTIFICATE",
    "",
    f"Nama / Name: {INSURED_NAME}",
    f"No. K/P / IC No.: {INSURED_IC}",
    "Tarikh / Date: 02/10/2026",
    "",
    "Saya mengesahkan bahawa pesakit di atas tidak sihat",
    "untuk bekerja selama 5 hari",
    "dari 02/10/2026 hingga 06/10/2026.",
    "",
    "Dr. Aminah binti Yusof, MMC 45123",
]


def claim_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "claim_id": "C-TEST-0001",
        "claim_type": "temporary_disablement",
        "insured_name": INSURED_NAME,
        "insured_ic": INSURED_IC,
        "accident_date": "2026-10-02",
        "accident_time": "09:30",
        "accident_kind": "workplace",
        "employment_status": "employed",
        "submitted_on": "2026-10-20",
        "employer_name": "Demo Sdn. Bhd.",
        "employer_code": "E1",
    }
    data.update(overrides)
    return data


def medical_certificate_png(lines: list[str] = MC_LINES) -> bytes:
    """A clean A6-ish page at 300 dpi holding a short medical certificate."""
    import io

    img = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    y = 60
    for line in lines:
        draw.text((70, y), line, fill=0, font=font)
        y += 62
    out = io.BytesIO()
    img.save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def full_page_certificate_png(lines: list[str] = MC_LINES, notes: int = 48) -> bytes:
    """An A4 page at 300 dpi: the certificate above ``notes`` lines of clinical notes, so
    that reading it takes Tesseract a while (a test can catch a worker mid-page)."""
    import io

    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    body = lines + [f"Catatan {n + 1}: pesakit diperiksa, rawatan susulan diberi pada hari ini."
                    for n in range(notes)]  # fmt: skip
    for row, line in enumerate(body):
        draw.text((150, 150 + row * 56), line, fill=0, font=font)
    out = io.BytesIO()
    img.save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def write_bundle(folder: Path, data: dict[str, Any], files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claim.json").write_text(json.dumps(data), encoding="utf-8")
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def pdf_of(png: bytes) -> bytes:
    """A one-page scanned PDF holding the image."""
    import io

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, "PDF", resolution=300)
    return out.getvalue()
