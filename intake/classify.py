"""Classify pages and documents into the spec's document types (domain.md section 4).

The evidence is data (``doctypes.yml``, validated against ``doctypes.schema.json`` when
loaded): titles, supporting keywords, patterns, negative keywords and layout features per
label. Every label is scored and the best one wins; ``other`` when none reaches the minimum.
Matching is on folded lines (upper case, punctuation as spaces, OCR letter/digit swaps inside
words undone). A title counts where the page prints it as its own heading, first in its top
lines: a title quoted as a reference ("No. Laporan Polis", ``quote_words``) is another
document's, not this one's. A long keyword OCR damaged matches approximately: the Levenshtein
similarity of the whole keyword with a run of as many words of a line (never a part of a word,
so "LAPORAN KEDATANGAN" is not "LAPORAN KEMALANGAN").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from intake.doclist import DoctypesError, read_doctypes
from intake.models import DocType, Page

RULES_PATH = Path(__file__).with_name("doctypes.yml")

_NON_ALNUM = re.compile(r"[^A-Z0-9]+")
_LETTERISH = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})
_MIXED = re.compile(r"\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*[0-9])[A-Z0-9]{4,}\b")
_TIME = re.compile(r"\b([01]?\d|2[0-3])[:.h][0-5]\d\b")
_AMOUNT = re.compile(r"\b\d{1,3}(?:,\d{3})*\.\d{2}\b")
_IC_LIKE = re.compile(r"\b\d{6}\s*-?\s*\d{2}\s*-?\s*\d{4}\b")


def fold(text: str) -> str:
    """Upper case, punctuation as single spaces, letters OCR read as digits inside words fixed.

    ``B0RANG`` -> ``BORANG``; ``PKS(P) 68`` -> ``PKS P 68``; whole numbers are kept.
    """
    up = _NON_ALNUM.sub(" ", text.upper())
    up = _MIXED.sub(lambda m: _fix_word(m.group(0)), up)
    return " ".join(up.split())


def _fix_word(word: str) -> str:
    letters = sum(c.isalpha() for c in word)
    return word.translate(_LETTERISH) if letters >= len(word) / 2 else word


@dataclass(frozen=True)
class LayoutCue:
    feature: str
    score: float
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class Label:
    name: str
    doc_type: DocType
    title: tuple[str, ...]
    support: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    layout: tuple[LayoutCue, ...] = ()
    runs_on: bool = False  # same-letterhead pages of this type continue one document
    multi_page: bool = False  # a form or report whose later pages continue its first


@dataclass(frozen=True)
class Rules:
    weights: dict[str, float]
    labels: tuple[Label, ...]
    field_labels: dict[str, Any]
    continuation: dict[str, Any]
    quote_words: frozenset[str] = frozenset()


RulesError = DoctypesError  # doctypes.yml does not match its schema or names an unknown type


def load_rules(path: Path = RULES_PATH) -> Rules:
    data = read_doctypes(path)
    labels = []
    for name, spec in data["types"].items():
        try:
            doc_type = DocType(spec["doc_type"])
        except ValueError as exc:
            raise RulesError(f"{path.name}: {name}: unknown doc_type {spec['doc_type']}") from exc
        try:
            patterns = tuple(re.compile(p) for p in spec.get("patterns", []))
        except re.error as exc:
            raise RulesError(f"{path.name}: {name}: bad pattern: {exc}") from exc
        labels.append(
            Label(
                name=name,
                doc_type=doc_type,
                title=tuple(fold(k) for k in spec["title"]),
                support=tuple(fold(k) for k in spec.get("support", [])),
                negative=tuple(fold(k) for k in spec.get("negative", [])),
                patterns=patterns,
                layout=tuple(LayoutCue(**c) for c in spec.get("layout", [])),
                runs_on=bool(spec.get("runs_on", False)),
                multi_page=bool(spec.get("multi_page", False)),
            )
        )
    weights = {k: float(v) for k, v in data["weights"].items()}
    quotes = frozenset(fold(w) for w in data.get("quote_words", []))
    return Rules(weights, tuple(labels), data["labels"], data["continuation"], quotes)


@lru_cache(maxsize=1)
def rules() -> Rules:
    return load_rules()


@dataclass
class Evidence:
    """The text of a page or document prepared once for scoring."""

    top: list[str]  # folded first lines
    body: list[str]  # folded lines, all of them
    upper: str  # upper-cased raw text, for patterns
    features: dict[str, float] = field(default_factory=dict)
    _runs: dict[tuple[bool, int, frozenset[str]], list[str]] = field(default_factory=dict)
    _alike: dict[tuple[bool, int, frozenset[str]], list[str]] = field(default_factory=dict)
    _padded: dict[bool, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, top_lines: int = 8) -> Evidence:
        raw = [ln for ln in text.splitlines() if ln.strip()]
        lines = [f for f in (fold(ln) for ln in raw) if f]
        upper = text.upper()
        words = [w for w in re.findall(r"[A-Za-z0-9]{2,}", text)]
        features = {
            "words": float(len(words)),
            "lines": float(len(raw)),
            "times": float(len(_TIME.findall(text))),
            "amounts": float(len(_AMOUNT.findall(text))),
            "ics": float(len(_IC_LIKE.findall(text))),
        }
        return cls(lines[:top_lines], lines, upper, features)

    def runs(self, top: bool, n: int, quotes: frozenset[str]) -> list[str]:
        """Every run of ``n`` consecutive words of a line (of the top lines only if ``top``),
        but for runs a reference word quotes ("No. Laporan Polis")."""
        key = (top, n, quotes)
        if key not in self._runs:
            out = []
            for line in self.top if top else self.body:
                words = line.split()
                out += [
                    " ".join(words[i : i + n])
                    for i in range(max(1, len(words) - n + 1))
                    if not (i and words[i - 1] in quotes)
                ]
            self._runs[key] = out
        return self._runs[key]

    def in_lines(self, keyword: str, top: bool, quotes: frozenset[str]) -> bool:
        """``_in_lines`` on the top lines or all of them, a keyword found in none of them (or
        their pairs) ruled out with one search of them all, padded and joined once."""
        if top not in self._padded:
            lines = self.top if top else self.body
            pairs = [f"{a} {b}" for a, b in pairwise(lines)]
            self._padded[top] = "\n".join(f" {line} " for line in lines + pairs)
        if f" {keyword} " not in self._padded[top]:
            return False
        return _in_lines(keyword, self.top if top else self.body, quotes)

    def alike_runs(self, top: bool, n: int, quotes: frozenset[str]) -> list[str]:
        """The distinct ``runs`` with the letters OCR reads for one another made one
        (``_ocr_alike``), prepared once for every keyword a page is matched against."""
        key = (top, n, quotes)
        if key not in self._alike:
            self._alike[key] = list(dict.fromkeys(_ocr_alike(r) for r in self.runs(top, n, quotes)))
        return self._alike[key]


@dataclass
class Classification:
    label: str
    doc_type: DocType
    confidence: float
    score: float
    scores: dict[str, float]
    title_found: bool  # a title keyword in the top lines: the page opens a document


def _has(keyword: str, text: str) -> bool:
    return f" {keyword} " in f" {text} "


def _in_lines(keyword: str, lines: list[str], quotes: frozenset[str]) -> bool:
    """``keyword`` in a line, not quoted: a reference word ("No.") just before it makes it a
    label that names another document ("No. Laporan Polis: ..." on a sketch map)."""
    pairs = [f"{a} {b}" for a, b in pairwise(lines)]  # "KAD\nPENGENALAN"
    for line in lines + pairs:
        padded = f" {line} "
        start = padded.find(f" {keyword} ")
        while start >= 0:
            before = padded[:start].split()
            if not before or before[-1] not in quotes:
                return True
            start = padded.find(f" {keyword} ", start + 1)
    return False


# Letters OCR reads for one another, made one before comparing (domain.md 4: 0/O, 1/I/l, 5/S,
# 8/B): "SIJIL CUTl SAKlT" is one title, not two edits from it.
_OCR_ALIKE = str.maketrans({"0": "O", "1": "I", "L": "I", "5": "S", "8": "B"})


def _ocr_alike(text: str) -> str:
    return text.translate(_OCR_ALIKE)


@lru_cache(maxsize=4096)
def _alike_keyword(keyword: str) -> str | None:
    """The keyword as ``_fuzzy`` compares it; None when it is matched exactly only (short, or
    a form number). The rules' keywords are few: each is prepared once per process."""
    if len(keyword) < 10 or any(c.isdigit() for c in keyword):
        return None
    return _ocr_alike(keyword)


