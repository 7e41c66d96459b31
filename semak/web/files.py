"""Claim resources shared by employers (own claims) and officers: live status, the report as PDF,
the stored documents (as attachments) and their page images - all behind the access check, by
the claim's random id; storage paths are never exposed.

Page images are rendered small and cached by ``semak.pageimages`` (not a web module: retention
deletes a purged file's renders with it). Rate limiting of the route is RATE_LIMIT_SCOPE's
(Flask-Limiter, semak/security.py), not this module's.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, Response, abort, jsonify, send_file
from flask_babel import get_locale
from flask_login import current_user

from semak.models import Role
from semak.pageimages import page_png
from semak.ratelimit import limited
from semak.services import services
from semak.web import portal
from semak.web.access import role_required
from verifier.render import render_pdf

bp = Blueprint("files", __name__, url_prefix="/claims")

RATE_LIMIT_SCOPE = "page-images"  # the hook for the page-image rate limit (Flask-Limiter)


@bp.route("/<public_id>/status.json")
@role_required(Role.EMPLOYER, Role.OFFICER)
def status(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    portal.audit(c, current_user, "viewed_status", {}, collapse=True)  # polled: one a while
    portal.commit()
    return jsonify(portal.status_payload(c))


@bp.route("/<public_id>/report.pdf")
@role_required(Role.EMPLOYER, Role.OFFICER)
def report_pdf(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    report = portal.current_report(c)
    if report is None:
        abort(404)
    pdf = render_pdf(report, str(get_locale() or "en"))
    portal.audit(c, current_user, "downloaded_report", {})
    portal.commit()
    return send_file(
        io.BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"semak-{c.reference}.pdf",
    )


def _document(public_id: str, doc_id: int) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    doc = next((d for d in c.documents if d.id == doc_id), None)
    if doc is None:
        abort(404)
    return c, doc


@bp.route("/<public_id>/documents/<int:doc_id>")
@role_required(Role.EMPLOYER, Role.OFFICER)
def document(public_id: str, doc_id: int) -> Any:
    c, doc = _document(public_id, doc_id)
    path = services().storage.path(doc.storage_key)
    portal.audit(c, current_user, "downloaded_document", {"document": doc.id})
    portal.commit()
    resp = send_file(
        path, mimetype=doc.media_type, as_attachment=True, download_name=doc.original_name
    )
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/<public_id>/documents/<int:doc_id>/pages/<int:page>.png")
@limited("pages")
@role_required(Role.EMPLOYER, Role.OFFICER)
def page_image(public_id: str, doc_id: int, page: int) -> Any:
    c, doc = _document(public_id, doc_id)
    svc = services()
    try:
        png = page_png(svc.settings.instance_dir, svc.storage.path(doc.storage_key), doc, page)
    except (IndexError, EOFError):
        abort(404)
    portal.audit_page_view(c, current_user, doc.id, page)
    portal.commit()
    resp = Response(png, mimetype="image/png")
    resp.headers["Cache-Control"] = "private, no-store"
    return resp
