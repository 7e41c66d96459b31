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


def _word_regex(word: str) -> str:
    return "".join(CONFUSABLE.get(c.upper(), re.escape(c)) for c in word)


@lru_cache(maxsize=512)
def label_regex(label: str) -> re.Pattern[str]:
    words = [_word_regex(w) for w in label.split()]
    return re.compile(r"(?<![A-Za-z0-9])" + r"[^A-Za-z0-9\n]{0,3}".join(words) + r"(?![A-Za-z])",
                      re.IGNORECASE)  # fmt: skip


def find_labels(text: str, table: dict[str, list[str]]) -> list[LabelHit]:
    """Every label of every key in ``text``; where labels overlap the longest wins."""
    hits = [
        LabelHit(key, label, m.start(), m.end())
        for key, labels in table.items()
        for label in labels
        for m in label_regex(label).finditer(text)
    ]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[LabelHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end - h.start > out[-1].end - out[-1].start:
                out[-1] = h
            continue
        out.append(h)
    return out