def _fuzzy(keyword: str, ev: Evidence, top: bool, cutoff: float, quotes: frozenset[str]) -> bool:
    """A long words-only keyword OCR damaged: the normalised Levenshtein similarity of the
    whole keyword with a run of as many words (one more or less: OCR joins and splits words)
    of one line reaches ``cutoff`` percent. Form numbers must match exactly. Keyword and runs
    are compared with OCR's look-alike letters made one (``_ocr_alike``), each prepared once."""
    query = _alike_keyword(keyword)
    if query is None:
        return False
    n = keyword.count(" ") + 1
    similar = Levenshtein.normalized_similarity
    for size in (n, n - 1, n + 1):
        if size < 1:
            continue
        runs = ev.alike_runs(top, size, quotes)
        if runs and process.extractOne(query, runs, scorer=similar, score_cutoff=cutoff / 100):
            return True
    return False


def _keyword_score(keyword: str, ev: Evidence, w: dict[str, float], top_weight: float,
                   weight: float, quotes: frozenset[str] = frozenset()) -> float:  # fmt: skip
    if ev.in_lines(keyword, True, quotes):
        return top_weight
    if ev.in_lines(keyword, False, quotes):
        return weight
    if _fuzzy(keyword, ev, True, w["fuzzy_cutoff"], quotes):
        return top_weight * w["fuzzy_factor"]
    if _fuzzy(keyword, ev, False, w["fuzzy_cutoff"], quotes):
        return weight * w["fuzzy_factor"]
    return 0.0


