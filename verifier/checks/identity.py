"""Who the documents are about: IC validity and agreement (R16), name agreement (domain.md 5.2).

Only the insured's IC counts: intake puts the insured's number under ``ic_number``; on the
document types a rules file lists as ``other_person_doc_types`` (the claimant's own MyKad in a
death claim) a document whose IC and name both differ from the insured's is somebody else's.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from intake.fields.ic import format_ic, ic_digits, is_valid_ic
from intake.fields.labels import is_label_text, is_prose, label_regex
from intake.fields.names import (
    MARKERS,
    SAME_PERSON_THRESHOLD,
    name_similarity,
    name_tokens,
    normalise_name,
)
from intake.fields.plausible import not_a_name
from intake.models import Document, Person
from verifier.checks.context import Context
from verifier.checks.doubt import (
    NOT_A_NAME_WHY,
    NOT_A_PERSON_WHY,
    digits_apart,
    doubtful,
    hold_back,
    ic_slip,
    min_confidence,
    named_elsewhere,
    raise_unless_slip,
    somebody_elses_why,
)
from verifier.checks.registry import register
from verifier.models import Finding, FindingCode
from verifier.rules.model import CheckRule


def _printed_ic(doc: Document) -> str | None:
    value = doc.field_value("ic_number")
    return value if isinstance(value, str) and ic_digits(value) else None


def _pretty(ic: str) -> str:
    try:
        return format_ic(ic)
    except ValueError:
        return ic.strip()


# Different people score 20-50 against each other; OCR-damaged copies of one name 65-80.
SAME_IC_NAME_THRESHOLD = 60.0
MARKER_TOKENS = frozenset(MARKERS.values())


def similarity(a: str, b: str) -> float:
    """intake's name_similarity, plus a spacing-blind ratio ("MUHAMMADHAFIZ" = "MUHAMMAD HAFIZ"),
    both also with the particles OCR damaged read as particles (``fold_particles``)."""
    best = 0.0
    for x, y in {(a, b), (fold_particles(a), fold_particles(b))}:
        joined_x, joined_y = "".join(name_tokens(x)), "".join(name_tokens(y))
        spacing_blind = fuzz.ratio(joined_x, joined_y) if joined_x and joined_y else 0.0
        best = max(best, name_similarity(x, y), float(spacing_blind))
    return best


# domain.md 5.2's particles bin / binti as OCR misreads them, their letters confused
# (labels.CONFUSABLE: "8lN", "8lNTl"); a/l and a/p with the slash read as a letter ("AJP")
# are one letter off and pass the spacing-blind ratio already.
_PARTICLES = ("BINTI", "BIN")


def fold_particles(name: str) -> str:
    """``name`` with each word that is a particle as OCR damaged it written as the particle."""
    out = []
    for token in name.split():
        particle = next((p for p in _PARTICLES if label_regex(p).fullmatch(token)), None)
        out.append(particle or token)
    return " ".join(out)


def is_other_person(ctx: Context, doc: Document, spec: CheckRule) -> bool:
    """A document of an ``other_person_doc_types`` type whose IC and name are not the insured's."""
    if str(doc.doc_type) not in spec.params.get("other_person_doc_types", []):
        return False
    return about_somebody_else(ctx, doc)


# digits a valid IC must differ in from the insured's to name somebody else on its own, where
# no name was read beside it (more than OCR's slips of doubt.IC_SLIPS explain)
OTHER_IC_DIGITS = 3


def about_somebody_else(ctx: Context, doc: Document) -> bool:
    """Both the IC and the name printed differ from the insured's; or, with no name read (a
    card's name line OCR lost or left cut), a valid IC far from the insured's."""
    ic, name = _printed_ic(doc), doc.field_value("name")
    insured = ic_digits(ctx.claim.insured_ic)
    ic_other = ic is not None and ic_digits(ic) != insured
    if ic_other and name is None and ic is not None and is_valid_ic(ic):
        apart = digits_apart(ic_digits(ic), insured)
        return apart is not None and apart >= OTHER_IC_DIGITS
    name_other = isinstance(name, str) and (
        similarity(name, ctx.claim.insured_name) < SAME_PERSON_THRESHOLD
    )
    return ic_other and name_other


