"""Required documents: alternatives, conditions, and which missing document to name.

RULES.md: "present" means a readable document of that type; when no alternative is
satisfied, the missing document is the one completing the alternative the bundle started,
else the first alternative's documents.
"""

from __future__ import annotations

from intake.fields.ic import ic_digits
from intake.fields.names import same_person
from intake.models import Document
from verifier.checks.context import Context
from verifier.checks.identity import about_somebody_else
from verifier.messages import doc_label
from verifier.models import Evidence, Finding, FindingCode, Requirement, RequirementStatus
from verifier.rules.model import Alternative, CheckRule, RequirementRule, When


def claimant_differs(ctx: Context) -> bool:
    """claim.json names a claimant (claimant_ic / claimant_name) who is not the insured."""
    claim = ctx.claim
    ic = claim.claimant_ic
    if isinstance(ic, str) and ic_digits(ic) and ic_digits(ic) != ic_digits(claim.insured_ic):
        return True
    name = claim.claimant_name
    return isinstance(name, str) and bool(name) and not same_person(name, claim.insured_name)


def holds(when: When | None, ctx: Context) -> bool:
    """Every condition of ``when`` is true for this claim and bundle."""
    if when is None:
        return True
    claim = ctx.claim
    kind = str(claim.accident_kind) if claim.accident_kind else None
    status = str(claim.employment_status) if claim.employment_status else None
    if when.accident_kind is not None and kind not in when.accident_kind:
        return False
    if when.employment_status is not None and status not in when.employment_status:
        return False
    if not all(ctx.present(t) for t in when.present_all):
        return False
    if when.present_any and not any(ctx.present(t) for t in when.present_any):
        return False
    return when.claimant_differs is None or when.claimant_differs == claimant_differs(ctx)


def evaluate_requirements(ctx: Context) -> tuple[list[Requirement], list[Finding]]:
    requirements: list[Requirement] = []
    findings: list[Finding] = []
    for req in ctx.rules.requirements:
        rows, missing = evaluate_one(req, ctx)
        requirements += rows
        findings += missing
    return requirements, findings


def counted(req: RequirementRule, ctx: Context, doc_type: str) -> list[Document]:
    """The documents of ``doc_type`` that count for ``req`` (its ``person``, if any)."""
    docs = ctx.of_type(doc_type)
    if req.person == "insured":
        return [d for d in docs if not about_somebody_else(ctx, d)]
    if req.person == "other":
        return [d for d in docs if about_somebody_else(ctx, d)]
    return docs


def choose_alternative(req: RequirementRule, alts: list[Alternative], ctx: Context) -> Alternative:
    """The satisfied alternative; else the one the bundle started most; else the first."""
    count = {t: len(counted(req, ctx, t)) for a in alts for t in a.docs}
    for alt in alts:
        if all(count[t] >= req.min_count for t in alt.docs):
            return alt
    started = [a for a in alts if any(count[t] for t in a.docs)]
    if not started:
        return alts[0]
    return max(started, key=lambda a: sum(1 for t in a.docs if count[t] >= req.min_count))


def evaluate_one(req: RequirementRule, ctx: Context) -> tuple[list[Requirement], list[Finding]]:
    if not holds(req.when, ctx):
        return [], []
    alts = [a for a in req.alternatives if holds(a.when, ctx)]
    if not alts:
        return [], []
    chosen = choose_alternative(req, alts, ctx)
    law = req.law or (None if req.rule else ctx.rules.law)
    spec = CheckRule("requirements", rule=req.rule, source=req.source, law=law)
    rows: list[Requirement] = []
    findings: list[Finding] = []
    for doc_type in chosen.docs:
        docs = counted(req, ctx, doc_type)
        ok = len(docs) >= req.min_count
        status = RequirementStatus.PRESENT if ok else RequirementStatus.MISSING
        evidence = [ctx.evidence(d) for d in docs]
        rows.append(Requirement(doc_type, status, req.rule, req.id, evidence))
        if not ok:
            findings.append(_missing(ctx, req, spec, doc_type, docs, evidence))
    return rows, findings


def _missing(
    ctx: Context,
    req: RequirementRule,
    spec: CheckRule,
    doc_type: str,
    docs: list[Document],
    evidence: list[Evidence],
) -> Finding:
    labels = {"doc_en": doc_label(doc_type, "en"), "doc_ms": doc_label(doc_type, "ms")}
    if req.note:  # "MyKad copy (MyKad of the claimant)"
        labels = {k: f"{v} ({req.note[k[-2:]]})" for k, v in labels.items()}
    key = "missing_count" if docs else "missing"
    details = {"doc_type": doc_type, "requirement": req.id}
    return ctx.finding(
        FindingCode.MISSING_DOCUMENT,
        spec,
        key,
        evidence,
        details,
        doc_type=doc_type,
        need=req.min_count,
        have=len(docs),
        **labels,
    )
