"""Tesseract reads the key fields on clean and mild pages, and nothing on unreadable ones."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image

from sample_docs.content import make_doc, make_mc
from sample_docs.model import Doc, PageShot, Story
from sample_docs.story import make_story
from sample_docs.writers import doc_sheets, page_image

pytestmark = [
    pytest.mark.tesseract,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="no tesseract"),
]


def _ocr(img: Image.Image) -> str:
    import io

    buf = io.BytesIO()
    img.save(buf, "PNG")
    out = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "eng+msa", "--psm", "3"],
        input=buf.getvalue(),
        capture_output=True,
        check=True,
        timeout=120,
    )
    return out.stdout.decode("utf-8", "replace")


def _story() -> tuple[Story, random.Random]:
    rng = random.Random(11)
    return make_story(rng, "C-T", "temporary_disablement", "commuting", date(2026, 3, 9), 20), rng


@pytest.mark.parametrize(("severity", "layout"), [("clean", 1), ("mild", 2)])
def test_mc_ic_and_title_readable(severity: str, layout: int) -> None:
    story, rng = _story()
    doc = make_mc(story, "mc", rng, story.accident_date, 5, layout=layout)
    doc.data["ic_style"] = 0
    img = page_image(doc, doc_sheets(doc, story)[0], PageShot(severity, 0, 200, "scan_gray", 3))
    text = _ocr(img)
    digits = re.sub(r"\D", "", text)
    assert story.insured.ic.replace("-", "") in digits
    assert re.search(r"SIJIL CUTI SAKIT|MEDICAL CERTIFICATE", text, re.I)


def test_police_report_number_readable() -> None:
    story, rng = _story()
    doc = make_doc(story, "police_report", "pol", rng, layout=0)
    img = page_image(doc, doc_sheets(doc, story)[0], PageShot("mild", 0, 200, "scan_gray", 5))
    text = _ocr(img).upper()
    assert "POLIS DIRAJA MALAYSIA" in text
    assert doc.fields["report_number"] in text.replace(" ", "")


@pytest.mark.parametrize("mode", ["black", "noise"])
def test_unreadable_page_reads_as_nothing(mode: str) -> None:
    doc = Doc("bad", "other", 0, {}, unreadable=True)
    text = _ocr(
        page_image(
            doc,
            doc_sheets(doc, None)[0],  # type: ignore[arg-type]
            PageShot("harsh", 0, 150, mode, 9),
        )
    )
    words = re.findall(r"[A-Za-z]{4,}", text)
    assert len(words) <= 3
    assert not re.search(r"\d{6}-?\d{2}-?\d{4}", text)
