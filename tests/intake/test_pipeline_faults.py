"""A bug in understanding costs a file its types and fields, never the claim its report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from intake import understanding
from intake.models import DocType
from intake.pipeline import process_file
from verifier.claim import Claim
from verifier.engine import verify


def text_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    c.drawString(72, 760, "SIJIL CUTI SAKIT / MEDICAL CERTIFICATE")
    c.drawString(72, 740, "Nama: MUHAMMAD HAFIZ BIN ISMAIL  No. K/P: 870903-10-6231")
    c.save()
    return path


def test_understanding_bug_leaves_an_unreadable_document_and_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(pages: object) -> object:
        raise ValueError("an extractor bug")

    monkeypatch.setattr(understanding, "understand", broken)
    result = process_file(text_pdf(tmp_path / "mc.pdf"), "mc.pdf")
    assert result.error_code is None and len(result.pages) == 1
    [doc] = result.documents
    assert doc.doc_type == DocType.OTHER and not doc.readable and doc.pages == [1]
    assert doc.extra["error"] == "understanding_failed"
    claim = Claim.from_dict({
        "claim_type": "temporary_disablement", "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
        "insured_ic": "870903-10-6231", "accident_date": "2026-10-01",
        "accident_kind": "workplace", "submitted_on": "2026-10-10",
    })  # fmt: skip
    report = verify(claim, [result], today=date(2026, 10, 10)).to_dict()
    assert "UNREADABLE_DOCUMENT" in {f["code"] for f in report["findings"]}
    assert report["verdict"] == "incomplete"  # the MC it might have been satisfies nothing
