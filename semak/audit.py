"""The audit trail's one writer: who viewed, changed or decided what, and when.

Details carry no IC number, name or medical data. Uploaded files' names often do (people name
a scan after the insured: ``Ahmad 900101-14-5678.pdf``), so a file name in a detail is stored
as its extension only (``*.pdf``); ``scrub_detail`` does the same to rows written before
(retention runs it over the trail). Repeated views of the same thing by the same user within
``VIEW_COLLAPSE`` are one row, so page reloads and image viewers do not flood the trail.

Every action is declared in ``ACTIONS`` with the detail keys it carries and their types;
``record`` refuses anything else (a programming error, caught by the tests), so the portal can
write each row as a sentence for a person and an auditor (``semak.web.trail``). The officer's
message to the employer is recorded with the decision (``decided.message``); retention drops it
with the claim's other words (``forget_words``). Another claim is named by its ``public_id``
only: its reference is looked up when the trail is shown, so a purged claim's goes with it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from semak.models import AuditEvent, Claim, User, utcnow

# action -> {detail key: accepted types}; a key may be left out, no other key is accepted
ACTIONS: dict[str, dict[str, tuple[type, ...]]] = {
    "submitted": {"files": (int,)},
    "uploaded": {"files": (int,)},
    "upload_rejected": {"files": (list,)},
    "viewed": {"via": (str,)},
    "viewed_status": {},
    # pages: [[stored document id, page], ...] seen within VIEW_COLLAPSE (record_page_view);
    # rows written before name one page as document and page
    "viewed_page": {"pages": (list,), "document": (int,), "page": (int,)},
    "downloaded_report": {},
    "downloaded_document": {"document": (int,)},
    "corrected": {"document": (str,), "field": (str,)},
    "reverified": {"verdict": (str,)},
    "receipt_date_set": {"submitted_on": (str,)},
    "forged_corrections_dropped": {"entries": (int, list)},
    "decided": {"decision": (str,), "message": (str,), "with_message": (bool,)},
    "sampled": {"rate": (int, float)},
    "signal": {"kind": (str,), "other": (str,)},
    "logged_in": {},
    "user_created": {"user": (int,), "role": (str,)},
    "user_activated": {"user": (int,)},
    "user_deactivated": {"user": (int,)},
    "viewed_batch": {"batch": (str,)},
    "downloaded_index": {"batch": (str,), "format": (str,)},
    "viewed_archive_claim": {"batch": (str,), "claim": (str,)},
}
WORD_KEYS = ("message",)  # what a person wrote: dropped when the claim is purged

# detail keys whose string values are (or may be) an uploaded file's name
FILE_NAME_KEYS = frozenset({"name", "file", "files", "filename", "document", "document_file"})
# actions whose rows were written with file names before they were masked
FILE_NAME_ACTIONS = ("upload_rejected", "corrected", "uploaded", "submitted")
VIEW_COLLAPSE = timedelta(minutes=10)
_EXT = re.compile(r"\.([A-Za-z0-9]{1,8})$")


def mask_file_name(name: str) -> str:
    """``*.pdf`` for ``Ahmad 900101-14-5678.PDF``: the type stays, who it is about does not."""
    m = _EXT.search(name.strip())
    return f"*.{m.group(1).lower()}" if m else "*"


def scrub_detail(detail: Any) -> Any:
    """``detail`` with every file name (by key, nested in dicts and lists) masked."""
    if isinstance(detail, dict):
        return {k: _scrub_value(k, v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [scrub_detail(v) for v in detail]
    return detail


def _scrub_value(key: str, value: Any) -> Any:
    if key in FILE_NAME_KEYS and isinstance(value, str):
        return mask_file_name(value)
    return scrub_detail(value)


def record(
    s: Session,
    *,
    claim_id: int | None,
    user_id: int | None,
    action: str,
    detail: dict[str, Any],
    collapse: timedelta | None = None,
    now: datetime | None = None,
) -> bool:
    """Add an audit row (file names masked); False when ``collapse`` found the same action
    with the same detail by the same user on the same claim within that time."""
    check(action, detail)
    detail = scrub_detail(detail)
    now = now or utcnow()
    if collapse is not None and _seen(s, claim_id, user_id, action, detail, now - collapse):
        return False
    s.add(
        AuditEvent(claim_id=claim_id, user_id=user_id, action=action, detail=detail, created_at=now)
    )
    return True


def note(
    s: Session,
    claim: Claim | None,
    user: User | None,
    action: str,
    detail: dict[str, Any],
    *,
    collapse: bool = False,
) -> bool:
    """:func:`record` for a claim and a user (either may be None: the system, no claim).
    ``collapse``: a repeat of the same view within ``VIEW_COLLAPSE`` is not recorded again."""
    return record(
        s,
        claim_id=claim.id if claim is not None else None,
        user_id=user.id if user is not None else None,
        action=action,
        detail=detail,
        collapse=VIEW_COLLAPSE if collapse else None,
    )


def trail(s: Session, claim: Claim) -> list[tuple[AuditEvent, str]]:
    """The claim's events, newest first, each with who did it (an e-mail, or ``system``)."""
    rows = s.execute(
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.claim_id == claim.id)
        .order_by(AuditEvent.id.desc())
    )
    return [(ev, email or "system") for ev, email in rows]


