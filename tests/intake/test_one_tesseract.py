"""One Tesseract: the in-process engine (tesserocr) and the child process per page (the retry
after a crash) are the same libtesseract, so a page reads alike whichever engine reads it.

The child used to be Debian's ``tesseract`` CLI (5.3.0 against the wheel's 5.5.4): it read the
same rendered page with other confidences, and small type with other words."""

from __future__ import annotations

from typing import Any

import pytest
import tesserocr

from intake.ocr import ChildEngine, TesserocrEngine, stamp
from intake.options import ReadOptions

pytestmark = pytest.mark.tesseract


def test_both_engines_report_the_same_tesseract_version() -> None:
    in_process = tesserocr.tesseract_version().split()[1]
    assert TesserocrEngine().version() == ChildEngine().version() == f"tesseract {in_process}"


def test_stamps_name_the_version_and_how_it_ran() -> None:
    version = ChildEngine().version()
    assert stamp(TesserocrEngine()) == f"{version} (in-process)"
    assert stamp(ChildEngine()) == f"{version} (child process)"


@pytest.mark.parametrize("size", [36, 11])  # body text, and small type where versions differ
def test_in_and_out_of_process_read_one_page_as_the_same_words(kit: Any, size: int) -> None:
    page = kit.as_array(kit.text_page(size=size))
    tessdata = ReadOptions().tessdata_dir()
    reads = [
        engine.recognize(page, langs="eng", psm=3, timeout=60)
        for engine in (TesserocrEngine(tessdata), ChildEngine(tessdata))
    ]
    inside, child = ([(w.text, w.bbox, w.confidence) for w in r.words] for r in reads)
    assert len(inside) >= 30  # the page was read, not two empty results
    assert inside == child
