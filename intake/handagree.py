"""A claim-wide second reading for IC numbers the hand-digits recogniser completed unsurely.

A comb whose value the recogniser (intake.handdigits) completed with an unsure digit, and that
no other reading on its page agreed with, keeps Tesseract's reading (intake.combhand.agreed) and
records the completion it left out (``Page.combs[i].completed``). Here such a completion
becomes the document's IC when the document has none and another document of the same claim
was read with that very IC. Only what was read from the documents counts: the IC the claim
declares is never a source (nothing the submitter types may decide a reading), nor a document
whose own combs were completed by the recogniser (one guess may not confirm another).

    claim_agreed(results)  fills ``ic_number`` in place; returns how many were filled
"""

from __future__ import annotations

from collections.abc import Iterable

from intake.combhand import AGREED, DROPPED, SURE
from intake.fields.ic import format_ic, ic_digits, is_valid_ic
from intake.models import CombRead, Document, Field, Page
from intake.pipeline import FileResult

KEY = "ic_number"
# two readings agree, one of them unsure: below a printed reading, above a guess
CONFIDENCE = 0.5


def _combs(doc: Document, pages: dict[tuple[str, int], Page]) -> Iterable[tuple[int, CombRead]]:
    for n in doc.pages:
        page = pages.get((doc.file, n))
        for c in page.combs if page is not None else ():
            yield n, c


def claim_agreed(results: list[FileResult]) -> int:
    """ICs completed unsurely on one document, confirmed by another document's reading."""
    pages = {(r.file, p.number): p for r in results for p in r.pages}
    docs = [d for r in results for d in r.documents]
    known = {
        ic_digits(str(d.field_value(KEY)))
        for d in docs
        if d.fields.get(KEY) is not None
        and not any(c.hand in (SURE, AGREED) for _, c in _combs(d, pages))
    }
    filled = 0
    for doc in docs:
        if doc.fields.get(KEY) is not None:
            continue
        for number, c in _combs(doc, pages):
            digits = ic_digits(c.completed)
            if c.hand == DROPPED and is_valid_ic(digits) and digits in known:
                doc.fields[KEY] = Field(format_ic(digits), number, None, CONFIDENCE, c.completed)
                doc.extra["hand_digits_agreed"] = KEY
                filled += 1
                break
    return filled
