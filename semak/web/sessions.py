"""Logout ends the session for good: signed-cookie sessions live in the browser, so a copy of
the cookie taken before logout would still work. Each login gets a random session id; logout
records it in Redis as revoked until the session could have expired anyway, and every request
carrying a revoked id is logged out.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from flask import Flask, current_app, session
from flask_login import current_user, logout_user

log = logging.getLogger(__name__)
KEY = "semak:revoked-session:"


def start() -> None:
    session["sid"] = secrets.token_urlsafe(18)


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


def install(app: Flask) -> None:
    @app.before_request
    def refuse_revoked_sessions() -> None:
        sid = session.get("sid")
        if not sid or not current_user.is_authenticated:
            return
        try:
            revoked = _redis().exists(KEY + str(sid))
        except Exception:
            return
        if revoked:
            logout_user()
            session.clear()
