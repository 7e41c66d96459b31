"""Who the documents are about: IC validity and agreement (R16), name agreement (domain.md 5.2).

Only the insured's IC counts: intake puts the insured's number under ``ic_number``; on the
document types a rules file lists as ``other_person_doc_types`` (the claimant's own MyKad in a
death claim) a document whose IC and name both differ from the insured's is somebody else's.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from intake.fields.ic import format_ic, ic_digits, is_valid_ic
from intake.fields.names import SAME_PERSON_THRESHOLD, name_similarity, name_tokens, normalise_name
from intake.models import Document
from verifier.checks.context import Context
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
UNSURE_NAME_CONFIDENCE = 0.5


def similarity(a: str, b: str) -> float:
    """intake's name_similarity, plus a spacing-blind ratio ("MUHAMMADHAFIZ" = "MUHAMMAD HAFIZ")."""
    joined_a, joined_b = "".join(name_tokens(a)), "".join(name_tokens(b))
    spacing_blind = fuzz.ratio(joined_a, joined_b) if joined_a and joined_b else 0.0
    return max(name_similarity(a, b), float(spacing_blind))


def is_other_person(ctx: Context, doc: Document, spec: CheckRule) -> bool:
    """A document of an ``other_person_doc_types`` type whose IC and name are not the insured's."""
    if str(doc.doc_type) not in spec.params.get("other_person_doc_types", []):
        return False
    return about_somebody_else(ctx, doc)


def about_somebody_else(ctx: Context, doc: Document) -> bool:
    """Both the IC and the name printed differ from the insured's."""
    ic, name = _printed_ic(doc), doc.field_value("name")
    ic_other = ic is not None and ic_digits(ic) != ic_digits(ctx.claim.insured_ic)
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
    """One IC_MISMATCH per differing number (all its documents); INVALID_IC per bad number."""
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
        if not is_valid_ic(digits) and digits != claim_digits:
            out.append(
                ctx.finding(
                    FindingCode.INVALID_IC,
                    spec,
                    "printed_ic_invalid",
                    evidence,
                    {"source": "document"},
                    doc_type=str(docs[0].doc_type),
                    ic=shown,
                )
            )
        if digits != claim_digits:
            out.append(
                ctx.finding(
                    FindingCode.IC_MISMATCH,
                    spec,
                    "ic_mismatch",
                    evidence,
                    {},
                    doc_type=str(docs[0].doc_type),
                    ic=shown,
                    claim_ic=_pretty(ctx.claim.insured_ic),
                )
            )
    return out


@register(
    "name_agreement",
    codes=(FindingCode.NAME_MISMATCH,),
    params={
        "threshold": (int, float),
        "same_ic_threshold": (int, float),
        "other_person_doc_types": list,
    },
)
def name_agreement(ctx: Context, spec: CheckRule) -> list[Finding]:
    """NAME_MISMATCH per different person named; variants and OCR noise pass.

    A name the OCR was unsure of (confidence under 0.5) on a document that prints the
    insured's own IC number needs less to agree (``same_ic_threshold``): there a garbled name
    is OCR noise, while a wholly different one still scores lower."""
    threshold = float(spec.params.get("threshold", SAME_PERSON_THRESHOLD))
    same_ic = float(spec.params.get("same_ic_threshold", SAME_IC_NAME_THRESHOLD))
    insured_ic = ic_digits(ctx.claim.insured_ic)
    by_name: dict[str, list[Document]] = {}
    for doc in ctx.active:
        name = doc.field_value("name")
        if not isinstance(name, str) or not name.strip() or is_other_person(ctx, doc, spec):
            continue
        printed_ic = ic_digits(str(doc.field_value("ic_number") or ""))
        unsure = doc.fields["name"].confidence < UNSURE_NAME_CONFIDENCE
        limit = min(threshold, same_ic) if unsure and printed_ic == insured_ic else threshold
        if similarity(name, ctx.claim.insured_name) >= limit:
            continue
        by_name.setdefault(normalise_name(name), []).append(doc)
    out = []
    for docs in by_name.values():
        score = similarity(str(docs[0].field_value("name")), ctx.claim.insured_name)
        out.append(
            ctx.finding(
                FindingCode.NAME_MISMATCH,
                spec,
                "name_mismatch",
                [ctx.evidence(d, "name") for d in docs],
                {"similarity": round(score, 1)},
                doc_type=str(docs[0].doc_type),
                name=str(docs[0].field_value("name")),
                claim_name=ctx.claim.insured_name,
            )
        )
    return out
