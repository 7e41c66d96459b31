"""The token API of spec section 2: ``/api/v1``. Thin: parse, call semak.claims, answer JSON."""

from __future__ import annotations

import json
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for

from semak import access
from semak import claims as service
from semak.auth import user_for_token
from semak.errors import (
    ClaimDecided,
    ClaimTooLarge,
    InvalidJson,
    MissingClaim,
    NotFound,
    Unauthorized,
)
from semak.models import Claim, ClaimStatus, User
from semak.openapi import openapi_document
from semak.services import session
from semak.web.paging import PAGE_SIZE, page_number

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_CLAIM_BYTES = 500_000  # Flask's MAX_FORM_MEMORY_SIZE default: a claim sent as a form field
F = TypeVar("F")


def token_required(view: F) -> F:
    @wraps(view)  # type: ignore[arg-type]
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        user = user_for_token(session(), token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise Unauthorized("A valid API token is required (Authorization: Bearer TOKEN).")
        g.api_user = user
        return view(*args, **kwargs)  # type: ignore[operator]

    return cast(F, wrapper)


def current_user() -> User:
    user: User = g.api_user
    return user


@bp.post("/claims")
@token_required
def create_claim() -> Any:
    claim_data = _claim_part()
    claim = service.create_claim(current_user(), claim_data, request.files.getlist("files"))
    return _accepted(claim)


@bp.get("/claims")
@token_required
def list_claims() -> Any:
    limit = min(max(request.args.get("limit", PAGE_SIZE, type=int) or PAGE_SIZE, 1), 500)
    number = page_number()  # InvalidPage (400)
    items = service.claims_for_user(current_user(), limit + 1, offset=(number - 1) * limit)
    body: dict[str, Any] = {"claims": [_summary(c) for c in items[:limit]], "page": number}
    body["next"] = _list_url(number + 1, limit) if len(items) > limit else None
    body["prev"] = _list_url(number - 1, limit) if number > 1 else None
    return jsonify(body)


def _list_url(number: int, limit: int) -> str:
    args: dict[str, Any] = {"page": number}
    if limit != PAGE_SIZE:
        args["limit"] = limit
    return url_for("api.list_claims", _external=True, **args)


@bp.get("/claims/<public_id>")
@token_required
def get_claim(public_id: str) -> Any:
    claim = _claim_or_404(public_id)
    service.record_view(claim, current_user(), "api")
    body = _summary(claim)
    body["documents"] = [
        {
            "file": d.original_name,
            "status": d.status,
            "pages": d.pages,
            "media_type": d.media_type,
            "size": d.size,
            "sha256": d.sha256,
            **({"error_code": d.error_code} if d.error_code else {}),
        }
        for d in claim.documents
    ]
    if claim.status == ClaimStatus.DONE:
        body["report"] = service.current_report(claim)
    return jsonify(body)


@bp.post("/claims/<public_id>/files")
@token_required
def add_files(public_id: str) -> Any:
    claim = _claim_or_404(public_id)
    if not access.may_add_files(current_user(), claim):
        raise ClaimDecided("This claim has been decided; it takes no more documents.")
    service.add_documents(claim, request.files.getlist("files"), user=current_user())
    return _accepted(claim)


@bp.get("/openapi.json")
def openapi() -> Any:
    return jsonify(openapi_document())


def claim_limit() -> int:
    """The most bytes a claim part may hold, sent as a form field or as a file part alike."""
    return int(current_app.config.get("MAX_FORM_MEMORY_SIZE") or MAX_CLAIM_BYTES)


def _claim_part() -> Any:
    raw: str | bytes | None = request.form.get("claim")  # over the limit: 413 from Werkzeug
    if raw is None and "claim" in request.files:
        limit = claim_limit()
        raw = request.files["claim"].stream.read(limit + 1)
        if len(raw) > limit:
            raise ClaimTooLarge(f"The 'claim' part is over the limit of {limit} bytes.")
    if raw is None or not raw.strip():
        raise MissingClaim("The request needs a 'claim' part holding claim.json.")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # nesting bombs too
        raise InvalidJson("The 'claim' part is not valid JSON.") from exc


def _claim_or_404(public_id: str) -> Claim:
    claim = service.claim_for_user(current_user(), public_id)
    if claim is None:
        raise NotFound("No such claim.")
    return claim


def _url(claim: Claim) -> str:
    return url_for("api.get_claim", public_id=claim.public_id, _external=True)


def _summary(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.public_id,
        "url": _url(claim),
        "reference": claim.reference,
        "claim_type": claim.claim_type,
        "status": claim.status,
        "status_reason": claim.status_reason,
        "progress": claim.progress or {},
        "verdict": claim.verdict,
        "created_at": claim.created_at.isoformat() if claim.created_at else None,
        "updated_at": claim.updated_at.isoformat() if claim.updated_at else None,
    }


def _accepted(claim: Claim) -> tuple[Response, int, dict[str, str]]:
    body = {"id": claim.public_id, "url": _url(claim), "status": claim.status}
    return jsonify(body), 202, {"Location": _url(claim)}
