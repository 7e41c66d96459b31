"""What the portal shows of claims, on a database session: the officers' review queue, a
claim's live status, the page viewer's pages with their boxes and findings, names for ids.

No Flask here: the portal (:mod:`semak.web.portal`) passes its session, and a function that
builds the page-image URL of a stored page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from semak import urgency
from semak.archive.review import QueueItem, queue_items, search_conditions
from semak.models import Claim, Correction, Organisation, StoredDocument, User, utcnow
from semak.pageimages import page_sizes

REVIEW_VERDICTS = ("needs_review", "incomplete", "ineligible")
MAX_WORD_BOXES = 2000  # per page: the viewer draws no more
PageUrl = Callable[[StoredDocument, int], str]


def current_report(claim: Claim) -> dict[str, Any] | None:
    return claim.reports[-1].data if claim.reports else None


def first_report(claim: Claim) -> dict[str, Any] | None:
    """The machine's reading before any correction: the first report of the claim."""
    return claim.reports[0].data if claim.reports else None


@dataclass(frozen=True)
class QueueFilter:
    """The officer's choice of claims: search words, verdict (or ``sampled``), claim type."""

    q: str = ""
    verdict: str = ""
    claim_type: str = ""
    include_decided: bool = False


def queue(s: Session, wanted: QueueFilter, today: date | None = None) -> list[Claim | QueueItem]:
    """Claims to review, most urgent first (semak.urgency): open time limits due soonest
    first, then claims without one, then claims already time-barred; the oldest first.
    Archive claims (semak.archive.review) join it like uploaded ones, their batch shown."""
    stmt = select(Claim).where(
        or_(Claim.verdict.in_(REVIEW_VERDICTS), Claim.sampled_for_review.is_(True))
    )
    if wanted.verdict == "sampled":
        stmt = stmt.where(Claim.sampled_for_review.is_(True))
    elif wanted.verdict:
        stmt = stmt.where(Claim.verdict == wanted.verdict)
    if wanted.claim_type:
        stmt = stmt.where(Claim.claim_type == wanted.claim_type)
    if not wanted.include_decided:
        stmt = stmt.where(or_(Claim.decision.is_(None), Claim.decision == "request_documents"))
    name = Claim.data["insured_name"].as_string()
    conds = search_conditions(wanted.q, Claim.reference, Claim.insured_ic, name)
    if conds:
        stmt = stmt.where(or_(*conds))
    rows: list[Claim | QueueItem] = list(s.scalars(stmt.limit(500)))
    if wanted.verdict != "sampled":
        verdicts = [wanted.verdict] if wanted.verdict else list(REVIEW_VERDICTS)
        rows += queue_items(s, verdicts, q=wanted.q, claim_type=wanted.claim_type)
    day = today or date.today()
    rows.sort(key=lambda c: (*urgency.sort_key(c.deadline, day), _aware(c.created_at)))
    return rows


def _aware(dt: datetime | None) -> datetime:
    if dt is None:
        return utcnow()
    return dt if dt.tzinfo else dt.replace(tzinfo=utcnow().tzinfo)


def status_payload(claim: Claim) -> dict[str, Any]:
    """What the live status shows: the claim's status and each file's state."""
    report = current_report(claim) if claim.status == "done" else None
    types_by_file: dict[str, list[str]] = {}
    if report:
        for doc in report.get("documents", []):
            types_by_file.setdefault(doc.get("file", ""), []).append(doc.get("doc_type", "other"))
    progress = claim.progress or {}
    return {
        "status": claim.status,
        "status_reason": claim.status_reason if claim.status == "failed" else None,
        "verdict": claim.verdict if claim.status == "done" else None,
        "progress": {k: progress.get(k) for k in ("stage", "done", "total") if k in progress},
        "documents": [
            {
                "id": d.id,
                "name": d.original_name,
                "status": d.status,
                "error_code": d.error_code,
                "doc_types": types_by_file.get(d.original_name, []),
            }
            for d in claim.documents
        ],
        "finished": claim.status in ("done", "failed"),
    }


