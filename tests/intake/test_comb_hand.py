"""Hand-written digits (intake.handdigits): the model trained in the repository on
scikit-learn's load_digits reads its held-back samples, and the comb reader asks it only about
boxes Tesseract is unsure of (#21). A value it completes is kept only when each filled-in digit
is sure (unanimous, nearer than the distance calibrated on held-back samples) or another
reading on the page agrees; otherwise it stays as Tesseract read it."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import cv2
import numpy as np
import pytest

from bench.combdraw import CombStyle, comb_line
from intake import comb, combhand
from intake.handagree import claim_agreed
from intake.handdigits import CALIBRATION_SHARE, HandDigits, Reading, calibrate, default, features
from intake.models import CombRead, Document, Field, Page
from intake.ocr import OcrEngine, OcrResult, OcrWord
from intake.options import HAND_GATE, ReadOptions
from intake.pipeline import FileResult

FLOOR = 0.9  # share of held-back samples read right


@pytest.fixture(scope="module")
def model() -> HandDigits:
    return HandDigits.load()


def _rendered(x: np.ndarray, size: int) -> np.ndarray:
    """A held-back 8x8 sample drawn as a grey glyph ``size`` px high, then cut to black/white."""
    grey = cv2.resize((255 - x.reshape(8, 8) * 15.9).astype(np.float32), (size, size))
    return np.where(grey < 128, 0, 255).astype(np.uint8)


def test_model_reads_held_back_digits_above_the_floor(model: HandDigits) -> None:
    assert len(model.held_y) > 500 and set(model.held_y.tolist()) == set(range(10))
    digits, _ = model.classify(model.held_x)
    assert (digits == model.held_y).mean() >= FLOOR


def test_naive_baselines_fail_the_floor(model: HandDigits) -> None:
    majority = np.bincount(model.labels).argmax()
    assert (model.held_y == majority).mean() < FLOOR
    shuffled = np.random.default_rng(0).permutation(model.labels)
    untrained = HandDigits(model.samples, shuffled, model.k, model.held_x, model.held_y)
    assert (untrained.classify(model.held_x)[0] == model.held_y).mean() < FLOOR


def test_drawn_digits_read_through_the_uci_preprocessing(model: HandDigits) -> None:
    right = [
        model.read(_rendered(x, size))[0] == str(y)
        for x, y, size in zip(model.held_x, model.held_y, (32, 40, 56) * 200, strict=False)
    ]
    assert np.mean(right) >= 0.85


def test_features_as_uci_counts() -> None:
    glyph = np.full((40, 20), 255, np.uint8)
    glyph[:, 5:15] = 0  # a bar 40 x 10: fitted 32 x 8, centred, two full blocks a row
    f = features(glyph)
    assert f is not None and f.reshape(8, 8)[:, 3:5].min() == 16 and f.sum() == 16 * 16
    assert features(np.full((10, 10), 255, np.uint8)) is None


@dataclass(frozen=True)
class _Always(HandDigits):
    """A recogniser that reads every glyph as 0, sure of it."""

    def judge(self, glyph: np.ndarray) -> Reading:
        return Reading("0", 1.0, 0.0, True)


@dataclass(frozen=True)
class _Unsure(HandDigits):
    """A recogniser that reads every glyph as 0, all neighbours agreeing but too far off."""

    def judge(self, glyph: np.ndarray) -> Reading:
        return Reading("0", 1.0, 99.0, False)


def _always(model: HandDigits) -> _Always:
    return _Always(model.samples, model.labels, model.k, model.held_x, model.held_y)


def _unsure(model: HandDigits) -> _Unsure:
    return _Unsure(model.samples, model.labels, model.k, model.held_x, model.held_y)


def test_recogniser_asked_only_where_tesseract_is_unsure(
    model: HandDigits, monkeypatch: pytest.MonkeyPatch
) -> None:
    glyphs = [np.zeros((32, 20), np.uint8)] * 4
    found = [("3", 0.9), ("?", 0.0), ("5", 0.3), ("8", 0.0)]
    hand = _always(model)
    once = combhand.second_opinion(hand, glyphs, found)
    assert once.found == [("3", 0.9), ("0", 1.0), ("5", 0.3), ("8", 0.0)]
    assert once.filled == (1,) and once.sure
    monkeypatch.setattr(combhand, "UNSURE", 0.6)
    more = combhand.second_opinion(hand, glyphs, found)
    assert more.found == [("3", 0.9), ("0", 1.0), ("0", 1.0), ("0", 1.0)]
    assert more.filled == (1, 2, 3)
    assert not combhand.second_opinion(_unsure(model), glyphs, found).sure


@pytest.mark.tesseract
def test_confident_tesseract_reading_kept(engine: OcrEngine, model: HandDigits) -> None:
    gray = np.asarray(comb_line("870903106231", (6, 2, 4), CombStyle(), rng=random.Random(3)))
    reads = comb.read_combs(engine, gray.copy(), "eng", hand=combhand.HandGate(_always(model)))
    assert [r.value for r in reads] == ["870903-10-6231"]


# --- sure readings: calibrated on held-back samples ----------------------------------------


def test_sure_readings_are_right_on_the_held_back_part_not_calibrated_on() -> None:
    model = default()
    cut = round(len(model.held_y) * CALIBRATION_SHARE)
    digits, shares, far = model.neighbours(model.held_x[cut:])
    sure = np.array([model.sure(s, d) for s, d in zip(shares, far, strict=True)])
    right = digits == model.held_y[cut:]
    assert 0 < model.max_distance < float(far.max())
    assert sure.mean() >= 0.3  # the gate lets a fair share through ...
    assert right[sure].mean() >= 0.995  # ... and those are right
    assert right.mean() < 0.995  # where all the readings are not


def test_calibrate_stops_at_the_nearest_unanimous_wrong_reading() -> None:
    samples = np.zeros((6, 64), np.float32)
    samples[3:, 0] = 16.0
    labels = np.array([1, 1, 1, 7, 7, 7])
    model = HandDigits(samples, labels, 3, samples[:0], labels[:0])
    x = np.zeros((3, 64), np.float32)
    x[:, 1] = (2.0, 5.0, 9.0)  # read as 1 at distances 2, 5, 9 (all three neighbours agree)
    assert calibrate(model, x, np.array([1, 4, 4])) == pytest.approx(5.0)
    assert calibrate(model, x, np.array([1, 1, 1])) > 9.0  # none wrong: past the farthest
    sure = replace(model, max_distance=5.0)
    assert sure.sure(1.0, 4.9) and not sure.sure(1.0, 5.0) and not sure.sure(2 / 3, 1.0)


def test_judge_sure_of_drawn_held_back_digits_only_when_right() -> None:
    model = default()
    cut = round(len(model.held_y) * CALIBRATION_SHARE)
    rows = zip(model.held_x[cut:], model.held_y[cut:], (32, 40, 56) * 200, strict=False)
    readings = [(model.judge(_rendered(x, size)), str(y)) for x, y, size in rows]
    sure = [r.digit == y for r, y in readings if r.sure]
    assert len(sure) >= 0.1 * len(readings) and np.mean(sure) >= 0.99
    assert np.mean([r.digit == y for r, y in readings]) < 0.95  # unsure ones are often wrong
    assert not model.judge(np.full((32, 20), 255, np.uint8)).sure  # an empty box


# --- a completed value kept only when sure or agreed ----------------------------------------


class _NoDigits:
    """An engine that finds no digit anywhere (what Tesseract does on many hand-filled boxes)."""

    def read_chars(self, image: np.ndarray, **_: object) -> OcrResult:
        return OcrResult([])

    def recognize(self, image: np.ndarray, **_: object) -> OcrResult:
        return OcrResult([])


def _ic_comb() -> tuple[np.ndarray, comb.Comb]:
    gray = np.asarray(comb_line("870903106231", (6, 2, 4), CombStyle(), rng=random.Random(3)))
    found = comb.find_combs(gray.copy())
    assert len(found) == 1
    return gray.copy(), found[0]


def test_sure_completion_is_kept(model: HandDigits) -> None:
    gray, c = _ic_comb()
    gate = combhand.HandGate(_always(model))
    r = comb.read_comb(_NoDigits(), gray, c, "eng", hand=gate)  # type: ignore[arg-type]
    assert r is not None and r.chars == "0" * 12 and r.hand == combhand.SURE


def test_unsure_completion_waits_and_is_dropped_without_agreement(model: HandDigits) -> None:
    gray, c = _ic_comb()
    gate = combhand.HandGate(_unsure(model))
    r = comb.read_comb(_NoDigits(), gray, c, "eng", hand=gate)  # type: ignore[arg-type]
    assert r is not None and r.hand == combhand.PENDING
    assert r.chars == "?" * 12 and r.completed == "0" * 12  # Tesseract's reading meanwhile
    label = OcrWord("Pengenalan:", (10.0, 60.0, 200.0, 90.0), 0.9, line=0)
    [dropped] = combhand.agreed(OcrResult([label]), [r])
    assert dropped.hand == combhand.DROPPED and dropped.chars == "?" * 12
    assert comb.add_combs(OcrResult([label]), [dropped]).words[-1].text != "000000-00-0000"


def _pending(model: HandDigits, completed: str) -> comb.CombRead:
    _, c = _ic_comb()
    chars = completed[:3] + "?" + completed[4:]
    return comb.CombRead(c, chars, 0.5, "cells", completed, combhand.PENDING)


def _word(text: str, x: float, y: float, line: int) -> OcrWord:
    return OcrWord(text, (x, y, x + 20.0 * len(text), y + 30.0), 0.9, line=line)


def test_completion_kept_when_the_same_number_is_elsewhere_on_the_page(model: HandDigits) -> None:
    r = _pending(model, "870903106231")
    far_below = r.comb.bbox[3] + 400
    same = OcrResult([_word("No.", 60, far_below, 5), _word("870903-10-6231", 140, far_below, 5)])
    [kept] = combhand.agreed(same, [r])
    assert kept.hand == combhand.AGREED and kept.value == "870903-10-6231"
    other = OcrResult([_word("870903-10-6281", 140, far_below, 5)])  # one digit differs
    [left] = combhand.agreed(other, [r])
    assert left.hand == combhand.DROPPED and left.chars == r.chars


def test_completion_kept_when_the_page_ocr_read_the_comb_alike(model: HandDigits) -> None:
    r = _pending(model, "870903106231")
    x0, y0, x1, _ = r.comb.bbox
    inside = [_word("870903", x0 + 5, y0 + 2, 1), _word("10", (x0 + x1) / 2, y0 + 2, 1)]
    inside.append(_word("6231", x1 - 90, y0 + 2, 1))
    [kept] = combhand.agreed(OcrResult(inside), [r])
    assert kept.hand == combhand.AGREED and kept.chars == "870903106231"


def test_short_completion_never_agrees(model: HandDigits) -> None:
    r = _pending(model, "870903106231")
    short = replace(r, completed="1234" + " " * 8, chars="12?4" + " " * 8)
    page = OcrResult([_word("Tel", 60, 2000, 5), _word("01234", 140, 2000, 5)])
    assert combhand.agreed(page, [short])[0].hand == combhand.DROPPED


def test_options_name_the_gate_and_read_the_setting_from_the_environment() -> None:
    assert ReadOptions(hand_digits=True).fingerprint()["hand_digits"] == HAND_GATE
    assert ReadOptions(hand_digits=False).fingerprint()["hand_digits"] is False
    assert ReadOptions.from_env({"OCR_HAND_DIGITS": "1"}).hand_digits
    assert not ReadOptions.from_env({"OCR_HAND_DIGITS": "0"}).hand_digits
    with pytest.raises(ValueError):
        ReadOptions.from_env({"OCR_HAND_DIGITS": "yes"})


# --- across the claim: another document's reading confirms an unsure completion ------------

IC = "870903-10-6231"


def _file(name: str, doc: Document, *combs: CombRead) -> FileResult:
    page = Page(name, 1, "")
    page.combs = list(combs)
    return FileResult(name, "", pages=[page], documents=[doc])


def _form(ic: str | None = None) -> Document:
    doc = Document("borang34.pdf", [1])
    if ic:
        doc.fields["ic_number"] = Field(ic, 1)
    return doc


def _mykad(ic: str) -> Document:
    return Document("mykad.jpg", [1], fields={"ic_number": Field(ic, 1)})


def test_claim_confirms_an_unsure_ic_read_on_another_document() -> None:
    form = _form()
    dropped = CombRead(12, "cells", combhand.DROPPED, IC)
    results = [_file("borang34.pdf", form, dropped), _file("mykad.jpg", _mykad(IC))]
    assert claim_agreed(results) == 1
    assert form.field_value("ic_number") == IC and form.fields["ic_number"].confidence < 1.0


def test_claim_leaves_an_unsure_ic_nobody_else_read() -> None:
    dropped = CombRead(12, "cells", combhand.DROPPED, IC)
    other = "870903-10-6281"  # one digit differs
    for results in (
        [_file("borang34.pdf", _form(), dropped)],  # alone (the claim's own IC is no source)
        [_file("borang34.pdf", _form(), dropped), _file("mykad.jpg", _mykad(other))],
    ):
        assert claim_agreed(results) == 0
        assert results[0].documents[0].fields.get("ic_number") is None


def test_claim_neither_overwrites_nor_confirms_by_another_guess() -> None:
    form = _form("870903-10-6281")
    dropped = CombRead(12, "cells", combhand.DROPPED, IC)
    results = [_file("borang34.pdf", form, dropped), _file("mykad.jpg", _mykad(IC))]
    assert claim_agreed(results) == 0 and form.field_value("ic_number") == "870903-10-6281"
    guessed = _file("mykad.jpg", _mykad(IC), CombRead(12, "cells", combhand.SURE))
    results = [_file("borang34.pdf", _form(), dropped), guessed]
    assert claim_agreed(results) == 0
