"""Hand-written digits (intake.handdigits): the model trained in the repository on
scikit-learn's load_digits reads its held-back samples, and the comb reader asks it only about
boxes Tesseract is unsure of (#21)."""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np
import pytest

from bench.combdraw import CombStyle, comb_line
from intake import comb
from intake.handdigits import HandDigits, features
from intake.ocr import OcrEngine

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

    def read(self, glyph: np.ndarray) -> tuple[str, float]:
        return "0", 1.0


def _always(model: HandDigits) -> _Always:
    return _Always(model.samples, model.labels, model.k, model.held_x, model.held_y)


def test_recogniser_asked_only_where_tesseract_is_unsure(
    model: HandDigits, monkeypatch: pytest.MonkeyPatch
) -> None:
    glyphs = [np.zeros((32, 20), np.uint8)] * 4
    found = [("3", 0.9), ("?", 0.0), ("5", 0.3), ("8", 0.0)]
    hand = _always(model)
    assert comb.second_opinion(hand, glyphs, found) == [
        ("3", 0.9),
        ("0", 1.0),
        ("5", 0.3),
        ("8", 0.0),
    ]
    monkeypatch.setattr(comb, "UNSURE", 0.6)
    assert comb.second_opinion(hand, glyphs, found) == [
        ("3", 0.9),
        ("0", 1.0),
        ("0", 1.0),
        ("0", 1.0),
    ]


@pytest.mark.tesseract
def test_confident_tesseract_reading_kept(engine: OcrEngine, model: HandDigits) -> None:
    gray = np.asarray(comb_line("870903106231", (6, 2, 4), CombStyle(), rng=random.Random(3)))
    reads = comb.read_combs(engine, gray.copy(), "eng", hand=_always(model))
    assert [r.value for r in reads] == ["870903-10-6231"]
