"""Logout ends the session for good: signed-cookie sessions live in the browser, so a copy of
the cookie taken before logout would still work. Each login gets a random session id; logout
records it in Redis as revoked until the session could have expired anyway, and every request
carrying a revoked id is logged out.

A log-in also ends ``SESSION_MAX_AGE`` (SESSION_MAX_HOURS, 12 h) after it was made, however
active the session (the cookie's own lifetime slides with each request). Both checks fail
closed: a session without its id or log-in time is ended, and while Redis cannot say whether a
session was revoked, signed-in requests are answered 503 (the session is kept for later).
"""

from __future__ import annotations

import logging
import secrets
import time
from datetime import timedelta
from typing import Any

from flask import Flask, Response, current_app, request, session
from flask_babel import gettext as _
from flask_login import current_user, logout_user

log = logging.getLogger(__name__)
KEY = "semak:revoked-session:"
DEFAULT_MAX_AGE = timedelta(hours=12)
# log-out must work while Redis is down (the cookie is cleared; the id cannot be recorded)
UNCHECKED_ENDPOINTS = frozenset({"auth.logout", "static", "healthz"})


def now() -> float:
    """The clock sessions are timed with (tests replace it)."""
    return time.time()


def start() -> None:
    session["sid"] = secrets.token_urlsafe(18)
    session["login_at"] = int(now())


def revoke() -> None:
    sid = session.get("sid")
    if not sid:
        return
    lifetime = current_app.config.get("PERMANENT_SESSION_LIFETIME", timedelta(hours=8))
    seconds = int(lifetime.total_seconds()) if isinstance(lifetime, timedelta) else int(lifetime)
    try:
        _redis().set(KEY + str(sid), "1", ex=max(seconds, 60))
    except Exception:  # Redis down: the cookie is still cleared in this browser
        log.warning("could not record the revoked session")


def _redis() -> Any:
    from semak.services import services

    return services().redis


def _expired() -> bool:
    """True when the log-in is older than SESSION_MAX_AGE, or its time is missing."""
    login_at = session.get("login_at")
    if not isinstance(login_at, int):
        return True
    max_age = current_app.config.get("SESSION_MAX_AGE", DEFAULT_MAX_AGE)
    return now() - login_at >= max_age.total_seconds()


def _end() -> None:
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang


def _unavailable() -> Any:
    from semak.errors import error_response, wants_json

    message = _("Sign-in cannot be checked just now. Try again in a minute.")
    if wants_json():
        resp, status = error_response("session_check_unavailable", message, 503)
    else:
        resp, status = Response(message + "\n", mimetype="text/plain"), 503
    resp.headers["Retry-After"] = "30"
    return resp, status


def install(app: Flask) -> None:
    @app.before_request
    def refuse_revoked_sessions() -> Any:
        if not current_user.is_authenticated:
            return None
        sid = session.get("sid")
        if not sid or _expired():
            _end()
            return None
        if request.endpoint in UNCHECKED_ENDPOINTS:
            return None
        try:
            revoked = _redis().exists(KEY + str(sid))
        except Exception as exc:  # fail closed: a revoked cookie must not pass while Redis is down
            log.warning("session revocation unknown (%s): request refused", type(exc).__name__)
            return _unavailable()
        if revoked:
            _end()
        return None
