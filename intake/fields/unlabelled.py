"""Names printed without a label: a sketch map's author, a letter's or statement's addressee,
the holder of a MyKad. Each is the insured's: such a document names nobody else."""

from __future__ import annotations

import re

from intake.fields.ic import find_ics
from intake.fields.namevalue import NAME_CHARS, clean_name
from intake.fields.plausible import CUT_AFTER_MARKER, not_a_name
from intake.fields.roles import is_insured, is_insured_heading, role_in
from intake.fields.text import DocText
from intake.models import DocType, Field

IC_LABEL = re.compile(
    r"K\s*/\s*P|\bKP\b|\bI\.?\s*C\b|NRIC|KAD\s+PENGENALAN|IDENTITY\s+CARD", re.IGNORECASE
)


def dashed(text: str, start: int, end: int) -> bool:
    return "-" in text[start:end]


_SKETCH_TITLE = re.compile(r"PETA\s*LAKAR|LAKARAN|SKETCH\s*MAP|RAJAH\s*KASAR", re.IGNORECASE)


def name_under_title(dt: DocText) -> Field | None:
    """A hand-drawn sketch map names its author on the line under its title."""
    for i, line in enumerate(dt.lines[:4]):
        if _SKETCH_TITLE.search(line.text) and i + 1 < len(dt.lines):
            nxt = dt.lines[i + 1]
            name = clean_name(_CHUNK.split(nxt.text.strip())[0])
            if name and not not_a_name(name) and not _ADDRESS.search(name):
                return dt.field(name, nxt.start, nxt.start + len(name), 0.5)
            return None
    return None


_ACCOUNT = re.compile(r"\b(NO\.?\s*AKAUN|ACCOUNT\s*NO|A/C\s*NO)\b", re.IGNORECASE)
ADDRESSEE_TYPES = frozenset({DocType.BANK_STATEMENT, DocType.TERMINATION_LETTER})
_ADDRESS_LINE = re.compile(r"^\s*(NO\.?\s*\d|LOT\b|\d+[A-Z]?\s*,|BLOK\b)", re.IGNORECASE)
_CHUNK = re.compile(r"\s{3,}")


LETTERHEAD_LINES = 3  # a statement's bank, title and branch: never the name above an address
# line passed over (a branch town such as "JOHOR BAHRU" reads like a name)


def _passed_over(text: str) -> bool:
    """A line between the addressee's name and the address line found first: an IC or an
    account number, or another line of the address (a statement's two columns can put
    ``TAMAN MELATI`` above ``49, JALAN MAWAR 3``)."""
    first = _CHUNK.split(text.strip())[0]
    return bool(IC_LABEL.search(text) or _ACCOUNT.search(text) or _ADDRESS_WORD.search(first))


def addressee_name(dt: DocText) -> Field | None:
    """Unlabelled name of a statement or letter: the line above the first address line
    (skipping IC and account number lines and other address lines), its first column;
    never the first two lines (the letterhead)."""
    for i, line in enumerate(dt.lines[:25]):
        if not _ADDRESS_LINE.match(line.text) or i < 3:
            continue
        j = i - 1
        while j > 2 and _passed_over(dt.lines[j].text):
            j -= 1
        above = dt.lines[j]
        moved = any(_ADDRESS_WORD.search(dt.lines[k].text) for k in range(j + 1, i))
        if j < (LETTERHEAD_LINES if moved else 2):
            return None
        chunk = _CHUNK.split(above.text.strip())[0]
        name = clean_name(chunk)
        if name and not _ADDRESS.search(name) and not not_a_name(name):
            start = dt.text.find(chunk, above.start)
            return dt.field(name, start, start + len(name), 0.5)
        return None
    return None


_ADDRESS = re.compile(r"\b(JALAN|JLN|LOT|TAMAN|TMN|KAMPUNG|KG|LORONG|NO|BLOK|WARGANEGARA|MALAYSIA"
                      r"|LELAKI|PEREMPUAN|ISLAM)\b|\d", re.IGNORECASE)  # fmt: skip


# the words of an address line (domain.md 4.1: the address, 2-4 lines ending with a postcode)
_ADDRESS_WORD = re.compile(r"\b(JALAN|JLN|LOT|TAMAN|TMN|KAMPUNG|KG|LORONG|BLOK)\b|^\d{5}\b",
                           re.IGNORECASE)  # fmt: skip


