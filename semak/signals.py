"""Signals across claims, flagged on both claims (the service: no Flask; the portal calls it
through :mod:`semak.web.signals`).

- ``same_document``: one medical certificate in two claims, resting on evidence an officer can
  check: the same file (sha256, ``basis: same_file``), or the same content read from it - the
  same patient IC and the same first and last day of leave, and, where both readings have them,
  the same clinic and the same doctor's MMC number (``basis: same_content``). A look-alike page
  (two clinics' identical template: a close perceptual hash) is not a signal;
- ``same_report_number``: one police report number in two claims;
- ``overlap``: one insured IC claimed by two employers for overlapping periods (accident day to
  the last day of certified leave).

Each claim's fingerprint is taken once per report and kept in the ``fingerprints`` table
(``semak.models.Fingerprint``, one row a value); rows of an older report are replaced. The
content of an MC is kept hashed (``mc_content``: no IC or date in that table), each value
followed by ``@`` and the document's index in the report, which the signal's detail names
(``doc``, ``other_doc``) so the claim view can put both documents' values side by side.

Computed once per report, never on every page view: a claim is compared when its current
report has no ``compared`` row yet (a new report id invalidates it), and the signals table is
the cache the views read (``current``, ``refresh_pending`` finds the uncompared in one query).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from semak.audit import record as audit_record
from semak.models import Claim, Fingerprint, Report, Signal

MC_FILE, MC_CONTENT = "mc_file", "mc_content"
REPORT_NUMBER, PERIOD, COMPARED = "report_number", "period", "compared"
SAME_FILE, SAME_CONTENT = "same_file", "same_content"
MC = "medical_certificate"


@dataclass(frozen=True)
class Prints:
    """One claim's fingerprint for its current report."""

    report_id: int
    mc_files: dict[str, int] = field(default_factory=dict)  # sha256 -> document index
    mc_contents: list[tuple[str, int]] = field(default_factory=list)  # content key, index
    report_numbers: tuple[str, ...] = ()
    period: tuple[str | None, str | None] = (None, None)
    compared: bool = False


def fingerprint(s: Session, claim: Claim) -> Prints | None:
    """The claim's fingerprint for its current report: from the table, else taken and stored."""
    if not claim.reports:
        return None
    report_id = claim.reports[-1].id
    rows = list(s.scalars(select(Fingerprint).where(Fingerprint.claim_id == claim.id)))
    current = [r for r in rows if r.report_id == report_id]
    if not any(r.kind == PERIOD for r in current):
        for row in rows:
            s.delete(row)
        current = _take(claim, report_id)
        s.add_all(current)
        s.flush()
    return _prints(report_id, current)


