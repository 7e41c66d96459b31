"""Classify pages and documents into the spec's document types (domain.md section 4).

The evidence is data (``doctypes.yml``, validated against ``doctypes.schema.json`` when
loaded): titles, supporting keywords, patterns, negative keywords and layout features per
label. Every label is scored and the best one wins; ``other`` when none reaches the minimum.
Matching is on folded text (upper case, punctuation as spaces, OCR letter/digit swaps inside
words undone), with an approximate match (rapidfuzz) for long keywords that OCR damaged.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from rapidfuzz import fuzz

from intake.models import DocType, Page

RULES_PATH = Path(__file__).with_name("doctypes.yml")
SCHEMA_PATH = Path(__file__).with_name("doctypes.schema.json")

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


class RulesError(ValueError):
    """doctypes.yml does not match its schema or names an unknown document type."""


def load_rules(path: Path = RULES_PATH) -> Rules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        raise RulesError(f"{path.name}: {exc.message} at {list(exc.absolute_path)}") from exc
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
    return Rules(weights, tuple(labels), data["labels"], data["continuation"])


@lru_cache(maxsize=1)
def rules() -> Rules:
    return load_rules()


@dataclass
class Evidence:
    """The text of a page or document prepared once for scoring."""

    top: str  # folded first lines
    body: str  # folded whole text
    upper: str  # upper-cased raw text, for patterns
    features: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, top_lines: int = 8) -> Evidence:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        upper = text.upper()
        words = [w for w in re.findall(r"[A-Za-z0-9]{2,}", text)]
        features = {
            "words": float(len(words)),
            "lines": float(len(lines)),
            "times": float(len(_TIME.findall(text))),
            "amounts": float(len(_AMOUNT.findall(text))),
            "ics": float(len(_IC_LIKE.findall(text))),
        }
        return cls(fold("\n".join(lines[:top_lines])), fold(text), upper, features)


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


def _fuzzy(keyword: str, text: str, cutoff: float) -> bool:
    """Approximate match for long words-only keywords; form numbers must match exactly."""
    if len(keyword) < 10 or len(text) < len(keyword) or any(c.isdigit() for c in keyword):
        return False  # (partial_ratio would align a short text inside the keyword)
    return fuzz.partial_ratio(keyword, text, score_cutoff=cutoff) > 0


def _keyword_score(keyword: str, ev: Evidence, w: dict[str, float], top_weight: float,
                   weight: float) -> float:  # fmt: skip
    if _has(keyword, ev.top):
        return top_weight
    if _has(keyword, ev.body):
        return weight
    if _fuzzy(keyword, ev.top, w["fuzzy_cutoff"]):
        return top_weight * w["fuzzy_factor"]
    if _fuzzy(keyword, ev.body, w["fuzzy_cutoff"]):
        return weight * w["fuzzy_factor"]
    return 0.0


def score_label(label: Label, ev: Evidence, w: dict[str, float]) -> tuple[float, bool]:
    """(score, whether a title keyword was in the top lines)."""
    titles = [_keyword_score(k, ev, w, w["title_top"], w["title"]) for k in label.title]
    best_title = max(titles, default=0.0)
    score = best_title + 0.25 * (sum(titles) - best_title)
    support = sum(_keyword_score(k, ev, w, w["support"], w["support"]) for k in label.support)
    score += min(support, w["support_cap"])
    score += sum(w["pattern"] for p in label.patterns if p.search(ev.upper))
    score += sum(w["negative"] for k in label.negative if _has(k, ev.top))
    score += sum(0.5 * w["negative"] for k in label.negative if _has(k, ev.body))
    for cue in label.layout:
        value = ev.features.get(cue.feature, 0.0)
        if (cue.min is None or value >= cue.min) and (cue.max is None or value <= cue.max):
            score += cue.score
    return score, best_title >= w["title_top"] * w["fuzzy_factor"]


def classify_text(text: str) -> Classification:
    r = rules()
    ev = Evidence.from_text(text, int(r.weights["top_lines"]))
    scored = {lab.name: score_label(lab, ev, r.weights) for lab in r.labels}
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