# A MyKad prints its holder's name in capitals under the number (the cards in ../shared/real);
# between them a photo's ghost image or the guilloche leaves OCR specks ("na Ae", "| |").
# A second line that opens with the name's last word is not its continuation: the specimen
# card (../shared/real/mykad_specimen_contoh.jpg) prints "CONTOH DOKUMEN" and then its
# address's first line "DOKUMEN"; a name does not say one word twice across its line break.
CARD_NAME_LINES = 10  # lines after the number searched for the name
_CARD_NAME = re.compile(r"[A-Z][A-Z'@./ -]*[A-Z.]")


def card_name(dt: DocText) -> Field | None:
    """On a MyKad the name is the first capitals line after the IC number (maybe two lines),
    specks between them passed over; the address ends the search, and so does a line naming
    somebody else's role (a copy's "SALINAN DIAKUI SAH" stamp: the name under it is the
    certifier's, lexicon.yml copy_certifier)."""
    ics = [m for m in find_ics(dt.text, strict=False) if m.valid or dashed(dt.text, m.start, m.end)]
    if not ics:
        return None
    idx = dt.lines.index(dt.line_at(ics[0].end))
    following = dt.lines[idx + 1 : idx + 1 + CARD_NAME_LINES]
    for i, line in enumerate(following):
        if _ADDRESS.search(line.text):
            if sum(c.isalpha() for c in line.text) >= 5:
                return None  # the address: no name above it
            continue  # a speck with a digit in it
        name = _card_line(line.text, open_end=True)
        if not name:
            role = role_in(line.text)
            if role is not None and not is_insured(role):
                return None
            continue
        end = line.start + len(line.text)
        if i + 1 < len(following):
            nxt = following[i + 1]
            more = " ".join(_CHUNK.split(nxt.text.strip())[0].split())  # "HASSAN   ie |"
            if (
                NAME_CHARS.match(more)
                and not _ADDRESS.search(more)
                and len(more.split()) <= 3
                and more.split()[0] != name.split()[-1]  # "CONTOH DOKUMEN" / "DOKUMEN"
                and role_in(more) is None  # a stamp under the card: "SALINAN DIAKUI SAH"
            ):
                joined = _card_line(f"{name} {more}")  # specks on the second line ("mm", ".")
                if joined:
                    name, end = joined, nxt.start + len(nxt.text)
        if not_a_name(name, placed=True):
            return None  # "AZMAN BIN" with its second line lost: a cut name is no name
        return dt.field(name, line.start, end, 0.7)
    return None


def _card_line(text: str, *, open_end: bool = False) -> str | None:
    """A name as a card prints it: capitals, a word of three letters or more; ``open_end``:
    the first of two lines, which may end on its marker (``MOHAMAD ROSLI BIN``)."""
    name = clean_name(text, placed=True)
    if not name or not _CARD_NAME.fullmatch(name) or max(map(len, name.split())) < 3:
        return None
    why = not_a_name(name, placed=True)
    if why and not (open_end and why == CUT_AFTER_MARKER):
        return None  # one word ("KASKIM"), an institution's word: no holder's name
    return name


# real-labels.md "Insured person (Maklumat Orang Berinsurans)": Nama first, the IC after it.
RECORD_AFTER_NAME = 3  # lines under the name where its IC number or IC label must stand
_CELLS = re.compile(r"\s*\|\s*|\s{3,}")


def name_under_insured_heading(dt: DocText) -> Field | None:
    """A name whose label OCR lost: the insured's part of a form opens with the name (at the
    end of its heading's line, or the line under it), the IC's label or number follows."""
    for i, line in enumerate(dt.lines):
        cells = [c for c in _CELLS.split(line.text.strip()) if c]
        if not cells or not is_insured_heading(cells[0]):
            continue
        candidates = [(i, cells[-1])] if len(cells) > 1 else []
        if i + 1 < len(dt.lines) and dt.lines[i + 1].page == line.page:
            candidates.append((i + 1, dt.lines[i + 1].text.strip()))
        for at, text in candidates[:1]:
            found = _record_name(dt, at, text)
            if found is not None:
                return found
    return None


def _record_name(dt: DocText, at: int, text: str) -> Field | None:
    name = clean_name(text)
    if name is None or not_a_name(name) is not None or _ADDRESS.search(name):
        return None
    after = dt.lines[at + 1 : at + 1 + RECORD_AFTER_NAME]
    if not any(IC_LABEL.search(ln.text) or find_ics(ln.text, strict=False) for ln in after):
        return None
    line = dt.lines[at]
    start = dt.text.find(name, line.start, line.start + len(line.text))
    start = line.start if start < 0 else start
    return dt.field(name, start, start + len(name), 0.5)
