"""The insured's IC number and name, told apart from the doctor's, witness's or officer's.

An IC is attributed by the nearest specific label before it (on its line, else the two lines
above): ``Orang Berinsurans``, ``Pesakit``, ``Pengadu`` make it the insured's; ``Doktor``,
``Saksi``, ``Pegawai``, ``Majikan``... make it somebody else's. Generic labels (``No. K/P``,
``Nama``) are neutral. A name is read after a name label unless that label is qualified by
somebody else's role (``Nama Doktor``, ``Nama Saksi``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from intake.fields.bank import ACCOUNT
from intake.fields.ic import ICMatch, find_ics, format_ic
from intake.fields.labels import find_labels
from intake.fields.text import DocText, Line
from intake.models import DocType, Field

NEUTRAL = frozenset({"NAMA", "NAME", "NO K P", "NO KP", "KAD PENGENALAN", "NRIC", "IC"})
_IC_LABEL = re.compile(
    r"K\s*/\s*P|\bKP\b|\bI\.?\s*C\b|NRIC|KAD\s+PENGENALAN|IDENTITY\s+CARD", re.IGNORECASE
)
_NAME_LABEL = re.compile(r"\b(NAMA|NAME)\b", re.IGNORECASE)
INSURED_SCORE, NEUTRAL_SCORE, OTHER_SCORE = 2.0, 1.0, -5.0


def _role(context: str, labels: dict[str, list[str]]) -> float | None:
    """Score of the nearest specific label in ``context`` (None when only neutral ones)."""
    table = {"insured": labels["insured"], "other": labels["not_insured"]}
    hits = [h for h in find_labels(context, table) if h.label not in NEUTRAL]
    if not hits:
        return OTHER_SCORE if _damaged_role_word(context, labels["not_insured"]) else None
    return INSURED_SCORE if hits[-1].key == "insured" else OTHER_SCORE


def _damaged_role_word(context: str, others: list[str]) -> bool:
    """A role word OCR cut or misspelt ("Nama Saks", "Majkan"): rapidfuzz ratio >= 85."""
    words = [w for w in re.findall(r"[A-Za-z]{4,}", context.upper())]
    targets = [o for o in others if " " not in o and len(o) >= 5]
    return any(abs(len(w) - len(o)) <= 2 and fuzz.ratio(w, o) >= 80 for w in words for o in targets)


def ic_role(dt: DocText, start: int, labels: dict[str, list[str]]) -> float:
    """The role an IC's labels give it; where they name none, the role of its form section."""
    line = dt.line_at(start)
    idx = dt.lines.index(line)
    role = _labelled_role(dt, line, idx, dt.text[line.start : start], labels)
    return section_role(dt, idx, labels) if role is None else role


def _labelled_role(
    dt: DocText, line: Line, idx: int, before: str, labels: dict[str, list[str]]
) -> float | None:
    role = _role(before, labels)
    if role is not None or _NAME_LABEL.search(before):  # "Nama: X  No. K/P: ..." is a record
        return role
    for prev in reversed(dt.lines[max(0, idx - 2) : idx]):
        if prev.page != line.page:
            break
        name_label = _NAME_LABEL.search(prev.text)
        if name_label:  # the record starts at "Nama": only its qualifier tells the role
            colon = prev.text.find(":", name_label.end())
            head = prev.text[: colon if 0 <= colon - name_label.end() <= 25 else name_label.end()]
            return _role(head, labels)
        role = _role(prev.text, labels)
        if role is not None:
            return role
    return None


# A form's section heading: "BAHAGIAN C: BUTIRAN KEMALANGAN", "Part II", as OCR reads them
# ("(RAMAGIAN C", "\BAMAGIAN A"): the prefix letters of BAHAGIAN may be misread.
_SECTION = re.compile(
    r"^[^A-Za-z0-9\n]{0,3}(?:[A-Za-z]{0,3}AGIAN|BHG\.?|PART|SECTION)\s*[A-Z1-9]{1,4}\b\s*[:.\-]?",
    re.IGNORECASE,
)
SECTION_MATCH = 85  # rapidfuzz partial ratio of a section phrase in a heading OCR cut short


def section_role(dt: DocText, idx: int, labels: dict[str, list[str]]) -> float:
    """NEUTRAL_SCORE, or the role of the section the line at ``idx`` stands in: the nearest
    heading above it on its page whose title names the insured (``BUTIRAN ORANG
    BERINSURANS``) or somebody else's part of the form (``BUTIRAN KEMALANGAN``, where the
    witness is; ``PERAKUAN MAJIKAN``). A heading naming both, or neither, says nothing."""
    page = dt.lines[idx].page
    for ln in reversed(dt.lines[: idx + 1]):
        if ln.page != page:
            break
        head = _SECTION.match(ln.text)
        if head is None:
            continue
        title = ln.text[head.end() :].upper()
        insured = _names_any(title, labels.get("insured_sections", []))
        other = _names_any(title, labels.get("other_sections", []))
        if insured != other:
            return INSURED_SCORE if insured else OTHER_SCORE
        return NEUTRAL_SCORE
    return NEUTRAL_SCORE