@register("insured_ic_valid", codes=(FindingCode.INVALID_IC,))
def insured_ic_valid(ctx: Context, spec: CheckRule) -> list[Finding]:
    if is_valid_ic(ctx.claim.insured_ic):
        return []
    return [
        ctx.finding(FindingCode.INVALID_IC, spec, "insured_ic_invalid", [], {"source": "claim"})
    ]


@register(
    "ic_agreement",
    codes=(FindingCode.IC_MISMATCH, FindingCode.INVALID_IC),
    params={"other_person_doc_types": list},
)
def ic_agreement(ctx: Context, spec: CheckRule) -> list[Finding]:
    """One IC_MISMATCH per differing number (all its documents); INVALID_IC per bad number.

    A number a digit or two from the insured's, read unsure on every document that prints
    it, is an OCR slip (verifier.checks.doubt.IC_SLIPS): held back, not raised."""
    claim_digits = ic_digits(ctx.claim.insured_ic)
    by_ic: dict[str, list[Document]] = {}
    for doc in ctx.active:
        ic = _printed_ic(doc)
        if ic is None or is_other_person(ctx, doc, spec):
            continue
        by_ic.setdefault(ic_digits(ic), []).append(doc)
    out: list[Finding] = []
    for digits, docs in by_ic.items():
        evidence = [ctx.evidence(d, "ic_number") for d in docs]
        shown = _pretty(_printed_ic(docs[0]) or digits)
        surest = max(docs, key=lambda d: d.fields["ic_number"].confidence)
        slip = ic_slip(digits, claim_digits, surest.fields["ic_number"].confidence)
        why = _ic_elsewhere(ctx, spec, docs, digits, claim_digits) if not slip else None
        if not is_valid_ic(digits) and digits != claim_digits:
            finding = ctx.finding(
                FindingCode.INVALID_IC,
                spec,
                "printed_ic_invalid",
                evidence,
                {"source": "document"},
                doc_type=str(docs[0].doc_type),
                ic=shown,
            )
            out += _unless_slip(ctx, surest, finding, slip, why)
        if digits != claim_digits:
            finding = _mismatch(ctx, spec, evidence, docs[0], shown, digits, claim_digits)
            out += _unless_slip(ctx, surest, finding, slip, why)
    return out


def _ic_elsewhere(
    ctx: Context, spec: CheckRule, docs: list[Document], digits: str, claim_digits: str
) -> str | None:
    """Why a doubtful IC decides nothing: it is another person's the bundle names."""

    def agrees(d: Document) -> bool:
        return ic_digits(str(d.field_value("ic_number") or "")) == claim_digits

    if not doubtful(ctx, spec, docs, ("ic_number",), agrees):
        return None

    def is_them(p: Person) -> bool:
        return p.ic_number is not None and ic_digits(p.ic_number) == digits

    who = named_elsewhere(ctx, is_them)
    return somebody_elses_why(who) if who else None


def differing_part(printed: str, insured: str) -> str | None:
    """``birth_date`` when two 12-digit MyKad numbers differ only in their first six digits
    (the date of birth ``YYMMDD``), else None."""
    if len(printed) != 12 or len(insured) != 12 or printed[:6] == insured[:6]:
        return None
    return "birth_date" if printed[6:] == insured[6:] else None


def _mismatch(
    ctx: Context,
    spec: CheckRule,
    evidence: list[Any],
    doc: Document,
    shown: str,
    digits: str,
    claim_digits: str,
) -> Finding:
    """IC_MISMATCH; one that differs only in the date of birth says so (``differs_in``)."""
    part = differing_part(digits, claim_digits)
    fields: dict[str, str] = {"doc_type": str(doc.doc_type), "ic": shown}
    fields["claim_ic"] = _pretty(ctx.claim.insured_ic)
    if part == "birth_date":
        fields.update(born=digits[:6], claim_born=claim_digits[:6])
    key = "ic_mismatch_birth_date" if part else "ic_mismatch"
    details = {"differs_in": part} if part else {}
    return ctx.finding(FindingCode.IC_MISMATCH, spec, key, evidence, details, **fields)


