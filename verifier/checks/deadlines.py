"""Time limits (R02, R09, R14), the MC threshold (R03), the 48-hour notice (R01), insured_age."""

from __future__ import annotations

from datetime import date, timedelta

from intake.fields.ic import age_on, is_valid_ic
from intake.models import Document
from verifier.checks.context import Context
from verifier.checks.doubt import raise_unless_slip, slip_within
from verifier.checks.registry import register
from verifier.dates import day_span, deadline, parse_iso
from verifier.messages import EVENT_LABELS
from verifier.models import Deadline, Finding, FindingCode
from verifier.rules.model import CheckRule


def mc_days(doc: Document) -> int | None:
    """mc_days as an int (intake may give "5")."""
    value = doc.field_value("mc_days")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def mc_period(doc: Document, accident: date | None = None) -> tuple[date, date] | None:
    """An MC's first and last day: printed dates, else its start (or date of issue, or the
    accident day) plus mc_days."""
    start = parse_iso(doc.date_value("mc_start"))
    end = parse_iso(doc.date_value("mc_end"))
    if start and end:
        return (start, end) if end >= start else None
    days = mc_days(doc)
    start = start or parse_iso(doc.date_value("document_date")) or accident
    if start and days and days > 0:
        return start, start + timedelta(days=days - 1)
    return None


def latest_mc_end(ctx: Context) -> date | None:
    ends = [p[1] for d in ctx.of_type("medical_certificate") if (p := mc_period(d))]
    return max(ends) if ends else None


def anchor_date(ctx: Context, name: str) -> date | None:
    if name == "accident_date":
        return ctx.claim.accident_date
    if name == "latest_mc_end":
        return latest_mc_end(ctx)
    raise ValueError(f"unknown anchor {name!r}")


@register(
    "time_limit",
    codes=(FindingCode.CLAIM_TIME_BARRED,),
    params={"anchors": list, "months": int, "days": int},
    required=("anchors",),
    choices={"anchors": ("accident_date", "latest_mc_end")},
)
def time_limit(ctx: Context, spec: CheckRule) -> list[Finding]:
    """Barred when submitted_on is after anchor + months + days (the first anchor known)."""
    names = [str(a) for a in spec.params["anchors"]]
    found = next(((n, d) for n in names if (d := anchor_date(ctx, n)) is not None), None)
    if found is None:
        return []
    name, anchor = found
    months, days = int(spec.params.get("months", 0)), int(spec.params.get("days", 0))
    last = deadline(anchor, months=months, days=days)
    # every report says when its time limit ends, so a queue can sort by urgency
    ctx.deadline = Deadline(last_day=last, anchor=name, anchor_date=anchor, rule=spec.rule)
    if ctx.submitted_on <= last:
        return []
    event = ctx.rules.event if name == "accident_date" else name
    anchor_en, anchor_ms = EVENT_LABELS.get(event, (name, name))
    limit, limit_ms = _limit_text(months, days)
    evidence = [
        ctx.evidence(d, "dates.mc_end")
        for d in ctx.of_type("medical_certificate")
        if name == "latest_mc_end" and (p := mc_period(d)) and p[1] == anchor
    ]
    return [
        ctx.finding(
            FindingCode.CLAIM_TIME_BARRED,
            spec,
            "time_barred",
            evidence,
            {
                "anchor": name,
                "anchor_date": anchor.isoformat(),
                "last_day": last.isoformat(),
                # R09: every anchor known, so an officer sees when they would disagree
                "anchors": {n: d.isoformat() for n in names if (d := anchor_date(ctx, n))},
            },
            submitted=ctx.submitted_on.isoformat(),
            limit=limit,
            limit_ms=limit_ms,
            anchor_en=anchor_en,
            anchor_ms=anchor_ms,
            anchor=anchor.isoformat(),
            last=last.isoformat(),
        )
    ]


def _limit_text(months: int, days: int) -> tuple[str, str]:
    en, ms = [], []
    if months:
        en.append(f"{months} month{'s' if months != 1 else ''}")
        ms.append(f"{months} bulan")
    if days:
        en.append(f"{days} day{'s' if days != 1 else ''}")
        ms.append(f"{days} hari")
    return " and ".join(en) or "0 days", " dan ".join(ms) or "0 hari"


def certified_days(ctx: Context) -> tuple[int, list[Document]] | None:
    """Days in the union of every readable MC's period plus the accident day; None without one."""
    accident = ctx.claim.accident_date
    periods = [(d, p) for d in ctx.of_type("medical_certificate") if (p := mc_period(d, accident))]
    if not periods:
        return None
    days = {accident}
    for _, (start, end) in periods:
        days |= day_span(start, end)
    docs = [d for d, _ in periods]
    return len(days), docs


@register(
    "mc_minimum_days",
    codes=(FindingCode.MC_TOO_SHORT,),
    params={"min_days": int},
    required=("min_days",),
)
def mc_minimum_days(ctx: Context, spec: CheckRule) -> list[Finding]:
    """R03. Without a dated MC the requirement check reports it missing, not this one."""
    counted = certified_days(ctx)
    if counted is None:
        return []
    days, docs = counted
    ctx.extra["certified_days"] = days
    min_days = int(spec.params["min_days"])
    if days >= min_days:
        return []
    evidence = [ctx.evidence(d, "dates.mc_start" if "mc_start" in d.dates else None) for d in docs]
    return [
        ctx.finding(
            FindingCode.MC_TOO_SHORT,
            spec,
            "mc_too_short",
            evidence,
            {"days": days, "min_days": min_days},
            days=days,
            min_days=min_days,
        )
    ]


@register(
    "notice_within",
    codes=(FindingCode.LATE_ACCIDENT_REPORT,),
    params={"days": int, "doc_types": list},
    required=("days", "doc_types"),
)
def notice_within(ctx: Context, spec: CheckRule) -> list[Finding]:
    """R01: notified_date more than ``days`` after the accident (48 hours = 2 days)."""
    accident = ctx.claim.accident_date
    last = accident + timedelta(days=int(spec.params["days"]))
    out = []
    for doc in ctx.of_type(*[str(t) for t in spec.params["doc_types"]]):
        notified = parse_iso(doc.date_value("notified_date"))
        if notified is None or notified <= last:
            continue
        finding = ctx.finding(
            FindingCode.LATE_ACCIDENT_REPORT,
            spec,
            "late_notice",
            [ctx.evidence(doc, "dates.notified_date")],
            {"notified_date": notified.isoformat()},
            accident=accident.isoformat(),
            notified=notified.isoformat(),
        )
        # a date read unsure that one misread digit would put in time is held back
        slip = slip_within(notified, accident, last)
        out += raise_unless_slip(ctx, spec, doc, finding, ("dates.notified_date",), slip)
    return out


@register("insured_age", codes=())
def insured_age(ctx: Context, spec: CheckRule) -> list[Finding]:
    """R12 needs records a bundle lacks; report the insured's age at submitted_on instead."""
    ic = ctx.claim.insured_ic
    ctx.extra["insured_age"] = age_on(ic, ctx.submitted_on) if is_valid_ic(ic) else None
    return []