def _names_any(title: str, phrases: list[str]) -> bool:
    return any(
        fuzz.partial_ratio(p, title) >= SECTION_MATCH for p in phrases if len(p) <= len(title) + 2
    )


def _dashed(dt: DocText, m: ICMatch) -> bool:
    return "-" in dt.text[m.start : m.end]


def insured_ic(dt: DocText, labels: dict[str, list[str]], doc_type: DocType) -> Field | None:
    """The IC printed for the insured, or None when every IC belongs to somebody else."""
    best: tuple[float, Field] | None = None
    accounts = [a.span(1) for a in ACCOUNT.finditer(dt.text)]
    for m in find_ics(dt.text, strict=False):
        if any(start <= m.start < end for start, end in accounts):
            continue  # a 12-digit bank account number that happens to be a possible IC
        labelled = _IC_LABEL.search(dt.text[max(0, m.start - 30) : m.start])
        card = doc_type == DocType.MYKAD and _dashed(dt, m)  # the card's own number
        if not m.valid and not (labelled or card):
            continue  # an impossible number counts only where it is printed as an IC
        role = NEUTRAL_SCORE if doc_type == DocType.MYKAD else ic_role(dt, m.start, labels)
        if role <= 0:
            continue
        conf = (0.95 if role >= INSURED_SCORE else 0.85) * (0.85 if m.repaired else 1.0)
        rank = role + (0.5 if m.valid else 0.0)
        f = dt.field(format_ic(m.digits), m.start, m.end, conf * (1.0 if m.valid else 0.6))
        if best is None or rank > best[0]:
            best = (rank, f)
    return best[1] if best else None


# --- names ------------------------------------------------------------------------------

