"""Security headers on every response, and rate limits on log-in and upload.

``init_security(app)`` (idempotent) installs both. Headers: a Content-Security-Policy with
``frame-ancestors`` (a stricter one on the JSON API), X-Frame-Options, X-Content-Type-Options
nosniff, Referrer-Policy; ``Cache-Control: no-store`` on the API (claims carry personal data);
Strict-Transport-Security on responses served over HTTPS (as ProxyFix/TRUSTED_PROXIES tell).
A view that set a header of its own keeps it; a CSP without ``frame-ancestors`` gets one added.

Rate limits: fixed windows counted in Redis (shared by every web process), in this process's
memory while Redis does not answer, so a Redis restart neither blocks uploads nor lifts the
limit. Over the limit the answer is 429 with ``Retry-After`` (JSON error on the API).

Flask config (defaults in brackets; the environment variable of the same name is read once,
here, when the config does not set it):
    RATELIMIT_ENABLED      [on unless TESTING]
    RATELIMIT_LOGIN        ["30/60"]   log-in attempts (POST) per client address per 60 s
    RATELIMIT_UPLOAD       ["120/60"]  uploads (POST of files) per account (token or session)
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, request

log = logging.getLogger(__name__)

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
PAGE_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"
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
DEFAULTS = {"RATELIMIT_LOGIN": "30/60", "RATELIMIT_UPLOAD": "120/60"}


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """``"30/60"``: 30 requests per 60 seconds."""
        count, _, seconds = str(text).partition("/")
        return cls(int(count), int(seconds or 60))


class RateLimiter:
    """Fixed-window counters: Redis when it answers, else this process's memory."""

    def __init__(self, redis: Any | None) -> None:
        self.redis = redis
        self._memory: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, limit: Limit) -> tuple[bool, int]:
        """Count one request; (allowed, seconds until the window ends)."""
        now = time.time()
        window = int(now // limit.seconds)
        retry = int((window + 1) * limit.seconds - now) + 1
        full = f"semak:ratelimit:{key}:{window}"
        count = self._redis_incr(full, limit.seconds)
        if count is None:
            count = self._memory_incr(full, now + limit.seconds)
        return count <= limit.count, retry

    def _redis_incr(self, key: str, ttl: int) -> int | None:
        if self.redis is None:
            return None
        try:
            pipe = self.redis.pipeline()
            pipe.incr(key)
            pipe.expire(key, ttl + 1)
            count, _ = pipe.execute()
            return int(count)
        except Exception as exc:  # Redis down or restarting: count here meanwhile
            log.warning("rate limit counted in memory: %s", type(exc).__name__)
            return None

    def _memory_incr(self, key: str, expires: float) -> int:
        with self._lock:
            now = time.time()
            if len(self._memory) > 10_000:
                self._memory = {k: v for k, v in self._memory.items() if v[1] > now}
            count, until = self._memory.get(key, (0, expires))
            self._memory[key] = (count + 1, until)
            return count + 1


def init_security(app: Flask) -> None:
    """Install the headers hook and the rate limits on ``app`` (once)."""
    if "semak_security" in app.extensions:
        return
    for name, default in DEFAULTS.items():
        app.config.setdefault(name, os.environ.get(name, default))
    if "RATELIMIT_ENABLED" not in app.config and os.environ.get("RATELIMIT_ENABLED"):
        app.config["RATELIMIT_ENABLED"] = os.environ["RATELIMIT_ENABLED"] not in ("0", "false")
    app.extensions["semak_security"] = RateLimiter(_redis_of(app))
    app.before_request(_rate_limit)
    # first in the list = run last (Flask runs after-request hooks in reverse): a view's or the
    # portal's own headers are set by then, and this hook only fills in what is missing
    app.after_request_funcs.setdefault(None, []).insert(0, security_headers)


def _redis_of(app: Flask) -> Any | None:
    svc = app.extensions.get("semak")
    if svc is None:
        return None
    from redis import Redis

    # short timeouts: a hung Redis must not hold a request; the limiter falls back to memory
    return Redis.from_url(svc.settings.redis_url, socket_timeout=0.5, socket_connect_timeout=0.5)


def security_headers(resp: Response) -> Response:
    api = request.path.startswith("/api/")
    h = resp.headers
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("X-Frame-Options", "DENY" if api else "SAMEORIGIN")
    h.setdefault("Referrer-Policy", "same-origin")
    csp = h.get("Content-Security-Policy")
    if csp is None:
        h["Content-Security-Policy"] = API_CSP if api else PAGE_CSP
    elif "frame-ancestors" not in csp:
        h["Content-Security-Policy"] = csp.rstrip("; ") + "; frame-ancestors 'self'"
    if api and request.endpoint != "api.openapi":
        h.setdefault("Cache-Control", "no-store")
    if request.is_secure:  # browsers ignore it over http; sent there it could pin a bad host
        h.setdefault("Strict-Transport-Security", HSTS)
    return resp


def _enabled() -> bool:
    from flask import current_app

    value = current_app.config.get("RATELIMIT_ENABLED")
    return (not current_app.testing) if value is None else bool(value)


def _rate_limit() -> Any:
    if request.method != "POST" or not _enabled():
        return None
    endpoint = request.endpoint or ""
    if endpoint in LOGIN_ENDPOINTS:
        kind, ident = "login", request.remote_addr or "-"
    elif endpoint in UPLOAD_ENDPOINTS:
        kind, ident = "upload", _account()
    else:
        return None
    from flask import current_app

    limit = Limit.parse(current_app.config[f"RATELIMIT_{kind.upper()}"])
    limiter: RateLimiter = current_app.extensions["semak_security"]
    allowed, retry = limiter.hit(f"{kind}:{_digest(ident)}", limit)
    if allowed:
        return None
    log.warning("rate limit of %s reached", kind)
    return _too_many(kind, retry)


def _account() -> str:
    """Who is uploading: the bearer token, else the session's user, else the address."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return "token:" + header[7:].strip()
    from flask_login import current_user

    if getattr(current_user, "is_authenticated", False):
        return f"user:{current_user.get_id()}"
    return f"addr:{request.remote_addr or '-'}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def _too_many(kind: str, retry: int) -> Any:
    from semak.errors import error_response, wants_json

    what = "log-in attempts" if kind == "login" else "uploads"
    message = f"Too many {what}. Try again in {retry} seconds."
    if wants_json():
        resp, status = error_response("too_many_requests", message, 429)
    else:
        resp, status = Response(message + "\n", mimetype="text/plain"), 429
    resp.headers["Retry-After"] = str(retry)
    return resp, status
