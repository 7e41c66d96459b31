"""Comb boxes (one digit per box): found from their lines, read, and put beside their label.

The rows are drawn here with Pillow (bench/combdraw.py): a label, then 12 boxes of 6-2-4
digits with dashes between the groups, in fonts present on the machine, with digits shifted
and turned inside their boxes and borders from 1 to 6 px; a date comb of 2-2-4.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.combdraw import CombStyle, comb_line, draw_comb, font_path, label
from intake import comb
from intake.models import CombRead, Page, Word
from intake.ocr import OcrResult, OcrWord
from intake.options import ReadOptions
from intake.scan import read_scan
from intake.understanding import understand

IC = "870903106231"
STYLES = {
    "plain": CombStyle(),
    "shifted_turned": CombStyle(jitter=4, tilt=6),
    "thin": CombStyle(border=1, cell=52, size=34),
    "thick": CombStyle(border=6, cell=76, size=50),
    "serif": CombStyle(font=font_path("LiberationSerif-Regular.ttf"), jitter=3, tilt=4),
    "mono_bold": CombStyle(font=font_path("DejaVuSans-Bold.ttf"), border=2),
}


def _gray(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L"), dtype=np.uint8).copy()


# --- finding (no Tesseract) ----------------------------------------------------------------


@pytest.mark.parametrize("style", STYLES.values(), ids=STYLES.keys())
def test_ic_comb_found_as_three_groups_of_boxes(style: CombStyle) -> None:
    combs = comb.find_combs(_gray(comb_line(IC, (6, 2, 4), style)))
    assert [c.groups for c in combs] == [(6, 2, 4)]
    heights = {c[3] - c[1] for c in combs[0].cells}
    assert max(heights) - min(heights) <= 2


def test_page_of_text_rules_and_checkboxes_has_no_comb() -> None:
    img = Image.new("L", (2000, 900), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 40)
    d.text((100, 80), "Nama: Muhammad Hafiz bin Ismail ____________", fill=0, font=font)
    d.line([(100, 200), (1900, 200)], fill=0, width=3)  # a rule across the page
    for i, x in enumerate((100, 600, 1100)):  # single checkboxes with their captions
        d.rectangle([x, 300, x + 50, 350], outline=0, width=3)
        d.text((x + 70, 300), f"Pilihan {i}", fill=0, font=font)
    d.rectangle([100, 500, 1900, 800], outline=0, width=3)  # a wide table cell
    d.text((140, 620), "Keterangan kecederaan", fill=0, font=font)
    assert comb.find_combs(_gray(img)) == []


def test_value_groups_as_printed() -> None:
    cells = tuple((i * 50, 0, i * 50 + 48, 48) for i in range(12))
    assert comb.CombRead(comb.Comb(cells, (6, 2, 4)), IC, 0.9, "line").value == "870903-10-6231"
    assert comb.CombRead(comb.Comb(cells, (12,)), IC, 0.9, "line").value == "870903-10-6231"
    eight = comb.Comb(cells[:8], (2, 2, 4))
    assert comb.CombRead(eight, "14082026", 0.9, "line").value == "14/08/2026"
    assert comb.CombRead(comb.Comb(cells[:8], (8,)), "14082026", 0.9, "line").value == "14/08/2026"


def test_comb_value_joins_the_label_on_its_left_and_replaces_the_marks() -> None:
    words = [
        OcrWord("Nama:", (10, 10, 100, 40), 0.9, 1, 0),
        OcrWord("No.", (10, 100, 60, 130), 0.9, 1, 1),
        OcrWord("KP:", (70, 100, 120, 130), 0.9, 1, 1),
        OcrWord("|8|7|", (200, 95, 300, 135), 0.3, 1, 1),  # the grid read as text
        OcrWord("Tarikh:", (10, 200, 120, 230), 0.9, 1, 2),
    ]
    cells = tuple((200 + i * 40, 92, 238 + i * 40, 138) for i in range(12))
    read = comb.CombRead(comb.Comb(cells, (6, 2, 4)), IC, 0.81, "line")
    out = comb.add_combs(OcrResult(words), [read])
    assert [w.text for w in out.words] == ["Nama:", "No.", "KP:", "870903-10-6231", "Tarikh:"]
    value = out.words[3]
    assert (value.line, value.block, value.origin, value.confidence) == (1, 1, "comb", 0.81)
    assert out.text.splitlines()[1] == "No. KP: 870903-10-6231"


def test_comb_value_under_its_label_gets_a_line_of_its_own() -> None:
    words = [
        OcrWord("No.", (200, 20, 250, 50), 0.9, 1, 0),
        OcrWord("Kad", (260, 20, 320, 50), 0.9, 1, 0),
        OcrWord("Pengenalan", (330, 20, 500, 50), 0.9, 1, 0),
        OcrWord("Alamat", (10, 400, 120, 430), 0.9, 1, 1),
    ]
    cells = tuple((200 + i * 40, 80, 238 + i * 40, 126) for i in range(12))
    out = comb.add_combs(
        OcrResult(words), [comb.CombRead(comb.Comb(cells, (12,)), IC, 0.8, "line")]
    )
    assert out.text.splitlines() == ["No. Kad Pengenalan", "870903-10-6231", "Alamat"]


def test_word_origin_survives_the_page_cache() -> None:
    page = Page("f.png", 1, "x", words=[Word("870903-10-6231", (0, 0, 1, 1), 0.8, origin="comb")])
    assert Page.from_dict(page.to_dict()).words[0].origin == "comb"


# --- reading (Tesseract) -------------------------------------------------------------------


@pytest.mark.tesseract
@pytest.mark.parametrize("style", STYLES.values(), ids=STYLES.keys())
def test_ic_read_from_comb(engine, style: CombStyle) -> None:  # type: ignore[no-untyped-def]
    gray = _gray(comb_line(IC, (6, 2, 4), style, rng=random.Random(3)))
    reads = comb.read_combs(engine, gray, "eng")
    assert [r.value for r in reads] == ["870903-10-6231"]
    assert reads[0].confidence > 0.5


@pytest.mark.tesseract
def test_date_read_from_comb(engine) -> None:  # type: ignore[no-untyped-def]
    gray = _gray(comb_line("14082026", (2, 2, 4), CombStyle(jitter=3, tilt=4), "Tarikh:"))
    assert [r.value for r in comb.read_combs(engine, gray, "eng")] == ["14/08/2026"]


@pytest.mark.tesseract
def test_blank_comb_reads_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    gray = _gray(comb_line("", (6, 2, 4)))
    assert len(comb.find_combs(gray)) == 1
    assert comb.read_combs(engine, gray, "eng") == []


def _form_page() -> Image.Image:
    """A Borang 34-like page: title, a name line, the IC in comb boxes, a date comb."""
    img = Image.new("L", (2480, 1500), 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 44)
    d.text((150, 120), "PERTUBUHAN KESELAMATAN SOSIAL", fill=0, font=font)
    d.text((150, 220), "BORANG 34 - NOTIS KEMALANGAN", fill=0, font=font)
    d.text((150, 420), "BAHAGIAN A: BUTIRAN ORANG BERINSURANS", fill=0, font=font)
    d.text((150, 540), "Nama: Muhammad Hafiz bin Ismail", fill=0, font=font)
    end = label(img, 150, 700, "No. Kad Pengenalan:")
    draw_comb(img, end + 40, 668, IC, (6, 2, 4), CombStyle(jitter=3, tilt=4))
    end = label(img, 150, 880, "Tarikh kemalangan:")
    draw_comb(img, end + 40, 848, "02102026", (2, 2, 4), CombStyle())
    d.text((150, 1050), "Tempat: Jalan Ampang, Kuala Lumpur", fill=0, font=font)
    return img


@pytest.mark.tesseract
def test_form_page_ic_in_comb_boxes_reaches_the_fields(engine) -> None:  # type: ignore[no-untyped-def]
    page = read_scan(_gray(_form_page()), "borang34.png", 1, engine, ReadOptions())
    comb_words = [w for w in page.words if w.origin == "comb"]
    assert [w.text for w in comb_words] == ["870903-10-6231", "02/10/2026"]
    assert page.combs == [CombRead(12, "line"), CombRead(8, "line")]
    doc = understand([page])[0]
    assert doc.field_value("ic_number") == "870903-10-6231"
    ic = doc.fields["ic_number"]
    assert ic.bbox is not None and ic.bbox[1] >= 660 and ic.bbox[3] <= 750  # the comb's place
    assert doc.date_value("accident_date") == "2026-10-02"


@pytest.mark.tesseract
def test_dates_in_comb_boxes_under_their_labels_reach_their_keys(engine) -> None:  # type: ignore[no-untyped-def]
    """Borang 34's dates one digit a box (issue #21), filled in a script face (the URW font
    sample_docs draws hand-filled values with), each comb under its label: every date reaches
    its key. A guard: it passed before it was written (#20's held-out gap is not here)."""
    img = Image.new("L", (2480, 1400), 255)
    font = ImageFont.truetype(str(font_path("DejaVuSans.ttf")), 44)
    d = ImageDraw.Draw(img)
    d.text((150, 120), "BORANG 34 - BUTIRAN NOTIS DAN TUNTUTAN FAEDAH", fill=0, font=font)
    script = CombStyle(font=Path("/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf"),
                       jitter=4, tilt=5, size=50)  # fmt: skip
    for y, caption, digits in ((400, "Tarikh Kemalangan", "12032026"),
                               (750, "Tarikh majikan dimaklumkan", "14032026")):  # fmt: skip
        label(img, 150, y, caption)
        draw_comb(img, 150, y + 50, digits, (2, 2, 4), script, random.Random(y))
    doc = understand([read_scan(_gray(img), "borang34.png", 1, engine, ReadOptions())])[0]
    assert {k: doc.date_value(k) for k in ("accident_date", "notified_date")} == {
        "accident_date": "2026-03-12",
        "notified_date": "2026-03-14",
    }
