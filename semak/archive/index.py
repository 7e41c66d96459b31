"""A batch's index: every page of every file, where it went. CSV for people, JSON for systems.

One row per page: file, page, kind (content, blank, separator, unreadable; ``not_read`` for a
file that failed, ``duplicate`` for a second copy of a file), readable, rotation, document
(its number within the file), doc type, the insured's IC, the document's dates, the claim
(``unassigned`` when grouping could not place it) with its type and verdict, and a note.

IC numbers: the CSV carries them masked (``870903-**-***1``): a CSV is opened in spreadsheets,
mailed and printed, and an officer finds a claim by its key. The JSON carries the masked form
always and the full number only when asked (``include_ic=True``, for an officer's download).
Names are in neither (PDPA: the index is a map of the paper, not a register of people).

``batch_index(batch)`` is what a route of the officers' portal serves.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.fields.ic import mask_ic
from semak.archive.models import (
    ArchiveBatch,
    ArchiveClaim,
    ArchiveDocument,
    ArchiveFile,
    ArchivePage,
)
from semak.archive.models import FileStatus as FS
from semak.services import Services

COLUMNS = ("file", "page", "kind", "readable", "rotation", "document", "doc_type", "ic",
           "dates", "claim", "claim_type", "verdict", "note")  # fmt: skip


class BatchNotFound(LookupError):
    pass


def batch_index(
    batch: str | int, *, svc: Services | None = None, include_ic: bool = False
) -> tuple[str, dict[str, Any]]:
    """(CSV text, JSON dict) of a batch, by name or id; raises BatchNotFound."""
    if svc is None:
        from semak.services import services

        svc = services()
    with svc.db.Session() as s:
        b = _find(s, batch)
        rows, claims, unassigned, failures = _collect(s, b, include_ic)
    data = {
        "batch": b.name,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "ic_numbers": "full and masked" if include_ic else "masked",
        "summary": b.summary or {},
        "pages": rows,
        "claims": claims,
        "unassigned": unassigned,
        "failures": failures,
    }
    return _csv(rows), data


def _find(s: Session, batch: str | int) -> ArchiveBatch:
    if isinstance(batch, int):
        found = s.get(ArchiveBatch, batch)
    else:
        found = s.scalar(select(ArchiveBatch).where(ArchiveBatch.name == batch))
    if found is None:
        raise BatchNotFound(f"no archive batch {batch}")
    return found


def _collect(
    s: Session, b: ArchiveBatch, include_ic: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    q_files = select(ArchiveFile).where(ArchiveFile.batch_id == b.id)
    files = list(s.scalars(q_files.order_by(ArchiveFile.position)))
    q_claims = select(ArchiveClaim).where(ArchiveClaim.batch_id == b.id)
    claims = {c.key: c for c in s.scalars(q_claims)}
    rows: list[dict[str, Any]] = []
    unassigned: list[dict[str, Any]] = []
    by_id: dict[int, tuple[ArchiveFile, ArchiveDocument]] = {}
    for f in files:
        q_docs = select(ArchiveDocument).where(ArchiveDocument.file_id == f.id)
        docs = {d.position: d for d in s.scalars(q_docs)}
        by_id.update({d.id: (f, d) for d in docs.values()})
        q_pages = select(ArchivePage).where(ArchivePage.file_id == f.id)
        pages = list(s.scalars(q_pages.order_by(ArchivePage.number)))
        rows += _file_rows(f, pages, docs, claims, include_ic)
        unassigned += [_doc_ref(f, d, include_ic) for d in docs.values() if d.claim_key is None]
    failures = [
        {"file": f.path, "code": f.error_code, "message": f.error_message}
        for f in files
        if f.status == FS.FAILED
    ]
    ordered = sorted(claims.values(), key=lambda c: c.key)
    return rows, [_claim(c, by_id, include_ic) for c in ordered], unassigned, failures


def _file_rows(
    f: ArchiveFile,
    pages: list[ArchivePage],
    docs: dict[int, ArchiveDocument],
    claims: dict[str, ArchiveClaim],
    include_ic: bool,
) -> list[dict[str, Any]]:
    if f.status in (FS.FAILED, FS.DUPLICATE) or not pages:
        kind = "duplicate" if f.status == FS.DUPLICATE else "not_read"
        note = f.error_message or f.error_code or str(f.status)
        count = max(f.pages_total, 1)
        return [_row(f.path, n, kind, False, note=note) for n in range(1, count + 1)]
    out = []
    for p in pages:
        d = docs.get(p.document_position) if p.document_position is not None else None
        row = _row(f.path, p.number, p.kind, p.readable, rotation=p.rotation, note=p.error_code)
        if d is not None:
            row.update(_doc_columns(d, claims.get(d.claim_key or ""), include_ic))
        out.append(row)
    _blank_within_claims(out)
    return out


def _blank_within_claims(rows: list[dict[str, Any]]) -> None:
    """A blank page between two documents of one claim is that claim's (a back side)."""
    for i, row in enumerate(rows):
        if row["kind"] != "blank" or row["document"] is not None:
            continue
        before = next((r["claim"] for r in reversed(rows[:i]) if r["document"]), None)
        after = next((r["claim"] for r in rows[i + 1 :] if r["document"]), None)
        if before and before == after and before != "unassigned":
            row["claim"], row["note"] = before, "blank page within the claim"


