"""No drawn text lies over another (#20): a value printed over its label (family B's long
"Tarikh dimaklumkan kepada majikan / Date employer was notified" ran into its value's column)
is illegible, yet the expected report counted it readable.

The boxes are measured here from the fonts the raster backend draws with (PIL's glyph bounding
boxes), not with the generator's own width helper, so a wrong helper cannot hide an overlap.
Stamps (``Ink``) overprint by design and are left out. A text op drawn twice in the same place
(classic forms' "No. Kad Pengenalan") is one text, not a collision.
"""

from __future__ import annotations

import random

import pytest

from sample_docs import bundles
from sample_docs.families import FAMILIES, STYLES
from sample_docs.families.content import Row
from sample_docs.families.render import Pen, _cell, _right
from sample_docs.generate import scenarios
from sample_docs.model import Doc
from sample_docs.raster import PT_MM, font
from sample_docs.sheet import Sheet, Text
from sample_docs.writers import doc_sheets

Box = tuple[float, float, float, float]
ANCHOR = {"l": "ls", "c": "ms", "r": "rs"}


def _box(t: Text) -> Box:
    x0, y0, x1, y1 = font(t.font, 200).getbbox(t.s, anchor="ls" if t.hand else ANCHOR[t.anchor])
    k = t.size * PT_MM / 200
    if not t.hand:
        return (t.x + x0 * k, t.y + y0 * k, t.x + x1 * k, t.y + y1 * k)
    w = (x1 - x0) * k * 1.06  # hand glyphs: advances stretched up to 6 %, baseline jitter
    pad = 0.35 + 0.012 * w
    return (t.x + x0 * k, t.y + y0 * k - pad, t.x + x0 * k + w, t.y + y1 * k + pad)


def _collisions(sheet: Sheet) -> list[tuple[str, str]]:
    texts = [o for o in sheet.ops if isinstance(o, Text) and o.s.strip()]
    boxes = [_box(t) for t in texts]
    out = []
    for i, (a, ba) in enumerate(zip(texts, boxes, strict=True)):
        for b, bb in zip(texts[i + 1 :], boxes[i + 1 :], strict=True):
            wide = min(ba[2], bb[2]) - max(ba[0], bb[0])
            tall = min(ba[3], bb[3]) - max(ba[1], bb[1])
            if a != b and wide > 0 and tall > 0:
                out.append((a.s, b.s))
    return out


def _draw(family: str) -> list[tuple[str, list[Sheet]]]:
    """Every document type (the catalogue drawn in ``family``) and a small random draw."""
    scns = scenarios(3, None, "clean", family) + scenarios(2043, 12, "clean", family)
    out = []
    for scn in scns:
        b = bundles.build(scn, 3)
        out += [(d.doc_type, doc_sheets(d, b.story)) for f in b.files for d in f.docs]
    return out


@pytest.mark.parametrize("family", FAMILIES)
def test_no_text_is_drawn_over_another(family: str) -> None:
    drawn = _draw(family)
    forms = {t for t, _ in drawn if t.startswith("form_")}
    assert {"form_34", "form_21", "form_10"} <= forms  # the forms with the long labels
    bad = {(t, c) for t, sheets in drawn for s in sheets for c in _collisions(s)}
    assert not bad, sorted(bad)[:10]


def _pen(family: str) -> Pen:
    scn = scenarios(3, None, "clean", family)[0]
    doc: Doc = next(d for f in bundles.build(scn, 3).files for d in f.docs)
    doc.data["hand"] = False
    return Pen(doc, STYLES[family], random.Random(0))


LONG = "Tarikh dimaklumkan kepada majikan oleh orang berinsurans / Date employer was notified"


def test_a_value_with_no_room_after_its_label_goes_on_the_next_line() -> None:
    s = Sheet()
    row = Row("notified_date", "13hb Oktober 2025 (dimaklumkan secara lisan dan bertulis)", "date")
    y = _right(s, _pen("B"), row, LONG, 100.0)
    texts = {t.s: t for t in s.ops if isinstance(t, Text)}
    assert texts[row.value].y > 100.0 and y > 108.5
    assert texts[row.value].x == 99 and not _collisions(s)


def test_a_label_wider_than_its_cell_wraps_and_the_row_grows() -> None:
    s = Sheet()
    y = _cell(s, _pen("H"), Row("notified_date", "13.10.2025"), LONG, 100.0)
    labels = [t for t in s.ops if isinstance(t, Text) and t.s != "13.10.2025"]
    assert len(labels) >= 2 and " ".join(t.s for t in labels) == LONG
    assert all(_box(t)[2] < 87 for t in labels)  # inside the label's cell
    assert y > 108.5 and not _collisions(s)
