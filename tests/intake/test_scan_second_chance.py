"""A page that reads poorly is read once more with its background flattened; the better of
the two readings is kept. The engine is a fake that scores images by how even their light
is; the real path is measured by the golden test (a grey phone photo: 0.21 -> 0.90)."""

from __future__ import annotations

import numpy as np

from intake import images as im
from intake.ocr import OcrResult, OcrWord
from intake.options import ReadOptions
from intake.scan import (
    FEW_WORDS,
    RETRY_BELOW,
    SPARSE,
    Prepared,
    _sparse_if_better,
    quality,
    second_chance,
)


class EvenLightEngine:
    """Reads well exactly when the light is even (what flattening gives)."""

    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.calls += 1
        conf = 0.95 if im.background_unevenness(image) < 20 else 0.2
        return OcrResult([OcrWord(f"w{i}", (i, 0, i + 1, 1), conf) for i in range(30)])


def uneven_page() -> np.ndarray:
    ramp = np.linspace(120, 230, 800, dtype=np.float32)[None, :].repeat(1000, axis=0)
    page = ramp.astype(np.uint8)
    page[100:900:40, 100:700] = 20  # lines of "text"
    return page


def test_a_poor_reading_is_replaced_by_the_flattened_one() -> None:
    engine = EvenLightEngine()
    p = Prepared(uneven_page(), np.eye(3))
    first = engine.recognize(p.image, langs="eng", psm=3, timeout=5)
    assert quality(first) < RETRY_BELOW
    best = second_chance(engine, p, ReadOptions(), first)  # type: ignore[arg-type]
    assert quality(best) > 0.8 and "flatten_retry" in p.steps
    assert im.background_unevenness(p.image) < 20  # the page now holds what was read


def test_a_good_or_already_flattened_reading_is_not_read_again() -> None:
    engine = EvenLightEngine()
    even = Prepared(np.full((1000, 800), 220, np.uint8), np.eye(3))
    good = engine.recognize(even.image, langs="eng", psm=3, timeout=5)
    assert second_chance(engine, even, ReadOptions(), good) is good  # type: ignore[arg-type]
    flattened = Prepared(uneven_page(), np.eye(3), steps=["flatten"])
    poor = engine.recognize(flattened.image, langs="eng", psm=3, timeout=5)
    assert second_chance(engine, flattened, ReadOptions(), poor) is poor  # type: ignore[arg-type]
    # the two first readings and one last clean-up of the poor one (never a second flattening)
    assert engine.calls == 3 and "flatten_retry" not in flattened.steps


def test_a_black_and_white_page_is_not_flattened() -> None:
    engine = EvenLightEngine()
    fax = np.full((1000, 800), 255, np.uint8)
    fax[100:900:40, 100:700] = 0
    assert im.is_bilevel(fax) and not im.is_bilevel(uneven_page())
    p = Prepared(fax, np.eye(3))
    poor = OcrResult([OcrWord("w", (0, 0, 1, 1), 0.1)])
    assert second_chance(engine, p, ReadOptions(), poor) is poor  # type: ignore[arg-type]
    assert engine.calls == 0


class LayoutBlindEngine:
    """Page layout analysis (psm 3) finds two words; sparse text (psm 11) finds the card."""

    name = "fake"

    def __init__(self, sparse_words: int = 24, sparse_conf: float = 0.81) -> None:
        self.psms: list[int] = []
        self.sparse_words, self.sparse_conf = sparse_words, sparse_conf

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.psms.append(psm)
        n, conf = (self.sparse_words, self.sparse_conf) if psm == SPARSE else (2, 0.4)
        return OcrResult([OcrWord(f"w{i}", (i, 0, i + 1, 1), conf) for i in range(n)])


def test_a_page_layout_that_finds_almost_nothing_is_read_as_sparse_text() -> None:
    engine = LayoutBlindEngine()
    p = Prepared(np.full((1000, 800), 220, np.uint8), np.eye(3))
    first = engine.recognize(p.image, langs="eng", psm=3, timeout=5)
    best = _sparse_if_better(engine, p, ReadOptions(), first)  # type: ignore[arg-type]
    assert len(best.words) == 24 and p.psm == SPARSE and "sparse" in p.steps
    assert engine.psms == [3, SPARSE]


def test_a_sparse_reading_that_is_no_better_is_dropped() -> None:
    engine = LayoutBlindEngine(sparse_words=1, sparse_conf=0.1)
    p = Prepared(np.full((1000, 800), 220, np.uint8), np.eye(3))
    first = engine.recognize(p.image, langs="eng", psm=3, timeout=5)
    assert _sparse_if_better(engine, p, ReadOptions(), first) is first  # type: ignore[arg-type]
    assert p.psm is None and "sparse" not in p.steps


def test_a_page_with_enough_words_or_a_chosen_segmentation_is_not_read_again() -> None:
    engine = LayoutBlindEngine()
    p = Prepared(np.full((1000, 800), 220, np.uint8), np.eye(3))
    many = OcrResult([OcrWord(f"w{i}", (i, 0, i + 1, 1), 0.3) for i in range(FEW_WORDS)])
    assert _sparse_if_better(engine, p, ReadOptions(), many) is many  # type: ignore[arg-type]
    few = OcrResult([OcrWord("w", (0, 0, 1, 1), 0.3)])
    assert _sparse_if_better(engine, p, ReadOptions(psm=6), few) is few  # type: ignore[arg-type]
    card = Prepared(p.image, np.eye(3), kind="card")  # cards are read as sparse text already
    assert _sparse_if_better(engine, card, ReadOptions(), few) is few  # type: ignore[arg-type]
    assert engine.psms == []


class SizeEngine:
    """Reads poorly whatever it is given, and notes the size of each image."""

    name = "fake"

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.shapes.append(image.shape)
        return OcrResult([OcrWord("w", (0, 0, 1, 1), 0.1)])


def small_text_fax() -> np.ndarray:
    page = np.full((600, 500), 255, np.uint8)
    for top in range(50, 550, 12):  # lines of "letters" 5 px high, far under SMALL_TEXT_PX
        for left in range(40, 460, 6):
            page[top : top + 5, left : left + 4] = 0
    return page


def test_small_text_is_enlarged_no_further_than_the_page_cap_over_all_steps() -> None:
    fresh = Prepared(small_text_fax(), np.eye(3))
    engine = SizeEngine()
    second_chance(engine, fresh, ReadOptions(), engine.recognize(fresh.image, langs="eng", psm=3,
                                                                  timeout=5))  # fmt: skip
    assert engine.shapes[-1] == (1200, 1000)  # read again enlarged x2
    half = Prepared(small_text_fax(), np.diag([2.0, 2.0, 1.0]))  # prepare enlarged it x2
    engine = SizeEngine()
    second_chance(engine, half, ReadOptions(), engine.recognize(half.image, langs="eng", psm=3,
                                                                timeout=5))  # fmt: skip
    assert engine.shapes[-1] == (900, 750)  # x1.5 more: x3 in all (images.MAX_ENLARGEMENT)
    capped = Prepared(small_text_fax(), np.diag([im.MAX_ENLARGEMENT, im.MAX_ENLARGEMENT, 1.0]))
    engine = SizeEngine()
    second_chance(engine, capped, ReadOptions(), engine.recognize(capped.image, langs="eng",
                                                                  psm=3, timeout=5))  # fmt: skip
    assert engine.shapes == [(600, 500)] and "upscale_retry" not in capped.steps
