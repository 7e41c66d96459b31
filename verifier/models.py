"""The verifier's plain data: verdicts, severities, finding codes, findings, the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from intake.models import Document


class Verdict(StrEnum):
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    NEEDS_REVIEW = "needs_review"
    INELIGIBLE = "ineligible"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingCode(StrEnum):
    MISSING_DOCUMENT = "MISSING_DOCUMENT"
    CLAIM_TIME_BARRED = "CLAIM_TIME_BARRED"
    MC_TOO_SHORT = "MC_TOO_SHORT"
    IC_MISMATCH = "IC_MISMATCH"
    NAME_MISMATCH = "NAME_MISMATCH"
    INVALID_IC = "INVALID_IC"
    DATE_INCONSISTENT = "DATE_INCONSISTENT"
    LATE_ACCIDENT_REPORT = "LATE_ACCIDENT_REPORT"
    UNREADABLE_DOCUMENT = "UNREADABLE_DOCUMENT"
    DUPLICATE_DOCUMENT = "DUPLICATE_DOCUMENT"

    @property
    def default_severity(self) -> Severity:
        return DEFAULT_SEVERITY[self]


DEFAULT_SEVERITY = {
    FindingCode.MISSING_DOCUMENT: Severity.ERROR,
    FindingCode.CLAIM_TIME_BARRED: Severity.ERROR,
    FindingCode.MC_TOO_SHORT: Severity.ERROR,
    FindingCode.IC_MISMATCH: Severity.WARNING,
    FindingCode.NAME_MISMATCH: Severity.WARNING,
    FindingCode.INVALID_IC: Severity.WARNING,
    FindingCode.DATE_INCONSISTENT: Severity.WARNING,
    FindingCode.LATE_ACCIDENT_REPORT: Severity.WARNING,
    FindingCode.UNREADABLE_DOCUMENT: Severity.WARNING,
    FindingCode.DUPLICATE_DOCUMENT: Severity.INFO,
}

# Spec section 6: the first of these codes found makes the verdict ineligible.
INELIGIBLE_CODES = frozenset({FindingCode.CLAIM_TIME_BARRED, FindingCode.MC_TOO_SHORT})


class RequirementStatus(StrEnum):
    PRESENT = "present"
    MISSING = "missing"


@dataclass
class Evidence:
    """Where a finding rests: a document's page, and the words on it when known."""

    file: str
    page: int | None = None
    doc_type: str | None = None
    field: str | None = None
    words: str | None = None
    bbox: list[float] | None = None
    page_size: list[int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Finding:
    code: FindingCode
    severity: Severity
    message: str  # English
    message_ms: str = ""
    action: str = ""
    action_ms: str = ""
    documents: list[Evidence] = field(default_factory=list)
    rule: str | None = None
    source: str | None = None  # our reference ids: kept off the report
    basis: dict[str, str] | None = None  # the legal basis a reader can check: {en, ms}
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": str(self.code),
            "severity": str(self.severity),
            "message": self.message,
            "message_ms": self.message_ms or self.message,
            "action": self.action,
            "action_ms": self.action_ms or self.action,
            "documents": [e.to_dict() for e in self.documents],
        }
        if self.rule:
            out["rule"] = self.rule
        if self.basis:
            out["basis"] = dict(self.basis)
        if self.details:
            out["details"] = self.details
        return out


@dataclass
class Requirement:
    doc_type: str
    status: RequirementStatus
    rule: str | None = None
    group: str | None = None  # the requirement's id in the rules file
    documents: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_type": self.doc_type, "status": str(self.status)}
        if self.rule:
            out["rule"] = self.rule
        if self.group:
            out["group"] = self.group
        out["documents"] = [e.to_dict() for e in self.documents]
        return out


def decide_verdict(findings: list[Finding]) -> Verdict:
    """Spec section 6, first match wins."""
    codes = {f.code for f in findings}
    if codes & INELIGIBLE_CODES:
        return Verdict.INELIGIBLE
    if FindingCode.MISSING_DOCUMENT in codes:
        return Verdict.INCOMPLETE
    if any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings):
        return Verdict.NEEDS_REVIEW
    return Verdict.COMPLETE


