"""Helpers shared by the portal tests (importable: pytest puts this folder on sys.path)."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image, ImageDraw, ImageFont

PASSWORD = "correct horse battery"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
INSURED_IC = "870903-10-6231"


def page_png(lines: list[str] | None = None, size: tuple[int, int] = (1240, 1754)) -> bytes:
    """A clear page of text, big enough and sharp enough for the quality gate."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 30)
    text = lines or ["SIJIL CUTI SAKIT / MEDICAL CERTIFICATE", "Nama: MUHAMMAD HAFIZ BIN ISMAIL"]
    for i in range(30):
        draw.text((80, 80 + i * 52), text[i % len(text)], fill=0, font=font)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


REPORT = {
    "claim_id": "C-A-1",
    "claim_type": "temporary_disablement",
    "verdict": "incomplete",
    "documents": [
        {
            "file": "mc.png",
            "pages": [1],
            "doc_type": "medical_certificate",
            "confidence": 0.9,
            "fields": {
                "ic_number": INSURED_IC,
                "name": "MUHAMMAD HAFIZ BIN ISMAIL",
                "mc_days": 5,
                "dates": {"mc_start": "2026-10-02", "mc_end": "2026-10-06"},
            },
            "evidence": {"ic_number": {"page": 1, "bbox": [80, 130, 600, 170]}},
        }
    ],
    "requirements": [
        {"doc_type": "medical_certificate", "status": "present", "rule": "R03"},
        {"doc_type": "sketch_map", "status": "missing", "rule": "R06"},
    ],
    "findings": [
        {
            "code": "MISSING_DOCUMENT",
            "severity": "error",
            "message": "The sketch map is missing.",
            "documents": [],
            "rule": "R06",
        }
    ],
    "engine": {"ocr": "test", "rules_version": "test"},
}


def login(client: Any, email: str, password: str = PASSWORD) -> Any:
    return client.post("/login", data={"email": email, "password": password})


def reading() -> list[Any]:
    """What a worker read of ``mc.png`` and stored (``semak.reports.store_reading``): the
    document REPORT lists, with its fields and the IC's evidence box."""
    from intake.models import DocType, Document, Field, Page, PageSource
    from intake.pipeline import FileResult

    doc = Document(
        "mc.png",
        [1],
        DocType.MEDICAL_CERTIFICATE,
        0.9,
        fields={"ic_number": Field(INSURED_IC, 1, (80, 130, 600, 170)),
                "name": Field("MUHAMMAD HAFIZ BIN ISMAIL", 1), "mc_days": Field(5, 1)},
        dates={"mc_start": Field("2026-10-02", 1), "mc_end": Field("2026-10-06", 1)},
    )  # fmt: skip
    page = Page("mc.png", 1, "", width=1240, height=1754, source=PageSource.TEXT_LAYER)
    return [FileResult("mc.png", "ab" * 32, pages=[page], documents=[doc])]


FINDINGS: list[dict[str, Any]] = [  # a missing document and a date warning with evidence
    {
        "code": "MISSING_DOCUMENT",
        "severity": "error",
        "message": "Required document missing: Sketch map of the accident.",
        "message_ms": "Dokumen wajib tiada: Peta lakar kemalangan.",
        "action": "Obtain the Sketch map and add it to the claim.",
        "action_ms": "Dapatkan Peta lakar dan tambahkan pada tuntutan.",
        "documents": [],
        "rule": "R06",
    },
    {
        "code": "DATE_INCONSISTENT",
        "severity": "warning",
        "message": "The medical certificate states 5 day(s) but 2 to 6 October is 5.",
        "message_ms": "Sijil cuti sakit menyatakan 5 hari.",
        "action": "Ask the clinic.",
        "action_ms": "Minta klinik mengesahkan.",
        "documents": [{"file": "mc.png", "page": 1, "words": "5"}],
    },
]
