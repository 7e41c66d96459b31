"""The web's thin adapter onto the service layer.

Views call these functions; these call ``semak.claims`` / ``semak.auth`` / the models. What the
service layer does not (yet) offer for the portal - audit events, decisions, officer
corrections, sampling, cross-claim signals, accuracy - lives here, on the existing models.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from flask import abort, current_app
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from semak.archive.review import QueueItem, queue_items, search_conditions
from semak.audit import VIEW_COLLAPSE
from semak.audit import record as audit_record
from semak.models import (
    AuditEvent,
    Claim,
    Correction,
    Decision,
    Report,
    Role,
    StoredDocument,
    User,
    utcnow,
)
from semak.web import urgency
from semak.web.access import can_view_claim
from semak.web.throttle import LoginThrottle

REVIEW_VERDICTS = ("needs_review", "incomplete", "ineligible")


def db() -> Session:
    from semak.db import session

    return session()


def commit() -> None:
    db().commit()


def load_user(user_id: str) -> User | None:
    try:
        user = db().get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.active else None


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None. An unknown e-mail costs the same
    scrypt work as a known one (semak.auth.check_login): the time taken does not tell."""
    from semak.auth import check_login

    user = db().scalar(select(User).where(User.email == email.strip().lower()))
    return user if check_login(user, password) else None


def login_throttle() -> LoginThrottle:
    ext = current_app.extensions
    if "semak_throttle" not in ext:
        redis = None
        try:
            from semak.services import services

            redis = services().redis
        except Exception:
            redis = None
        ext["semak_throttle"] = LoginThrottle(redis)
    throttle: LoginThrottle = ext["semak_throttle"]
    return throttle


def set_locale(user: User, lang: str) -> None:
    u = db().get(User, user.id)
    if u is not None:
        u.locale = lang
        db().commit()


def audit(
    claim: Claim | None,
    user: User | None,
    action: str,
    detail: dict[str, Any],
    *,
    collapse: bool = False,
) -> None:
    """Record who did what (semak.audit: a declared action, file names masked); ``detail``
    must carry no IC number or medical data. ``collapse``: a repeat of the same view within
    ten minutes is not recorded again."""
    audit_record(
        db(),
        claim_id=claim.id if claim is not None else None,
        user_id=user.id if user is not None else None,
        action=action,
        detail=detail,
        collapse=VIEW_COLLAPSE if collapse else None,
    )


def audit_trail(claim: Claim) -> list[tuple[AuditEvent, str]]:
    rows = db().execute(
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.claim_id == claim.id)
        .order_by(AuditEvent.id.desc())
    )
    return [(ev, email or "system") for ev, email in rows]


# --- claims -----------------------------------------------------------------------------------


def claim_or_404(user: User, public_id: str) -> Claim:
    """The claim if this user may see it; 404 otherwise (no hint that it exists)."""
    if len(public_id) > 36:
        abort(404)
    claim = db().scalar(select(Claim).where(Claim.public_id == public_id))
    if claim is None or not can_view_claim(user, claim):
        abort(404)
    return claim


def current_report(claim: Claim) -> dict[str, Any] | None:
    return claim.reports[-1].data if claim.reports else None


def report_html(claim: Claim, report: dict[str, Any] | None, lang: str) -> str | None:
    """The verifier's own rendering of the report (what to do, legal basis, evidence with the
    page images through the authorised route), as a fragment to embed; None if unavailable."""
    if not report:
        return None
    from flask import url_for

    try:
        from verifier.render import render_html

        images = {}
        for d in claim.documents:
            for page in range(1, (d.pages or 1) + 1):
                images[f"{d.original_name}#{page}"] = url_for(
                    "files.page_image", public_id=claim.public_id, doc_id=d.id, page=page
                )
        return render_html(report, lang, images, fragment=True)
    except Exception:  # the portal's own checklist and findings still show
        import logging

        logging.getLogger(__name__).exception("render_html failed for %s", claim.public_id)
        return None


def employer_claims_query(user: User) -> Select[Claim]:
    """The claims this user may see, newest first (paged by semak.web.paging)."""
    from semak.access import claims_visible_to

    return claims_visible_to(user)


def create_claim(user: User, data: dict[str, Any], files: list[Any]) -> Claim:
    from semak import claims

    claim: Claim = claims.create_claim(user, data, files)
    return claim


def add_documents(claim: Claim, user: User, files: list[Any]) -> Claim:
    from semak import claims

    claims.add_documents(claim, files, user=user)
    return claim


def rerun(claim: Claim) -> None:
    from semak import claims

    claims.rerun(claim)


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