def record_page_view(
    s: Session,
    *,
    claim_id: int,
    user_id: int | None,
    document: int,
    page: int,
    now: datetime | None = None,
) -> bool:
    """One row per person and claim for the page images looked at within ``VIEW_COLLAPSE``:
    the viewer loads the first page of every document, and each page seen is added to that
    row's ``pages`` instead of a row of its own. False when it went into an earlier row.
    The viewer asks for its images at once: the claim's row is locked (PostgreSQL; SQLite
    writes one at a time anyway) so that two of them do not both start a row."""
    now = now or utcnow()
    seen = [document, page]
    s.execute(select(Claim.id).where(Claim.id == claim_id).with_for_update())
    earlier = s.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.claim_id == claim_id,
            AuditEvent.user_id.is_(None) if user_id is None else AuditEvent.user_id == user_id,
            AuditEvent.action == "viewed_page",
            AuditEvent.created_at >= now - VIEW_COLLAPSE,
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    if earlier is None:
        return record(
            s,
            claim_id=claim_id,
            user_id=user_id,
            action="viewed_page",
            detail={"pages": [seen]},
            now=now,
        )
    pages = pages_seen(earlier.detail or {})
    if seen not in pages:
        earlier.detail = {"pages": [*pages, seen]}  # a new dict: the JSON column sees the change
    return False


def pages_seen(detail: dict[str, Any]) -> list[list[int]]:
    """The [document, page] pairs of a viewed_page row, old (one page) or new."""
    if "pages" in detail:
        return [list(p) for p in detail["pages"]]
    if "document" in detail:
        return [[int(detail["document"]), int(detail.get("page") or 1)]]
    return []


def check(action: str, detail: dict[str, Any]) -> None:
    """Raise ValueError unless ``action`` is declared and ``detail`` fits its declaration."""
    declared = ACTIONS.get(action)
    if declared is None:
        raise ValueError(f"undeclared audit action {action!r}")
    for key, value in detail.items():
        types = declared.get(key)
        if types is None:
            raise ValueError(f"audit action {action!r} carries no {key!r}")
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise ValueError(f"audit {action!r}.{key} is not {types}")


def forget_words(s: Session, claim_id: int) -> int:
    """Drop what people wrote (``WORD_KEYS``) from a purged claim's rows; how many changed."""
    changed = 0
    for ev in s.scalars(select(AuditEvent).where(AuditEvent.claim_id == claim_id)):
        detail = ev.detail or {}
        if any(k in detail for k in WORD_KEYS):
            ev.detail = {k: v for k, v in detail.items() if k not in WORD_KEYS}
            changed += 1
    return changed


def _seen(
    s: Session,
    claim_id: int | None,
    user_id: int | None,
    action: str,
    detail: dict[str, Any],
    since: datetime,
) -> bool:
    rows = s.scalars(
        select(AuditEvent.detail).where(
            AuditEvent.claim_id.is_(None) if claim_id is None else AuditEvent.claim_id == claim_id,
            AuditEvent.user_id.is_(None) if user_id is None else AuditEvent.user_id == user_id,
            AuditEvent.action == action,
            AuditEvent.created_at >= since,
        )
    )
    return any(row == detail for row in rows)


def scrub_trail(s: Session) -> int:
    """Mask file names in rows written before masking; how many rows changed."""
    changed = 0
    rows = s.scalars(select(AuditEvent).where(AuditEvent.action.in_(FILE_NAME_ACTIONS)))
    for ev in rows:
        clean = scrub_detail(ev.detail or {})
        if clean != ev.detail:
            ev.detail = clean
            changed += 1
    return changed
