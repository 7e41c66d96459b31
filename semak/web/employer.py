"""Employers: start a claim, add documents, watch the reading, read the report."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from intake.errors import SemakError
from semak.access import may_add_files
from semak.errors import http_status
from semak.models import Role
from semak.web import portal
from semak.web.access import role_required
from semak.web.claimtypes import CLAIM_TYPES
from semak.web.forms import ClaimForm, EmptyForm
from semak.web.paging import fetch, page_or_400
from semak.web.quality import megabytes
from semak.web.uploads import check_files, check_one, limits, limits_for_page, service_refusal

bp = Blueprint("employer", __name__, url_prefix="/employer")


@bp.context_processor
def _upload_limits() -> dict[str, Any]:
    """The drop zone states the server's limits and its script checks them on drop."""
    return {"upload_limits": limits_for_page()}


@bp.errorhandler(413)
def _too_large(_exc: Exception) -> Any:
    """A request over MAX_CONTENT_LENGTH: the claim limit in the reader's words, not a dropped
    connection; the form again (without script) with the reason on it."""
    msg = _(
        "These files are over the limit of %(limit)s per claim in all. "
        "Send fewer or smaller files.",
        limit=megabytes(limits().max_claim_bytes),
    )
    if request.accept_mimetypes.best == "application/json":
        error = {"code": "file_too_large", "message": msg}
        return jsonify(ok=False, error=error, errors={"files": [msg]}), 413
    flash(msg, "error")
    public_id = (request.view_args or {}).get("public_id")
    if public_id:
        return redirect(url_for("employer.claim", public_id=public_id))
    return redirect(url_for("employer.new_claim"))


@bp.route("/claims")
@role_required(Role.EMPLOYER)
def claims() -> Any:
    page = fetch(portal.db(), portal.employer_claims_query(current_user), page_or_400())
    return render_template("employer/claims.html", claims=page.items, page=page)


@bp.route("/claims/new", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def new_claim() -> Any:
    form = ClaimForm()
    wants_json = request.accept_mimetypes.best == "application/json"
    if form.validate_on_submit():
        checked = check_files(request.files.getlist("files"))
        if not checked.accepted:
            msg = _("Add at least one readable document.")
            if wants_json:
                return jsonify(ok=False, errors={"files": [msg]}, rejected=checked.rejected), 400
            flash(msg, "error")
            return _render_new(form), 400
        try:
            claim = portal.create_claim(current_user, form.claim_data(), checked.accepted)
        except SemakError as exc:
            msg = service_refusal(exc)
            if wants_json:
                return jsonify(ok=False, errors={"files": [msg]}), http_status(exc)
            flash(msg, "error")
            return _render_new(form), http_status(exc)
        if checked.rejected:
            portal.audit(claim, current_user, "upload_rejected", {"files": checked.rejected})
            portal.commit()
        for r in checked.rejected:
            flash(_("%(name)s was not added: %(reason)s", name=r["name"], reason=r["message"]))
        url = url_for("employer.claim", public_id=claim.public_id)
        if wants_json:
            return jsonify(ok=True, redirect=url, rejected=checked.rejected), 201
        return redirect(url)
    status = 400 if request.method == "POST" else 200
    if wants_json and request.method == "POST":
        return jsonify(ok=False, errors=form.errors), 400
    return _render_new(form), status


@bp.route("/check-file", methods=["POST"])
@role_required(Role.EMPLOYER)
def check_file() -> Any:
    """The instant check of one file, before the claim is sent (also repeated on submit)."""
    form = EmptyForm()
    if not form.validate_on_submit():
        return jsonify(ok=False, code="csrf", message=_("Reload the page and try again.")), 400
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return jsonify(ok=False, code="empty", message=_("No file.")), 400
    result, _data = check_one(upload)
    return jsonify(ok=result.ok, code=result.code, message=result.message, metrics=result.metrics)


@bp.route("/claims/<public_id>")
@role_required(Role.EMPLOYER)
def claim(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    portal.audit(c, current_user, "viewed", {}, collapse=True)  # reloads: one row a while
    portal.commit()
    report = portal.current_report(c) if c.status == "done" else None
    return render_template(
        "employer/claim.html",
        claim=c,
        report=report,
        report_fragment=portal.report_html(c, report, str(get_locale() or "en")),
        status=portal.status_payload(c),
        upload_form=EmptyForm(),
        claim_type=CLAIM_TYPES.get(c.claim_type),
        have_bytes=sum(d.size for d in c.documents),
        have_files=len(c.documents),
    )


@bp.route("/claims/<public_id>/documents", methods=["POST"])
@role_required(Role.EMPLOYER)
def add_documents(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    wants_json = request.accept_mimetypes.best == "application/json"
    form = EmptyForm()
    url = url_for("employer.claim", public_id=c.public_id)
    if not form.validate_on_submit():
        if wants_json:
            return jsonify(ok=False, errors={"csrf": ["invalid"]}), 400
        return redirect(url)
    if not may_add_files(current_user, c):
        msg = _("This claim has been decided; it takes no more documents.")
        if wants_json:
            return jsonify(ok=False, errors={"files": [msg]}), 409
        flash(msg, "error")
        return redirect(url)
    held = sum(d.size for d in c.documents), len(c.documents)
    checked = check_files(request.files.getlist("files"), *held)
    if checked.accepted:
        try:
            portal.add_documents(c, current_user, checked.accepted)
        except SemakError as exc:
            msg = service_refusal(exc)
            if wants_json:
                return jsonify(ok=False, errors={"files": [msg]}), http_status(exc)
            flash(msg, "error")
            return redirect(url)
    if checked.rejected:
        portal.audit(c, current_user, "upload_rejected", {"files": checked.rejected})
        portal.commit()
    for r in checked.rejected:
        flash(_("%(name)s was not added: %(reason)s", name=r["name"], reason=r["message"]))
    if wants_json:
        code = 201 if checked.accepted else 400
        return jsonify(ok=bool(checked.accepted), redirect=url, rejected=checked.rejected), code
    return redirect(url)


def _render_new(form: ClaimForm) -> str:
    """The claim form, with what its script needs to ask only what the claim type needs."""
    return render_template(
        "employer/new_claim.html",
        form=form,
        claim_types=CLAIM_TYPES,
        date_labels={
            c.id: {"label": str(c.date_label), "help": str(c.date_help)}
            for c in CLAIM_TYPES.values()
        },
        accident_types=" ".join(c.id for c in CLAIM_TYPES.values() if c.accident),
        employment_types=" ".join(c.id for c in CLAIM_TYPES.values() if c.employment_status),
    )