# --- officers ---------------------------------------------------------------------------------


def queue(
    q: str = "",
    verdict: str = "",
    claim_type: str = "",
    include_decided: bool = False,
    today: date | None = None,
) -> list[Claim | QueueItem]:
    """Claims to review, most urgent first (semak.web.urgency): open time limits due soonest
    first, then claims without one, then claims already time-barred; the oldest first.
    Archive claims (semak.archive.review) join it like uploaded ones, their batch shown."""
    stmt = select(Claim).where(
        or_(Claim.verdict.in_(REVIEW_VERDICTS), Claim.sampled_for_review.is_(True))
    )
    if verdict == "sampled":
        stmt = stmt.where(Claim.sampled_for_review.is_(True))
    elif verdict:
        stmt = stmt.where(Claim.verdict == verdict)
    if claim_type:
        stmt = stmt.where(Claim.claim_type == claim_type)
    if not include_decided:
        stmt = stmt.where(or_(Claim.decision.is_(None), Claim.decision == "request_documents"))
    name = Claim.data["insured_name"].as_string()
    conds = search_conditions(q, Claim.reference, Claim.insured_ic, name)
    if conds:
        stmt = stmt.where(or_(*conds))
    rows: list[Claim | QueueItem] = list(db().scalars(stmt.limit(500)))
    if verdict != "sampled":
        verdicts = [verdict] if verdict else list(REVIEW_VERDICTS)
        rows += queue_items(db(), verdicts, q=q, claim_type=claim_type)
    day = today or date.today()
    rows.sort(key=lambda c: (*urgency.sort_key(c.deadline, day), _aware(c.created_at)))
    return rows


def _aware(dt: datetime | None) -> datetime:
    if dt is None:
        return utcnow()
    return dt if dt.tzinfo else dt.replace(tzinfo=utcnow().tzinfo)


def sample_rate() -> float:
    """The share of complete claims sampled for a second look: ``Settings.sample_rate``
    (SEMAK_SAMPLE_RATE). A Flask config key of the same name, set on an app whose settings
    were given ready-made, overrides it (the tests' seam)."""
    from semak.services import services

    override = current_app.config.get("SEMAK_SAMPLE_RATE")
    return float(override) if override is not None else services().settings.sample_rate


def apply_sampling(rate: float) -> int:
    """Sample a share of complete, undecided claims into the queue for a second look.

    Deterministic: a claim is sampled when the hash of its public id falls under ``rate``, so
    the choice is reproducible and cannot be steered by resubmitting. Checked once per claim
    (``Claim.sampling_checked``).
    """
    n = 0
    for claim in db().scalars(
        select(Claim).where(
            Claim.verdict == "complete",
            Claim.sampled_for_review.is_(False),
            Claim.sampling_checked.is_(False),
            Claim.decision.is_(None),
        )
    ):
        claim.sampling_checked = True
        if sample_draw(claim.public_id) < rate:
            claim.sampled_for_review = True
            audit(claim, None, "sampled", {"rate": rate})
            n += 1
    db().commit()
    return n


