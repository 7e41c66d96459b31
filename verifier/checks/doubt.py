"""Contradictions that rest on an unsure OCR read: held back for the officer, not raised.

A cross-document finding (DATE_INCONSISTENT, IC_MISMATCH) that rests on a value OCR read
with low confidence, and that one misread digit would explain, must not decide the verdict
against a clean, consistent rest: ``10/07/2020`` for ``10/07/2026`` on a faxed form,
``13.03`` for ``03.03`` on a photographed MC. Such a finding is held back: it goes to the
report's ``unconfirmed_findings`` (with the read's confidence) instead of ``findings``.
A contradiction that no single digit explains (a date months away, an IC whose serial
differs in two digits) or that was read cleanly is raised as before.

A value that differs from the claim's is doubtful when OCR read it unsure on every document
that prints it, or when one document alone prints it and CORROBORATING_DOCS or more others
print the claim's own value. A doubtful value is checked against the rest of the bundle before
it decides anything: when it is the name or IC of somebody else the bundle names (a witness,
the employer's certifying officer, an informant: ``documents[].people``), or is no name at all
(a label, a heading, running text: the label lexicon), the finding is held back too.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from intake.models import Document, Person
from verifier.checks.context import Context
from verifier.models import Finding
from verifier.rules.model import CheckRule

# Field confidence (extractor's x OCR's lowest word) under which a read is unsure. Clean
# prints read at 0.8-0.95; dates and IC numbers OCR got wrong on faxes and phone photos at
# 0.3-0.45 (tests/golden, bench/RESULTS.md "Verdicts").
UNSURE_READ = 0.5


def min_confidence(spec: CheckRule | None) -> float:
    """The rules file's ``min_confidence`` for the check, else UNSURE_READ."""
    value = spec.params.get("min_confidence") if spec else None
    return float(value) if isinstance(value, (int, float)) else UNSURE_READ


def read_confidence(doc: Document, keys: Iterable[str]) -> float:
    """The lowest confidence of the fields ``keys`` (``dates.x`` for a date); 1.0 if none."""
    confs = []
    for key in keys:
        f = doc.dates.get(key[6:]) if key.startswith("dates.") else doc.fields.get(key)
        if f is not None:
            confs.append(f.confidence)
    return min(confs, default=1.0)


# How many digits of an IC number OCR may have misread, by the read's confidence: a number
# one digit from the insured's read under 0.75, or two digits under 0.5, is OCR's slip
# (slips seen: 0.17-0.68; clean reads of another number: 0.72-0.95).
IC_SLIPS = ((0.5, 2), (0.75, 1))


def digits_apart(a: str, b: str) -> int | None:
    """How many places two digit strings of one length differ in; None for other lengths."""
    return sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else None


def ic_slip(printed: str, insured: str, confidence: float) -> bool:
    """``printed`` is the insured's IC with digits OCR misread (see IC_SLIPS)."""
    apart = digits_apart(printed, insured)
    if not apart:
        return False
    return any(confidence < below and apart <= most for below, most in IC_SLIPS)


def one_digit_apart(a: str, b: str) -> bool:
    """Two digit strings of one length that differ in exactly one place."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def one_slip_dates(value: date) -> Iterator[date]:
    """Every real date whose ``YYYYMMDD`` differs from ``value``'s in exactly one digit."""
    digits = value.strftime("%Y%m%d")
    for i, old in enumerate(digits):
        for new in string.digits:
            if new == old:
                continue
            s = digits[:i] + new + digits[i + 1 :]
            try:
                yield date(int(s[:4]), int(s[4:6]), int(s[6:]))
            except ValueError:
                continue


def one_slip_numbers(value: int) -> set[int]:
    """Positive numbers one OCR slip from ``value``: a digit misread, or one digit added or
    lost (a stroke or a box's edge read as a digit: "75" for a hand-written 5; "55 (LIMA)",
    a digit doubled, intake.fields.mc)."""
    digits = str(value)
    places = range(len(digits))
    misread = {digits[:i] + d + digits[i + 1 :] for i in places for d in string.digits}
    lost = {digits[:i] + digits[i + 1 :] for i in places}
    added = {digits[:i] + d + digits[i:] for i in range(len(digits) + 1) for d in string.digits}
    return {int(v) for v in misread | lost | added if v and int(v) > 0} - {value}


def slip_within(value: date, low: date, high: date) -> bool:
    """One misread digit would put ``value`` between ``low`` and ``high`` (inclusive)."""
    return any(low <= d <= high for d in one_slip_dates(value))


def unsure(doc: Document, keys: Iterable[str], spec: CheckRule | None) -> bool:
    return read_confidence(doc, keys) < min_confidence(spec)


SLIP_WHY = "rests on an unsure OCR read that one misread digit explains"
CORROBORATING_DOCS = 2  # other documents printing the claim's value that make a lone read doubtful


def hold_back(
    ctx: Context, finding: Finding, doc: Document, keys: Iterable[str], why: str = SLIP_WHY
) -> None:
    """Keep ``finding`` out of the verdict, in ``unconfirmed_findings`` for the officer."""
    entry = finding.to_dict()
    entry["read_confidence"] = round(read_confidence(doc, keys), 3)
    entry["why"] = why
    ctx.extra.setdefault("unconfirmed_findings", []).append(entry)


def doubtful(
    ctx: Context,
    spec: CheckRule | None,
    docs: list[Document],
    keys: tuple[str, ...],
    agrees: Callable[[Document], bool],
) -> bool:
    """The differing value printed on ``docs`` is unsure: read unsure on each of them, or a
    lone read that CORROBORATING_DOCS other documents contradict with the claim's value."""
    if all(unsure(d, keys, spec) for d in docs):
        return True
    if len(docs) != 1:
        return False
    backing = [d for d in ctx.active if d is not docs[0] and agrees(d)]
    return len(backing) >= CORROBORATING_DOCS


def named_elsewhere(ctx: Context, is_them: Callable[[Person], bool]) -> str | None:
    """``role (file)`` of a person the bundle names, not the insured, that ``is_them``."""
    for doc in ctx.active:
        for person in doc.people:
            if is_them(person):
                return f"{person.role} ({doc.file})"
    return None


def somebody_elses_why(who: str) -> str:
    return f"rests on a doubtful read of a value the bundle gives to another person: {who}"


NOT_A_NAME_WHY = "rests on a doubtful read that is a label or running text, not a name"
NOT_A_PERSON_WHY = "rests on a reading that is no person's name as printed"


def raise_unless_slip(
    ctx: Context,
    spec: CheckRule | None,
    doc: Document,
    finding: Finding,
    keys: tuple[str, ...],
    slip: bool,
) -> list[Finding]:
    """``[finding]``, or ``[]`` (held back) when ``slip`` and the read of ``keys`` is unsure."""
    if slip and unsure(doc, keys, spec):
        hold_back(ctx, finding, doc, keys)
        return []
    return [finding]
