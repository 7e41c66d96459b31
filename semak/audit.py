"""The audit trail's one writer: who viewed, changed or decided what, and when.

Details carry no IC number, name or medical data. Uploaded files' names often do (people name
a scan after the insured: ``Ahmad 900101-14-5678.pdf``), so a file name in a detail is stored
as its extension only (``*.pdf``); ``scrub_detail`` does the same to rows written before
(retention runs it over the trail). Repeated views of the same thing by the same user within
``VIEW_COLLAPSE`` are one row, so page reloads and image viewers do not flood the trail.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from semak.models import AuditEvent, utcnow

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
    detail = scrub_detail(detail)
    now = now or utcnow()
    if collapse is not None and _seen(s, claim_id, user_id, action, detail, now - collapse):
        return False
    s.add(
        AuditEvent(claim_id=claim_id, user_id=user_id, action=action, detail=detail, created_at=now)
    )
    return True


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