def sample_draw(public_id: str) -> float:
    return int(hashlib.sha256(public_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def decide(claim: Claim, user: User, decision: str, message: str) -> None:
    claim.decision = Decision(decision).value
    claim.decision_message = message.strip() or None
    claim.decided_by_id = user.id
    claim.decided_at = utcnow()
    if decision in (Decision.ACCEPT, Decision.REJECT):
        claim.closed_at = utcnow()
    # the audit records what the employer was told, as written (retention drops it with the
    # claim's other words: semak.audit.forget_words)
    detail = {"decision": decision, **({"message": message.strip()} if message.strip() else {})}
    audit(claim, user, "decided", detail)
    db().commit()


def documents_of(claim: Claim) -> list[StoredDocument]:
    return list(claim.documents)


def organisation_names(ids: Iterable[int]) -> dict[int, str]:
    from semak.models import Organisation

    wanted = set(ids)
    if not wanted:
        return {}
    rows = db().scalars(select(Organisation).where(Organisation.id.in_(wanted)))
    return {o.id: f"{o.name} ({o.employer_code})" for o in rows}


def users_by_id(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {u.id: u.email for u in db().scalars(select(User).where(User.id.in_(wanted)))}


def corrections_of(claim: Claim) -> list[Correction]:
    return list(
        db().scalars(
            select(Correction).where(Correction.claim_id == claim.id).order_by(Correction.id)
        )
    )


def reports_of(claim: Claim) -> list[Report]:
    return list(claim.reports)


def is_officer(user: User) -> bool:
    return user.role == Role.OFFICER


# --- corrections, accuracy --------------------------------------------------------------------


def report_document(report: dict[str, Any] | None, index: int) -> dict[str, Any] | None:
    docs = (report or {}).get("documents", [])
    return docs[index] if 0 <= index < len(docs) else None


def field_value(doc: dict[str, Any], key: str) -> Any:
    if key == "doc_type":
        return doc.get("doc_type")
    fields = doc.get("fields", {})
    if key.startswith("dates."):
        return (fields.get("dates") or {}).get(key[6:])
    return fields.get(key)


def correct(
    claim: Claim, user: User, doc_index: int, key: str, new_value: str | None
) -> Correction | None:
    """Record an officer's correction (a ``Correction`` row, which the job applies after any
    re-read too) and run the rules again on what was read, corrected (no re-reading: seconds,
    in this request). The value is checked as ``semak.corrections.normalise`` says."""
    report = current_report(claim)
    doc = report_document(report, doc_index)
    if report is None or doc is None:
        return None
    from semak.corrections import normalise

    value = normalise(key, new_value)  # InvalidCorrection: the view says what is wrong
    old = field_value(doc, key)
    doc_type = value if key == "doc_type" and value else str(doc.get("doc_type", "other"))
    row = Correction(
        claim_id=claim.id,
        document_file=str(doc.get("file", "")),
        document_pages=list(doc.get("pages", [])),
        doc_type=doc_type,
        field=key,
        old_value=None if old is None else str(old),
        new_value=value,
        user_id=user.id,
    )
    db().add(row)
    # the Correction row holds the values (personal data); the audit names the field only
    audit(claim, user, "corrected", {"document": row.document_file, "field": key})
    db().commit()
    if not reverify_now(claim):
        rerun(claim)
    return row


def reverify_now(claim: Claim) -> bool:
    """A new report from the claim's stored reading plus its corrections, saved as the job
    saves one (``semak.reports.save_report``); False if there is no stored reading (a claim
    read before readings were kept) or the rules failed: the caller queues a full re-run."""
    import logging

    from semak.claims import claim_json
    from semak.reports import load_reading, save_report
    from semak.web.corrections import for_claim, reverify

    reading = load_reading(claim)
    if reading is None:
        return False
    corrections = for_claim(db(), claim.id)
    try:
        new = reverify(claim_json(claim.data), reading, corrections, today=date.today())
    except Exception:  # the rules must not break the page: queue a full re-run instead
        logging.getLogger(__name__).exception("re-verifying claim %s failed", claim.public_id)
        db().rollback()
        return False
    save_report(db(), claim, new, corrections)
    audit(claim, None, "reverified", {"verdict": str(new.verdict)})
    db().commit()
    return True


def accuracy() -> dict[str, Any]:
    """Live accuracy from officers' corrections, over the documents of claims officers handled
    (decided, or corrected): 1 - corrected / read, per document type and per field."""
    handled_ids = set(db().scalars(select(Claim.id).where(Claim.decided_at.is_not(None))))
    corrections = list(db().scalars(select(Correction)))
    handled_ids |= {c.claim_id for c in corrections}
    per_type: dict[str, dict[str, int]] = {}
    per_field: dict[str, dict[str, int]] = {}
    wrong_type: dict[str, int] = {}
    wrong_field: dict[str, int] = {}
    for c in corrections:
        if c.field == "doc_type":
            key = _original_type(c)
            wrong_type[key] = wrong_type.get(key, 0) + 1
        else:
            wrong_field[c.field] = wrong_field.get(c.field, 0) + 1
    if handled_ids:
        for claim in db().scalars(select(Claim).where(Claim.id.in_(handled_ids))):
            report = _first_report(claim)
            for doc in (report or {}).get("documents", []):
                t = str(doc.get("doc_type", "other"))
                per_type.setdefault(t, {"read": 0})["read"] += 1
                fields = doc.get("fields", {})
                keys = [k for k in fields if k != "dates"] + [
                    f"dates.{k}" for k in (fields.get("dates") or {})
                ]
                for k in keys:
                    per_field.setdefault(k, {"read": 0})["read"] += 1
    for key, n in wrong_field.items():
        per_field.setdefault(key, {"read": 0})
        per_field[key]["read"] = max(per_field[key]["read"], n)
    for key, n in wrong_type.items():
        per_type.setdefault(key, {"read": 0})
        per_type[key]["read"] = max(per_type[key]["read"], n)

    def rows(table: dict[str, dict[str, int]], wrong: dict[str, int]) -> list[dict[str, Any]]:
        out = []
        for key, v in sorted(table.items()):
            read, bad = v["read"], wrong.get(key, 0)
            out.append(
                {
                    "key": key,
                    "read": read,
                    "corrected": bad,
                    "accuracy": None if read == 0 else round(1 - bad / read, 3),
                }
            )
        return out

    return {
        "claims": len(handled_ids),
        "corrections": len(corrections),
        "doc_types": rows(per_type, wrong_type),
        "fields": rows(per_field, wrong_field),
    }


def _original_type(c: Correction) -> str:
    return c.old_value or "other"


def _first_report(claim: Claim) -> dict[str, Any] | None:
    """The machine's reading before any correction: the first report of the claim."""
    return claim.reports[0].data if claim.reports else None


# --- the page viewer --------------------------------------------------------------------------


def viewer_pages(claim: Claim, report: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every page of every stored file with what the officer needs beside it: the documents on
    it, field boxes (report evidence), OCR word boxes where the reading kept them, findings."""
    from flask import url_for

    report = report or {}
    findings = report.get("findings", [])
    pages_out: list[dict[str, Any]] = []
    for stored in claim.documents:
        n_pages = stored.pages or 1
        docs = [
            (i, d)
            for i, d in enumerate(report.get("documents", []))
            if d.get("file") == stored.original_name
        ]
        n_pages = max([n_pages, *[p for _i, d in docs for p in d.get("pages", [])]])
        sizes = _page_sizes(stored, report)
        for number in range(1, n_pages + 1):
            boxes: list[dict[str, Any]] = []
            on_page = [(i, d) for i, d in docs if number in d.get("pages", [])]
            for _i, d in on_page:
                for key, ev in (d.get("evidence") or {}).items():
                    if ev and ev.get("page") == number and ev.get("bbox"):
                        boxes.append({"kind": "field", "label": key, "bbox": ev["bbox"]})
            for w in _words(stored, report, number):
                boxes.append({"kind": "word", "label": w.get("text", ""), "bbox": w["bbox"]})
            page_findings = [
                f
                for f in findings
                if any(
                    e.get("file") == stored.original_name and e.get("page") in (number, None)
                    for e in f.get("documents", [])
                )
            ]
            pages_out.append(
                {
                    "doc_id": stored.id,
                    "file": stored.original_name,
                    "page": number,
                    "url": url_for(
                        "files.page_image",
                        public_id=claim.public_id,
                        doc_id=stored.id,
                        page=number,
                    ),
                    "size": sizes.get(number),
                    "documents": on_page,
                    "boxes": boxes,
                    "findings": page_findings,
                }
            )
    return pages_out


def _page_sizes(stored: StoredDocument, report: dict[str, Any]) -> dict[int, list[int]]:
    """Pixel size of each page in the reading's coordinates."""
    sizes: dict[int, list[int]] = {}
    entries = [stored.result] if stored.result else []
    entries += [e for e in report.get("files", []) or [] if isinstance(e, dict)]
    for entry in entries:
        if entry is stored.result or entry.get("file") == stored.original_name:
            pages = entry.get("pages")
            for p in pages if isinstance(pages, list) else []:
                if isinstance(p, dict) and p.get("width") and p.get("height"):
                    sizes[int(p.get("number", 0))] = [int(p["width"]), int(p["height"])]
    if sizes:
        return sizes
    try:
        from semak.services import services

        path = services().storage.path(stored.storage_key)
        if stored.media_type == "application/pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(str(path))
            try:
                for i in range(len(pdf)):
                    w, h = pdf[i].get_size()
                    sizes[i + 1] = [round(w * 300 / 72), round(h * 300 / 72)]
            finally:
                pdf.close()
        else:
            from PIL import Image

            with Image.open(path) as im:
                sizes[1] = list(im.size)
    except Exception:  # a missing or unreadable file shows without boxes
        pass
    return sizes


def _words(stored: StoredDocument, report: dict[str, Any], number: int) -> list[dict[str, Any]]:
    sources: list[Any] = []
    if stored.result:
        sources.append(stored.result)
    for entry in report.get("files", []) or []:
        if isinstance(entry, dict) and entry.get("file") == stored.original_name:
            sources.append(entry)
    for src in sources:
        pages = src.get("pages")
        for p in pages if isinstance(pages, list) else []:
            if isinstance(p, dict) and p.get("number") == number:
                return [w for w in p.get("words", []) or [] if w.get("bbox")][:2000]
    return []
