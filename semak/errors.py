"""The service's own errors (stable codes, like intake's) and the edge that answers them: the
one table of HTTP statuses (:data:`HTTP_STATUS`, :func:`http_status`) and the JSON error
shape. Below the edge errors carry a code and a message, never a status."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from intake.errors import (
    DocumentUnreadable,
    FileTooLarge,
    OcrFailed,
    RulesError,
    SemakError,
    UnsupportedFile,
)
from semak.config import InsecureSecretKey

log = logging.getLogger(__name__)


class MissingClaim(SemakError):
    code = "missing_claim"


class InvalidJson(SemakError):
    code = "invalid_json"


class ClaimTooLarge(SemakError):
    """The claim part (form field or file part) is over the claim size limit."""

    code = "claim_too_large"


class NoFiles(SemakError):
    code = "no_files"


class TooManyFiles(SemakError):
    code = "too_many_files"


class EmployerRequired(SemakError):
    code = "employer_required"


class Unauthorized(SemakError):
    code = "unauthorized"


class Forbidden(SemakError):
    code = "forbidden"


class NotFound(SemakError):
    code = "not_found"


class ClaimBusy(SemakError):
    code = "claim_busy"


class AdminCannotFile(SemakError):
    """Administrators see no claim (semak.access), so they file none, for no employer."""

    code = "admin_cannot_file"


class InvalidReceiptDate(SemakError):
    """A receipt day after today (Malaysia time) or before the accident."""

    code = "invalid_receipt_date"


class ClaimDecided(SemakError):
    code = "claim_decided"


class RateLimited(SemakError):
    code = "rate_limited"


class QueueUnavailable(SemakError):
    code = "queue_unavailable"


# the HTTP status of each error class; a subclass answers as its nearest listed ancestor, any
# other SemakError as a bad request (400)
HTTP_STATUS: dict[type[SemakError], int] = {
    UnsupportedFile: 415,
    FileTooLarge: 413,
    DocumentUnreadable: 422,
    OcrFailed: 500,
    RulesError: 500,
    InsecureSecretKey: 500,
    ClaimTooLarge: 413,
    TooManyFiles: 413,
    Unauthorized: 401,
    Forbidden: 403,
    AdminCannotFile: 403,
    NotFound: 404,
    ClaimBusy: 409,
    ClaimDecided: 409,
    RateLimited: 429,
    QueueUnavailable: 503,
}
BAD_REQUEST = 400


def http_status(exc: SemakError) -> int:
    """The HTTP status that answers ``exc``."""
    for cls in type(exc).__mro__:
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return BAD_REQUEST


HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "file_too_large",
    415: "unsupported_file",
    429: "rate_limited",
}


def error_response(code: str, message: str, status: int) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message}}), status


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


# What a person reads when the code failed (500) or the database is down (503): title, text
OUTAGE = {
    500: (
        _l("Something went wrong on our side"),
        _l("Try again in a minute. If it happens again, tell PERKESO when it happened."),
    ),
    503: (
        _l("The service cannot reach its database"),
        _l("Nothing was stored. Try again in a minute."),
    ),
}


def outage_page(status: int) -> str:
    """The page for a 500 or a database that is down, Malay first, then English: it touches no
    session, user or database, so it cannot know the reader's language."""
    title, text = OUTAGE[status]
    parts = []
    for lang in ("ms", "en"):
        with force_locale(lang):
            parts.append((lang, str(title), str(text)))
    return render_template("shared/outage.html", status=status, parts=parts)


def register_error_handlers(app: Flask) -> None:
    """SemakError everywhere, and any HTTP error under /api/, become the JSON error shape."""

    @app.errorhandler(SemakError)
    def _semak(exc: SemakError) -> Any:
        return error_response(exc.code, exc.message, http_status(exc))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        if not wants_json():
            return exc
        status = exc.code or 500
        code = HTTP_CODES.get(status, "http_error")
        if status == 413:
            message = f"The upload is over the limit of {app.config['MAX_CONTENT_LENGTH']} bytes."
        else:
            message = exc.description or exc.name
        return error_response(code, message, status)

    @app.errorhandler(OperationalError)
    def _database_down(exc: OperationalError) -> Any:
        log.error("database unavailable on %s %s: %s", request.method, request.path, type(exc))
        message = "The service cannot reach its database; nothing was stored. Try again shortly."
        if not wants_json():
            return outage_page(503), 503, {"Retry-After": "30"}
        response, status = error_response("database_unavailable", message, 503)
        response.headers["Retry-After"] = "30"
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        log.exception("unexpected error on %s %s", request.method, request.path)
        if not wants_json():
            return outage_page(500), 500
        return error_response("internal_error", "Something went wrong on our side.", 500)
