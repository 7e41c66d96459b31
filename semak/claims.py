"""Claims as a service: what the API and the portal call. No Flask request objects here.

API for the portal (all raise ``intake.errors.SemakError`` subclasses with a stable
``code`` on bad input, answered by ``semak.errors.http_status`` at the edge; nothing is
stored when they raise):

    create_claim(user, claim_data, files) -> Claim
        Validate claim.json data (verifier.claim.Claim.from_dict) and the files (count, size,
        type by magic bytes, not cut off), store the files and the claim (committed), then
        queue its verification. ``files``: werkzeug ``FileStorage`` objects, or anything with
        ``.filename`` and ``.stream``. Employers file for their own organisation; officers
        need ``employer_code`` in the claim data; administrators file none
        (``AdminCannotFile``, 403: they see no claim). ``submitted_on`` is the day of
        receipt (Malaysia time): an employer's value is replaced by it; an officer's
        (a paper claim's receipt day) is kept and audited (``receipt_date_set``).
    set_receipt_date(claim, user, day) -> None
        An officer gives the day a paper claim was received: ``submitted_on`` changes
        (``InvalidReceiptDate`` after today or before the accident), audited
        (``receipt_date_set``); the caller runs the rules again.
    add_documents(claim, files) -> list[StoredDocument]
        Store more files on a claim and queue its verification again.
    claim_for_user(user, public_id) -> Claim | None
        The claim if this user may see it (semak.access: employers their organisation's only,
        officers all, administrators none), else None.
    claims_for_user(user, limit=100, offset=0) -> list[Claim]
        Newest first, with the same rule; ``offset`` rows skipped (the API's pages).
    rerun(claim) -> None
        Queue the verification again (new rules, a failed run).
    create_claim and rerun take ``queue="archive"`` for bulk work behind people's uploads.
    current_report(claim) -> dict | None
        The newest report's data.

Each takes optional keyword arguments ``session`` (default: the request's session,
``semak.services.session()``) and ``svc`` (default: the current app's ``Services``).
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import PurePosixPath
from typing import IO, Any, BinaryIO, Protocol, cast

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.errors import SemakError
from semak.access import claims_visible_to, may_file, may_see
from semak.audit import VIEW_COLLAPSE
from semak.audit import record as audit_record
from semak.errors import (
    AdminCannotFile,
    ClaimBusy,
    EmployerRequired,
    InvalidReceiptDate,
    NoFiles,
    TooManyFiles,
)
from semak.models import Claim, ClaimStatus, Role, StoredDocument, User
from semak.services import Services
from semak.storage import Stored

log = logging.getLogger(__name__)
MYT = timezone(timedelta(hours=8))

MAX_NAME_CHARS = 120
APPEND_ATTEMPTS = 5  # position clashes with concurrent uploads to one claim before 409
EXTENSION_FOR = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/heic": ".heic",
}


class Upload(Protocol):
    filename: str | None
    stream: IO[bytes]


@dataclass
class UploadFile:
    """An upload from bytes or an open file, for scripts and tests."""

    filename: str | None
    stream: IO[bytes]


@dataclass
class _Checked:
    name: str
    stored: Stored
    media_type: str
    pages: int | None


def _ctx(session: Session | None, svc: Services | None) -> tuple[Session, Services]:
    if svc is None:
        from semak.services import services

        svc = services()
    if session is None:
        from semak.services import session as request_session

        session = request_session()
    return session, svc


# --- the service functions -----------------------------------------------------------------


def create_claim(
    user: User,
    claim_data: Any,
    files: Sequence[Upload],
    *,
    queue: str = "interactive",
    session: Session | None = None,
    svc: Services | None = None,
) -> Claim:
    from verifier.claim import Claim as ClaimData

    s, svc = _ctx(session, svc)
    if not may_file(user):  # semak.access: administrators file no claim
        raise AdminCannotFile("Administrators do not file claims; an officer or the employer does.")
    parsed = ClaimData.from_dict(claim_data)  # InvalidClaim (400)
    try:
        org_id = _organisation_for(s, user, parsed.employer_code, parsed.employer_name)
        checked = _store_files(svc, files, already=0, taken=set())
    except BaseException:
        s.rollback()
        raise
    try:
        claim = Claim(
            public_id=str(uuid.uuid4()),
            reference=(parsed.claim_id or _new_reference())[:64],
            organisation_id=org_id,
            created_by_id=user.id,
            claim_type=str(parsed.claim_type),
            data=received(claim_data, user),
            insured_ic="".join(c for c in parsed.insured_ic if c.isdigit()),
            status=ClaimStatus.QUEUED,
            progress={"stage": "queued", "done": 0, "total": len(checked)},
            revision=1,
            attempts=0,
        )
        s.add(claim)
        s.flush()
        _add_rows(s, claim, checked, start=0)
        _audit(s, claim, user, "submitted", {"files": len(checked)})
        if user.role != Role.EMPLOYER and parsed.submitted_on is not None:
            # a paper claim's receipt day, given by an officer: deadlines count to it
            _audit(s, claim, user, "receipt_date_set", {"submitted_on": claim.data["submitted_on"]})
        s.commit()
    except BaseException:
        s.rollback()
        _discard(svc, checked)
        raise
    log.info("claim %s stored with %d files", claim.public_id, len(checked))
    _enqueue(s, svc, claim, queue)
    return claim


def add_documents(
    claim: Claim,
    files: Sequence[Upload],
    *,
    user: User | None = None,
    session: Session | None = None,
    svc: Services | None = None,
) -> list[StoredDocument]:
    s, svc = _ctx(session, svc)
    existing = list(claim.documents)
    checked = _store_files(
        svc, files, already=len(existing), taken={d.original_name for d in existing}
    )
    try:
        rows = _append_rows(s, claim, checked, user)
    except BaseException:
        s.rollback()
        _discard(svc, checked)
        raise
    _enqueue(s, svc, claim)
    return rows


def _append_rows(
    s: Session, claim: Claim, checked: list[_Checked], user: User | None
) -> list[StoredDocument]:
    """The new documents after the claim's last, committed; a concurrent upload to the same
    claim took the same positions when the insert clashes, so count again and retry."""
    for attempt in range(APPEND_ATTEMPTS):
        try:
            start = max((d.position for d in claim.documents), default=-1) + 1
            rows = _add_rows(s, claim, checked, start=start)
            _bump(claim)
            _audit(s, claim, user, "uploaded", {"files": len(checked)})
            s.commit()
            return rows
        except IntegrityError as clash:
            s.rollback()
            if attempt == APPEND_ATTEMPTS - 1:
                raise ClaimBusy("another upload is changing this claim; try again") from clash
            s.refresh(claim)
    raise AssertionError("unreachable")


def rerun(
    claim: Claim,
    *,
    queue: str = "interactive",
    session: Session | None = None,
    svc: Services | None = None,
) -> None:
    s, svc = _ctx(session, svc)
    _bump(claim)
    s.commit()
    _enqueue(s, svc, claim, queue)


def set_receipt_date(
    claim: Claim, user: User, day: date, *, session: Session | None = None
) -> None:
    """``submitted_on`` := ``day``, the day PERKESO received a paper claim (an officer's word,
    audited). Not after today (Malaysia time), not before the accident."""
    s = session if session is not None else _ctx(None, None)[0]
    if day > today_myt():
        raise InvalidReceiptDate("The day of receipt is in the future.")
    accident = _accident_date(claim.data or {})
    if accident is not None and day < accident:
        raise InvalidReceiptDate("The day of receipt is before the accident.")
    claim.data = {**(claim.data or {}), "submitted_on": day.isoformat()}  # a new dict: JSON
    _audit(s, claim, user, "receipt_date_set", {"submitted_on": day.isoformat()})
    s.commit()


def _accident_date(data: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(data.get("accident_date")))
    except ValueError:
        return None


def claim_for_user(user: User, public_id: str, *, session: Session | None = None) -> Claim | None:
    s = session if session is not None else _ctx(None, None)[0]
    try:
        uuid.UUID(public_id)
    except (ValueError, TypeError):
        return None
    claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
    if claim is None or not may_see(user, claim):
        return None
    return claim


def _audit(
    s: Session, claim: Claim, user: User | None, action: str, detail: dict[str, Any]
) -> None:
    """An audit-trail row; ``detail`` never carries an IC number, a name or medical data
    (file names are masked by semak.audit). Views within ten minutes collapse into one."""
    collapse = VIEW_COLLAPSE if action == "viewed" else None
    audit_record(
        s,
        claim_id=claim.id,
        user_id=user.id if user else None,
        action=action,
        detail=detail,
        collapse=collapse,
    )


def record_view(claim: Claim, user: User, via: str, *, session: Session | None = None) -> None:
    """The audit trail's "viewed": who read a claim (its IC, names, medical papers), and how."""
    s = session if session is not None else _ctx(None, None)[0]
    _audit(s, claim, user, "viewed", {"via": via})
    s.commit()


