"""The expected report of a bundle, computed from its ground truth by spec/RULES.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from stdnum.my import nric

DEATH_TYPES = ("dependants_benefit", "funeral_benefit", "survivors_pension")
LEGACY = ("form_21", "form_10", "form_68", "form_69")
REQ_RULE = {"police_report": "R05", "sketch_map": "R06", "death_certificate": "R19"}


@dataclass
class TruthDoc:
    file: str
    pages: list[int]
    doc_type: str
    fields: dict[str, Any]
    readable: bool = True
    duplicate_of: str | None = None  # "file#pages" of the first copy
    other_person: bool = False  # names somebody else as the insured (NAME_MISMATCH)
    role: str = "insured"  # insured, claimant


@dataclass
class Claim:
    claim_type: str
    insured_ic: str
    accident_date: date
    accident_kind: str | None
    employment_status: str
    submitted_on: date
    claimant_differs: bool = False


@dataclass
class Req:
    doc_type: str
    status: str
    rule: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


# MyKad checks of the expected reports, independent of the code under test (#20): validity is
# python-stdnum's (birth date, place-of-birth code), the age is computed here from the digits.


def ic_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def format_ic(text: str) -> str:
    d = ic_digits(text)
    return f"{d[:6]}-{d[6:8]}-{d[8:]}"


def is_valid_ic(text: str) -> bool:
    return bool(nric.is_valid(ic_digits(text)))


def age_on(text: str, on: date) -> int:
    """Whole years on ``on``; the century that makes the person 0-99 years old (domain.md 4.1)."""
    d = ic_digits(text)
    born = date(2000 + int(d[:2]), int(d[2:4]), int(d[4:6]))
    if born > on:
        born = born.replace(year=born.year - 100)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise ValueError(d)


def _count(docs: list[TruthDoc], t: str, role: str | None = None) -> int:
    return sum(
        1
        for d in docs
        if d.readable
        and d.doc_type == t
        and d.duplicate_of is None
        and (role is None or d.role == role)
    )


def _alternatives(docs: list[TruthDoc], alts: list[list[str]], rule: str | None) -> list[Req]:
    have = {t for d in docs if d.readable for t in [d.doc_type]}
    for alt in alts:
        if all(t in have for t in alt):
            return [Req(t, "present", rule) for t in alt]
    for alt in alts:
        if any(t in have for t in alt):
            return [Req(t, "present" if t in have else "missing", rule) for t in alt]
    return [Req(t, "missing", rule) for t in alts[0]]


def requirements(claim: Claim, docs: list[TruthDoc]) -> list[Req]:
    ct = claim.claim_type

    def one(t: str, rule: str | None = None) -> Req:
        return Req(t, "present" if _count(docs, t) else "missing", rule or REQ_RULE.get(t))

    if ct == "temporary_disablement":
        out = _alternatives(docs, [["form_34"], ["form_21", "form_10"]], None)
        out += [
            one(t) for t in ("mykad", "medical_certificate", "attendance_record", "wage_statement")
        ]
        if claim.accident_kind == "commuting":
            out += [one("police_report"), one("sketch_map")]
        return out
    if ct == "occupational_disease":
        legacy = "form_68" if claim.employment_status == "employed" else "form_69"
        out = _alternatives(docs, [["form_34"], [legacy]], "R08")
        has_legacy = any(d.readable and d.doc_type in LEGACY for d in docs)
        if has_legacy and _count(docs, "medical_certificate"):
            out.append(one("form_10"))
        return out
    if ct == "permanent_disablement":
        out = [one("permanent_disablement_application"), one("mykad"), one("medical_report")]
        out += _alternatives(docs, [["form_34"], ["form_10"]], None)
        return [*out, one("wage_statement"), one("bank_statement")]
    if ct in DEATH_TYPES:
        out = [
            one("form_34"),
            one("death_certificate"),
            Req("mykad", "present" if _count(docs, "mykad", "insured") else "missing"),
        ]
        if ct == "dependants_benefit" and claim.accident_kind == "commuting":
            out.append(one("police_report"))
        if ct == "funeral_benefit" and claim.claimant_differs:
            n = _count(docs, "mykad", "claimant")
            out.append(Req("mykad", "present" if n else "missing", None, {"for": "claimant"}))
        return out
    if ct == "invalidity_pension":
        return [one(t) for t in ("form_34", "medical_report", "mykad", "bank_statement")]
    if ct == "job_loss":
        return [one(t) for t in ("termination_letter", "mykad", "bank_statement")]
    raise ValueError(ct)


def _ref(d: TruthDoc) -> list[dict[str, Any]]:
    return [{"file": d.file, "page": d.pages[0]}]


def _f(
    code: str, sev: str, msg: str, docs: list[dict[str, Any]] | None = None, rule: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "severity": sev, "message": msg}
    if docs:
        out["documents"] = docs
    if rule:
        out["rule"] = rule
    return out


def _d(d: TruthDoc, key: str) -> date | None:
    v = d.fields.get("dates", {}).get(key)
    return date.fromisoformat(v) if v else None


def mc_days(docs: list[TruthDoc], accident: date) -> int:
    days = {accident}
    for d in docs:
        s, e = _d(d, "mc_start"), _d(d, "mc_end")
        if d.readable and d.doc_type == "medical_certificate" and s and e and e >= s:
            days |= {s + timedelta(days=i) for i in range((e - s).days + 1)}
    return len(days)


def time_barred(claim: Claim, docs: list[TruthDoc]) -> dict[str, Any] | None:
    ct, acc, sub = claim.claim_type, claim.accident_date, claim.submitted_on
    if ct == "job_loss":
        if (sub - acc).days > 60:
            return _f(
                "CLAIM_TIME_BARRED",
                "error",
                f"Received {(sub - acc).days} days after the last day of employment "
                f"({acc}); the limit is 60 days.",
                rule="R14",
            )
        return None
    if ct == "invalidity_pension":
        return None
    anchor, rule = acc, "R02"
    if ct == "permanent_disablement":
        ends = [
            e
            for d in docs
            if d.readable and d.doc_type == "medical_certificate"
            for e in [_d(d, "mc_end")]
            if e
        ]
        anchor, rule = (max(ends) if ends else acc), "R09"
    if sub > add_months(anchor, 12):
        return _f(
            "CLAIM_TIME_BARRED",
            "error",
            f"Received on {sub}, more than 12 months after {anchor}.",
            rule=rule,
        )
    return None


def date_findings(claim: Claim, docs: list[TruthDoc]) -> list[dict[str, Any]]:
    out = []
    acc = claim.accident_date
    for d in docs:
        if not d.readable:
            continue
        s, e, n = _d(d, "mc_start"), _d(d, "mc_end"), d.fields.get("mc_days")
        probs = []
        if d.doc_type == "medical_certificate" and s and e:
            if e < s:
                probs.append("the MC ends before it starts")
            elif n is not None and n != (e - s).days + 1:
                probs.append(f"the MC prints {n} days but {s} to {e} is {(e - s).days + 1}")
            if s < acc and claim.claim_type in ("temporary_disablement", "permanent_disablement"):
                probs.append(f"the MC starts on {s}, before the accident on {acc}")
        a = _d(d, "accident_date")
        if a and a != acc:
            probs.append(f"the document prints the accident date {a}, the claim says {acc}")
        for k, v in d.fields.get("dates", {}).items():
            if date.fromisoformat(v) > claim.submitted_on:
                probs.append(f"{k} {v} is after the claim was received")
        doc_date, notified = _d(d, "document_date"), _d(d, "notified_date")
        if d.doc_type == "police_report" and doc_date and doc_date < acc:
            probs.append(f"the police report was lodged on {doc_date}, before the accident")
        if notified and notified < acc:
            probs.append(f"notified on {notified}, before the accident")
        out += [
            _f("DATE_INCONSISTENT", "warning", p[0].upper() + p[1:] + ".", _ref(d)) for p in probs
        ]
    return out


def person_findings(claim: Claim, docs: list[TruthDoc]) -> list[dict[str, Any]]:
    out = []
    want = ic_digits(claim.insured_ic)
    if not is_valid_ic(claim.insured_ic):
        out.append(
            _f(
                "INVALID_IC",
                "warning",
                f"insured_ic {claim.insured_ic} is not a possible MyKad number.",
                rule="R16",
            )
        )
    for d in docs:
        ic = d.fields.get("ic_number")
        if not d.readable or d.role != "insured":
            continue
        if ic and ic_digits(ic) != want:
            out.append(
                _f(
                    "IC_MISMATCH",
                    "warning",
                    f"{d.file} prints IC {ic} for the insured; the claim says {format_ic(want)}.",
                    _ref(d),
                    "R16",
                )
            )
            if not is_valid_ic(ic):
                out.append(
                    _f(
                        "INVALID_IC",
                        "warning",
                        f"{d.file} prints an impossible IC {ic}.",
                        _ref(d),
                        "R16",
                    )
                )
        if d.other_person:
            out.append(
                _f(
                    "NAME_MISMATCH",
                    "warning",
                    f"{d.file} names {d.fields.get('name')} as the insured.",
                    _ref(d),
                )
            )
    return out


def expected_report(claim_id: str, claim: Claim, docs: list[TruthDoc]) -> dict[str, Any]:
    reqs = requirements(claim, docs)
    findings = [
        _f(
            "MISSING_DOCUMENT",
            "error",
            f"Required document missing: {r.doc_type}" + (" (claimant's)" if r.extra else "") + ".",
            rule=r.rule,
        )
        for r in reqs
        if r.status == "missing"
    ]
    barred = time_barred(claim, docs)
    if barred:
        findings.append(barred)
    if claim.claim_type == "temporary_disablement" and _count(docs, "medical_certificate"):
        n = mc_days(docs, claim.accident_date)
        if n < 4:
            findings.append(
                _f(
                    "MC_TOO_SHORT",
                    "error",
                    f"{n} days of certified incapacity "
                    "counting the accident day; at least 4 are needed.",
                    rule="R03",
                )
            )
    findings += person_findings(claim, docs)
    findings += date_findings(claim, docs)
    for d in docs:
        if d.readable and d.doc_type in ("form_34", "form_21"):
            nd = _d(d, "notified_date")
            if nd and (nd - claim.accident_date).days > 2:
                findings.append(
                    _f(
                        "LATE_ACCIDENT_REPORT",
                        "warning",
                        f"Notified on {nd}, more than 48 hours after the accident.",
                        _ref(d),
                        "R01",
                    )
                )
        if not d.readable:
            findings.append(
                _f(
                    "UNREADABLE_DOCUMENT",
                    "warning",
                    f"{d.file} page {d.pages[0]} cannot be read; upload a clearer copy.",
                    _ref(d),
                )
            )
        if d.duplicate_of:
            findings.append(
                _f(
                    "DUPLICATE_DOCUMENT",
                    "info",
                    f"{d.file} repeats {d.duplicate_of}; counted once.",
                    _ref(d),
                )
            )
    report: dict[str, Any] = {
        "claim_id": claim_id,
        "claim_type": claim.claim_type,
        "verdict": verdict([f["code"] for f in findings], [f["severity"] for f in findings]),
        "documents": [
            {
                "file": d.file,
                "pages": d.pages,
                "doc_type": d.doc_type,
                "fields": d.fields if d.readable else {},
            }
            for d in docs
        ],
        "requirements": [
            {
                "doc_type": r.doc_type,
                "status": r.status,
                **({"rule": r.rule} if r.rule else {}),
                **r.extra,
            }
            for r in reqs
        ],
        "findings": findings,
    }
    if claim.claim_type == "invalidity_pension" and is_valid_ic(claim.insured_ic):
        report["insured_age"] = age_on(claim.insured_ic, claim.submitted_on)
    return report


def verdict(codes: list[str], severities: list[str]) -> str:
    if {"CLAIM_TIME_BARRED", "MC_TOO_SHORT"} & set(codes):
        return "ineligible"
    if "MISSING_DOCUMENT" in codes:
        return "incomplete"
    if any(s in ("warning", "error") for s in severities):
        return "needs_review"
    return "complete"
