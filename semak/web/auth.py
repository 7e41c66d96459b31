"""Log in, log out, switch language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from semak.web import portal, sessions
from semak.web.forms import EmptyForm, LanguageForm, LoginForm
from semak.web.i18n import LANGUAGES
from semak.web.landing import home_endpoint

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint(current_user.role)))
    form = LoginForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        address = request.remote_addr or "-"
        throttle = portal.login_throttle()
        wait = throttle.wait(email, address)
        if wait:
            msg = _("Too many failed attempts. Try again in %(seconds)d seconds.", seconds=wait)
            flash(msg, "error")
            status, headers = 429, {"Retry-After": str(wait)}
        else:
            user = portal.authenticate(email, form.password.data or "")
            if user is None:
                throttle.failed(email, address)
                flash(_("Wrong email or password."), "error")
                status = 401
            else:
                throttle.succeeded(email, address)
                lang = session.get("lang")
                session.clear()  # a fresh session at log-in: no fixation
                if lang:
                    session["lang"] = lang
                session.permanent = True
                sessions.start()
                login_user(user)
                portal.audit(None, user, "logged_in", {})
                portal.commit()
                return redirect(
                    _safe_next(request.args.get("next")) or url_for(home_endpoint(user.role))
                )
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status, headers


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Any:
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("index"))
    lang = session.get("lang")
    sessions.revoke()
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def language() -> Any:
    form = LanguageForm()
    if form.validate_on_submit() and form.lang.data in LANGUAGES:
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            portal.set_locale(current_user, form.lang.data)
    return redirect(_safe_next(request.form.get("next")) or url_for("index"))


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site (no scheme, no host, no //evil)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if target.startswith("/logout") or target.startswith("/login"):
        return None
    return target