def _unless_slip(
    ctx: Context, doc: Document, finding: Finding, slip: bool, why: str | None = None
) -> list[Finding]:
    if slip:
        hold_back(ctx, finding, doc, ("ic_number",))
        return []
    if why:
        hold_back(ctx, finding, doc, ("ic_number",), why)
        return []
    return [finding]


@register(
    "name_agreement",
    codes=(FindingCode.NAME_MISMATCH,),
    params={
        "threshold": (int, float),
        "same_ic_threshold": (int, float),
        "other_person_doc_types": list,
        "min_confidence": (int, float),
    },
)
def name_agreement(ctx: Context, spec: CheckRule) -> list[Finding]:
    """NAME_MISMATCH per different person named; variants, OCR noise and names OCR cut
    short pass.

    A name OCR was unsure of (confidence under ``min_confidence``) beside the insured's own
    IC needs less to agree (``same_ic_threshold``). An unsure read that is also garbled
    (``garbled``: stray punctuation, case changing inside a word, lone letters) decides
    nothing alone: unless its document prints another person's IC, the finding is held
    back for the officer (verifier.checks.doubt). A clean-looking name, however unsure,
    that is not the insured's is still raised. A reading that is no person's name as
    printed (intake.fields.plausible: one word, a scrawl, an institution's word, a word cut
    short) decides nothing either, unless its document prints another person's IC: it is
    held back with the documents and the readings it rests on."""
    threshold = float(spec.params.get("threshold", SAME_PERSON_THRESHOLD))
    same_ic = float(spec.params.get("same_ic_threshold", SAME_IC_NAME_THRESHOLD))
    insured_ic = ic_digits(ctx.claim.insured_ic)
    by_name: dict[str, list[Document]] = {}
    for doc in ctx.active:
        name = doc.field_value("name")
        if not isinstance(name, str) or not name.strip() or is_other_person(ctx, doc, spec):
            continue
        printed_ic = ic_digits(str(doc.field_value("ic_number") or ""))
        unsure = doc.fields["name"].confidence < min_confidence(spec)
        limit = min(threshold, same_ic) if unsure and printed_ic == insured_ic else threshold
        score = similarity(name, ctx.claim.insured_name)
        if score >= limit or cut_short(name, ctx.claim.insured_name):
            continue
        by_name.setdefault(normalise_name(name), []).append(doc)
    out: list[Finding] = []
    for docs in by_name.values():
        out += _name_finding(ctx, spec, docs, insured_ic, threshold)
    return out


def _name_finding(
    ctx: Context, spec: CheckRule, docs: list[Document], insured_ic: str, threshold: float
) -> list[Finding]:
    """The finding for one name; held back when every document reads it unsure and none
    prints another person's IC, or when the doubtful name is somebody else's in the bundle
    or no name at all (verifier.checks.doubt)."""
    score = similarity(str(docs[0].field_value("name")), ctx.claim.insured_name)
    readings = [_reading(d) for d in docs]
    finding = ctx.finding(
        FindingCode.NAME_MISMATCH,
        spec,
        "name_mismatch",
        [ctx.evidence(d, "name") for d in docs],
        {"similarity": round(score, 1), "readings": readings},
        doc_type=str(docs[0].doc_type),
        name=str(docs[0].field_value("name")),
        claim_name=ctx.claim.insured_name,
    )
    surest = max(docs, key=lambda d: d.fields["name"].confidence)
    other_ic = any(
        (ic := ic_digits(str(d.field_value("ic_number") or ""))) and ic != insured_ic for d in docs
    )
    noise = all(garbled(str(d.fields["name"].raw or d.field_value("name"))) for d in docs)
    if all(r["not_a_name"] for r in readings) and not other_ic:  # no person's name
        hold_back(ctx, finding, surest, ("name",), not_a_person_why(readings))
        return []
    why = _name_elsewhere(ctx, spec, docs, threshold)
    if why and not other_ic:
        hold_back(ctx, finding, surest, ("name",), why)
        return []
    return raise_unless_slip(ctx, spec, surest, finding, ("name",), noise and not other_ic)


def _reading(doc: Document) -> dict[str, Any]:
    """Which document read which name, as OCR read it, and why it is no person's name (None
    when it may be one: intake.fields.plausible)."""
    f = doc.fields["name"]
    return {
        "file": doc.file,
        "page": f.page,
        "reading": str(f.raw or f.value),
        "not_a_name": not_a_name(str(f.value)),
    }