def _h(text: str, n: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def _norm(value: Any) -> str:
    return re.sub(r"[^A-Z0-9]", "", str(value or "").upper())


def content_key(doc: dict[str, Any]) -> str | None:
    """An MC's content, hashed: patient IC and leave dates (all needed), clinic and MMC number
    (``-`` when not read)."""
    fields = doc.get("fields") or {}
    dates = fields.get("dates") or {}
    ic, start, end = _norm(fields.get("ic_number")), dates.get("mc_start"), dates.get("mc_end")
    if not (ic and start and end):
        return None
    extra = doc.get("extra_fields") or {}
    clinic, mmc = _norm(extra.get("clinic")), _norm(extra.get("mmc_number"))
    return ".".join(
        [_h(f"{ic}|{start}|{end}", 24), _h(clinic, 12) if clinic else "-", mmc[:12] or "-"]
    )


def same_content(a: str, b: str) -> bool:
    """Two content keys name one MC: the same IC and dates; clinic and MMC agree where both
    were read."""
    pa, pb = a.split("."), b.split(".")
    if len(pa) != 3 or len(pb) != 3 or pa[0] != pb[0]:
        return False
    return all(x == y or "-" in (x, y) for x, y in zip(pa[1:], pb[1:], strict=True))


def _take(claim: Claim, report_id: int) -> list[Fingerprint]:
    report = claim.reports[-1].data
    sha = {d.original_name: d.sha256 for d in claim.documents if d.sha256}
    values: list[tuple[str, str]] = []
    ends: list[str] = []
    for i, doc in enumerate(report.get("documents", [])):
        fields = doc.get("fields", {})
        if doc.get("doc_type") == MC:
            if doc.get("file") in sha:
                values.append((MC_FILE, f"{sha[doc['file']]}@{i}"))
            key = content_key(doc)
            if key:
                values.append((MC_CONTENT, f"{key}@{i}"))
            end = (fields.get("dates") or {}).get("mc_end")
            if end:
                ends.append(end)
        number = fields.get("report_number")
        if doc.get("doc_type") == "police_report" and number:
            values.append((REPORT_NUMBER, _norm_number(str(number))))
    start = claim.data.get("accident_date")
    last = max([start, *ends]) if start else None
    values.append((PERIOD, f"{start or ''}/{last or ''}"))
    return [
        Fingerprint(claim_id=claim.id, report_id=report_id, kind=kind, value=str(value)[:128])
        for kind, value in dict.fromkeys(values)
    ]


def _split(value: str) -> tuple[str, int]:
    key, _, index = value.rpartition("@")
    return key, int(index) if index.isdigit() else -1


def _prints(report_id: int, rows: list[Fingerprint]) -> Prints:
    period = next((r.value for r in rows if r.kind == PERIOD), "/")
    start, _, end = period.partition("/")
    return Prints(
        report_id=report_id,
        mc_files=dict(_split(r.value) for r in rows if r.kind == MC_FILE),
        mc_contents=[_split(r.value) for r in rows if r.kind == MC_CONTENT],
        report_numbers=tuple(sorted({r.value for r in rows if r.kind == REPORT_NUMBER})),
        period=(start or None, end or None),
        compared=any(r.kind == COMPARED for r in rows),
    )


def _norm_number(text: str) -> str:
    return re.sub(r"[^A-Z0-9/]", "", text.upper())


def _overlaps(p: tuple[str | None, str | None], q: tuple[str | None, str | None]) -> bool:
    try:
        a0, a1 = date.fromisoformat(str(p[0])), date.fromisoformat(str(p[1]))
        b0, b1 = date.fromisoformat(str(q[0])), date.fromisoformat(str(q[1]))
    except (TypeError, ValueError):
        return False
    return a0 <= b1 and b0 <= a1


def same_mc(fp: Prints, ofp: Prints) -> dict[str, Any] | None:
    """The evidence that one MC is in both claims (basis and the two documents), else None."""
    for sha, i in fp.mc_files.items():
        if sha in ofp.mc_files:
            return {"doc_type": MC, "basis": SAME_FILE, "doc": i, "other_doc": ofp.mc_files[sha]}
    for key, i in fp.mc_contents:
        for okey, j in ofp.mc_contents:
            if same_content(key, okey):
                return {"doc_type": MC, "basis": SAME_CONTENT, "doc": i, "other_doc": j}
    return None


def found_between(claim: Claim, fp: Prints, other: Claim, ofp: Prints) -> list[tuple[str, dict]]:
    """The signals between two claims, each with its detail as seen from ``claim``."""
    found: list[tuple[str, dict[str, Any]]] = []
    mc = same_mc(fp, ofp)
    if mc is not None:
        found.append(("same_document", mc))
    common = set(fp.report_numbers) & set(ofp.report_numbers)
    if common:
        found.append(("same_report_number", {"report_number": sorted(common)[0]}))
    if (
        claim.insured_ic == other.insured_ic
        and claim.organisation_id != other.organisation_id
        and _overlaps(fp.period, ofp.period)
    ):
        found.append(("overlap", {"period": list(fp.period), "other_period": list(ofp.period)}))
    return found


def mirrored(detail: dict[str, Any]) -> dict[str, Any]:
    """The detail as the other claim sees it (its document first)."""
    out = dict(detail)
    if "doc" in detail:
        out["doc"], out["other_doc"] = detail.get("other_doc"), detail.get("doc")
    if "period" in detail:
        out["period"], out["other_period"] = detail.get("other_period"), detail.get("period")
    return out


def refresh(s: Session, claim: Claim) -> list[Signal]:
    """Compare one finished claim with the others; add missing signals on both sides."""
    fp = fingerprint(s, claim)
    if fp is None:
        return signals_of(s, claim)
    existing = {
        (sig.other_claim_id, sig.kind)
        for sig in s.scalars(select(Signal).where(Signal.claim_id == claim.id))
    }
    others = s.scalars(select(Claim).where(Claim.id != claim.id, Claim.status == "done"))
    for other in list(others):
        ofp = fingerprint(s, other)
        if ofp is None:
            continue
        for kind, detail in found_between(claim, fp, other, ofp):
            if (other.id, kind) in existing:
                continue
            s.add(Signal(claim_id=claim.id, other_claim_id=other.id, kind=kind, detail=detail))
            s.add(
                Signal(
                    claim_id=other.id, other_claim_id=claim.id, kind=kind, detail=mirrored(detail)
                )
            )
            _audit(s, claim, other, kind)
            _audit(s, other, claim, kind)
            existing.add((other.id, kind))
    if not fp.compared:
        s.add(Fingerprint(claim_id=claim.id, report_id=fp.report_id, kind=COMPARED, value=""))
    s.commit()
    return signals_of(s, claim)


def _audit(s: Session, claim: Claim, other: Claim, kind: str) -> None:
    detail = {"kind": kind, "other": other.public_id}  # its reference is looked up when shown
    audit_record(s, claim_id=claim.id, user_id=None, action="signal", detail=detail)


def current(s: Session, claim: Claim) -> list[Signal]:
    """The claim's signals for a page view: compared (``refresh``) only when its current
    report has not been yet, else read from the signals table."""
    if claim.status == "done" and claim.reports and not compared(s, claim):
        return refresh(s, claim)
    return signals_of(s, claim)


def compared(s: Session, claim: Claim) -> bool:
    """Whether the claim's current report has been compared with the other claims."""
    if not claim.reports:
        return False
    q = select(Fingerprint.id).where(
        Fingerprint.claim_id == claim.id,
        Fingerprint.report_id == claim.reports[-1].id,
        Fingerprint.kind == COMPARED,
    )
    return s.scalar(q.limit(1)) is not None


def signals_of(s: Session, claim: Claim) -> list[Signal]:
    return list(s.scalars(select(Signal).where(Signal.claim_id == claim.id).order_by(Signal.id)))


def refresh_pending(s: Session, limit: int = 30) -> None:
    """Fingerprint and compare finished claims whose current report has not been compared;
    finding them is one query, so a view that calls this costs nothing when none is pending."""
    for claim in list(s.scalars(pending_query(limit))):
        refresh(s, claim)


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


def all_signals(s: Session) -> list[tuple[Signal, Claim, Claim]]:
    rows = []
    for sig in s.scalars(select(Signal).order_by(Signal.id.desc()).limit(500)):
        a, b = s.get(Claim, sig.claim_id), s.get(Claim, sig.other_claim_id)
        if a is not None and b is not None:
            rows.append((sig, a, b))
    return rows


EVIDENCE_KEYS = ("ic_number", "name", "dates.mc_start", "dates.mc_end", "mc_days", "clinic",
                 "mmc_number")  # fmt: skip


@dataclass(frozen=True)
class Side:
    """One claim's document of a ``same_document`` signal: where it is and what was read."""

    claim: Claim
    file: str
    pages: tuple[int, ...]
    stored_id: int | None
    values: dict[str, Any]


def _value(doc: dict[str, Any], key: str) -> Any:
    fields = doc.get("fields") or {}
    if key.startswith("dates."):
        return (fields.get("dates") or {}).get(key[6:])
    return fields.get(key, (doc.get("extra_fields") or {}).get(key))


def side(claim: Claim, index: Any) -> Side | None:
    """The document ``index`` of the claim's current report, or None when it is gone."""
    docs = (claim.reports[-1].data if claim.reports else {}).get("documents", [])
    if not isinstance(index, int) or not 0 <= index < len(docs):
        return None
    doc = docs[index]
    name = str(doc.get("file", ""))
    stored = next((d.id for d in claim.documents if d.original_name == name), None)
    values = {
        k.removeprefix("dates."): v
        for k in EVIDENCE_KEYS
        if (v := _value(doc, k)) not in (None, "")
    }
    pages = tuple(int(p) for p in doc.get("pages", []))
    return Side(claim, name, pages, stored, values)


def evidence(claim: Claim, other: Claim, sig: Signal) -> tuple[Side, Side] | None:
    """Both documents of a ``same_document`` signal, this claim's first; None if either is
    no longer in its claim's current report."""
    detail = sig.detail or {}
    a, b = side(claim, detail.get("doc")), side(other, detail.get("other_doc"))
    return (a, b) if a is not None and b is not None else None