def score_label(
    label: Label, ev: Evidence, w: dict[str, float], quotes: frozenset[str] = frozenset()
) -> tuple[float, bool]:
    """(score, whether a title keyword was in the top lines)."""
    titles = [_keyword_score(k, ev, w, w["title_top"], w["title"], quotes) for k in label.title]
    best_title = max(titles, default=0.0)
    score = best_title + 0.25 * (sum(titles) - best_title)
    support = sum(_keyword_score(k, ev, w, w["support"], w["support"]) for k in label.support)
    score += min(support, w["support_cap"])
    score += sum(w["pattern"] for p in label.patterns if p.search(ev.upper))
    score += sum(w["negative"] for k in label.negative if ev.in_lines(k, True, quotes))
    score += sum(0.5 * w["negative"] for k in label.negative if ev.in_lines(k, False, quotes))
    for cue in label.layout:
        value = ev.features.get(cue.feature, 0.0)
        if (cue.min is None or value >= cue.min) and (cue.max is None or value <= cue.max):
            score += cue.score
    return score, best_title >= w["title_top"] * w["fuzzy_factor"]


def classify_text(text: str) -> Classification:
    """The text's best label and every label's score. A document's pages are classified one by
    one, then together, and checked for legibility: the same text's answer is kept (a copy)."""
    found = _classified(text)
    return replace(found, scores=dict(found.scores))


@lru_cache(maxsize=64)
def _classified(text: str) -> Classification:
    r = rules()
    ev = Evidence.from_text(text, int(r.weights["top_lines"]))
    scored = {lab.name: score_label(lab, ev, r.weights, r.quote_words) for lab in r.labels}
    scores = {k: round(v[0], 2) for k, v in scored.items()}
    ranked = sorted(r.labels, key=lambda lab: scores[lab.name], reverse=True)
    best = ranked[0]
    b = scores[best.name]
    runner = max((scores[lab.name] for lab in ranked[1:]), default=0.0)
    if b < r.weights["minimum"]:
        conf = 0.5 if ev.features["words"] < 5 else max(0.3, 1 - b / r.weights["minimum"] / 2)
        return Classification("other", DocType.OTHER, conf, b, scores, False)
    margin = (b - max(runner, 0.0)) / b
    conf = min(0.99, (1 - math.exp(-b / 5)) * (0.5 + 0.5 * margin))
    return Classification(best.name, best.doc_type, conf, b, scores, scored[best.name][1])


# A page reading judged too poor that still shows a document's title in its first lines and
# scores this much is legible enough to classify (a MyKad faxed grey, a payslip photographed
# in shadow): the spec's unreadable page is one that "cannot be read well enough to classify".
LEGIBLE_SCORE = 8.0


def legible(page: Page) -> bool:
    """Readable, or marked unreadable by reading yet classified with its title found."""
    if page.readable:
        return True
    if page.blank or not page.text.strip():
        return False
    cls = classify_text(page.text)
    return cls.doc_type != DocType.OTHER and cls.title_found and cls.score >= LEGIBLE_SCORE


def runs_on(label: str) -> bool:
    return any(lab.runs_on for lab in rules().labels if lab.name == label)


def multi_page(label: str) -> bool:
    return any(lab.multi_page for lab in rules().labels if lab.name == label)


def classify_pages(pages: list[Page]) -> Classification:
    """One document's pages classified together (titles read from its first page)."""
    return classify_text("\n".join(p.text for p in pages if legible(p)))
