"""Both Tesseract engines pass the same tests: words, boxes, confidences, timeout, orientation."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from intake.errors import OcrTimeout
from intake.ocr import ChildEngine, OcrEngine, TesserocrEngine, parse_tsv
from intake.options import ReadOptions

pytestmark = pytest.mark.tesseract
TESSDATA = ReadOptions().tessdata_dir()


@pytest.fixture(scope="module", params=["tesserocr", "child"])
def any_engine(request: pytest.FixtureRequest) -> OcrEngine:
    if TESSDATA is None:
        pytest.skip("no Tesseract language data installed")
    if request.param == "tesserocr":
        pytest.importorskip("tesserocr")
        return TesserocrEngine(TESSDATA)
    return ChildEngine(TESSDATA)


@pytest.fixture(scope="module")
def page(kit: Any) -> np.ndarray:
    return kit.as_array(kit.text_page(size=36))


def test_reads_words_with_boxes_and_confidence(any_engine: OcrEngine, page: Any, kit: Any) -> None:
    r = any_engine.recognize(page, langs="eng", psm=3, timeout=30)
    assert kit.cer("\n".join(kit.LINES), r.text) < 0.03
    assert r.mean_confidence > 0.85
    word = next(w for w in r.words if w.text == "PERTUBUHAN")
    x0, y0, x1, y1 = word.bbox
    assert 110 <= x0 <= 130 and 115 <= y0 <= 135  # drawn at (120, 120)
    assert x1 > x0 and y1 - y0 < 50
    assert [w.line for w in r.words] == sorted(w.line for w in r.words)
    assert len({w.line for w in r.words}) == len(kit.LINES)


def test_malay_model_reads_too(any_engine: OcrEngine, page: Any, kit: Any) -> None:
    r = any_engine.recognize(page, langs="eng+msa", psm=6, timeout=30)
    assert kit.cer("\n".join(kit.LINES), r.text) < 0.03


def test_blank_image_gives_no_words(any_engine: OcrEngine) -> None:
    r = any_engine.recognize(np.full((400, 600), 255, np.uint8), langs="eng", psm=3, timeout=30)
    assert r.words == [] and r.mean_confidence == 0.0


def test_timeout_raises(any_engine: OcrEngine, kit: Any) -> None:
    big = kit.as_array(kit.text_page(kit.LINES * 12, size=30, width=2500))
    with pytest.raises(OcrTimeout) as err:
        any_engine.recognize(big, langs="eng", psm=3, timeout=0.01)
    assert err.value.code == "ocr_timeout"


@pytest.mark.parametrize("cw", [90, 180, 270])
def test_orientation_of_turned_page(any_engine: OcrEngine, kit: Any, cw: int) -> None:
    from intake.images import rotate_quarter

    page = kit.as_array(kit.text_page(kit.LINES * 3, size=36))
    turned, _ = rotate_quarter(page, (360 - cw) % 360)  # needs ``cw`` clockwise to be upright
    found = any_engine.orientation(turned)
    assert found is not None
    assert found.rotate_cw == cw


def test_version_names_tesseract(any_engine: OcrEngine) -> None:
    assert any_engine.version().startswith("tesseract 5")


def test_parse_tsv_lines_and_blocks() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t30\t15\t96.5\tNama\n"
        "5\t1\t1\t1\t1\t2\t50\t20\t40\t15\t91\tpesakit\n"
        "5\t1\t1\t1\t2\t1\t10\t50\t30\t15\t-1\t \n"
        "5\t1\t2\t1\t1\t1\t10\t90\t30\t15\t40\tAli\n"
    )
    r = parse_tsv(tsv)
    assert r.text == "Nama pesakit\n\nAli"
    assert r.words[0].bbox == (10, 20, 40, 35)
    assert r.words[2].line == 1 and r.words[2].block == 2
    assert r.mean_confidence == pytest.approx((0.965 * 4 + 0.91 * 7 + 0.40 * 3) / 14)
