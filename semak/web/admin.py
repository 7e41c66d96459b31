"""Administrators: users and employers. Administrators see no claim."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from semak import auth
from semak.models import Role
from semak.web import portal
from semak.web.access import role_required
from semak.web.forms import EmptyForm, UserForm
from semak.web.paging import fetch, page_or_400

bp = Blueprint("admin", __name__, url_prefix="/admin")


# semak.auth.AccountError's codes, as the administrator reads them
ACCOUNT_ERRORS = {
    "unknown_role": _l("Choose a role."),
    "not_an_email": _l("This is not an e-mail address."),
    "user_exists": _l("A user with this e-mail address exists already."),
    "employer_code_needed": _l("An employer user needs the employer's code."),
    "self_deactivation": _l("You cannot deactivate yourself."),
}


@bp.route("/users", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def users() -> Any:
    form = UserForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = auth.create_user(
                portal.db(),
                form.email.data or "",
                form.role.data or "",
                password=form.password.data,
                employer_code=(form.employer_code.data or "").strip() or None,
                employer_name=(form.employer_name.data or "").strip() or None,
            )
            portal.audit(None, current_user, "user_created", {"user": user.id, "role": user.role})
            portal.commit()
            flash(_("User %(email)s created.", email=user.email), "info")
            return redirect(url_for("admin.users"))
        except auth.AccountError as exc:
            portal.db().rollback()
            flash(str(ACCOUNT_ERRORS.get(exc.code, exc)), "error")
            status = 400
    elif form.is_submitted():
        status = 400
    page = fetch(portal.db(), auth.users_listed(), page_or_400())
    return render_template(
        "admin/users.html",
        form=form,
        users=page.items,
        page=page,
        toggle_form=EmptyForm(),
        sample_rate=portal.sample_rate(),
    ), status


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@role_required(Role.ADMIN)
def toggle_active(user_id: int) -> Any:
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        user = auth.toggle_active(portal.db(), user_id, current_user)
    except auth.AccountError as exc:
        flash(str(ACCOUNT_ERRORS.get(exc.code, exc)), "error")
        return redirect(url_for("admin.users"))
    if user is None:
        abort(404)
    portal.audit(
        None,
        current_user,
        "user_activated" if user.active else "user_deactivated",
        {"user": user.id},
    )
    portal.commit()
    return redirect(url_for("admin.users"))


@bp.route("/organisations")
@role_required(Role.ADMIN)
def organisations() -> Any:
    page = fetch(portal.db(), auth.organisations_listed(), page_or_400())
    return render_template("admin/organisations.html", organisations=page.items, page=page)
