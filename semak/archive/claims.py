"""A batch's stored documents -> archive claims: grouped, typed, verified like uploads.

The claim data a verification needs is read off the documents: the insured's IC and name
(grouping's), the accident date (the date most documents give as the accident's; else the
death's, the first day of sick leave, the earliest document), the accident kind (commuting
when a police report or sketch map is present), employment status (left with Borang 69 or a
termination letter) and, as the day PERKESO received it, the newest date printed on any of
its documents (archives carry no receipt stamp we read; an officer can correct it).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.errors import SemakError
from intake.fields.ic import format_ic, ic_digits
from intake.models import Document
from intake.pipeline import FileResult
from semak.archive.grouping import DocInfo, Group, group_documents
from semak.archive.models import (
    ArchiveBatch,
    ArchiveClaim,
    ArchiveDocument,
    ArchiveFile,
    ArchivePage,
)
from semak.reports import report_record
from verifier.models import Report
from verifier.rules import load_rules

log = logging.getLogger(__name__)
# claim types whose claim.json names the kind of accident (verifier/rules/<type>.yml asks)
ACCIDENT_TYPES = frozenset(
    k for k, ct in load_rules().claim_types.items() if ct.portal and "accident" in ct.portal.asks
)
CLAIM_REF = re.compile(r"\b(?:NO\.?\s*(?:RUJUKAN|TUNTUTAN)|CLAIM\s*(?:NO|REF)\.?)\s*[:.]?\s*"
                       r"([A-Z]{1,3}-?\d{4}-?\d{3,6})\b", re.IGNORECASE)  # fmt: skip


def load_infos(s: Session, batch_id: int) -> tuple[list[DocInfo], dict[int, ArchiveDocument]]:
    """Grouping's view of every document of the batch, with separator sheets marked."""
    files = s.scalars(
        select(ArchiveFile).where(ArchiveFile.batch_id == batch_id).order_by(ArchiveFile.position)
    ).all()
    docs = {d.id: d for d in s.scalars(
        select(ArchiveDocument).where(ArchiveDocument.batch_id == batch_id))}  # fmt: skip
    by_start = {(d.file_id, d.first_page): d for d in docs.values()}
    infos: list[DocInfo] = []
    separator = False
    for f in files:
        pages = s.scalars(
            select(ArchivePage).where(ArchivePage.file_id == f.id).order_by(ArchivePage.number)
        ).all()
        for p in pages:
            if p.kind == "separator":
                separator = True
            d = by_start.get((f.id, p.number))
            if d is None:
                continue
            d.separator_before = separator
            doc = Document.from_dict(d.data)
            infos.append(doc_info(d.id, (f.position, p.number), doc, separator))
            separator = False
    return infos, docs


def build_claims(s: Session, batch_id: int, today: date | None = None) -> dict[str, Any]:
    """Group the batch's documents, replace its claims, verify each; a summary of counts."""
    infos, docs = load_infos(s, batch_id)
    grouping = group_documents(infos)
    batch = s.get(ArchiveBatch, batch_id)
    name = batch.name if batch else str(batch_id)
    s.execute(delete(ArchiveClaim).where(ArchiveClaim.batch_id == batch_id))
    for d in docs.values():
        d.claim_key = grouping.group_of(d.id)
        d.assignment_reason = grouping.reasons.get(d.id)
    for doc_id, reason in grouping.unassigned:
        docs[doc_id].assignment_reason = reason
    verdicts: Counter[str] = Counter()
    for group in grouping.groups:
        members = [docs[i] for i in group.doc_ids]
        claim = _claim(batch_id, name, group, members, today or date.today())
        s.add(claim)
        verdicts[claim.verdict or "not_verified"] += 1
    summary = {
        "documents": len(docs),
        "claims": len(grouping.groups),
        "unassigned": len(grouping.unassigned),
        "verdicts": dict(verdicts),
    }
    log.info("archive batch %s grouped: %s", batch_id, summary)
    return summary


