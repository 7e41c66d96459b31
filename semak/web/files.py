"""Claim resources shared by employers (own claims) and officers: live status, the report as PDF,
the stored documents (as attachments) and their page images - all behind the access check, by
the claim's random id; storage paths are never exposed."""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, Response, abort, jsonify, send_file
from flask_babel import get_locale
from flask_login import current_user
from PIL import Image

from semak.models import Role
from semak.web import portal
from semak.web.access import role_required

bp = Blueprint("files", __name__, url_prefix="/claims")

MAX_PAGE_SIDE = 1600


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
    try:
        from verifier.render import render_pdf
    except ImportError:
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
    from semak.services import services

    path = services().storage.path(doc.storage_key)
    portal.audit(c, current_user, "downloaded_document", {"document": doc.id})
    portal.commit()
    resp = send_file(
        path, mimetype=doc.media_type, as_attachment=True, download_name=doc.original_name
    )
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/<public_id>/documents/<int:doc_id>/pages/<int:page>.png")
@role_required(Role.EMPLOYER, Role.OFFICER)
def page_image(public_id: str, doc_id: int, page: int) -> Any:
    c, doc = _document(public_id, doc_id)
    from semak.services import services

    path = services().storage.path(doc.storage_key)
    try:
        img = render_page(str(path), doc.media_type, page)
    except (IndexError, EOFError):
        abort(404)
    detail = {"document": doc.id, "page": page}
    portal.audit(c, current_user, "viewed_page", detail, collapse=True)
    portal.commit()
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    resp = Response(out.getvalue(), mimetype="image/png")
    resp.headers["Cache-Control"] = "private, no-store"
    return resp


def render_page(path: str, media_type: str, page: int) -> Image.Image:
    """Page ``page`` (1-based) as an RGB image, longer side at most MAX_PAGE_SIDE."""
    if page < 1:
        raise IndexError(page)
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            if page > len(pdf):
                raise IndexError(page)
            p = pdf[page - 1]
            w, h = p.get_size()
            scale = min(MAX_PAGE_SIDE / max(w, h), 150 / 72)
            img = p.render(scale=scale).to_pil().convert("RGB")
        finally:
            pdf.close()
        return img
    with Image.open(path) as im:
        im.seek(page - 1)
        img = im.convert("RGB")
    img.thumbnail((MAX_PAGE_SIDE, MAX_PAGE_SIDE))
    return img
