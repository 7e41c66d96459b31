"""Whose name or IC a value is: the role words near it, else the heading of its part of the form.

Role cues are data (``roles`` in intake/lexicon.yml, Malay and English, each with its source):
``words`` printed beside a name or IC label (``Nama Saksi``, ``Name of Certifier``) and
``headings`` that open one person's part of a form (``PERAKUAN MAJIKAN``, ``PEMAKLUM /
INFORMANT``, ``BAHAGIAN D: PERAKUAN MAJIKAN``). A heading holds until the next heading on its
page. Roles marked ``insured`` (the insured, the account holder) are the insured's values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from intake.fields.labels import find_labels, fold, label_regex, lexicon_data
from intake.fields.text import DocText

INSURED = "insured"
NOBODY = "none"  # headings of parts that are nobody's in particular (they end the part above)
HEADING_MATCH = 88  # rapidfuzz ratio of a heading line's part to a heading cue
SECTION_MATCH = 85  # rapidfuzz partial ratio of a cue inside a numbered section's title
DAMAGED_WORD = 80  # rapidfuzz ratio of an OCR-damaged role word ("Saks", "Majkan")


@dataclass(frozen=True)
class RoleCues:
    words: dict[str, list[str]]
    headings: dict[str, list[str]]
    section_phrases: dict[str, list[str]]  # what names a role inside "BAHAGIAN C: ..."
    insured: frozenset[str]
    persons: frozenset[str]  # roles whose names are people (not a company or a clinic)


@lru_cache(maxsize=1)
def cues() -> RoleCues:
    words: dict[str, list[str]] = {}
    headings: dict[str, list[str]] = {}
    sections: dict[str, list[str]] = {}
    insured, persons = set(), set()
    for role, spec in lexicon_data()["roles"].items():
        groups = spec["cues"]
        words[role] = [fold(w) for g in groups for w in g.get("words", [])]
        headings[role] = [fold(h) for g in groups for h in g.get("headings", [])]
        sections[role] = headings[role] + [fold(s) for g in groups for s in g.get("sections", [])]
        sections[role] += [w for w in words[role] if len(w) >= 5]
        if spec.get("insured"):
            insured.add(role)
        if spec.get("person", True):
            persons.add(role)
    return RoleCues(words, headings, sections, frozenset(insured), frozenset(persons))


def is_insured(role: str | None) -> bool:
    return role is not None and role in cues().insured


def role_in(text: str) -> str | None:
    """The role of the last role word in ``text`` (None when it names none); a word OCR cut
    or misspelt (``Nama Saks``) still counts for a role that is not the insured's."""
    hits = find_labels(text, {k: v for k, v in cues().words.items() if v})
    if hits:
        return hits[-1].key
    return _damaged_role(text)


def _damaged_role(text: str) -> str | None:
    found = re.findall(r"[A-Za-z]{4,}", text.upper())
    for role, words in cues().words.items():
        if is_insured(role):
            continue
        targets = [w for w in words if " " not in w and len(w) >= 5]
        if any(abs(len(w) - len(t)) <= 2 and fuzz.ratio(w, t) >= DAMAGED_WORD
               for w in found for t in targets):  # fmt: skip
            return role
    return None


def leading_role(value: str) -> tuple[str | None, int]:
    """A role word that opens a label's value (``Nama Pengesah ALI``: ``Pengesah``): its role
    and where the value after it starts."""
    best: tuple[str | None, int] = (None, 0)
    for role, words in cues().words.items():
        for w in words:
            m = label_regex(w).match(value.lstrip())
            if m:
                end = len(value) - len(value.lstrip()) + m.end()
                if end > best[1]:
                    best = (role, end)
    if best[0] is None:
        return best
    rest = re.match(r"[\s:;./|\-]*", value[best[1] :])
    return best[0], best[1] + (rest.end() if rest else 0)


# A form's numbered section heading: "BAHAGIAN C: BUTIRAN KEMALANGAN", "Part II", as OCR
# reads them ("(RAMAGIAN C", "\BAMAGIAN A"): the prefix letters of BAHAGIAN may be misread.
SECTION = re.compile(
    r"^[^A-Za-z0-9\n]{0,3}(?:[A-Za-z]{0,3}AGIAN|BHG\.?|PART|SECTION)\s*[A-Z1-9]{1,4}\b\s*[:.\-]?",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s*/\s*|\s{3,}")


def heading_role(dt: DocText, idx: int) -> tuple[bool, str | None]:
    """(found, role) of the nearest heading at or above line ``idx`` on its page: a numbered
    section whose title names a role, or a line that is a role's heading (in one language or
    both, ``PEMAKLUM / INFORMANT``). A heading naming no one, or both the insured and somebody
    else, gives role None."""
    page = dt.lines[idx].page
    for ln in reversed(dt.lines[: idx + 1]):
        if ln.page != page:
            break
        head = SECTION.match(ln.text)
        if head is not None:
            return True, _section_title_role(fold(ln.text[head.end() :]))
        found, role = _bare_heading(ln.text)
        if found:
            return True, role
    return False, None


def _section_title_role(title: str) -> str | None:
    """The role a numbered section's title names: the insured's, or the most specific
    other role (``PERAKUAN MAJIKAN`` over ``MAJIKAN``). A title naming both the insured and
    somebody else, or nobody, gives None."""
    found: dict[str, int] = {}
    for role, phrases in cues().section_phrases.items():
        for p in phrases:
            if _in_title(p, title):
                found[role] = max(found.get(role, 0), len(p))
    found.pop(NOBODY, None)
    insured = [r for r in found if is_insured(r)]
    if not found or (insured and len(insured) < len(found)):
        return None
    return max(sorted(found), key=lambda r: found[r])


SHORT_PHRASE = 9  # shorter cues must stand as words in a title ("EMPLOYEE" is not "EMPLOYER")


def _in_title(phrase: str, title: str) -> bool:
    if len(phrase) < SHORT_PHRASE:
        return label_regex(phrase).search(title) is not None
    return len(phrase) <= len(title) + 2 and fuzz.partial_ratio(phrase, title) >= SECTION_MATCH


def is_insured_heading(text: str) -> bool:
    """``text`` is a heading of the insured's part of a form (``MAKLUMAT PEKERJA``)."""
    found, role = _bare_heading(text)
    return found and is_insured(role)


def _bare_heading(text: str) -> tuple[bool, str | None]:
    parts = [fold(p) for p in _PARTS.split(text.strip()) if fold(p)]
    if not parts or len(parts) > 3:
        return False, None
    best: tuple[float, str | None] = (0.0, None)
    for part in parts:
        for role, heads in cues().headings.items():
            for h in heads:
                score = fuzz.ratio(part, h)
                if score >= HEADING_MATCH and score > best[0]:
                    best = (score, role)
    if best[1] is None:
        return False, None
    return True, None if best[1] == NOBODY else best[1]