def not_a_person_why(readings: list[dict[str, Any]]) -> str:
    where = "; ".join(f"{r['file']} p.{r['page']}: '{r['reading']}'" for r in readings)
    return f"{NOT_A_PERSON_WHY}: {readings[0]['not_a_name']} ({where})"


def _name_elsewhere(
    ctx: Context, spec: CheckRule, docs: list[Document], threshold: float
) -> str | None:
    """Why a doubtful name decides nothing: a label or prose, or another person's name."""
    claim = ctx.claim.insured_name

    def agrees(d: Document) -> bool:
        name = d.field_value("name")
        return isinstance(name, str) and similarity(name, claim) >= threshold

    if not doubtful(ctx, spec, docs, ("name",), agrees):
        return None
    name = str(docs[0].field_value("name"))
    if is_label_text(name) or is_prose(name):
        return NOT_A_NAME_WHY

    def is_them(p: Person) -> bool:
        return p.name is not None and similarity(p.name, name) >= threshold

    who = named_elsewhere(ctx, is_them)
    return somebody_elses_why(who) if who else None


_STRAY = re.compile(r"[^A-Za-z '@/.\-]|\.(?=[A-Za-z])")  # "ROSLI!", "SU)", "AFMADB.DAUD"
_MARKER_WORDS = frozenset({"bin", "binti", "bt", "bte", "a/l", "a/p", "s/o", "d/o", "anak", "b"})


def garbled(raw: str) -> bool:
    """A name as OCR read it that does not look printed: stray punctuation or digits, case
    changing inside a word (``NapRUL``, ``pO``) or between words (``SS DUNE Trt``), or a
    lone letter that is no initial."""
    if _STRAY.search(raw):
        return True
    words = [w for t in raw.split() if len(w := t.strip(".'-/")) >= 2]
    words = [w for w in words if w.lower() not in _MARKER_WORDS]
    if any(w.isupper() for w in words) and any(w.istitle() for w in words):
        return True  # "SS DUNE Trt Bis": a printed name keeps one case
    for token in raw.split():
        letters = token.strip(".'-/")
        if not letters or letters.lower() in _MARKER_WORDS:
            continue
        if len(letters) == 1 and not token.endswith("."):
            return True
        if not (letters.isupper() or letters.islower() or letters.istitle()):
            return True
        if letters.islower() and len(letters) <= 3:
            return True
    return False


MIN_KEPT_WORDS = 2  # a name cut short still shows two of the insured's own names


def cut_short(printed: str, insured: str) -> bool:
    """``printed`` is the insured's name with its first or last words lost by OCR: an
    unbroken run of the insured's words from either end (the last one may be cut inside,
    ``BINT``) that says where the cut is or keeps two names:

    - ``FARAH HANIM BINTI`` of ``FARAH HANIM BINTI HASSAN``, ``ZHI HAO`` of ``LEE ZHI HAO``
      (two names that are not BIN/BINTI/A/L);
    - ``HASLINDA BINT``, ``KUMARAN`` of ``KUMARAN A/L ARUMUGAM`` (from the start, up to the
      BIN/A/L);
    - ``BIN OTHMAN`` of ``WAN AHMAD FIRDAUS BIN OTHMAN`` (from the BIN/BINTI to the end)."""
    p, q = name_tokens(printed), name_tokens(insured)
    if not p or len(p) >= len(q):
        return False
    names = sum(t not in MARKER_TOKENS for t in p)
    tail = len(q) - len(p)
    if (names >= MIN_KEPT_WORDS or p[0] in MARKER_TOKENS) and _run_at(p, q, tail):
        return True
    marked = p[-1] in MARKER_TOKENS or q[len(p)] in MARKER_TOKENS
    return (names >= MIN_KEPT_WORDS or marked) and _run_at(p, q, 0)


def _run_at(p: list[str], q: list[str], at: int) -> bool:
    run = q[at : at + len(p)]
    if p[:-1] != run[:-1]:
        return False
    last, want = p[-1], run[-1]
    return last == want or (at == 0 and len(last) >= 3 and want.startswith(last))
