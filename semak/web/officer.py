"""Officers: the review queue, the claim view with pages beside findings, corrections,
decisions, accuracy and cross-claim signals."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from semak import urgency
from semak.claims import set_receipt_date
from semak.corrections import InvalidCorrection
from semak.errors import InvalidReceiptDate
from semak.models import Claim, Role
from semak.web import portal, signals, trail
from semak.web.access import role_required
from semak.web.claimtypes import CLAIM_TYPES, DOC_TYPES
from semak.web.corrections import refused_message
from semak.web.forms import (
    CorrectionForm,
    DecisionForm,
    QueueFilterForm,
    ReceivedForm,
    opts,
)

bp = Blueprint("officer", __name__, url_prefix="/officer")


@bp.route("/queue")
@role_required(Role.OFFICER)
def queue() -> Any:
    form = QueueFilterForm(request.args)
    form.validate()
    portal.apply_sampling(portal.sample_rate())
    signals.refresh_pending()
    today = _today()
    rows = portal.queue(
        q=form.q.data or "",
        verdict=form.verdict.data or "",
        claim_type=form.claim_type.data or "",
        include_decided=bool(form.include_decided.data),
        today=today,
    )
    flagged = {sig.claim_id for sig, _a, _b in signals.all_signals()}
    return render_template(
        "officer/queue.html",
        form=form,
        claims=rows,
        groups=[(g.name.lower(), items) for g, items in urgency.grouped(rows, today)],
        today=today,
        flagged=flagged,
        employers=portal.organisation_names(
            c.organisation_id for c in rows if c.organisation_id is not None
        ),
    )


def _today() -> date:
    """The queue's clock (a function, so tests can set the day)."""
    return date.today()


def _correction_form(report: dict[str, Any] | None) -> CorrectionForm:
    form = CorrectionForm()
    docs = (report or {}).get("documents", [])
    form.document.choices = opts([(str(i), _document_choice(d)) for i, d in enumerate(docs)])
    return form


def _document_choice(doc: dict[str, Any]) -> str:
    """A report document as the correction form offers it: file, type read, pages."""
    pages = [str(p) for p in doc.get("pages", [])]
    return ngettext(
        "%(file)s: %(type)s, page %(pages)s",
        "%(file)s: %(type)s, pages %(pages)s",
        len(pages),
        file=doc.get("file", ""),
        type=str(DOC_TYPES.get(doc.get("doc_type") or "other", doc.get("doc_type"))),
        pages=", ".join(pages),
    )


@bp.route("/claims/<public_id>")
@role_required(Role.OFFICER)
def claim(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    report = portal.current_report(c)
    portal.audit(c, current_user, "viewed", {}, collapse=True)  # reloads: one row a while
    portal.commit()
    sigs = signals.current(c)  # compared once per report, not on every view
    other_claims = {s.other_claim_id: portal.db().get(Claim, s.other_claim_id) for s in sigs}
    return render_template(
        "officer/claim.html",
        claim=c,
        report=report,
        report_fragment=portal.report_html(c, report, str(get_locale() or "en")),
        status=portal.status_payload(c),
        pages=portal.viewer_pages(c, report),
        correction_form=_correction_form(report),
        decision_form=DecisionForm(),
        received_form=_received_form(c),
        trail=trail.rows(c),
        corrections=portal.corrections_of(c),
        signals=sigs,
        other_claims=other_claims,
        evidence={
            s.id: signals.evidence(c, o, s)
            for s in sigs
            if s.kind == "same_document" and (o := other_claims.get(s.other_claim_id))
        },
        users=portal.users_by_id([c.decided_by_id]),
        type_accuracy={r.key: r for r in portal.accuracy().doc_types},
        stored_ids={d.original_name: d.id for d in c.documents},
        employer=portal.organisation_names([c.organisation_id]).get(c.organisation_id, ""),
        claim_type=CLAIM_TYPES.get(c.claim_type),
    )


@bp.route("/claims/<public_id>/corrections", methods=["POST"])
@role_required(Role.OFFICER)
def correct(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    form = _correction_form(portal.current_report(c))
    url = url_for("officer.claim", public_id=c.public_id)
    if not form.validate_on_submit():
        flash(_("The correction was not saved: check the form."), "error")
        return redirect(url)
    key = form.field.data
    value = form.doc_type.data if key == "doc_type" else form.value.data
    try:
        row = portal.correct(c, current_user, int(form.document.data), key, value)
    except InvalidCorrection as err:
        flash(refused_message(err), "error")
        return redirect(url)
    if row is None:
        flash(_("That document is no longer in the report."), "error")
    else:
        flash(_("Correction saved; the rules are running again."), "info")
    return redirect(url)


def _received_form(c: Any) -> ReceivedForm:
    form = ReceivedForm()
    with contextlib.suppress(ValueError):
        form.submitted_on.data = date.fromisoformat(str((c.data or {}).get("submitted_on")))
    return form


@bp.route("/claims/<public_id>/received", methods=["POST"])
@role_required(Role.OFFICER)
def received(public_id: str) -> Any:
    """The day a paper claim was received: deadlines count to it, so the rules run again."""
    c = portal.claim_or_404(current_user, public_id)
    url = url_for("officer.claim", public_id=c.public_id)
    form = ReceivedForm()
    if not form.validate_on_submit():
        flash(_("The date received was not saved: give a date."), "error")
        return redirect(url)
    try:
        set_receipt_date(c, current_user, form.submitted_on.data)
    except InvalidReceiptDate:
        flash(_("The date received must be today or earlier, not before the accident."), "error")
        return redirect(url)
    if not portal.reverify_now(c):
        portal.rerun(c)
    flash(_("Date received saved; the rules are running again."), "info")
    return redirect(url)


@bp.route("/claims/<public_id>/decision", methods=["POST"])
@role_required(Role.OFFICER)
def decide(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    form = DecisionForm()
    url = url_for("officer.claim", public_id=c.public_id)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for e in errors:
                flash(str(e), "error")
        return redirect(url)
    portal.decide(c, current_user, form.decision.data, form.message.data or "")
    flash(_("Decision recorded."), "info")
    return redirect(url)


@bp.route("/accuracy")
@role_required(Role.OFFICER)
def accuracy() -> Any:
    return render_template("officer/accuracy.html", stats=portal.accuracy())


@bp.route("/signals")
@role_required(Role.OFFICER)
def signal_list() -> Any:
    signals.refresh_pending()
    return render_template("officer/signals.html", rows=signals.all_signals())
