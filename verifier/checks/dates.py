"""DATE_INCONSISTENT: every case of RULES.md, the event-related ones as the rules file says.

- on one MC, mc_end before mc_start, or mc_days differing from the inclusive count;
- a date of ``not_before_event`` (``doc_type.key``, ``*`` for any type) before the claim's
  accident_date (an MC starting before the accident, a police report or notified_date before it);
- a date of ``event_keys`` printed on a document differing from the claim's accident_date;
- a document dated (``after_submission_keys``) after submitted_on.

A contradiction that rests on an unsure read and that one misread digit explains is held
back (verifier.checks.doubt): ``min_confidence`` sets what is unsure (default 0.5).
"""

from __future__ import annotations

from datetime import date, timedelta

from intake.models import Document
from verifier.checks.context import Context
from verifier.checks.deadlines import mc_days
from verifier.checks.doubt import (
    min_confidence,
    one_slip_dates,
    one_slip_numbers,
    raise_unless_slip,
    read_confidence,
    slip_within,
)
from verifier.checks.registry import register
from verifier.dates import inclusive_days, parse_iso
from verifier.messages import DATE_KEY_LABELS, EVENT_LABELS
from verifier.models import Finding, FindingCode
from verifier.rules.model import CheckRule

# A document of the claim dated more than a year before its event is not a repaired read.
PLAUSIBLE_DAYS_BEFORE_EVENT = 366


@register(
    "date_consistency",
    codes=(FindingCode.DATE_INCONSISTENT,),
    params={
        "event_keys": list,
        "not_before_event": list,
        "after_submission_keys": list,
        "min_confidence": (int, float),
    },
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
    printed = mc_days(doc)
    keys = ("dates.mc_start", "dates.mc_end", "mc_days")
    unsure = frozenset(k for k in keys if read_confidence(doc, (k,)) < min_confidence(spec))
    if end < start:
        finding = _finding(
            ctx,
            spec,
            doc,
            "dates.mc_end",
            "mc_end_before_start",
            start=start.isoformat(),
            end=end.isoformat(),
        )
        slip = period_slip(start, end, printed, unsure)
        return raise_unless_slip(ctx, spec, doc, finding, keys, slip)
    counted = inclusive_days(start, end)
    if printed is not None and printed != counted:
        finding = _finding(
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
        slip = period_slip(start, end, printed, unsure)
        return raise_unless_slip(ctx, spec, doc, finding, keys, slip)
    return []


ALL_MC_KEYS = frozenset({"dates.mc_start", "dates.mc_end", "mc_days"})


def period_slip(
    start: date, end: date, days: int | None, unsure: frozenset[str] = ALL_MC_KEYS
) -> bool:
    """One misread digit of a field read ``unsure`` gives a period that runs forward and,
    when days are printed, lasts them. A field read cleanly is taken as printed: an MC that
    prints 5 days for 4 dates, all read cleanly, is the doctor's, not OCR's."""

    def fits(s: date, e: date, d: int | None) -> bool:
        return e >= s and (d is None or inclusive_days(s, e) == d)

    if "dates.mc_end" in unsure and any(fits(start, e, days) for e in one_slip_dates(end)):
        return True
    if "dates.mc_start" in unsure and any(fits(s, end, days) for s in one_slip_dates(start)):
        return True
    return (
        "mc_days" in unsure
        and days is not None
        and any(fits(start, end, n) for n in one_slip_numbers(days))
    )


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
        finding = _finding(
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
        slip = slip_within(value, event, ctx.submitted_on)
        out += raise_unless_slip(ctx, spec, doc, finding, (f"dates.{key}",), slip)
    return out


def _event_differs(ctx: Context, spec: CheckRule, doc: Document) -> list[Finding]:
    event = ctx.claim.accident_date
    out = []
    for key in spec.params.get("event_keys", []):
        value = _dates(doc, str(key))
        if value is None or value == event:
            continue
        ev_en, ev_ms = EVENT_LABELS.get(ctx.rules.event, ("event", "peristiwa"))
        finding = _finding(
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
        slip = event in one_slip_dates(value)
        out += raise_unless_slip(ctx, spec, doc, finding, (f"dates.{key}",), slip)
    return out


def _after_submission(ctx: Context, spec: CheckRule, doc: Document) -> list[Finding]:
    out = []
    for key in spec.params.get("after_submission_keys", ["document_date"]):
        value = _dates(doc, str(key))
        if value is None or value <= ctx.submitted_on:
            continue
        finding = _finding(
            ctx,
            spec,
            doc,
            f"dates.{key}",
            "after_submission",
            value=value.isoformat(),
            submitted=ctx.submitted_on.isoformat(),
        )
        earliest = ctx.claim.accident_date - timedelta(days=PLAUSIBLE_DAYS_BEFORE_EVENT)
        slip = slip_within(value, earliest, ctx.submitted_on)
        out += raise_unless_slip(ctx, spec, doc, finding, (f"dates.{key}",), slip)
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