@dataclass(frozen=True)
class Deadline:
    """When the claim's time limit ends (the ``time_limit`` check), and from what."""

    last_day: date
    anchor: str  # accident_date, latest_mc_end
    anchor_date: date
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"last_day": self.last_day.isoformat(), "anchor": self.anchor,
                "anchor_date": self.anchor_date.isoformat(), "rule": self.rule}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Any) -> Deadline | None:
        """The report's ``deadline`` part; None when it has none (or not in this shape)."""
        try:
            return cls(
                last_day=date.fromisoformat(data["last_day"]),
                anchor=str(data.get("anchor") or ""),
                anchor_date=date.fromisoformat(data.get("anchor_date") or data["last_day"]),
                rule=data.get("rule"),
            )
        except (TypeError, KeyError, ValueError, AttributeError):
            return None


@dataclass(frozen=True)
class ClaimSummary:
    """The report's ``claim``: what was claimed, as a reader of the report needs it."""

    title: dict[str, str]  # {en, ms}
    insured_name: str
    insured_ic_masked: str
    accident_date: date
    event: str
    accident_kind: str | None = None
    employment_status: str | None = None
    employer_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "title": dict(self.title),
                "accident_date": self.accident_date.isoformat()}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimSummary:
        return cls(**{**data, "accident_date": date.fromisoformat(data["accident_date"])})


@dataclass(frozen=True)
class FileStatus:
    """The report's ``files[]``: each uploaded file, its page count and error code."""

    file: str
    pages: int
    error_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "pages": self.pages, "error_code": self.error_code}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileStatus:
        return cls(str(data["file"]), int(data.get("pages") or 0), data.get("error_code"))


@dataclass(frozen=True)
class PageEntry:
    """The report's ``pages[]``: every page of every file, and why it reads as it does."""

    file: str
    page: int
    readable: bool
    blank: bool
    reason: str | None = None  # with its message in both languages
    message: str | None = None
    message_ms: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "page": self.page,
                               "readable": self.readable, "blank": self.blank}  # fmt: skip
        if self.reason is not None:
            out.update(reason=self.reason, message=self.message, message_ms=self.message_ms)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageEntry:
        return cls(**data)


@dataclass
class Report:
    """The verifier's report; ``to_dict`` is the spec's report JSON. The summary parts are
    None on a Report built by hand (they are then left out)."""

    claim_id: str | None
    claim_type: str
    verdict: Verdict
    documents: list[Document]
    requirements: list[Requirement]
    findings: list[Finding]
    engine: dict[str, str]
    claim: ClaimSummary | None = None
    submitted_on: date | None = None
    checked_on: date | None = None
    files: list[FileStatus] | None = None
    pages: list[PageEntry] | None = None
    counts: dict[str, int] | None = None  # findings per severity
    values: dict[str, dict[str, Any]] | None = None  # effective-dated amounts in force
    deadline: Deadline | None = None
    # what the checks add (certified_days, insured_age, unconfirmed_findings): written by
    # verifier.checks, serialised here, read by no other module
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "claim_id": self.claim_id,
            "claim_type": self.claim_type,
            "verdict": str(self.verdict),
            "documents": [d.to_report_dict() for d in self.documents],
            "requirements": [r.to_dict() for r in self.requirements],
            "findings": [f.to_dict() for f in self.findings],
            "engine": dict(self.engine),
        }
        out.update(self._summary())
        out.update(self.extra)
        if self.deadline is not None:
            out["deadline"] = self.deadline.to_dict()
        return out

    def _summary(self) -> dict[str, Any]:
        parts: dict[str, Any] = {
            "claim": self.claim.to_dict() if self.claim else None,
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
            "files": None if self.files is None else [f.to_dict() for f in self.files],
            "pages": None if self.pages is None else [p.to_dict() for p in self.pages],
            "counts": None if self.counts is None else dict(self.counts),
            "values": None if self.values is None else dict(self.values),
        }
        return {k: v for k, v in parts.items() if v is not None}


def report_deadline(report: Report | dict[str, Any] | None) -> date | None:
    """The one deadline rule: the time limit's last day is the report's ``deadline`` (every
    report whose claim type has a time limit states it), else there is none."""
    if isinstance(report, Report):
        found = report.deadline
    else:
        found = Deadline.from_dict((report or {}).get("deadline"))
    return found.last_day if found is not None else None
