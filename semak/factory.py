"""``create_app(config=None)``: settings, extensions, the API and the portal."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Flask, jsonify
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from semak.config import Settings
from semak.db import ROOT
from semak.services import Services, close_session
from semak.web.i18n import LANGUAGES, select_locale

log = logging.getLogger(__name__)
# keys of ``config`` that override the environment's settings (same names as the variables)
SETTING_KEYS = (
    "DATABASE_URL",
    "REDIS_URL",
    "STORAGE_DIR",
    "SECRET_KEY",
    "MAX_UPLOAD_BYTES",
    "MAX_CLAIM_BYTES",
    "MAX_FILES",
    "JOB_TIMEOUT",
    "JOB_RETRIES",
    "TRUSTED_PROXIES",
    "JOB_RETRY_INTERVALS",
    "SEMAK_INSTANCE_DIR",
    "OCR_LANGS",
    "OCR_ENGINE",
    "OCR_PAGE_TIMEOUT",
    "SEMAK_CACHE_DIR",
    "RETENTION_YEARS",
    "SEMAK_SAMPLE_RATE",
    "SESSION_COOKIE_SECURE",
    "SESSION_MAX_HOURS",
)

csrf = CSRFProtect()


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The Flask app. ``config``: Flask settings, plus any of SETTING_KEYS to override the
    environment, or ``SETTINGS``: a ready ``semak.config.Settings``."""
    config = dict(config or {})
    settings = config.pop("SETTINGS", None)
    if settings is None:
        overrides = {k: str(config.pop(k)) for k in SETTING_KEYS if k in config}
        settings = Settings.from_env({**os.environ, **overrides})
    settings = settings.ensure_secret_key()
    testing = bool(config.get("TESTING"))
    if not testing:  # a short or published key lets anyone sign a session as anyone
        settings.require_strong_secret_key()

    app = Flask(
        "semak",
        root_path=str(ROOT),
        template_folder="templates",
        static_folder="static",
        instance_path=str(settings.instance_dir.resolve()),
    )
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,  # a claim's files plus its fields
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # HTTPS-only cookies unless testing or configured off (make run: plain http, loopback)
        SESSION_COOKIE_SECURE=settings.session_cookie_secure and not testing,
        REMEMBER_COOKIE_SECURE=settings.session_cookie_secure and not testing,
        SESSION_MAX_AGE=timedelta(hours=settings.session_max_hours),
        BABEL_DEFAULT_LOCALE="en",
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
        LANGUAGES=LANGUAGES,
    )
    app.config.update(config)
    if settings.trusted_proxies:  # client address, scheme and host as the proxy saw them
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)  # type: ignore[method-assign]
    app.json.sort_keys = False  # type: ignore[attr-defined]  # reports keep the spec's key order
    app.extensions["semak"] = Services(settings)
    app.teardown_appcontext(close_session)

    from semak.errors import register_error_handlers

    register_error_handlers(app)
    _init_login(app)
    Babel(app, locale_selector=select_locale)  # the session's, the user's, the browser's
    csrf.init_app(app)

    from semak import api, cli

    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    cli.register(app)
    app.add_url_rule("/healthz", "healthz", healthz)

    from semak import web

    web.register(app)
    _reliability(app)
    return app


def _reliability(app: Flask) -> None:
    """Security headers and rate limits, the reconciler and retention commands, log masking."""
    from semak.logscrub import install_log_scrubber
    from semak.reconcile import reconcile_cli
    from semak.retention import retention_cli
    from semak.security import init_security

    init_security(app)
    app.cli.add_command(reconcile_cli)
    app.cli.add_command(retention_cli)
    install_log_scrubber()


def _init_login(app: Flask) -> None:
    """Flask-Login with the portal's one user loader (semak.auth.load_user on the request's
    session): an inactive or unknown user is logged out."""
    from semak.web.portal import load_user

    manager = LoginManager(app)
    manager.user_loader(load_user)


def healthz() -> Any:
    from sqlalchemy import text

    from semak.services import services
    from semak.services import session as db_session

    checks = {}
    try:
        db_session().execute(text("select 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = type(exc).__name__
    try:
        services().redis.ping()
        checks["redis"] = "ok"
    except Exception as exc:
        checks["redis"] = type(exc).__name__
    ok = all(v == "ok" for v in checks.values())
    return jsonify({"status": "ok" if ok else "degraded", **checks}), 200 if ok else 503
