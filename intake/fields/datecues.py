"""Whose date a label or a sentence gives, from its words rather than one fixed wording.

A date label is a run of words on a line (up to ``:``, ``/``, ``|``, ``?``, a column gap or a
value) that holds a date word (``labels.date_words`` in intake/doctypes.yml) and a word of
every group of one role (``labels.date_roles``): "Date employer was notified", "Tarikh Majikan
Dimaklumkan", "Accident Date", "Bila kemalangan berlaku?" all name their key without being
listed one by one. A date that opens its sentence ("On 2 October 2026 at 9.30 am, the insured
met with an accident ...", ``labels.sentence_openers``) takes the role whose words the rest of
the sentence holds, when it is the sentence's only date. Cue words are matched OCR-tolerantly
(``labels.CONFUSABLE``); one of 5 letters or more inside a word ("DIMAKLUMKAN", "NOTIFIED");
one of 7 letters or more also with one letter OCR changed, added or dropped ("Accidemt",
"kemnalangan"), unless the word is one the label lexicon knows ("EMPLOYEE", not "EMPLOYER").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from intake.fields.dates import find_dates
from intake.fields.labels import LabelHit, fold, lexicon_entries, word_regex

MAX_LABEL_WORDS = 8  # a longer run of words is prose, not a label
MAX_SENTENCE = 300  # characters of a sentence read after its opening date
STEM = 5  # a cue this long matches inside a word
HEAD_LINES = 2  # lines of a sentence read before its date (forms print no full stops)
# A run of words separated by one or two spaces, no punctuation that ends a label, no digit.
_RUN = re.compile(r"[^\s:/|?;\d]+(?: {1,2}[^\s:/|?;\d]+)*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")

FUZZY = 7  # a cue this long also matches a word OCR damaged by one letter


@dataclass(frozen=True)
class Cue:
    word: str
    pattern: re.Pattern[str]

    def search(self, token: str) -> bool:
        """``token`` holds the cue (OCR-confusable letters alike), or is the cue with one
        letter OCR changed, added or dropped ("Accidemt", "kemnalangan") and no word of
        its own that the label lexicon knows ("EMPLOYEE" is not "EMPLOYER")."""
        if self.pattern.search(token):
            return True
        if len(self.word) < FUZZY:
            return False
        letters = fold(token).replace(" ", "")
        if abs(len(letters) - len(self.word)) > 1 or letters in _known_words():
            return False
        return Levenshtein.distance(letters, self.word, score_cutoff=1) <= 1


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    _, words, prose = lexicon_entries()
    return words | prose


Roles = tuple[tuple[str, tuple[tuple[Cue, ...], ...]], ...]


def _cue(word: str) -> Cue:
    body = word_regex(word)
    pattern = re.compile(body if len(word) >= STEM else rf"^{body}$", re.IGNORECASE)
    return Cue(fold(word), pattern)


def _any(token: str, cues: tuple[Cue, ...]) -> bool:
    return any(c.search(token) for c in cues)


def cues(labels: dict[str, Any]) -> tuple[tuple[Cue, ...], Roles, frozenset[str]]:
    """(date words, roles in order, sentence openers) of doctypes.yml's ``labels``."""
    date_words = tuple(_cue(w) for group in labels.get("date_words", []) for w in group["words"])
    roles: Roles = tuple(
        (r["key"], tuple(tuple(_cue(w) for w in group) for group in r["all"]))
        for r in labels.get("date_roles", [])
    )
    openers = frozenset(
        fold(w) for group in labels.get("sentence_openers", []) for w in group["words"]
    )
    return date_words, roles, openers


def role_of(tokens: list[str], roles: Roles, skip: tuple[Cue, ...] = ()) -> str | None:
    """The first role every group of which has a word among ``tokens`` (``skip``: the date
    words, which belong to no role)."""
    words = [t for t in tokens if not _any(t, skip)] if skip else tokens
    for key, groups in roles:
        if all(any(_any(t, group) for t in words) for group in groups):
            return key
    return None


def role_labels(text: str, labels: dict[str, Any]) -> list[LabelHit]:
    """Every run of label words in ``text`` that holds a date word and names a role."""
    date_words, roles, _ = cues(labels)
    hits = []
    for m in _RUN.finditer(text):
        tokens = m[0].split()
        if len(tokens) < 2 or len(tokens) > MAX_LABEL_WORDS:
            continue
        if not any(_any(t, date_words) for t in tokens):
            continue
        key = role_of(tokens, roles, skip=date_words)
        if key is not None:
            hits.append(LabelHit(key, fold(m[0]), m.start(), m.end()))
    return hits


def sentence_role(text: str, start: int, end: int, labels: dict[str, Any]) -> str | None:
    """The role of the date at ``text[start:end]`` introduced by an opener word ("on", "pada"):
    from the words of its sentence before it (back to the sentence start or the date before),
    else, when it opens the sentence and is its only date, from the words after it."""
    _, roles, openers = cues(labels)
    before = text[:start]
    ends = list(_SENTENCE_END.finditer(before))
    head = before[ends[-1].end() if ends else 0 :]
    head = "\n".join(head.split("\n")[-HEAD_LINES:])  # a wrapped sentence, not a whole form
    dates = find_dates(head)
    head = head[dates[-1].end :] if dates else head
    words = fold(head).split()
    if not words or words[-1] not in openers:
        return None
    key = next(  # the cue nearest before the date
        (k for n in range(1, len(words)) if (k := role_of(words[-1 - n : -1], roles))), None
    )
    if key is None and len(words) == 1 and not dates:
        rest = text[end : end + MAX_SENTENCE]
        stop = _SENTENCE_END.search(rest)
        sentence = rest[: stop.start()] if stop else rest
        if not find_dates(sentence):
            key = role_of(sentence.split(), roles)
    return None if key == "ignore" else key
