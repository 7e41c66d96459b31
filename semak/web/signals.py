"""Signals across claims, flagged on both claims:

- ``same_document``: a medical certificate whose perceptual hash (64-bit pHash, Hamming
  distance <= 6) matches one in another claim;
- ``same_report_number``: one police report number in two claims;
- ``overlap``: one insured IC claimed by two employers for overlapping periods (accident day to
  the last day of certified leave).

Each claim's fingerprint is computed once per report and kept in ``Claim.progress["signals"]``
(the job rewrites ``progress`` when it re-runs, which makes it fresh again). Kept simple: the
comparison loads the fingerprints of all finished claims (fine for thousands; a real index
table is noted for the lead).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select

from semak.models import Claim, Signal
from semak.web import portal

MAX_DISTANCE = 6


def fingerprint(claim: Claim) -> dict[str, Any] | None:
    if not claim.reports:
        return None
    report = claim.reports[-1].data
    report_id = claim.reports[-1].id
    cached = (claim.progress or {}).get("signals")
    if isinstance(cached, dict) and cached.get("report_id") == report_id:
        return cached
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
    fp = {
        "report_id": report_id,
        "mc_hashes": sorted(set(hashes)),
        "report_numbers": sorted(set(numbers)),
        "period": [start, max([start, *ends]) if start else None],
    }
    progress = dict(claim.progress or {})
    progress["signals"] = fp
    claim.progress = progress
    return fp


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
    s.commit()
    return signals_of(claim)


def signals_of(claim: Claim) -> list[Signal]:
    return list(
        portal.db().scalars(select(Signal).where(Signal.claim_id == claim.id).order_by(Signal.id))
    )


def refresh_pending(limit: int = 30) -> None:
    """Fingerprint and compare finished claims whose current report has not been compared."""
    s = portal.db()
    n = 0
    for claim in s.scalars(select(Claim).where(Claim.status == "done").order_by(Claim.id.desc())):
        if not claim.reports:
            continue
        cached = (claim.progress or {}).get("signals")
        if isinstance(cached, dict) and cached.get("compared") == claim.reports[-1].id:
            continue
        refresh(claim)
        progress = dict(claim.progress or {})
        sig = dict(progress.get("signals") or {})
        sig["compared"] = claim.reports[-1].id
        progress["signals"] = sig
        claim.progress = progress
        s.commit()
        n += 1
        if n >= limit:
            break


def all_signals() -> list[tuple[Signal, Claim, Claim]]:
    s = portal.db()
    rows = []
    for sig in s.scalars(select(Signal).order_by(Signal.id.desc()).limit(500)):
        a, b = s.get(Claim, sig.claim_id), s.get(Claim, sig.other_claim_id)
        if a is not None and b is not None:
            rows.append((sig, a, b))
    return rows
