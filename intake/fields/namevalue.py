"""A name as a label's value: OCR repairs, and what is not a name (a label, a heading, prose).

What is never a value is data: the label lexicon of intake/lexicon.yml
(``intake.fields.labels.is_label_text``, ``is_prose``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from intake.fields.labels import fold, is_company, is_label_text, is_prose, lexicon_entries

NAME_CHARS = re.compile(r"^[A-Za-z][A-Za-z '@./()-]*[A-Za-z.)]$")
_VALUE_STOP = re.compile(
    r"\s{3,}|\s(?:NO\.?\s*K\s*/\s*P|NO\.?\s*KP|I/?C|NRIC|UMUR|AGE|JANTINA|SEX|TARIKH|DATE"
    r"|JAWATAN|POSITION|DESIGNATION|PEKERJAAN|OCCUPATION|NO\.?\s*PEKERJA)\b"
    r"|[0-9:;,|(]|[^\x00-\x7f]",  # a symbol OCR made of a scrawl or a stamp ("Arumuga™ oo")
    re.IGNORECASE,
)
# "Nama Si Mati / Name of Deceased   VALUE": the label's translation, up to a column gap
BILINGUAL = re.compile(r"\s*/\s*[A-Za-z][A-Za-z .'()]*?(?:\s{3,}|\s*:\s*|$)")
LEAD = re.compile(r"[\s:;.,\-/|!>_=+]*")  # OCR reads a colon as ; | ! or >; match() anchors at pos
_BRACKET_I = re.compile(r"(?<=[A-Z])[\]\[!](?=[A-Z]|\s|$)")
# OCR reads a capital I as a lower-case l in a line of capitals ("ONG Al LING"); a word
# otherwise in capitals, in a value whose other words are capitals, gets its I back.
_L_FOR_I = re.compile(r"\b(?=[A-Z]*l)(?=\w*[A-Z])[A-Zl]+\b")
# OCR reads the B. of bin (domain.md 5.2) as "8." between the words of a name in capitals
_EIGHT_FOR_B = re.compile(r"(?<=[A-Z] )8\.(?= [A-Z]{2})")
_GLUED_SLASH = re.compile(r"\b([AaSsDd]/[LlPpOo])(?=[A-Z]{2})")  # "A/PARUMUGAM"
_MARKER_WORDS = frozenset({"bin", "binti", "bt", "bte", "a/l", "a/p", "s/o", "d/o", "anak"})


def _capital_i(value: str) -> str:
    """``ONG Al LING`` -> ``ONG AI LING``: only where every other word of letters is in
    capitals (a title-case ``Al`` stays)."""
    words = re.findall(r"[A-Za-z]+", value)
    repairable = [w for w in words if _L_FOR_I.fullmatch(w)]
    others = [w for w in words if w not in repairable]
    if not repairable or not others or not all(w.isupper() for w in others):
        return value
    return _L_FOR_I.sub(lambda m: m[0].replace("l", "I"), value)


def _speck(token: str, before: list[str]) -> bool:
    """A trailing token that is OCR noise: one character, or a short lower-case bit after a
    name in capitals or title case (``Arumugam ns``)."""
    if len(token) == 1:
        return token != "B"  # B. for bin (domain.md 5.2): a name cut after it, not a speck
    capitalised = all(t[:1].isupper() or t.lower() in _MARKER_WORDS for t in before)
    if len(token) <= 2 and token.islower() and capitalised:
        return True
    # after a name in capitals, a short lower-case run is the stamp or signature read as text
    in_capitals = all(t.isupper() or t.lower() in _MARKER_WORDS for t in before)
    return len(token) <= 4 and token.islower() and in_capitals and token not in _MARKER_WORDS


_GLUED_UPPER = re.compile(r"^([A-Z]{3,}?)(BINTI|BIN)([A-Z]{3,})$")
_GLUED_TITLE = re.compile(r"^(ENCIK|PUAN|CIK|TUAN)([A-Z]{3,})$")


def _unglue(token: str) -> str:
    """Handwriting OCR runs words together: ``AZMANBINDAUD`` -> ``AZMAN BIN DAUD``,
    ``ENCIKNORAZLAN`` -> ``ENCIK NORAZLAN`` (long upper-case tokens only: ROBINSON stays)."""
    m = _GLUED_TITLE.match(token) if len(token) >= 8 else None  # ENCIKMOHD
    if m:
        return f"{m[1]} {_unglue(m[2])}"
    if len(token) < 10:
        return token
    m = _GLUED_UPPER.match(token)
    return f"{m[1]} {m[2]} {m[3]}" if m else token


_GLUED = re.compile(r"(?<=[a-z])(bin|binti|bte|bt\.|a/l|a/p|s/o|d/o)(?=[A-Z])")


def clean_name(value: str, *, placed: bool = False) -> str | None:
    """The name part of a label's value, or None when it does not look like a name.

    ``placed``: the value stands where the document's layout prints the name (a MyKad's line
    under its number), so a single word that also occurs inside some label (``DOKUMEN``) does
    not disqualify it; a whole label, a heading, prose or a company still does.

    Handwriting OCR glues a patronym marker to its neighbours (``RoslibinKassim``): a
    lower-case marker between a lower-case and an upper-case letter is spaced again.
    """
    value = _BRACKET_I.sub("I", value)  # "SIT] KHADIJAH", "MAN]AM": OCR's I
    value = _capital_i(value)
    value = _EIGHT_FOR_B.sub("B.", value)
    head = _VALUE_STOP.split(value, maxsplit=1)[0].strip()
    value = head.strip(" .-/")
    value = _GLUED.sub(r" \1 ", value)
    value = _GLUED_SLASH.sub(r"\1 ", value)
    value = " ".join(_unglue(t) for t in value.split())
    tokens = value.split()
    while len(tokens) > 2 and _speck(tokens[-1], tokens[:-1]):  # OCR specks ("Hao a")
        tokens.pop()
    value = " ".join(tokens)
    if len(value) < 3 or not NAME_CHARS.match(value):
        return None
    tokens = value.upper().replace("/", " ").replace(".", " ").split()
    if not tokens or _first_is_label(tokens[0]):
        return None
    if sum(len(t) >= 2 for t in tokens) < 2 and len(value) < 6:
        return None
    if is_prose(head) or is_label_text(value) or is_company(value):
        return None
    if not placed and any(_label_word(t) for t in tokens):
        return None  # "Orarig Berinsurans", "Name as in MyKad", "saya bahawa": not a name
    return value


LONG_WORD = 7  # a lexicon word this long is no part of a name ("PENGENALAN", "PENYATA")
DAMAGED_LONG_WORD = 9  # from this length an OCR-damaged lexicon word counts too (ratio 85)


def _first_is_label(token: str) -> bool:
    """A candidate that opens with a one-word label or role word (``NAMA``, ``Pesakit``)."""
    entries, _, prose = lexicon_entries()
    return fold(token) in entries or fold(token) in prose


def _label_word(token: str) -> bool:
    """A long word of the lexicon that no name holds, also as OCR damaged it (for words of 9
    letters or more: ``PENYATI`` is a name, ``PENYATA`` a label)."""
    _, words, _ = lexicon_entries()
    long_words = [w for w in words if len(w) >= LONG_WORD]
    if token in long_words:
        return True
    return len(token) >= DAMAGED_LONG_WORD and any(
        fuzz.ratio(token, w) >= 85 for w in long_words if len(w) >= DAMAGED_LONG_WORD
    )