_NAME_CHARS = re.compile(r"^[A-Za-z][A-Za-z '@./()-]*[A-Za-z.)]$")
_VALUE_STOP = re.compile(
    r"\s{3,}|\s(?:NO\.?\s*K\s*/\s*P|NO\.?\s*KP|I/?C|NRIC|UMUR|AGE|JANTINA|SEX|TARIKH|DATE"
    r"|JAWATAN|POSITION|DESIGNATION|PEKERJAAN|OCCUPATION|NO\.?\s*PEKERJA)\b"
    r"|[0-9:;,|(]",
    re.IGNORECASE,
)
# "Nama Si Mati / Name of Deceased   VALUE": the label's translation, up to a column gap
_BILINGUAL = re.compile(r"\s*/\s*[A-Za-z][A-Za-z .'()]*?(?:\s{3,}|\s*:\s*|$)")
_LEAD = re.compile(r"[\s:;.,\-/|!>_=+]*")  # OCR reads a colon as ; | ! or >; match() anchors at pos
_BAD_WORDS = frozenset(
    [
        "NAMA",
        "NAME",
        "NO",
        "K",
        "P",
        "TARIKH",
        "DATE",
        "ALAMAT",
        "ADDRESS",
        "PEKERJAAN",
        "UMUR",
        "SEKSYEN",
        "BAHAGIAN",
        "SILA",
        "BUTIR",
        "BUTIR",
        "MAKLUMAT",
        "PARTICULARS",
        "DETAILS",
        "DI",
        "ATAS",
        "ABOVE",
        "OF",
        "COMPLAINANT",
        "PENGADU",
        "PESAKIT",
        "PATIENT",
        "INSURED",
        "BERINSURANS",
        "ORANG",
        "DECEASED",
    ]
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PROSE = _words(
    "SAYA BAHAWA ADALAH DI ATAS DAN YANG UNTUK INI ITU TELAH DENGAN KE DARI PADA BELIAU "
    "THE AND IS THAT TO WITH THIS WAS HAVE FOR TANDATANGAN SIGNATURE"
)
_BRACKET_I = re.compile(r"(?<=[A-Z])[\]\[!](?=[A-Z]|\s|$)")
_GLUED_SLASH = re.compile(r"\b([AaSsDd]/[LlPpOo])(?=[A-Z]{2})")  # "A/PARUMUGAM"
_MARKER_WORDS = frozenset({"bin", "binti", "bt", "bte", "a/l", "a/p", "s/o", "d/o", "anak"})


def _speck(token: str, before: list[str]) -> bool:
    """A trailing token that is OCR noise: one character, or a short lower-case bit after a
    name in capitals or title case (``Arumugam ns``)."""
    if len(token) == 1:
        return True
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


def clean_name(value: str) -> str | None:
    """The name part of a label's value, or None when it does not look like a name.

    Handwriting OCR glues a patronym marker to its neighbours (``RoslibinKassim``): a
    lower-case marker between a lower-case and an upper-case letter is spaced again.
    """
    value = _BRACKET_I.sub("I", value)  # "SIT] KHADIJAH", "MAN]AM": OCR's I
    value = _VALUE_STOP.split(value, maxsplit=1)[0].strip(" .-/")
    value = _GLUED.sub(r" \1 ", value)
    value = _GLUED_SLASH.sub(r"\1 ", value)
    value = " ".join(_unglue(t) for t in value.split())
    tokens = value.split()
    while len(tokens) > 2 and _speck(tokens[-1], tokens[:-1]):  # OCR specks ("Hao a")
        tokens.pop()
    value = " ".join(tokens)
    if len(value) < 3 or not _NAME_CHARS.match(value):
        return None
    tokens = value.upper().replace("/", " ").replace(".", " ").split()
    if not tokens or all(t in _BAD_WORDS for t in tokens) or tokens[0] in _BAD_WORDS:
        return None
    if sum(len(t) >= 2 for t in tokens) < 2 and len(value) < 6:
        return None
    if len(tokens) > 8 or any(t in _PROSE for t in tokens):  # a sentence, not a name
        return None
    if any(_label_word(t) for t in tokens) or _label_phrase(tokens):
        return None  # "Orarig Berinsurans", "SUTIR PENG ADU": the label, not a name
    return value


LABEL_WORDS = ("BERINSURANS", "PENGENALAN", "KESELAMATAN", "PERTUBUHAN", "PENYATA")
LABEL_PHRASES = ("BUTIRPENGADU", "NAMAPENGADU", "ORANGBERINSURANS", "TARIKHPENYATA")


def _label_word(token: str) -> bool:
    """A word of a form's labels that no name holds, also as OCR damaged it (ratio >= 85,
    for words of 9 letters or more: ``PENYATI`` is a name, ``PENYATA`` a label)."""
    if token in LABEL_WORDS:
        return True
    return len(token) >= 9 and any(fuzz.ratio(token, w) >= 85 for w in LABEL_WORDS)


def _label_phrase(tokens: list[str]) -> bool:
    """The words run together read like a label OCR split or damaged (ratio >= 80)."""
    joined = "".join(tokens)
    return any(fuzz.ratio(joined, phrase) >= 80 for phrase in LABEL_PHRASES)


def _qualifier(dt: DocText, end: int) -> str:
    """Text between a label and its colon (``Nama Doktor :`` -> ``Doktor``)."""
    rest = dt.text[end : dt.text.find("\n", end)]
    colon = rest.find(":")
    return rest[:colon] if 0 <= colon <= 25 else ""


def _is_qualifier(text: str) -> bool:
    """``/ Name``, ``Pesakit / Patient``: a few words between a label and its colon."""
    return "(" not in text and len(text.split()) <= 4


def _value_above(dt: DocText, start: int) -> tuple[int, str]:
    """Handwriting sits higher than its label: a line above that starts with the colon
    (": Norazlan bin Abu Bakar") is the value of a label left without one."""
    idx = dt.lines.index(dt.line_at(start))
    if idx == 0 or dt.text[dt.lines[idx].start : start].strip():
        return start, ""
    above = dt.lines[idx - 1]
    m = re.match(r"\s*[:;]\s*", above.text)
    if not m:
        return start, ""
    return above.start + m.end(), above.text[m.end() :]


def _value_after(dt: DocText, end: int) -> tuple[int, str]:
    nl = dt.text.find("\n", end)
    nl = len(dt.text) if nl < 0 else nl
    start = end
    rest = dt.text[start:nl]
    colon = rest.find(":", 0, 25)
    if colon >= 0 and _is_qualifier(rest[:colon]):  # a qualified label ("Nama / Name : X")
        start += colon + 1
    else:
        bilingual = _BILINGUAL.match(rest)
        if bilingual:
            start += bilingual.end()
    lead = _LEAD.match(dt.text, start)
    start = lead.end() if lead else start
    rest = dt.text[start:nl]
    if not rest.strip() and nl < len(dt.text):  # value on the next line
        lead = _LEAD.match(dt.text, nl + 1)
        start = lead.end() if lead else nl + 1
        nl2 = dt.text.find("\n", start)
        rest = dt.text[start : len(dt.text) if nl2 < 0 else nl2]
    return start, rest


def insured_name(dt: DocText, labels: dict[str, list[str]], doc_type: DocType) -> Field | None:
    order = {lab: i for i, lab in enumerate(labels["name"])}
    table = {"name": labels["name"], "other": labels["not_insured"]}
    best: tuple[int, Field] | None = None
    for hit in find_labels(dt.text, table):
        if hit.key != "name":
            continue
        qual = _qualifier(dt, hit.end)
        line = dt.line_at(hit.start)
        if (
            _role(qual, labels) == OTHER_SCORE
            or _role(dt.text[max(line.start, hit.start - 20) : hit.start], labels) == OTHER_SCORE
        ):
            continue
        start, rest = _value_after(dt, hit.end)
        name = clean_name(rest)
        if name is None:
            start, rest = _value_above(dt, hit.start)
            name = clean_name(rest)
        if name is None or _role(name.split()[0], labels) == OTHER_SCORE:
            continue
        rank = order[hit.label]
        f = dt.field(name, start, start + len(name), 0.9 if rank < 12 else 0.75)
        if best is None or rank < best[0]:
            best = (rank, f)
    if best is None and doc_type == DocType.MYKAD:
        return card_name(dt)
    if best is None and doc_type in ADDRESSEE_TYPES:
        return addressee_name(dt)
    if best is None and doc_type == DocType.SKETCH_MAP:
        return name_under_title(dt)
    return best[1] if best else None


_SKETCH_TITLE = re.compile(r"PETA\s*LAKAR|LAKARAN|SKETCH\s*MAP|RAJAH\s*KASAR", re.IGNORECASE)


def name_under_title(dt: DocText) -> Field | None:
    """A hand-drawn sketch map names its author on the line under its title."""
    for i, line in enumerate(dt.lines[:4]):
        if _SKETCH_TITLE.search(line.text) and i + 1 < len(dt.lines):
            nxt = dt.lines[i + 1]
            name = clean_name(_CHUNK.split(nxt.text.strip())[0])
            if name and len(name.split()) >= 2 and not _ADDRESS.search(name):
                return dt.field(name, nxt.start, nxt.start + len(name), 0.5)
            return None
    return None


_ACCOUNT = re.compile(r"\b(NO\.?\s*AKAUN|ACCOUNT\s*NO|A/C\s*NO)\b", re.IGNORECASE)
ADDRESSEE_TYPES = frozenset({DocType.BANK_STATEMENT, DocType.TERMINATION_LETTER})
_ADDRESS_LINE = re.compile(r"^\s*(NO\.?\s*\d|LOT\b|\d+[A-Z]?\s*,|BLOK\b)", re.IGNORECASE)
_CHUNK = re.compile(r"\s{3,}")


def addressee_name(dt: DocText) -> Field | None:
    """Unlabelled name of a statement or letter: the line above the first address line
    (skipping IC and account number lines), its first column; never the first two lines
    (the letterhead)."""
    for i, line in enumerate(dt.lines[:25]):
        if not _ADDRESS_LINE.match(line.text) or i < 3:
            continue
        j = i - 1
        while j > 2 and (_IC_LABEL.search(dt.lines[j].text) or _ACCOUNT.search(dt.lines[j].text)):
            j -= 1
        above = dt.lines[j]
        if j < 2:
            return None
        chunk = _CHUNK.split(above.text.strip())[0]
        name = clean_name(chunk)
        if name and not _ADDRESS.search(name) and len(name.split()) >= 2:
            start = dt.text.find(chunk, above.start)
            return dt.field(name, start, start + len(name), 0.5)
        return None
    return None


_ADDRESS = re.compile(r"\b(JALAN|JLN|LOT|TAMAN|TMN|KAMPUNG|KG|LORONG|NO|BLOK|WARGANEGARA|MALAYSIA"
                      r"|LELAKI|PEREMPUAN|ISLAM)\b|\d", re.IGNORECASE)  # fmt: skip


def card_name(dt: DocText) -> Field | None:
    """On a MyKad the name is the first name-like line after the IC number (maybe two lines)."""
    ics = [m for m in find_ics(dt.text, strict=False) if m.valid or _dashed(dt, m)]
    if not ics:
        return None
    idx = dt.lines.index(dt.line_at(ics[0].end))
    following = dt.lines[idx + 1 : idx + 5]
    for i, line in enumerate(following):
        name = clean_name(line.text)
        if not name or _ADDRESS.search(line.text):
            continue
        end = line.start + len(line.text)
        if i + 1 < len(following):
            nxt = following[i + 1]
            more = " ".join(nxt.text.split())
            if _NAME_CHARS.match(more) and not _ADDRESS.search(more) and len(more.split()) <= 3:
                joined = clean_name(f"{name} {more}")  # specks on the second line ("mm", ".")
                if joined:
                    name, end = joined, nxt.start + len(nxt.text)
        return dt.field(name, line.start, end, 0.7)
    return None
