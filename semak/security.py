"""Security headers on every response, and rate limits (:mod:`semak.ratelimit`).

``init_security(app)`` (idempotent) installs both. Headers: a Content-Security-Policy with
``frame-ancestors`` (a stricter one on the JSON API), X-Frame-Options, X-Content-Type-Options
nosniff, Referrer-Policy; ``Cache-Control: no-store`` on the API and on every portal page a
signed-in user gets (claims carry personal data); Strict-Transport-Security on responses served
over HTTPS (as ProxyFix/TRUSTED_PROXIES tell). This is the one headers hook of the portal and
the API. A view that set a header of its own keeps it; a CSP without ``frame-ancestors`` gets
one added.
Rate limits, their settings and their 429 answers: see :mod:`semak.ratelimit`.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
PAGE_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"


def init_security(app: Flask) -> None:
    """Install the headers hook and the rate limits on ``app`` (once)."""
    if "semak_security" in app.extensions:
        return
    from semak.ratelimit import init_rate_limits

    app.extensions["semak_security"] = True
    init_rate_limits(app)
    # first in the list = run last (Flask runs after-request hooks in reverse): a view's or the
    # portal's own headers are set by then, and this hook only fills in what is missing
    app.after_request_funcs.setdefault(None, []).insert(0, security_headers)


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
    if (api and request.endpoint != "api.openapi") or (not api and _signed_in()):
        h.setdefault("Cache-Control", "no-store")
    if request.is_secure:  # browsers ignore it over http; sent there it could pin a bad host
        h.setdefault("Strict-Transport-Security", HSTS)
    return resp


def _signed_in() -> bool:
    """A portal user is logged in (an app without flask_login has none)."""
    if not hasattr(current_app, "login_manager"):
        return False
    from flask_login import current_user

    return bool(current_user and current_user.is_authenticated)
