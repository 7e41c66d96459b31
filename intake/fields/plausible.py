"""Whether a value some path took for a person's name is a person's name at all (issue #20).

Every path that yields a name (right of its label, under it, in its column or table cell,
after a role word, a card's name line, a letter's addressee, a sketch map's author) passes
this one guard, for the insured and for everybody else alike. A person's name, as a form
prints it, is:

- two words of letters or more besides a title (``KASKIM`` or ``ENCIK KASKIM`` is a misread
  or a fragment, not a name as the forms print it: domain.md 5.2, a given name with a
  patronym or a family name), or one word that holds a patronym run together with it
  (``NIKAZRIBINDAUD``);
- printed: its words in capitals or title case, not a signature or a stamp OCR read as
  letters (``IN fENP``, ``aw a ad``);
- free of the words of institutions and places (``KLINIK``, ``HOSPITAL``, ``BALAI``,
  ``INSTITUSI``: ``non_names`` in intake/lexicon.yml) and, unless the layout places it
  (a MyKad's name line), of the long words of the label lexicon;
- whole: not ending on its patronym marker (``AHMAD BIN``: the father's name was cut), no
  word cut by a column edge or a line's end (``Institu``: a word that opens an
  institution's word without being it; a value that starts or ends inside a word of the
  text, or ends a line in a hyphen). Only the institutions' words are checked for a cut:
  the label lexicon's open too many names (``SALINA``, ``BAHAGIA``, ``KEMAL``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from intake.fields.labels import fold, lexicon_data, lexicon_entries
from intake.fields.names import TITLES

MIN_NAME_WORDS = 2
LONG_WORD = 7  # a label lexicon word this long is no part of a name ("PENGENALAN", "PENYATA")
FRAGMENT = 5  # a word this long that opens a longer non-name word, and is not it, is cut
_MARKERS = frozenset({"BIN", "BINTI", "BT", "BTE", "ANAK"})
# domain.md 5.2: bin / binti / a/l / a/p / anak (and B., BT., BTE) stand between a given name
# and the father's; a name that ends on one was cut (a card's second line lost, a cell's edge)
CUT_AFTER_MARKER = "cut after its patronym marker"
_LAST_MARKERS = frozenset({*_MARKERS, "B", "BINTE", "A/L", "A/P", "S/O", "D/O", "AK"})


@lru_cache(maxsize=1)
def non_name_words() -> frozenset[str]:
    """Words of institutions and places that no person's name holds (lexicon ``non_names``)
    with the words of companies (lexicon ``companies``)."""
    groups = [*lexicon_data()["non_names"], *lexicon_data()["companies"]]
    for g in groups:
        words = g.get("words")
        if not isinstance(g.get("source"), str) or not isinstance(words, list) or not words:
            raise ValueError(f"intake/lexicon.yml: a group without a source or words: {g}")
        if not all(isinstance(w, str) and fold(w) for w in words):
            raise ValueError(f"intake/lexicon.yml: a word that is no text in {g['source']}")
    return frozenset(fold(w) for g in groups for w in g["words"])


@lru_cache(maxsize=1)
def _long_label_words() -> frozenset[str]:
    _, words, _ = lexicon_entries()
    return frozenset(w for w in words if len(w) >= LONG_WORD)


def _words(name: str) -> list[str]:
    """The name's words; a dot or a slash parts them too (``B.DAUD``, ``A/L``)."""
    return [t.strip(",'-()") for t in re.split(r"[\s./]+", name) if t.strip(",'-()")]


# Handwriting OCR runs a name together; one with bin / binti inside (domain.md 5.2) is a
# given name and a patronym, not one word ("NIKAZRIBINDAUD"; "ROBINS" stays one word).
# So does a spaced capitals font of short words ("HO PEI SAN" read "HOPEISAN", "GOH WEI MING"
# read "GOHWEIMING" on the golden set's Borang 34): a word of capitals this long is taken for
# a name run together; a shorter one ("KASKIM") stays a fragment.
_GLUED_BIN = re.compile(r"^[A-Z]{3,}(?:BINTI|BIN)[A-Z]{3,}$", re.IGNORECASE)
_GLUED_CAPITALS = re.compile(r"^[A-Z]{8,}$")


def _glued(word: str) -> bool:
    return bool(_GLUED_BIN.match(word) or _GLUED_CAPITALS.match(word))


def _printed(words: list[str]) -> bool:
    capitalised = [w for w in words if w[:1].isupper() and (w.isupper() or w.istitle())]
    return len(capitalised) + sum(_glued(w) for w in capitalised) >= MIN_NAME_WORDS


def _fragment(word: str, vocabulary: frozenset[str]) -> bool:
    """``word`` opens a longer word of ``vocabulary`` without being it (``INSTITU``)."""
    return len(word) >= FRAGMENT and any(
        len(v) > len(word) and v.startswith(word) for v in vocabulary
    )


def not_a_name(name: str, *, placed: bool = False) -> str | None:
    """Why ``name`` is no person's name as printed, or None when it may be one.

    ``placed``: the layout prints a name there (a MyKad's line under its number), so a word
    of the label lexicon does not disqualify it (the specimen card's ``CONTOH DOKUMEN``)."""
    words = _words(name)
    letters = [w for w in words if w.isalpha() and len(w) >= 2]
    named = [w for w in letters if w.upper() not in TITLES]  # "ENCIK KASKIM": one name
    glued = sum(_glued(w) for w in named)  # "NIKAZRIBINDAUD", "HOPEISAN": a whole name
    if len(named) + glued < MIN_NAME_WORDS or all(w.upper() in _MARKERS for w in named):
        return "fewer than two words"
    if not _printed(words):
        return "not printed as a name"
    if name.split()[-1].strip(".,").upper() in _LAST_MARKERS:
        return CUT_AFTER_MARKER
    folded = [fold(w) for w in letters]
    others = non_name_words()
    labels = frozenset() if placed else _long_label_words()
    for w in folded:
        if w in others:
            return f"an institution's word ({w})"
        if w in labels:
            return f"a label's word ({w})"
        if _fragment(w, others):
            return f"a word cut short ({w})"
    return None


def cut_in_text(text: str, start: int, end: int) -> bool:
    """The value ``text[start:end]`` starts or ends inside a word of ``text``, or ends a line
    with a hyphen (a word broken over two lines)."""
    before = text[start - 1 : start] if start > 0 else ""
    after = text[end : end + 1]
    if before.isalpha() and text[start : start + 1].isalpha():
        return True
    if after.isalpha() and text[end - 1 : end].isalpha():
        return True
    return after == "-" and text[end + 1 : end + 2] in ("", "\n")
