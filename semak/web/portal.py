"""The web's thin adapter onto the service layer: the request's session, URLs and 404s.

Views call these functions; each hands the request's database session (and, where a page
image's address is needed, ``url_for``) to a service module that knows nothing of Flask:
:mod:`semak.claims` (filing), :mod:`semak.review` (queue, status, page viewer),
:mod:`semak.audit`, :mod:`semak.decisions`, :mod:`semak.corrections`, :mod:`semak.sampling`,
:mod:`semak.accuracy` and :mod:`semak.auth`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from flask import abort, current_app, url_for
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from semak import audit as audit_service
from semak import auth, claims, decisions, review, sampling
from semak.access import claims_visible_to, may_see
from semak.accuracy import Accuracy
from semak.accuracy import accuracy as accuracy_of
from semak.archive.review import QueueItem
from semak.corrections import record_correction, report_document
from semak.models import AuditEvent, Claim, Correction, StoredDocument, User
from semak.reports import reverify_claim
from semak.services import services, session
from semak.web.throttle import LoginThrottle
from verifier.render import render_html

log = logging.getLogger(__name__)
current_report = review.current_report
status_payload = review.status_payload
sample_draw = sampling.sample_draw


def db() -> Session:
    return session()


def commit() -> None:
    db().commit()


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader (the app's one)."""
    return auth.load_user(db(), user_id)


def authenticate(email: str, password: str) -> User | None:
    return auth.authenticate(db(), email, password)


def login_throttle() -> LoginThrottle:
    ext = current_app.extensions
    if "semak_throttle" not in ext:
        ext["semak_throttle"] = LoginThrottle(services().redis)
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
    """Record who did what (:func:`semak.audit.note`); ``detail`` carries no IC number or
    medical data. ``collapse``: a repeat of the same view within ten minutes is not recorded."""
    audit_service.note(db(), claim, user, action, detail, collapse=collapse)


def audit_page_view(claim: Claim, user: User, document: int, page: int) -> None:
    """A page image looked at: one row per person and claim within ten minutes, naming every
    page seen (semak.audit.record_page_view)."""
    audit_service.record_page_view(
        db(), claim_id=claim.id, user_id=user.id, document=document, page=page
    )


def audit_trail(claim: Claim) -> list[tuple[AuditEvent, str]]:
    return audit_service.trail(db(), claim)


# --- claims -----------------------------------------------------------------------------------


def claim_or_404(user: User, public_id: str) -> Claim:
    """The claim if this user may see it (:func:`semak.access.may_see`); 404 otherwise (no hint
    that it exists)."""
    if len(public_id) > 36:
        abort(404)
    claim = db().scalar(select(Claim).where(Claim.public_id == public_id))
    if claim is None or not may_see(user, claim):
        abort(404)
    return claim


def report_html(claim: Claim, report: dict[str, Any] | None, lang: str) -> str | None:
    """The verifier's own rendering of the report (what to do, legal basis, evidence with the
    page images through the authorised route), as a fragment to embed; None if unavailable."""
    if not report:
        return None
    images = {}
    for d in claim.documents:
        for page in range(1, (d.pages or 1) + 1):
            images[f"{d.original_name}#{page}"] = _page_url(claim)(d, page)
    try:
        return render_html(report, lang, images, fragment=True)
    except Exception:  # the portal's own checklist and findings still show
        log.exception("render_html failed for %s", claim.public_id)
        return None


def employer_claims_query(user: User) -> Select[Claim]:
    """The claims this user may see, newest first (paged by semak.web.paging)."""
    return claims_visible_to(user)


def create_claim(user: User, data: dict[str, Any], files: list[Any]) -> Claim:
    claim: Claim = claims.create_claim(user, data, files)
    return claim


def add_documents(claim: Claim, user: User, files: list[Any]) -> Claim:
    claims.add_documents(claim, files, user=user)
    return claim


def rerun(claim: Claim) -> None:
    claims.rerun(claim)


# --- officers ---------------------------------------------------------------------------------


def queue(
    q: str = "",
    verdict: str = "",
    claim_type: str = "",
    include_decided: bool = False,
    today: date | None = None,
) -> list[Claim | QueueItem]:
    wanted = review.QueueFilter(q, verdict, claim_type, include_decided)
    return review.queue(db(), wanted, today)


def sample_rate() -> float:
    """The share of complete claims sampled for a second look: ``Settings.sample_rate``
    (SEMAK_SAMPLE_RATE). A Flask config key of the same name, set on an app whose settings
    were given ready-made, overrides it (the tests' seam)."""
    override = current_app.config.get("SEMAK_SAMPLE_RATE")
    return float(override) if override is not None else services().settings.sample_rate


def apply_sampling(rate: float) -> int:
    return sampling.apply_sampling(db(), rate)


def decide(claim: Claim, user: User, decision: str, message: str) -> None:
    decisions.decide(db(), claim, user, decision, message)


def organisation_names(ids: Iterable[int]) -> dict[int, str]:
    return review.organisation_names(db(), ids)


def users_by_id(ids: Iterable[int | None]) -> dict[int, str]:
    return review.users_by_id(db(), ids)


def corrections_of(claim: Claim) -> list[Correction]:
    return review.corrections_of(db(), claim)


def correct(
    claim: Claim, user: User, doc_index: int, key: str, new_value: str | None
) -> Correction | None:
    """Record an officer's correction (a ``Correction`` row, which the job applies after any
    re-read too) and run the rules again on what was read, corrected (no re-reading: seconds,
    in this request); a full re-run is queued if that fails. None when the report has no such
    document; InvalidCorrection (the view says what is wrong) when the value does not fit."""
    report = current_report(claim)
    doc = report_document(report, doc_index)
    if report is None or doc is None:
        return None
    row = record_correction(db(), claim, user, doc, key, new_value)
    if not reverify_now(claim):
        rerun(claim)
    return row


def reverify_now(claim: Claim) -> bool:
    """A new report from the claim's stored reading plus its corrections, saved as the job
    saves one (``semak.reports.reverify_claim``); False if it failed."""
    return reverify_claim(db(), claim, claims.claim_json(claim.data))


def accuracy() -> Accuracy:
    return accuracy_of(db())


def viewer_pages(claim: Claim, report: dict[str, Any] | None) -> list[dict[str, Any]]:
    return review.viewer_pages(claim, report, _page_url(claim), services().storage.path)


def _page_url(claim: Claim) -> review.PageUrl:
    def url(stored: StoredDocument, page: int) -> str:
        return url_for("files.page_image", public_id=claim.public_id, doc_id=stored.id, page=page)

    return url
