"""What a Malay page must not show, for the portal tests and the browser tests (issue #22
item 6): a raw field key or enum value (snake_case), a code (UPPER_SNAKE), "p.1", a reference
id, or a common English word."""

from __future__ import annotations

import html as html_lib
import re

RAW = re.compile(
    r"\b[a-z]+_[a-z_]+\b"  # a field key or enum value: ic_number, needs_review
    r"|\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b"  # a code: MISSING_DOCUMENT
    r"|\bp\.\s?\d|\bR\d{2}\b|domain\.md|SEED\d|\bNone\b|\bTrue\b|\bFalse\b"
)
# Common English words (whole words, any case) that have no place on a Malay page. Words that
# are also Malay (status, data, admin, dokumen ...) and the language switch's "English" are not.
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        """the and of with for from this that these those is are was were be been not to on in by
    at or an your you our their it its which what when who how than then there here only also
    claim claims document documents finding findings search submit submitted save saved upload
    uploaded download downloaded view viewed open opened decision decided accept accepted reject
    rejected complete incomplete error warning note missing present report employer officer
    settings users password sign none yes next previous page pages back home help language
    required optional received checked signals accuracy archive batch batches unassigned field
    value sampled system unknown reading done failed queued queue verdict type name date action
    detail details file files new add added create created deactivate activate review needs
    evidence basis legal what do now""",
    )
)
DATA = (  # what the tests write: names, e-mail addresses, file names, references
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\b[\w-]+\.(png|pdf|jpe?g|tiff?|heic|csv|json)\b"
    r"|MUHAMMAD HAFIZ BIN ISMAIL|SITI AMINAH BINTI ABU|Employer [AB]|cabinet-7(/A0001)?"
    r"|\bMY-[\w-]+|\bC-A-1\b|\bMS-[\w-]+|\bX-[A-Z0-9-]+"
)


def visible(page: str) -> str:
    """What a person reads: the text between tags, and the title, label and placeholder
    attributes; scripts, styles and code (a command or setting's name, typed as it is)
    dropped; the fixtures' own data masked."""
    page = re.sub(r"<(script|style|code)\b.*?</\1>", " ", page, flags=re.S | re.I)
    attrs = re.findall(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    text = " ".join([html_lib.unescape(text), *map(html_lib.unescape, attrs)])
    return " ".join(re.sub(DATA, " ", text).split())


def context(text: str, found: list[str]) -> list[str]:
    """Each problem with the words around it, for the failure message."""
    out = []
    for item in found:
        word = item.removeprefix("english:")
        m = re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text)
        out.append(text[max(0, m.start() - 50) : m.end() + 50] if m else item)
    return out


def problems(text: str) -> list[str]:
    raw = [m.group(0) for m in RAW.finditer(text)]
    english = [w for w in re.findall(r"\b[A-Za-z]+\b", text) if w.lower() in ENGLISH]
    return sorted(set(raw)) + sorted({f"english:{w}" for w in english})


def assert_all_malay(page_html: str, where: str = "") -> None:
    """Fail, with each problem in its words, on anything of the above on the page."""
    text = visible(page_html)
    found = problems(text)
    assert found == [], (where, context(text, found))
