"""Rate limits on log-in, upload and page images: Flask-Limiter, moving windows in Redis.

``init_rate_limits(app)`` (called by ``semak.security.init_security``) builds one
``flask_limiter.Limiter`` per app on the app's ``REDIS_URL`` and wraps the limited views:

- ``login``  log-in attempts (POST of the login form) per client address;
- ``upload`` uploads (claim creation, added documents, the instant file check) per account,
  one budget shared by the API and the portal;
- ``pages``  page images per account: views marked with :func:`limited` (``@limited("pages")``).

Windows move (``moving-window`` strategy): a burst at the end of one minute and the start of the
next counts as one. While Redis does not answer the same limits are counted in this process's
memory (Flask-Limiter's in-memory fallback, whose entries expire) and Redis is tried again with a
growing interval. Over a limit the answer is 429 with ``Retry-After`` (seconds): the API's JSON
error ``{"error": {"code": "rate_limited", ...}}``, a page for people, both in English or Malay.

Flask config (defaults in brackets; ``semak.config.Settings`` reads the environment variable of
the same name, used when the config does not set it). A limit is ``"COUNT/SECONDS"`` or
Flask-Limiter's notation (``"30 per minute"``):
    RATELIMIT_ENABLED      [on unless TESTING]
    RATELIMIT_LOGIN        ["30/60"]
    RATELIMIT_UPLOAD       ["120/60"]
    RATELIMIT_PAGES        ["600/60"]
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_limiter import Limiter, RateLimitExceeded

from semak.config import Settings

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

LIMIT_NAMES = ("RATELIMIT_LOGIN", "RATELIMIT_UPLOAD", "RATELIMIT_PAGES")  # Settings' fields too
LOGIN_ENDPOINTS = frozenset({"auth.login"})
UPLOAD_ENDPOINTS = frozenset(
    {
        "api.create_claim",
        "api.add_files",
        "employer.new_claim",
        "employer.add_documents",
        "employer.check_file",
    }
)
KEY_PREFIX = "semak:ratelimit"
MARK = "semak_rate_limit"


def limited(kind: str) -> Callable[[F], F]:
    """Mark a view for the ``kind`` limit (``RATELIMIT_<KIND>``, per account); the app's limiter
    wraps it at start-up. Marking leaves the view itself unchanged."""

    def mark(view: F) -> F:
        setattr(view, MARK, kind)
        return view

    return mark


def limit_text(text: str) -> str:
    """``"30/60"`` as Flask-Limiter's ``"30 per 60 second"``; other notations pass through."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", str(text))
    if match is None:
        return str(text)
    return f"{int(match[1])} per {int(match[2])} second"


def init_rate_limits(app: Flask) -> None:
    """Configure and install the limiter on ``app`` (the caller makes this run once)."""
    settings: Settings = app.extensions["semak"].settings
    for name in LIMIT_NAMES:
        app.config.setdefault(name, getattr(settings, name.lower()))
    if "RATELIMIT_ENABLED" not in app.config:
        on = settings.ratelimit_enabled
        app.config["RATELIMIT_ENABLED"] = (not app.testing) if on is None else on
    if not app.config["RATELIMIT_ENABLED"]:
        return
    options: dict[str, Any] = {
        "key_prefix": KEY_PREFIX,
        "socket_timeout": 0.5,  # a hung Redis must not hold a request: memory meanwhile
        "socket_connect_timeout": 0.5,
    }
    limiter = Limiter(
        key_func=client_address,
        app=app,
        storage_uri=_storage_uri(app),
        storage_options=options,
        strategy="moving-window",
        headers_enabled=True,
        in_memory_fallback_enabled=True,
    )
    app.extensions["semak_limiter"] = limiter
    _wrap_views(app, limiter)
    app.register_error_handler(RateLimitExceeded, too_many_requests)


def _storage_uri(app: Flask) -> str:
    svc = app.extensions.get("semak")
    return str(svc.settings.redis_url) if svc is not None else "memory://"


def _wrap_views(app: Flask, limiter: Limiter) -> None:
    login = limit_text(app.config["RATELIMIT_LOGIN"])
    upload = limiter.shared_limit(
        limit_text(app.config["RATELIMIT_UPLOAD"]), scope="upload", key_func=account_key
    )
    for endpoint, view in list(app.view_functions.items()):
        kind = getattr(view, MARK, None)
        wrapped: Any
        if endpoint in LOGIN_ENDPOINTS:
            wrapped = limiter.limit(login, key_func=client_address, methods=["POST"])(view)
        elif endpoint in UPLOAD_ENDPOINTS:
            wrapped = upload(view)
        elif kind is not None:
            text = limit_text(app.config[f"RATELIMIT_{kind.upper()}"])
            wrapped = limiter.limit(text, scope=kind, key_func=account_key)(view)
        else:
            continue
        app.view_functions[endpoint] = wrapped


def client_address() -> str:
    return _digest("addr:" + (request.remote_addr or "-"))


def account_key() -> str:
    """Who is asking: the bearer token, else the session's user, else the address (digested:
    no token in Redis)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return _digest("token:" + header[7:].strip())
    from flask_login import current_user

    if getattr(current_user, "is_authenticated", False):
        return _digest(f"user:{current_user.get_id()}")
    return client_address()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def retry_after_seconds() -> int:
    """Seconds until the breached limit lets a request through again (at least 1)."""
    limiter: Limiter | None = current_app.extensions.get("semak_limiter")
    current = limiter.current_limit if limiter is not None else None
    if current is None:
        return 1
    return max(1, int(current.reset_at - time.time()))


def too_many_requests(exc: RateLimitExceeded) -> Any:
    """429: the JSON error for the API and JSON callers, a page for people. Flask-Limiter adds
    ``Retry-After`` to either."""
    from semak.errors import RateLimited, error_response, http_status, wants_json

    seconds = retry_after_seconds()
    log.warning("rate limit reached on %s", request.endpoint)
    if wants_json():
        error = RateLimited(
            _("Too many requests. Try again in %(seconds)d seconds.", seconds=seconds)
        )
        return error_response(error.code, error.message, http_status(error))
    return render_template("shared/rate_limited.html", seconds=seconds), 429
