"""Malaysian name normalisation and matching (domain.md 5.2).

``normalise_name`` folds the variants that do not make a different person:
case and spacing, honorifics, BIN/B./BN, BINTI/BT./BTE, A/L/S/O, A/P/D/O,
MOHD/MUHAMMAD..., ABD/ABDUL. ``name_similarity`` compares the folded forms
with rapidfuzz, order-insensitively (Chinese names print family name first or last).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

TITLES = frozenset(
    [
        "ENCIK",
        "EN",
        "PUAN",
        "PN",
        "TUAN",
        "TN",
        "CIK",
        "DATO",
        "DATUK",
        "DATIN",
        "SRI",
        "SERI",
        "TUN",
        "DR",
        "HAJI",
        "HJ",
        "HAJAH",
        "HJH",
        "HAJJAH",
        "MR",
        "MRS",
        "MS",
        "MDM",
        "MADAM",
        "MISS",
        "YB",
        "YBHG",
    ]
)
# Tokens that mark the patronym; folded to one token per meaning.
MARKERS = {
    "BIN": "BIN",
    "B": "BIN",
    "BN": "BIN",
    "IBNI": "BIN",
    "BINTI": "BINTI",
    "BT": "BINTI",
    "BTE": "BINTI",
    "BINTE": "BINTI",
    "BINT": "BINTI",
    "AL": "AL",
    "SO": "AL",
    "AP": "AP",
    "DO": "AP",
    "ANAK": "ANAK",
    "AK": "ANAK",
}
CANONICAL = {
    "MOHD": "MUHAMMAD",
    "MUHD": "MUHAMMAD",
    "MOHAMAD": "MUHAMMAD",
    "MOHAMMAD": "MUHAMMAD",
    "MOHAMED": "MUHAMMAD",
    "MOHAMMED": "MUHAMMAD",
    "MUHAMAD": "MUHAMMAD",
    "MUHAMMED": "MUHAMMAD",
    "MD": "MUHAMMAD",
    "ABD": "ABDUL",
    "NOOR": "NUR",
    "NOR": "NUR",
    "NURUL": "NURUL",
}
_SLASH_MARKERS = re.compile(r"\b([ASD])\s*/\s*([LPO])\b")
_NON_WORD = re.compile(r"[^A-Z0-9 ]+")
_COMPOUND_TITLE = re.compile(r"\b(TAN SRI|TOH PUAN|DATO SRI|DATUK SERI)\b")


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a name, titles dropped, patronym markers canonical."""
    text = name.upper().replace("’", "'")
    text = _SLASH_MARKERS.sub(lambda m: m.group(1) + m.group(2), text)  # A/L -> AL
    text = text.replace("'", "")
    text = _COMPOUND_TITLE.sub(" ", text)  # TAN SRI, TOH PUAN: TAN alone is a surname
    text = _NON_WORD.sub(" ", text)
    text = text.replace("ANAK LELAKI", "AL").replace("ANAK PEREMPUAN", "AP")
    out: list[str] = []
    for tok in text.split():
        if tok in TITLES and not out:
            continue  # titles lead the name; a trailing HJ stays harmlessly
        out.append(MARKERS.get(tok, CANONICAL.get(tok, tok)))
    return out


def normalise_name(name: str) -> str:
    return " ".join(name_tokens(name))


def name_similarity(a: str, b: str) -> float:
    """0..100. Markers are optional (people drop BIN/BINTI), so compare without them too."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    with_markers = fuzz.token_sort_ratio(" ".join(ta), " ".join(tb))
    bare_a = " ".join(t for t in ta if t not in MARKERS.values())
    bare_b = " ".join(t for t in tb if t not in MARKERS.values())
    return float(max(with_markers, fuzz.token_sort_ratio(bare_a, bare_b)))


SAME_PERSON_THRESHOLD = 85.0


def same_person(a: str, b: str, threshold: float = SAME_PERSON_THRESHOLD) -> bool:
    return name_similarity(a, b) >= threshold