def organisation_names(s: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = s.scalars(select(Organisation).where(Organisation.id.in_(wanted)))
    return {o.id: f"{o.name} ({o.employer_code})" for o in rows}


def users_by_id(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {u.id: u.email for u in s.scalars(select(User).where(User.id.in_(wanted)))}


def corrections_of(s: Session, claim: Claim) -> list[Correction]:
    stmt = select(Correction).where(Correction.claim_id == claim.id).order_by(Correction.id)
    return list(s.scalars(stmt))


# --- the page viewer --------------------------------------------------------------------------


def viewer_pages(
    claim: Claim, report: dict[str, Any] | None, page_url: PageUrl, path_of: Callable[[str], Path]
) -> list[dict[str, Any]]:
    """Every page of every stored file with what the officer needs beside it: the documents on
    it, field boxes (report evidence), OCR word boxes where the reading kept them, findings.
    ``page_url`` gives a page image's address; ``path_of`` a storage key's file."""
    report = report or {}
    pages_out: list[dict[str, Any]] = []
    for stored in claim.documents:
        docs = [
            (i, d)
            for i, d in enumerate(report.get("documents", []))
            if d.get("file") == stored.original_name
        ]
        n_pages = max([stored.pages or 1, *[p for _i, d in docs for p in d.get("pages", [])]])
        sizes = _page_sizes(stored, report, path_of)
        for number in range(1, n_pages + 1):
            on_page = [(i, d) for i, d in docs if number in d.get("pages", [])]
            pages_out.append(
                {
                    "doc_id": stored.id,
                    "file": stored.original_name,
                    "page": number,
                    "url": page_url(stored, number),
                    "size": sizes.get(number),
                    "documents": on_page,
                    "boxes": _boxes(stored, report, on_page, number),
                    "findings": _page_findings(stored, report, number),
                }
            )
    return pages_out


def _boxes(
    stored: StoredDocument,
    report: dict[str, Any],
    on_page: list[tuple[int, dict[str, Any]]],
    number: int,
) -> list[dict[str, Any]]:
    boxes: list[dict[str, Any]] = []
    for _i, d in on_page:
        for key, ev in (d.get("evidence") or {}).items():
            if ev and ev.get("page") == number and ev.get("bbox"):
                boxes.append({"kind": "field", "label": key, "bbox": ev["bbox"]})
    for w in _words(stored, report, number):
        boxes.append({"kind": "word", "label": w.get("text", ""), "bbox": w["bbox"]})
    return boxes


def _page_findings(stored: StoredDocument, report: dict[str, Any], number: int) -> list[Any]:
    return [
        f
        for f in report.get("findings", [])
        if any(
            e.get("file") == stored.original_name and e.get("page") in (number, None)
            for e in f.get("documents", [])
        )
    ]


def _readings(stored: StoredDocument, report: dict[str, Any]) -> list[dict[str, Any]]:
    """What was read of the stored file: its own ``result``, then the report's file entries."""
    sources: list[dict[str, Any]] = [stored.result] if stored.result else []
    for entry in report.get("files", []) or []:
        if isinstance(entry, dict) and entry.get("file") == stored.original_name:
            sources.append(entry)
    return sources


def _page_sizes(
    stored: StoredDocument, report: dict[str, Any], path_of: Callable[[str], Path]
) -> dict[int, list[int]]:
    """Pixel size of each page in the reading's coordinates; from the file when unread."""
    sizes: dict[int, list[int]] = {}
    for entry in _readings(stored, report):
        pages = entry.get("pages")
        for p in pages if isinstance(pages, list) else []:
            if isinstance(p, dict) and p.get("width") and p.get("height"):
                sizes[int(p.get("number", 0))] = [int(p["width"]), int(p["height"])]
    if sizes:
        return sizes
    try:
        return page_sizes(path_of(stored.storage_key), stored.media_type)
    except Exception:  # a missing or unreadable file shows without boxes
        return {}


def _words(stored: StoredDocument, report: dict[str, Any], number: int) -> list[dict[str, Any]]:
    for src in _readings(stored, report):
        pages = src.get("pages")
        for p in pages if isinstance(pages, list) else []:
            if isinstance(p, dict) and p.get("number") == number:
                words = [w for w in p.get("words", []) or [] if w.get("bbox")]
                return words[:MAX_WORD_BOXES]
    return []
