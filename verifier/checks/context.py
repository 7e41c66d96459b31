"""What every check sees: the claim, its rules, the documents, and the clock as an input."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from intake.models import DocType, Document
from intake.models import Field as DocField
from intake.pipeline import FileResult
from verifier.claim import Claim
from verifier.messages import render
from verifier.models import Deadline, Evidence, Finding, FindingCode, Severity
from verifier.rules.model import CheckRule, ClaimRules


def is_usable(doc: Document) -> bool:
    """A document that can satisfy a requirement: readable and classified."""
    return doc.readable and doc.doc_type != DocType.OTHER


@dataclass
class Context:
    claim: Claim
    rules: ClaimRules
    today: date
    submitted_on: date
    documents: list[Document]  # every document, bundle order
    results: list[FileResult] = field(default_factory=list)
    duplicate_of: dict[int, Document] = field(default_factory=dict)  # id(copy) -> first copy
    catalogue: dict[str, dict[str, str]] = field(default_factory=dict)
    bases: dict[str, dict[str, str]] = field(default_factory=dict)  # law id -> {en, ms}
    deadline: Deadline | None = None  # the time_limit check's
    extra: dict[str, Any] = field(default_factory=dict)  # report keys checks add (insured_age)

    @property
    def active(self) -> list[Document]:
        """Readable, classified documents, each counted once (duplicates dropped)."""
        return [d for d in self.documents if is_usable(d) and id(d) not in self.duplicate_of]

    def of_type(self, *doc_types: str) -> list[Document]:
        return [d for d in self.active if str(d.doc_type) in doc_types]

    def present(self, doc_type: str) -> bool:
        return bool(self.of_type(doc_type))

    def page_size(self, file: str, page: int | None) -> list[int] | None:
        for result in self.results:
            if result.file != file:
                continue
            for p in result.pages:
                if p.number == page and p.width and p.height:
                    return [p.width, p.height]
        return None

    def evidence_file(self, file: str) -> Evidence:
        return Evidence(file=file)

    def evidence(self, doc: Document, key: str | None = None) -> Evidence:
        """Where a document (or one of its fields, ``dates.x`` for a date) is printed."""
        f = _field(doc, key) if key else None
        page = f.page if f else (doc.pages[0] if doc.pages else None)
        return Evidence(
            file=doc.file,
            page=page,
            doc_type=str(doc.doc_type),
            field=key,
            words=(f.raw or str(f.value)) if f else None,
            bbox=[float(x) for x in f.bbox] if f and f.bbox else None,
            page_size=self.page_size(doc.file, page),
        )

    def finding(
        self,
        code: FindingCode,
        spec: CheckRule | None,
        key: str,
        evidence: list[Evidence] | None = None,
        details: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding with its bilingual message, severity (rules file's, else the spec's)."""
        message, message_ms, action, action_ms = render(key, **fields)
        severity = spec.severity if spec and spec.severity else code.default_severity
        rule = spec.rule if spec else None
        source = (spec.source if spec else None) or self._refs(rule)
        return Finding(
            code=code,
            severity=Severity(severity),
            message=message,
            message_ms=message_ms,
            action=action,
            action_ms=action_ms,
            documents=evidence or [],
            rule=rule,
            source=source,
            basis=self.basis(spec),
            details=details or {},
        )

    def basis(self, spec: CheckRule | None) -> dict[str, str] | None:
        """The legal basis in words a reader can check (en, ms): the spec's own, else its
        rule's; None when the finding rests on no law (an unreadable page, a duplicate)."""
        law = spec.law if spec else None
        if law is None and spec and spec.rule:
            law = self.catalogue.get(spec.rule, {}).get("law")
        return dict(self.bases[law]) if law in self.bases else None

    def _refs(self, rule: str | None) -> str | None:
        entry = self.catalogue.get(rule or "")
        return entry["refs"] if entry else None


def _field(doc: Document, key: str) -> DocField | None:
    if key.startswith("dates."):
        return doc.dates.get(key[6:])
    return doc.fields.get(key)
