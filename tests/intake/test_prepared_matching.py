"""Prepared matching (#24): classification's keyword and a page's runs of words, and the label
lexicon's entries, prepared once give the same answers as the plain matching did."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from intake.classify import Evidence, _fuzzy, _in_lines, _ocr_alike, classify_text, rules
from intake.fields.labels import LEXICON_MATCH, SHORT_ENTRY, _matches_entry, lexicon_entries

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


def _plain_entry(folded: str, entries: frozenset[str]) -> bool:
    """The lexicon match before #24: every entry compared in turn."""
    if folded in entries:
        return True
    joined = folded.replace(" ", "")
    return len(folded) >= SHORT_ENTRY and any(
        len(e) >= SHORT_ENTRY
        and abs(len(e) - len(folded)) <= 4
        and fuzz.ratio(joined, e.replace(" ", "")) >= LEXICON_MATCH
        for e in entries
    )


def test_prepared_lexicon_answers_as_the_plain_one() -> None:
    entries = lexicon_entries()[0]
    candidates = sorted({_damaged(e, rate, seed) for seed, e in enumerate(sorted(entries))
                         for rate in (0.0, 0.08, 0.2, 0.4)})  # fmt: skip
    # cut or grown by as many letters as the length window allows, and one more
    candidates += [e[:-k] for e in sorted(entries) for k in (4, 5)] + ["", "NAMA", "NAIMA"]
    candidates += [e + "X" * k for e in sorted(entries) for k in (4, 5)]
    answers = {c: _plain_entry(c, entries) for c in candidates}
    assert {c: _matches_entry(c) for c in candidates} == answers
    assert 0 < sum(answers.values()) < len(answers)  # both answers were tested
    assert any(a and c not in entries for c, a in answers.items())  # approximate ones too


def test_a_text_classified_again_gets_an_answer_of_its_own() -> None:
    """The answer for a text is kept: a caller changing its scores changes no later answer."""
    first = classify_text(TEXTS["MYKAD"])
    first.scores[first.label] = -1.0
    again = classify_text(TEXTS["MYKAD"])
    assert again.scores[again.label] == again.score > 0
    assert again.scores is not first.scores


def test_runs_prepared_for_one_set_of_quote_words_are_not_served_for_another() -> None:
    # a support keyword is matched without quote words, a title with them: each gets its runs
    ev = Evidence.from_text("NO LAPORAN POLIS 123 DIRUJUK")
    quotes = frozenset({"LAPORAN"})
    with_quotes = ev.runs(False, 2, quotes)
    assert "POLIS 123" not in with_quotes  # the run after a quote word is left out
    assert "POLIS 123" in ev.runs(False, 2, frozenset())
    assert ev.alike_runs(False, 2, quotes) != ev.alike_runs(False, 2, frozenset())
