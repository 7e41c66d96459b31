"""verify(): a claim and intake's file results -> the report, by the claim type's rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from intake.fields.ic import mask_ic
from intake.pipeline import FileResult
from verifier.checks import REGISTRY, Context
from verifier.checks.documents import DEFAULT_MAX_DISTANCE, find_duplicates
from verifier.checks.requirements import evaluate_requirements
from verifier.claim import Claim
from verifier.i18n import PAGE_REASONS
from verifier.models import (
    ClaimSummary,
    FileStatus,
    PageEntry,
    Report,
    Severity,
    decide_verdict,
)
from verifier.rules import RuleSet, load_rules

DEFAULT_OCR_ENGINE = "unknown"
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def verify(
    claim: Claim,
    results: list[FileResult],
    *,
    today: date,
    ocr_engine: str = DEFAULT_OCR_ENGINE,
    rules: RuleSet | None = None,
) -> Report:
    """Apply the claim type's rules; ``today`` is the default for claim.submitted_on."""
    ruleset = rules or load_rules()
    claim_rules = ruleset.for_claim(claim.claim_type)
    ctx = Context(
        claim=claim,
        rules=claim_rules,
        today=today,
        submitted_on=claim.submitted_on or today,
        documents=[d for r in results for d in r.documents],
        results=list(results),
        catalogue=ruleset.catalogue,
        bases=ruleset.bases,
    )
    dup_rule = claim_rules.check_rule("duplicates")
    max_distance = (
        int(dup_rule.params.get("max_distance", DEFAULT_MAX_DISTANCE))
        if dup_rule
        else DEFAULT_MAX_DISTANCE
    )
    ctx.duplicate_of = find_duplicates(ctx.results, max_distance)
    requirements, findings = evaluate_requirements(ctx)
    for spec in claim_rules.checks:
        findings += REGISTRY[spec.check].func(ctx, spec)
    findings = sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])
    return Report(
        claim_id=claim.claim_id,
        claim_type=str(claim.claim_type),
        verdict=decide_verdict(findings),
        documents=ctx.documents,
        requirements=requirements,
        findings=findings,
        engine={"ocr": ocr_engine, "rules_version": ruleset.version},
        claim=_claim(ctx),
        submitted_on=ctx.submitted_on,
        checked_on=ctx.today,
        files=[FileStatus(r.file, len(r.pages), r.error_code) for r in ctx.results],
        pages=page_entries(ctx.results),
        counts={s.value: sum(1 for f in findings if f.severity == s) for s in Severity},
        values=_values(ctx),
        deadline=ctx.deadline,
        extra=dict(ctx.extra),
    )


def _claim(ctx: Context) -> ClaimSummary:
    claim = ctx.claim
    return ClaimSummary(
        title=dict(ctx.rules.title),
        insured_name=claim.insured_name,
        insured_ic_masked=mask_ic(claim.insured_ic),
        accident_date=claim.accident_date,
        event=ctx.rules.event,
        accident_kind=str(claim.accident_kind) if claim.accident_kind else None,
        employment_status=str(claim.employment_status) if claim.employment_status else None,
        employer_name=claim.employer_name,
    )


def page_entries(results: list[FileResult]) -> list[PageEntry]:
    """Every page of every file, readable or not, with why it reads as it does: no page is
    left out of the report (a blank page or a separator sheet belongs to no document)."""
    out = []
    for result in results:
        for page in result.pages:
            reason = page.reason if page.reason in PAGE_REASONS["en"] else None
            out.append(
                PageEntry(
                    file=page.file,
                    page=page.number,
                    readable=page.readable,
                    blank=page.blank,
                    reason=reason,
                    message=PAGE_REASONS["en"][reason] if reason else None,
                    message_ms=PAGE_REASONS["ms"][reason] if reason else None,
                )
            )
    return out


def _values(ctx: Context) -> dict[str, Any]:
    """Effective-dated amounts in force on the claim's date (wage ceiling, funeral cap)."""
    out = {}
    for name in ctx.rules.values:
        v = ctx.rules.value_on(name, ctx.claim.accident_date)
        if v is not None:
            out[name] = {"value": v.value, "unit": v.unit, "from": v.start.isoformat()}
    return out
