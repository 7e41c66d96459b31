"""Signals across claims, flagged on both claims:

- ``same_document``: a medical certificate whose perceptual hash (64-bit pHash, Hamming
  distance <= 6) matches one in another claim;
- ``same_report_number``: one police report number in two claims;
- ``overlap``: one insured IC claimed by two employers for overlapping periods (accident day to
  the last day of certified leave).

Each claim's fingerprint is taken once per report and kept in the ``fingerprints`` table
(``semak.models.Fingerprint``, one row a value, indexed on ``(kind, value)``); rows of an older
report are replaced. Kept simple: the comparison loads the fingerprints of all finished claims
(fine for thousands; report numbers could be matched through the index instead).

Computed once per report, never on every page view: a claim is compared when its current
report has no ``compared`` row yet (a new report id invalidates it), and the signals table is
the cache the views read (``current``, ``refresh_pending`` finds the uncompared in one query).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import exists, func, select

from semak.models import Claim, Fingerprint, Report, Signal
from semak.web import portal

MAX_DISTANCE = 6
MC_PHASH, REPORT_NUMBER, PERIOD, COMPARED = "mc_phash", "report_number", "period", "compared"


def fingerprint(claim: Claim) -> dict[str, Any] | None:
    """The claim's fingerprint for its current report: from the table, else taken and stored."""
    if not claim.reports:
        return None
    report_id = claim.reports[-1].id
    s = portal.db()
    rows = list(s.scalars(select(Fingerprint).where(Fingerprint.claim_id == claim.id)))
    current = [r for r in rows if r.report_id == report_id]
    if not any(r.kind == PERIOD for r in current):
        for row in rows:
            s.delete(row)
        current = _take(claim, report_id)
        s.add_all(current)
        s.flush()
    return _as_dict(report_id, current)


def _take(claim: Claim, report_id: int) -> list[Fingerprint]:
    report = claim.reports[-1].data
    hashes: list[str] = []
    numbers: list[str] = []
    ends: list[str] = []
    stored = {d.original_name: d for d in claim.documents}
    for doc in report.get("documents", []):
        fields = doc.get("fields", {})
        if doc.get("doc_type") == "medical_certificate":
            doc_hashes = doc.get("perceptual_hashes") or page_hashes(
                stored.get(doc.get("file", "")), doc.get("pages", [])
            )
            hashes.extend(h for h in doc_hashes if h)
            end = (fields.get("dates") or {}).get("mc_end")
            if end:
                ends.append(end)
        number = fields.get("report_number")
        if doc.get("doc_type") == "police_report" and number:
            numbers.append(_norm_number(str(number)))
    start = claim.data.get("accident_date")
    last = max([start, *ends]) if start else None
    values = [(MC_PHASH, h) for h in sorted(set(hashes))]
    values += [(REPORT_NUMBER, n) for n in sorted(set(numbers))]
    values.append((PERIOD, f"{start or ''}/{last or ''}"))
    return [
        Fingerprint(claim_id=claim.id, report_id=report_id, kind=kind, value=str(value)[:128])
        for kind, value in values
    ]


def _as_dict(report_id: int, rows: list[Fingerprint]) -> dict[str, Any]:
    period = next((r.value for r in rows if r.kind == PERIOD), "/")
    start, _, end = period.partition("/")
    return {
        "report_id": report_id,
        "mc_hashes": sorted({r.value for r in rows if r.kind == MC_PHASH}),
        "report_numbers": sorted({r.value for r in rows if r.kind == REPORT_NUMBER}),
        "period": [start or None, end or None],
        "compared": any(r.kind == COMPARED for r in rows),
    }


def _norm_number(text: str) -> str:
    return re.sub(r"[^A-Z0-9/]", "", text.upper())


def page_hashes(stored: Any, pages: list[int]) -> list[str]:
    """pHash of each page as the portal renders it (consistent within this service)."""
    if stored is None:
        return []
    try:
        import imagehash

        from semak.services import services
        from semak.web.files import render_page

        path = str(services().storage.path(stored.storage_key))
        return [str(imagehash.phash(render_page(path, stored.media_type, p))) for p in pages]
    except Exception:  # unreadable: no fingerprint, no signal
        return []


def _distance(a: str, b: str) -> int:
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def _overlaps(p: list[Any], q: list[Any]) -> bool:
    try:
        a0, a1 = date.fromisoformat(p[0]), date.fromisoformat(p[1])
        b0, b1 = date.fromisoformat(q[0]), date.fromisoformat(q[1])
    except (TypeError, ValueError, IndexError):
        return False
    return a0 <= b1 and b0 <= a1


