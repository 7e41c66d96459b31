"""The service's own errors (stable codes, like intake's) and the one JSON translation point."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from intake.errors import SemakError

log = logging.getLogger(__name__)


class MissingClaim(SemakError):
    code = "missing_claim"


class InvalidJson(SemakError):
    code = "invalid_json"


class ClaimTooLarge(SemakError):
    """The claim part (form field or file part) is over the claim size limit."""

    code = "claim_too_large"
    http_status = 413


class NoFiles(SemakError):
    code = "no_files"


class TooManyFiles(SemakError):
    code = "too_many_files"
    http_status = 413


class EmployerRequired(SemakError):
    code = "employer_required"


class Unauthorized(SemakError):
    code = "unauthorized"
    http_status = 401


class Forbidden(SemakError):
    code = "forbidden"
    http_status = 403


class NotFound(SemakError):
    code = "not_found"
    http_status = 404


class ClaimBusy(SemakError):
    code = "claim_busy"
    http_status = 409


class AdminCannotFile(SemakError):
    """Administrators see no claim (semak.access), so they file none, for no employer."""

    code = "admin_cannot_file"
    http_status = 403


class InvalidReceiptDate(SemakError):
    """A receipt day after today (Malaysia time) or before the accident."""

    code = "invalid_receipt_date"


class ClaimDecided(SemakError):
    code = "claim_decided"
    http_status = 409


class RateLimited(SemakError):
    code = "rate_limited"
    http_status = 429


class QueueUnavailable(SemakError):
    code = "queue_unavailable"
    http_status = 503


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


def register_error_handlers(app: Flask) -> None:
    """SemakError everywhere, and any HTTP error under /api/, become the JSON error shape."""

    @app.errorhandler(SemakError)
    def _semak(exc: SemakError) -> Any:
        return error_response(exc.code, exc.message, exc.http_status)

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
            return message, 503, {"Retry-After": "30"}
        response, status = error_response("database_unavailable", message, 503)
        response.headers["Retry-After"] = "30"
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        log.exception("unexpected error on %s %s", request.method, request.path)
        if not wants_json():
            return "Internal Server Error", 500
        return error_response("internal_error", "Something went wrong on our side.", 500)
