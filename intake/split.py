"""Split the pages of one file (a scanned stack) into logical documents.

Page-level evidence, in order of strength:
  separators   a blank page or a separator sheet (barcode/QR, or its printed title) ends the
               current document and belongs to none;
  unreadable   a page too poor to read is a document of its own (doc_type other), so that
               nothing vanishes;
  page numbers ``Page 2 of 3``, ``Muka surat 2/3``, ``m/s 2``, ``2 daripada 3`` or ``2/3`` alone
               on a line continue, page 1 opens (the cues are data: doctypes.yml
               ``continuation``);
  titles       a title or form number in the top lines opens a document, except the form
               code a multi-page form repeats under its running header;
  type change  a page that classifies confidently as another type opens a document; after a
               multi-page form (Borang 34, a medical report...) only a very sure one does;
otherwise a page continues the document before it (a table that goes on, a second page).

Barcode separator sheets are decoded with zxing-cpp by ``separator_codes(image)``; the
reader stores the result in ``Page.barcodes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from intake.classify import (
    Classification,
    classify_text,
    fold,
    legible,
    multi_page,
    rules,
    runs_on,
)
from intake.models import Page

SEPARATOR_TEXT = re.compile(
    r"\b(SEPARATOR\s+SHEET|HELAIAN\s+PEMISAH|HELAIAN\s+PEMBAHAGI|DOCUMENT\s+SEPARATOR)\b",
    re.IGNORECASE,
)


def _cue(phrase: str) -> str:
    """A cue phrase as a regex: spaces optional; a dot or slash inside it required (either:
    "m/s", "m.s"), at its end optional; other punctuation (brackets, "'") optional."""
    out = []
    for i, c in enumerate(phrase):
        if c.isalnum():
            out.append(re.escape(c))
        elif c == " ":
            out.append(r"\s*")
        elif c in "./" and 0 < i < len(phrase) - 1:
            out.append(r"\s*[./]\s*")
        else:
            out.append(rf"\s*{re.escape(c)}?")
    return "".join(out)


def _alternatives(phrases: list[str]) -> str:
    return "|".join(_cue(p) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class PageCues:
    number: re.Pattern[str]  # "m/s 2", "Page 2 of 3"
    with_total: re.Pattern[str]  # "Muka 2/3"
    alone: re.Pattern[str]  # "2/3" or "2 of 3" alone on its line
    continued: re.Pattern[str]

    @classmethod
    def from_rules(cls, cues: dict[str, Any]) -> PageCues:
        of = rf"\s*(?:{_alternatives(cues['of_words'])})\s*"
        num = r"(\d{1,2})(?!\d)"
        total = r"(\d{1,2})(?![\d/])"
        words, with_total = _alternatives(cues["page_words"]), cues["page_words_with_total"]
        flags = re.IGNORECASE | re.MULTILINE
        continued = _alternatives(cues["continued_words"])
        return cls(
            re.compile(rf"(?<![A-Za-z])(?:{words})\s*:?\s*{num}(?:{of}{total})?", flags),
            re.compile(rf"\b(?:{_alternatives(with_total)})\s*:?\s*{num}{of}{total}", flags),
            re.compile(rf"^\W*{num}{of}{total}\W*$", flags),
            re.compile(rf"(?<![A-Za-z])(?:{continued})(?![A-Za-z])", flags),
        )

    def page_number(self, text: str) -> tuple[int, int] | None:
        """(page, count) printed on a page; count 0 when only the page is printed."""
        for pattern in (self.number, self.with_total, self.alone):
            for m in pattern.finditer(text):
                n, total = int(m[1]), int(m[2]) if m[2] else 0
                if n > 0 and (total == 0 or n <= total <= 50):
                    return n, total
        return None


_CUES: list[PageCues] = []


def page_cues() -> PageCues:
    if not _CUES:
        _CUES.append(PageCues.from_rules(rules().continuation))
    return _CUES[0]


MIN_WORDS = 3  # fewer alphanumeric words than this and the page is blank for splitting
TYPE_CHANGE_CONFIDENCE = 0.6
LETTERHEAD_CHANGE_CONFIDENCE = 0.5


@dataclass
class PageInfo:
    page: Page
    kind: str  # "content", "blank", "separator", "unreadable"
    cls: Classification | None = None
    page_of: tuple[int, int] | None = None
    continued: bool = False


def separator_codes(image: Any) -> list[str]:
    """Texts of the barcodes and QR codes on a page image (numpy array or PIL image)."""
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(image) if r.text]


def _word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]{2,}", text))


def page_info(page: Page) -> PageInfo:
    if not legible(page):
        return PageInfo(page, "unreadable")
    few_words = _word_count(page.text) < 25  # a clinic's QR code on a real MC is no separator
    if page.barcodes and few_words:
        return PageInfo(page, "separator")
    if page.blank or _word_count(page.text) < MIN_WORDS:
        return PageInfo(page, "blank")
    if SEPARATOR_TEXT.search(page.text) and _word_count(page.text) < 25:
        return PageInfo(page, "separator")
    cues = page_cues()
    head = "\n".join(page.text.splitlines()[:6])
    return PageInfo(page, "content", classify_text(page.text), cues.page_number(page.text),
                    bool(cues.continued.search(head)))  # fmt: skip


def _opens(info: PageInfo, current: list[PageInfo]) -> bool:
    """Whether ``info`` starts a new document after the ``current`` one."""
    if not current:
        return True
    last = current[-1]
    if info.page_of:
        if info.page_of[0] == 1:
            return True
        if last.page_of and info.page_of[0] == last.page_of[0] + 1:
            return False
        if info.page_of[0] > 1 and len(current) >= 1:
            return False
    if info.continued:
        return False
    assert info.cls is not None
    first = current[0].cls
    assert first is not None
    if last.page_of and last.page_of[0] < last.page_of[1]:
        return False  # the document before announced more pages
    if info.cls.title_found:  # a title opens, but for the pages a set or a form runs on
        return not (info.cls.label == first.label
                    and (runs_on(first.label) or multi_page(first.label))
                    and same_letterhead(current[0].page, info.page))  # fmt: skip
    if info.cls.label == first.label or info.cls.label == "other":
        return False
    if multi_page(first.label):  # a later page with no title: the form's unless it is
        # surely another document and shares none of the form's own words
        sure = info.cls.confidence >= float(rules().continuation["leave_form_confidence"])
        return sure and info.cls.scores.get(first.label, 0.0) <= 0.0
    if info.cls.confidence >= TYPE_CHANGE_CONFIDENCE:
        return True
    # under another issuer's letterhead (an employer's letter after a clinic's MC) a change
    # of type needs less: the letter's title sits below its address, out of the top lines
    return info.cls.confidence >= LETTERHEAD_CHANGE_CONFIDENCE and not same_letterhead(
        current[0].page, info.page
    )


def same_letterhead(a: Page, b: Page) -> bool:
    """The first two lines of both pages read alike (the issuer's name and address)."""
    head_a = fold(" ".join(a.text.splitlines()[:2]))
    head_b = fold(" ".join(b.text.splitlines()[:2]))
    return bool(head_a) and fuzz.ratio(head_a, head_b) >= 85


def _announced_more(current: list[PageInfo]) -> bool:
    last = current[-1].page_of if current else None
    return last is not None and last[0] < last[1]


def split(pages: list[Page]) -> list[list[Page]]:
    """Groups of pages, one per logical document, in file order (separators dropped)."""
    groups: list[list[PageInfo]] = []
    current: list[PageInfo] = []
    for page in pages:
        info = page_info(page)
        if info.kind == "unreadable" and _announced_more(current):
            current.append(info)  # "page 1 of 2" before it: the unreadable page is page 2
            continue
        if info.kind in ("blank", "separator", "unreadable"):
            if current:
                groups.append(current)
            current = []
            if info.kind == "unreadable":
                groups.append([info])
            continue
        if _opens(info, current):
            if current:
                groups.append(current)
            current = [info]
        else:
            current.append(info)
    if current:
        groups.append(current)
    return [[i.page for i in g] for g in groups]