def refresh(claim: Claim) -> list[Signal]:
    """Compare one finished claim with the others; add missing signals on both sides."""
    s = portal.db()
    fp = fingerprint(claim)
    if fp is None:
        return signals_of(claim)
    existing = {
        (sig.claim_id, sig.other_claim_id, sig.kind)
        for sig in s.scalars(select(Signal).where(Signal.claim_id == claim.id))
    }
    others = s.scalars(select(Claim).where(Claim.id != claim.id, Claim.status == "done"))
    for other in others:
        ofp = fingerprint(other)
        if ofp is None:
            continue
        found: list[tuple[str, dict[str, Any]]] = []
        for h in fp["mc_hashes"]:
            if any(_distance(h, oh) <= MAX_DISTANCE for oh in ofp["mc_hashes"]):
                found.append(("same_document", {"doc_type": "medical_certificate"}))
                break
        common = set(fp["report_numbers"]) & set(ofp["report_numbers"])
        if common:
            found.append(("same_report_number", {"report_number": sorted(common)[0]}))
        if (
            claim.insured_ic == other.insured_ic
            and claim.organisation_id != other.organisation_id
            and _overlaps(fp["period"], ofp["period"])
        ):
            found.append(("overlap", {"period": fp["period"], "other_period": ofp["period"]}))
        for kind, detail in found:
            if (claim.id, other.id, kind) in existing:
                continue
            s.add(Signal(claim_id=claim.id, other_claim_id=other.id, kind=kind, detail=detail))
            s.add(Signal(claim_id=other.id, other_claim_id=claim.id, kind=kind, detail=detail))
            portal.audit(claim, None, "signal", {"kind": kind, "other": other.public_id})
            portal.audit(other, None, "signal", {"kind": kind, "other": claim.public_id})
            existing.add((claim.id, other.id, kind))
    if not fp["compared"]:
        s.add(Fingerprint(claim_id=claim.id, report_id=fp["report_id"], kind=COMPARED, value=""))
    s.commit()
    return signals_of(claim)


def current(claim: Claim) -> list[Signal]:
    """The claim's signals for a page view: compared (``refresh``) only when its current
    report has not been yet, else read from the signals table."""
    if claim.status == "done" and claim.reports and not compared(claim):
        return refresh(claim)
    return signals_of(claim)


def compared(claim: Claim) -> bool:
    """Whether the claim's current report has been compared with the other claims."""
    if not claim.reports:
        return False
    q = select(Fingerprint.id).where(
        Fingerprint.claim_id == claim.id,
        Fingerprint.report_id == claim.reports[-1].id,
        Fingerprint.kind == COMPARED,
    )
    return portal.db().scalar(q.limit(1)) is not None


def signals_of(claim: Claim) -> list[Signal]:
    return list(
        portal.db().scalars(select(Signal).where(Signal.claim_id == claim.id).order_by(Signal.id))
    )


def refresh_pending(limit: int = 30) -> None:
    """Fingerprint and compare finished claims whose current report has not been compared;
    finding them is one query, so a view that calls this costs nothing when none is pending."""
    for claim in portal.db().scalars(pending_query(limit)):
        refresh(claim)


def pending_query(limit: int) -> Any:
    """Finished claims, newest first, whose latest report has no ``compared`` row."""
    latest = (
        select(Report.claim_id, func.max(Report.id).label("report_id"))
        .group_by(Report.claim_id)
        .subquery()
    )
    done = select(Fingerprint.id).where(
        Fingerprint.kind == COMPARED,
        Fingerprint.claim_id == latest.c.claim_id,
        Fingerprint.report_id == latest.c.report_id,
    )
    return (
        select(Claim)
        .join(latest, latest.c.claim_id == Claim.id)
        .where(Claim.status == "done", ~exists(done))
        .order_by(Claim.id.desc())
        .limit(limit)
    )


def all_signals() -> list[tuple[Signal, Claim, Claim]]:
    s = portal.db()
    rows = []
    for sig in s.scalars(select(Signal).order_by(Signal.id.desc()).limit(500)):
        a, b = s.get(Claim, sig.claim_id), s.get(Claim, sig.other_claim_id)
        if a is not None and b is not None:
            rows.append((sig, a, b))
    return rows
