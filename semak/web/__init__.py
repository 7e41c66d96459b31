"""The portal: blueprints for people (employers, officers, administrators), in Malay and English.

``register(app)`` is called by ``create_app``. Views are thin: they check access, validate a
form, and call the service layer through :mod:`semak.web.portal`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask, redirect, render_template, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from semak.web.landing import home_endpoint


class SessionInterface(SecureCookieSessionInterface):
    """Session cookies marked Secure whenever the request came over HTTPS (or when configured)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        if app.config.get("SESSION_COOKIE_SECURE"):
            return True
        try:
            return bool(request.is_secure)
        except RuntimeError:
            return False


def register(app: Flask) -> None:
    from semak.web import admin, archive, auth, employer, files, officer

    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if app.config.get("PERMANENT_SESSION_LIFETIME") == timedelta(days=31):  # Flask's default
        app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=8)  # a working day
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    app.session_interface = SessionInterface()
    if app.template_folder is None:
        app.template_folder = "templates"

    login_manager: LoginManager = app.login_manager  # type: ignore[attr-defined]  # create_app's
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"

    for bp in (auth.bp, employer.bp, officer.bp, archive.bp, admin.bp, files.bp):
        app.register_blueprint(bp)

    from semak.web import helpers, sessions

    helpers.install(app)
    sessions.install(app)

    @app.route("/")
    def index() -> Any:
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        return redirect(url_for(home_endpoint(current_user.role)))

    @app.errorhandler(401)
    def unauthorised(e: HTTPException) -> Any:
        if _wants_json():
            return _json_error(e, 401)
        return redirect(url_for("auth.login", next=request.full_path))

    @app.errorhandler(403)
    def forbidden(e: HTTPException) -> Any:
        if _wants_json():
            return _json_error(e, 403)
        return render_template("shared/error.html", code=403), 403

    @app.errorhandler(400)
    @app.errorhandler(405)
    def bad_request(e: HTTPException) -> Any:
        """A refused request (an expired form's CSRF token among them) as a page in the
        reader's language, not Werkzeug's English one."""
        status = e.code or 400
        if _wants_json():
            return _json_error(e, status)
        page = render_template("shared/error.html", code=status, expired=isinstance(e, CSRFError))
        return page, status

    @app.errorhandler(404)
    def not_found(e: HTTPException) -> Any:
        if _wants_json():
            return _json_error(e, 404)
        return render_template("shared/error.html", code=404), 404


def _json_error(e: HTTPException, status: int) -> Any:
    """The API's error shape (semak.errors), for JSON callers of portal and API routes."""
    from semak.errors import HTTP_CODES, error_response

    return error_response(HTTP_CODES[status], e.description or e.name, status)


def _wants_json() -> bool:
    from semak.errors import wants_json

    return request.path.endswith(".json") or wants_json()