def claims_for_user(
    user: User, limit: int = 100, *, offset: int = 0, session: Session | None = None
) -> list[Claim]:
    s = session if session is not None else _ctx(None, None)[0]
    return list(s.scalars(claims_visible_to(user).offset(offset).limit(limit)))


def current_report(claim: Claim) -> dict[str, Any] | None:
    return claim.reports[-1].data if claim.reports else None


# --- helpers -------------------------------------------------------------------------------


def safe_filename(name: str | None, fallback: str) -> str:
    """The uploaded name without folders, control characters or excess length."""
    raw = (name or "").replace("\\", "/")
    base = PurePosixPath(raw).name if raw else ""
    base = "".join(
        c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C"
    )
    base = " ".join(base.split()).lstrip(". ")
    if base in ("", ".", ".."):
        return fallback
    if len(base) > MAX_NAME_CHARS:
        stem, dot, ext = base.rpartition(".")
        ext = ext[:10] if dot and stem else ""
        base = base[: MAX_NAME_CHARS - len(ext) - 1].rstrip() + ("." + ext if ext else "")
    return base


def _unique(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    n = 2
    while True:
        candidate = f"{stem} ({n})" + (f".{ext}" if ext else "")
        if candidate not in taken:
            return candidate
        n += 1


def _store_files(
    svc: Services, files: Sequence[Upload], *, already: int, taken: set[str]
) -> list[_Checked]:
    """Check and store every file; on any error nothing new stays in storage."""
    from intake.files import inspect_file, sniff

    settings = svc.settings
    files = [f for f in files if f is not None and (f.filename or _has_bytes(f))]
    if not files:
        raise NoFiles("Upload at least one document (PDF, JPEG, PNG or TIFF).")
    if already + len(files) > settings.max_files:
        raise TooManyFiles(f"A claim holds at most {settings.max_files} files.")
    # cheap first pass: the type by magic bytes, before storing anything
    for f in files:
        head = f.stream.read(1024)
        f.stream.seek(0)
        sniff(head)  # UnsupportedFile (415), EmptyFile
    opts = settings.read_options()  # the upload limit, as the worker reads it
    checked: list[_Checked] = []
    taken = set(taken)
    try:
        for i, f in enumerate(files, start=already + 1):
            stored = svc.storage.put(cast(BinaryIO, f.stream), max_bytes=settings.max_upload_bytes)
            checked.append(_Checked("", stored, "", None))
            info = inspect_file(svc.storage.path(stored.key), f.filename or "", opts)
            fallback = f"document-{i}{EXTENSION_FOR.get(info.media_type, '')}"
            name = _unique(safe_filename(f.filename, fallback), taken)
            taken.add(name)
            checked[-1] = _Checked(name, stored, info.media_type, info.pages)
    except BaseException:
        _discard(svc, checked)
        raise
    return checked


def _has_bytes(f: Upload) -> bool:
    head = f.stream.read(1)
    f.stream.seek(0)
    return bool(head)


def _discard(svc: Services, checked: list[_Checked]) -> None:
    for c in checked:
        if c.stored.created:
            svc.storage.delete(c.stored.key)


def _add_rows(
    s: Session, claim: Claim, checked: list[_Checked], start: int
) -> list[StoredDocument]:
    rows = [
        StoredDocument(
            claim_id=claim.id,
            position=start + n,
            original_name=c.name,
            sha256=c.stored.sha256,
            storage_key=c.stored.key,
            media_type=c.media_type,
            size=c.stored.size,
            pages=c.pages,
            status="queued",
        )
        for n, c in enumerate(checked)
    ]
    s.add_all(rows)
    s.flush()
    return rows


def _bump(claim: Claim) -> None:
    claim.revision = (claim.revision or 1) + 1
    claim.status, claim.status_reason = ClaimStatus.QUEUED, None
    claim.progress = {"stage": "queued", "done": 0, "total": len(claim.documents)}


def _enqueue(s: Session, svc: Services, claim: Claim, queue: str = "interactive") -> None:
    """Queue the claim; if Redis is down the claim stays stored and ``queued`` for requeue.
    On the interactive queue, a claim over its organisation's share waits its turn
    (semak.share), queued by the success callback or the reconciler."""
    from semak import share
    from semak.queue import INTERACTIVE, enqueue_claim

    if queue == INTERACTIVE and share.must_wait(s, claim):
        log.info("claim %s waits for its organisation's turn", claim.public_id)
        claim.status_reason = share.WAITING_TURN
        s.commit()
        return
    if claim.status_reason == share.WAITING_TURN:
        claim.status_reason = None
        s.commit()
    enqueue_claim(s, svc.redis, svc.settings, claim, queue=queue)


def _organisation_for(
    s: Session, user: User, employer_code: str | None, employer_name: str | None
) -> int:
    from semak.auth import get_or_create_organisation

    if user.role == Role.EMPLOYER:
        if user.organisation_id is None:
            raise EmployerRequired("This account is not linked to an employer.")
        return user.organisation_id
    if not employer_code:
        raise EmployerRequired("claim.json needs employer_code when an officer files a claim.")
    return get_or_create_organisation(s, employer_code, employer_name).id


def _new_reference() -> str:
    return f"SMK-{datetime.now(UTC):%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"


__all__ = [
    "SemakError",
    "UploadFile",
    "add_documents",
    "claim_for_user",
    "claim_json",
    "claims_for_user",
    "create_claim",
    "current_report",
    "may_see",
    "received",
    "rerun",
    "set_receipt_date",
    "today_myt",
]


def received(claim_data: dict[str, Any], user: User) -> dict[str, Any]:
    """claim.json as stored: ``submitted_on`` is the day PERKESO received the claim (spec
    section 1). An employer's claim is received the day it arrives (Malaysia time), whatever it
    says; an officer may give the day a paper claim was received (audited by the
    caller), else it is today too. Pinned so a re-run counts deadlines to the receipt day."""
    data = dict(claim_data)
    if user.role == Role.EMPLOYER or not data.get("submitted_on"):
        data["submitted_on"] = today_myt().isoformat()
    return data


def today_myt() -> date:
    """Today in Malaysia (UTC+8), the day a claim arriving now is received."""
    return datetime.now(MYT).date()


def claim_json(stored: dict[str, Any]) -> dict[str, Any]:
    """A stored claim's claim.json for the verifier: the schema's keys only. ``Claim.data``
    also carries what the server keeps beside it (``purged_at``; ``corrections`` in databases
    from before officers' corrections were read from their rows only), which is not claim.json.
    """
    from verifier.claim import claim_keys

    keys = claim_keys()
    return {k: v for k, v in stored.items() if k in keys}