def _claim(
    batch_id: int, batch_name: str, group: Group, members: list[ArchiveDocument], today: date
) -> ArchiveClaim:
    row = ArchiveClaim(batch_id=batch_id, key=group.key, claim_type=group.claim_type,
                       insured_ic=group.ic, document_ids=list(group.doc_ids))  # fmt: skip
    data, why = claim_data(batch_name, group, [Document.from_dict(m.data) for m in members])
    row.claim_data = data
    if data is None:
        row.note = why
        return row
    try:
        record = report_record(verify_group(data, members, today), source="archive",
                               claim_type_basis=group.claim_type_basis)  # fmt: skip
        row.report, row.verdict = record.data, record.verdict
    except SemakError as exc:
        row.note = f"{exc.code}: {exc.message}"
    except Exception as exc:  # one claim that cannot be verified never sinks the batch
        name = type(exc).__name__  # no message: it might quote a document (PDPA)
        log.warning(
            "archive claim %s of batch %s: verification failed: %s", group.key, batch_id, name
        )
        row.note = f"verification failed: {name}"
    return row


def doc_info(doc_id: int, order: tuple[int, int], doc: Document, separator_before: bool) -> DocInfo:
    """Grouping's view of a stored document."""

    def value(key: str) -> str | None:
        found = doc.field_value(key)
        return str(found) if found else None

    ic = ic_digits(value("ic_number") or "") or None
    ref = value("claim_reference")
    if not ref:
        m = CLAIM_REF.search(doc.text)
        ref = m[1].upper().replace("-", "") if m else None
    return DocInfo(
        id=doc_id,
        order=order,
        doc_type=str(doc.doc_type),
        ic=ic if ic and len(ic) == 12 else None,
        name=value("name"),
        employer_code=value("employer_code"),
        claim_ref=ref,
        notice_type=value("notice_type"),
        dates=tuple(d for f in doc.dates.values() if (d := _day(f.value)) is not None),
        readable=doc.readable,
        separator_before=separator_before,
    )


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def claim_data(
    batch_name: str, group: Group, docs: list[Document]
) -> tuple[dict[str, Any] | None, str]:
    """claim.json for a group, or None and why it cannot be verified."""
    if group.claim_type is None:
        return None, "no document says which benefit is claimed"
    if not group.ic:
        return None, "no IC number"
    dates = _dates_by_key(docs)
    accident = _first_common(dates, ("accident_date", "date_of_death", "mc_start", "document_date"))
    if accident is None:
        return None, "no date of the accident, diagnosis or death"
    types = {str(d.doc_type) for d in docs}
    every = sorted(x for xs in dates.values() for x in xs)
    data: dict[str, Any] = {
        "claim_id": f"{batch_name}/{group.key}"[:64],
        "claim_type": group.claim_type,
        "insured_name": (group.name or "UNKNOWN")[:200],
        "insured_ic": format_ic(group.ic),
        "accident_date": accident.isoformat(),
        "accident_kind": _kind(group.claim_type, types),
        "employment_status": "left" if types & {"form_69", "termination_letter"} else "employed",
        "submitted_on": max(every[-1], accident).isoformat(),
    }  # claim.json's keys only (the schema refuses others); the basis goes on the report
    codes = Counter(d.field_value("employer_code") for d in docs if d.field_value("employer_code"))
    if codes:
        data["employer_code"] = str(codes.most_common(1)[0][0])[:32]
    return data, ""


def _kind(claim_type: str, types: set[str]) -> str | None:
    if claim_type not in ACCIDENT_TYPES:
        return None
    return "commuting" if types & {"police_report", "sketch_map"} else "workplace"


def _dates_by_key(docs: list[Document]) -> dict[str, list[date]]:
    out: dict[str, list[date]] = {}
    for d in docs:
        for key, f in d.dates.items():
            day = _day(f.value)
            if day is not None:
                out.setdefault(key, []).append(day)
    return out


def _first_common(dates: dict[str, list[date]], keys: tuple[str, ...]) -> date | None:
    for key in keys:
        values = dates.get(key)
        if values:
            common = Counter(values).most_common()
            best = common[0][1]
            return min(d for d, n in common if n == best)
    return None


def verify_group(data: dict[str, Any], members: list[ArchiveDocument], today: date) -> Report:
    """The verifier's report for a group, as for an upload of the same documents (the same
    verify stage as the job's: ``verifier.bundle.verify_reading``)."""
    from verifier.bundle import verify_reading

    results: dict[str, FileResult] = {}
    for m in members:
        doc = Document.from_dict(m.data)
        result = results.setdefault(doc.file, FileResult(doc.file, doc.file_sha256))
        result.documents.append(doc)
    return verify_reading(data, list(results.values()), today=today)
