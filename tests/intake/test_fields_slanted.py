"""A photographed page left slanted: values right of their labels stay on their labels' lines."""

from __future__ import annotations

from intake.classify import rules
from intake.fields.datekeys import dates_by_key
from intake.fields.text import DocText
from intake.models import DocType, Page, Word

LABELS = ["No. Kad Pengenalan / Identity Card No.", "Tarikh / Date", "Tarikh Mula / Start Date",
          "Tarikh Tamat / End Date", "Jumlah hari / Number of days"]  # fmt: skip
VALUES = [": 820516-06-9088", ": 20/03/2025", ": 20/03/2025", ": 24/03/2025", ": 5"]


def _slanted(slope: float) -> Page:
    """Labels from x=100 and values from x=700, rows 40 px apart, every word raised by
    ``slope`` px a px to its right (a page photographed at a slant); OCR gives each label and
    each value as a line of its own."""
    words, line = [], 0
    for row, (label, value) in enumerate(zip(LABELS, VALUES, strict=True)):
        for text, x0 in ((label, 100.0), (value, 700.0)):
            x = x0
            for token in text.split():
                w = 12.0 * len(token)
                y = 200 + 40.0 * row + slope * (x + w / 2)
                words.append(Word(token, (x, y, x + w, y + 20), 0.95, line=line, block=line))
                x += w + 8
            line += 1
    return Page("mc.jpg", 1, "", words=words, width=1200, height=800)


def _read(page: Page) -> dict[str, str]:
    found = dates_by_key(
        DocText.from_pages([page]), rules().field_labels, DocType.MEDICAL_CERTIFICATE
    )
    return {k: str(f.value) for k, f in found.items()}


def test_values_stay_with_their_labels_on_a_slanted_page() -> None:
    for slope in (-0.1, 0.1):  # turned either way: a value lower or higher than its label's row
        lines = [ln.text for ln in DocText.from_pages([_slanted(slope)]).lines]
        assert lines[1] == "Tarikh / Date   : 20/03/2025", slope
        assert lines[3] == "Tarikh Tamat / End Date   : 24/03/2025", slope
        assert _read(_slanted(slope)) == {
            "document_date": "2025-03-20", "mc_start": "2025-03-20", "mc_end": "2025-03-24"
        }  # fmt: skip

    # a level page reads as it always did
    lines = [ln.text for ln in DocText.from_pages([_slanted(0.0)]).lines]
    assert lines == [f"{a}   {b}" for a, b in zip(LABELS, VALUES, strict=True)]
