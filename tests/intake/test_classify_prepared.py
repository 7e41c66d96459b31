"""Classification's prepared matching (#24): the keyword and a page's runs of words prepared
once give the same answers as matching every keyword against the raw lines."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from intake.classify import Evidence, _fuzzy, _in_lines, _ocr_alike, rules

TEXTS = yaml.safe_load(Path(__file__).with_name("doc_texts.yml").read_text(encoding="utf-8"))
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0158 ."


def _damaged(text: str, rate: float, seed: int) -> str:
    """The text with a share of its characters swapped for others OCR often reads."""
    rng = random.Random(seed)
    return "".join(c if c == "\n" or rng.random() >= rate else rng.choice(ALPHABET) for c in text)


def _plain_fuzzy(keyword: str, ev: Evidence, top: bool, cutoff: float, q: frozenset[str]) -> bool:
    """The matching before #24: rapidfuzz's processor run on the keyword and on every run."""
    if len(keyword) < 10 or any(c.isdigit() for c in keyword):
        return False
    n = keyword.count(" ") + 1
    for size in (n, n - 1, n + 1):
        runs = ev.runs(top, size, q) if size >= 1 else []
        similar = Levenshtein.normalized_similarity
        if runs and process.extractOne(
            keyword, runs, scorer=similar, processor=_ocr_alike, score_cutoff=cutoff / 100
        ):
            return True
    return False


def _keywords() -> list[str]:
    return sorted({k for lab in rules().labels for k in lab.title + lab.support + lab.negative})


PAGES = [(name, _damaged(text, rate, seed))
         for seed, (name, text) in enumerate(sorted(TEXTS.items()))
         for rate in (0.0, 0.05, 0.12)]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text"), PAGES, ids=[f"{n}-{i % 3}" for i, (n, _) in enumerate(PAGES)]
)
def test_prepared_matching_answers_as_the_plain_one(name: str, text: str) -> None:
    r = rules()
    cutoff = r.weights["fuzzy_cutoff"]
    prepared = Evidence.from_text(text, int(r.weights["top_lines"]))
    plain = Evidence.from_text(text, int(r.weights["top_lines"]))
    found = 0
    for keyword in _keywords():
        for top in (True, False):
            lines = plain.top if top else plain.body
            expected = _in_lines(keyword, lines, r.quote_words)
            assert prepared.in_lines(keyword, top, r.quote_words) == expected, (keyword, top)
            fuzzy = _plain_fuzzy(keyword, plain, top, cutoff, r.quote_words)
            assert _fuzzy(keyword, prepared, top, cutoff, r.quote_words) == fuzzy, (keyword, top)
            found += expected + fuzzy
    assert found or not text.strip()  # the page matched some keyword: the check had teeth


def test_a_look_alike_run_is_found_and_a_different_one_is_not() -> None:
    """OCR's 1/I/L, 0/O, 5/S, 8/B are one letter in the prepared runs as in the keyword."""
    ev = Evidence.from_text("5IJlL CUTl 5AKlT\nLAPORAN KEDATANGAN")
    assert _fuzzy("SIJIL CUTI SAKIT", ev, True, 90, frozenset())
    assert not _fuzzy("LAPORAN KEMALANGAN", ev, True, 90, frozenset())