def _row(file: str, page: int, kind: str, readable: bool, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS, None)
    row.update(file=file, page=page, kind=kind, readable=readable, **extra)
    return row


def _doc_columns(
    d: ArchiveDocument, claim: ArchiveClaim | None, include_ic: bool
) -> dict[str, Any]:
    fields = d.data.get("fields") or {}
    ic = (fields.get("ic_number") or {}).get("value")
    out: dict[str, Any] = {
        "document": d.position,
        "doc_type": d.doc_type,
        "ic": mask_ic(str(ic)) if ic else None,
        "dates": {k: (v or {}).get("value") for k, v in (d.data.get("dates") or {}).items()},
        "claim": d.claim_key or "unassigned",
        "claim_type": claim.claim_type if claim else None,
        "verdict": claim.verdict if claim else None,
    }
    if d.claim_key is None:
        out["note"] = d.assignment_reason
    if include_ic:
        out["ic_full"] = ic
    return out


def _doc_ref(f: ArchiveFile, d: ArchiveDocument, include_ic: bool) -> dict[str, Any]:
    ref = {"file": f.path, "pages": d.data.get("pages"), "doc_type": d.doc_type,
           "reason": d.assignment_reason}  # fmt: skip
    ic = ((d.data.get("fields") or {}).get("ic_number") or {}).get("value")
    ref["ic"] = mask_ic(str(ic)) if ic else None
    if include_ic:
        ref["ic_full"] = ic
    return ref


def _claim(
    c: ArchiveClaim, by_id: dict[int, tuple[ArchiveFile, ArchiveDocument]], include_ic: bool
) -> dict[str, Any]:
    docs = [by_id[i] for i in c.document_ids if i in by_id]
    out: dict[str, Any] = {
        "claim": c.key,
        "claim_type": c.claim_type,
        "insured_ic": mask_ic(c.insured_ic) if c.insured_ic else None,
        "verdict": c.verdict,
        "note": c.note,
        "documents": [
            {"file": f.path, "pages": d.data.get("pages"), "doc_type": d.doc_type} for f, d in docs
        ],
        "findings": [f.get("code") for f in (c.report or {}).get("findings", [])],
    }
    if include_ic:  # the report prints the documents' IC numbers and names
        out["insured_ic_full"] = c.insured_ic
        out["report"] = c.report
    return out


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in rows:
        flat = dict(row)
        dates = row.get("dates") or {}
        flat["dates"] = ";".join(f"{k}={v}" for k, v in dates.items()) if dates else ""
        flat["readable"] = "yes" if row.get("readable") else "no"
        w.writerow({k: "" if v is None else v for k, v in flat.items()})
    return buf.getvalue()
