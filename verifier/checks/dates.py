"""DATE_INCONSISTENT: every case of RULES.md, the event-related ones as the rules file says.

- on one MC, mc_end before mc_start, or mc_days differing from the inclusive count;
- a date of ``not_before_event`` (``doc_type.key``, ``*`` for any type) before the claim's
  accident_date (an MC starting before the accident, a police report or notified_date before it);
- a date of ``event_keys`` printed on a document differing from the claim's accident_date;
- a document dated (``after_submission_keys``) after submitted_on.
"""

from __future__ import annotations

from datetime import date

from intake.models import Document
from verifier.checks.context import Context
from verifier.checks.deadlines import mc_days
from verifier.checks.registry import register
from verifier.dates import inclusive_days, parse_iso
from verifier.messages import DATE_KEY_LABELS, EVENT_LABELS
from verifier.models import Finding, FindingCode
from verifier.rules.model import CheckRule


@register(
    "date_consistency",
    codes=(FindingCode.DATE_INCONSISTENT,),
    params={"event_keys": list, "not_before_event": list, "after_submission_keys": list},
)
def date_consistency(ctx: Context, spec: CheckRule) -> list[Finding]:
    out: list[Finding] = []
    for doc in ctx.active:
        if str(doc.doc_type) == "medical_certificate":
            out += _mc_internal(ctx, spec, doc)
        out += _before_event(ctx, spec, doc)
        out += _event_differs(ctx, spec, doc)
        out += _after_submission(ctx, spec, doc)
    return out


def _mc_internal(ctx: Context, spec: CheckRule, doc: Document) -> list[Finding]:
    start, end = parse_iso(doc.date_value("mc_start")), parse_iso(doc.date_value("mc_end"))
    if not (start and end):
        return []
    if end < start:
        return [
            _finding(
                ctx,
                spec,
                doc,
                "dates.mc_end",
                "mc_end_before_start",
                start=start.isoformat(),
                end=end.isoformat(),
            )
        ]
    printed = mc_days(doc)
    counted = inclusive_days(start, end)
    if printed is not None and printed != counted:
        return [
            _finding(
                ctx,
                spec,
                doc,
                "mc_days",
                "mc_days_differ",
                printed=printed,
                counted=counted,
                start=start.isoformat(),
                end=end.isoformat(),
            )
        ]
    return []


def _dates(doc: Document, key: str) -> date | None:
    return parse_iso(doc.date_value(key))


def _before_event(ctx: Context, spec: CheckRule, doc: Document) -> list[Finding]:
    event = ctx.claim.accident_date
    out = []
    for item in spec.params.get("not_before_event", []):
        doc_type, _, key = str(item).partition(".")
        if doc_type not in ("*", str(doc.doc_type)):
            continue
        value = _dates(doc, key)
        if value is None or value >= event:
            continue
        what_en, what_ms = DATE_KEY_LABELS.get(key, (key, key))
        ev_en, ev_ms = EVENT_LABELS.get(ctx.rules.event, ("event", "peristiwa"))
        out.append(
            _finding(
                ctx,
                spec,
                doc,
                f"dates.{key}",
                "before_event",
                what_en=what_en,
                what_ms=what_ms,
                value=value.isoformat(),
                event_en=ev_en,
                event_ms=ev_ms,
                event=event.isoformat(),
            )
        )
    return out


def _event_differs(ctx: Context, spec: CheckRule, doc: Document) -> list[Finding]:
    event = ctx.claim.accident_date
    out = []
    for key in spec.params.get("event_keys", []):
        value = _dates(doc, str(key))
        if value is None or value == event:
            continue
        ev_en, ev_ms = EVENT_LABELS.get(ctx.rules.event, ("event", "peristiwa"))
        out.append(
            _finding(
                ctx,
                spec,
                doc,
                f"dates.{key}",
                "event_differs",
                value=value.isoformat(),
                event=event.isoformat(),
                event_en=ev_en,
                event_ms=ev_ms,
            )
        )
    return out


def _after_submission(ctx: Context, spec: CheckRule, doc: Document) -> list[Finding]:
    out = []
    for key in spec.params.get("after_submission_keys", ["document_date"]):
        value = _dates(doc, str(key))
        if value is None or value <= ctx.submitted_on:
            continue
        out.append(
            _finding(
                ctx,
                spec,
                doc,
                f"dates.{key}",
                "after_submission",
                value=value.isoformat(),
                submitted=ctx.submitted_on.isoformat(),
            )
        )
    return out


def _finding(
    ctx: Context, spec: CheckRule, doc: Document, key: str, msg: str, **fields: object
) -> Finding:
    return ctx.finding(
        FindingCode.DATE_INCONSISTENT,
        spec,
        msg,
        [ctx.evidence(doc, key)],
        {"case": msg},
        doc_type=str(doc.doc_type),
        **fields,
    )
