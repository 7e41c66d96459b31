"""Finding printed labels (``Tarikh Kemalangan``, ``No. K/P``) in OCR text.

Labels are data (``labels`` in intake/doctypes.yml), written folded (upper case, words).
A label matches its words separated by any punctuation or spacing, case-insensitively,
so ``NO K P`` finds ``No. K/P`` and ``TARIKH KEMALANGAN`` finds ``Tarikh  kemalangan:``;
letters OCR confuses (I/l/1, O/0, S/5...) match each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from intake import yamlfile


@dataclass(frozen=True)
class LabelHit:
    key: str
    label: str
    start: int
    end: int


# Letters OCR confuses inside printed labels ("dimakiumkan", "Saks!", "B0RANG").
CONFUSABLE = {
    "I": "[IiLl1|!J]", "L": "[LlIi1|]", "O": "[Oo0QD]", "S": "[Ss5]", "B": "[Bb8]",
    "G": "[Gg6]", "Z": "[Zz2]", "E": "[EeF]", "N": "[NnRr]",
}  # fmt: skip


def word_regex(word: str) -> str:
    """A word as a pattern whose letters match the ones OCR confuses them with."""
    return "".join(CONFUSABLE.get(c.upper(), re.escape(c)) for c in word)


@lru_cache(maxsize=512)
def label_regex(label: str) -> re.Pattern[str]:
    words = [word_regex(w) for w in label.split()]
    return re.compile(r"(?<![A-Za-z0-9])" + r"[^A-Za-z0-9\n]{0,3}".join(words) + r"(?![A-Za-z])",
                      re.IGNORECASE)  # fmt: skip


def find_labels(text: str, table: dict[str, list[str]]) -> list[LabelHit]:
    """Every label of every key in ``text``; where labels overlap the longest gives the key
    and the hit spans them all."""
    hits = [
        LabelHit(key, label, m.start(), m.end())
        for key, labels in table.items()
        for label in labels
        for m in label_regex(label).finditer(text)
    ]
    return merge_hits(hits)


def merge_hits(hits: list[LabelHit]) -> list[LabelHit]:
    """Hits in text order; where labels overlap the longest gives the key and the hit spans
    them all."""
    hits = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[LabelHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            last = out[-1]
            if h.end - h.start > last.end - last.start:
                last = h
            # labels that overlap read as one ("Name of Insured" + "Insured Person"): the
            # hit covers both, so no part of either is taken for the value
            out[-1] = LabelHit(last.key, last.label, out[-1].start, max(out[-1].end, h.end))
            continue
        out.append(h)
    return out


# --- the label lexicon (intake/lexicon.yml): text that is never a value --------------------

LEXICON_PATH = Path(__file__).resolve().parents[1] / "lexicon.yml"
LEXICON_MATCH = 88  # rapidfuzz ratio of a whole candidate to a lexicon entry (OCR damage)
SHORT_ENTRY = 6  # entries shorter than this match only exactly ("NAMA" is not "NAIMA")
MAX_NAME_WORDS = 8
PROSE_LOWER_WORDS = 3  # lower-case words among capitalised ones that make a sentence


@lru_cache(maxsize=1)
def lexicon_data() -> dict[str, Any]:
    data: dict[str, Any] = yamlfile.load_file(LEXICON_PATH)
    return data


def fold(text: str) -> str:
    """Upper case, letters and digits only, single spaces: ``Name as in MyKad:`` ->
    ``NAME AS IN MYKAD``."""
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", text.upper()).split())


@lru_cache(maxsize=1)
def lexicon_entries() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(entries, the words of the entries, prose words), folded."""
    entries = {fold(e) for group in lexicon_data()["lexicon"] for e in group["entries"]}
    for role in lexicon_data()["roles"].values():
        for cue in role["cues"]:
            entries.update(fold(e) for e in cue.get("headings", []))
    words = {w for e in entries for w in e.split()}
    prose = {fold(w) for group in lexicon_data()["prose"] for w in group["words"]}
    return frozenset(entries), frozenset(words), frozenset(prose)


@lru_cache(maxsize=1)
def _entries_by_length() -> dict[int, tuple[str, ...]]:
    """The lexicon's entries long enough to match approximately, by their length, each with
    its spaces taken out (OCR joins and splits words), prepared once."""
    out: dict[int, list[str]] = {}
    for e in sorted(lexicon_entries()[0]):
        if len(e) >= SHORT_ENTRY:
            out.setdefault(len(e), []).append(e.replace(" ", ""))
    return {n: tuple(v) for n, v in out.items()}


def _matches_entry(folded: str) -> bool:
    """``folded`` is a lexicon entry, or one of as many letters give or take 4 that OCR
    damaged (rapidfuzz ratio of the two without spaces at least ``LEXICON_MATCH``)."""
    if folded in lexicon_entries()[0]:
        return True
    if len(folded) < SHORT_ENTRY:
        return False
    joined, by_length = folded.replace(" ", ""), _entries_by_length()
    near = [e for n in range(len(folded) - 4, len(folded) + 5) for e in by_length.get(n, ())]
    return (
        process.extractOne(joined, near, scorer=fuzz.ratio, score_cutoff=LEXICON_MATCH) is not None
    )


def is_label_text(candidate: str) -> bool:
    """``candidate`` is a label, its translation or qualifier, a heading, a title or a caption
    (intake/lexicon.yml), as OCR may have damaged it: the whole of it, a run of lexicon words
    only, or a candidate that opens with a label of two words or more."""
    folded = fold(candidate)
    if not folded:
        return False
    _, words, _ = lexicon_entries()
    tokens = folded.split()
    if _matches_entry(folded) or all(t in words for t in tokens):
        return True
    return any(_matches_entry(" ".join(tokens[:k])) for k in range(2, len(tokens)))


@lru_cache(maxsize=1)
def company_words() -> frozenset[str]:
    return frozenset(fold(w) for g in lexicon_data()["companies"] for w in g["words"])


def is_company(candidate: str) -> bool:
    """``candidate`` is a company's name (``CAHAYA GEMILANG SDN. BHD.``), not a person's."""
    return any(t in company_words() for t in fold(candidate).split())


_SENTENCE_END = re.compile(r"[a-z]{3,}[.?!](\s|$)")
_MARKERS = frozenset({"bin", "binti", "bt", "bte", "a/l", "a/p", "s/o", "d/o", "anak", "van", "de"})


def is_prose(candidate: str) -> bool:
    """``candidate`` is a piece of running text, not a name: a function word or verb of a
    sentence (lexicon ``prose``), too many words, a sentence ending, or lower-case words
    inside capitalised ones."""
    _, _, prose = lexicon_entries()
    tokens = candidate.split()
    if len(tokens) > MAX_NAME_WORDS or any(fold(t) in prose for t in tokens):
        return True
    if _SENTENCE_END.search(candidate):
        return True
    lower = [t for t in tokens if t.isalpha() and t.islower() and t not in _MARKERS]
    capitalised = [t for t in tokens if t[:1].isupper()]
    return bool(capitalised) and sum(len(t) >= 3 for t in lower) >= PROSE_LOWER_WORDS
