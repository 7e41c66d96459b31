"""Officers: bulk archive batches, their claims, the unassigned list and the page index.

Thin views over ``semak.archive``: status from ``ingest.batch_status``, contents and the
CSV/JSON index from ``index.batch_index`` (IC numbers masked: the index leaves the service).
Opening a batch and downloading its index are audited (a repeat within ten minutes is not).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from flask import Blueprint, Response, abort, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from semak.archive.index import BatchNotFound, batch_index
from semak.archive.ingest import batch_status
from semak.archive.models import ArchiveBatch
from semak.archive.review import archive_claim
from semak.models import Role
from semak.services import services
from semak.web import portal
from semak.web.access import role_required
from semak.web.paging import fetch, page_or_400
from verifier.models import report_deadline
from verifier.render import render_html

log = logging.getLogger(__name__)

bp = Blueprint("archive", __name__, url_prefix="/officer/archive")
# grouping's and claims' reasons (semak.archive.grouping, semak.archive.claims), as read
REASONS = {
    "accompanies the claim beside it (another person or no IC)": _l(
        "accompanies the claim beside it (another person or no IC)"
    ),
    "same insured": _l("same insured"),
    "scanned with the claim": _l("scanned with the claim"),
    "no IC number on it or beside it": _l("no IC number on it or beside it"),
    "no document says which benefit is claimed": _l("no document says which benefit is claimed"),
    "no IC number": _l("no IC number"),
    "no document names the benefit": _l("no document names the benefit"),
    "no date of the accident, diagnosis or death": _l(
        "no date of the accident, diagnosis or death"
    ),
}
# why a file of a batch failed (intake.errors' and semak.archive.jobs' codes), in words
FAILURES = {
    "unsupported_file": _l("not a PDF, JPEG, PNG, TIFF or HEIC file"),
    "malformed_file": _l("damaged: its pages cannot be found"),
    "file_too_large": _l("too large to read"),
    "too_many_pages": _l("more pages than a file may have"),
    "image_too_large": _l("an image too large to open"),
    "document_unreadable": _l("cannot be read"),
    "page_render_failed": _l("a page could not be drawn to be read"),
    "empty_file": _l("empty"),
    "truncated_file": _l("cut short: the file is incomplete"),
    "encrypted_pdf": _l("a PDF locked with a password"),
    "ocr_failed": _l("the text reader failed on it"),
    "ocr_timeout": _l("reading it took too long"),
    "worker_died": _l("the reader stopped on it every time it tried"),
}
BETWEEN = re.compile(r"unreadable, between claims (\S+) and (\S+)")


@bp.app_template_filter("archive_reason")
def archive_reason(text: str | None) -> str:
    """A grouping or verification reason in the reader's language (unknown ones as they are)."""
    if not text:
        return ""
    if text in REASONS:
        return str(REASONS[text])
    m = BETWEEN.fullmatch(text)
    if m:
        return _("unreadable, between claims %(a)s and %(b)s", a=m[1], b=m[2])
    return text


@bp.app_template_filter("archive_failure")
def archive_failure(code: str | None) -> str:
    """Why a file failed, in the reader's language (an unknown code: that it could not be read)."""
    return str(FAILURES.get(code or "", _l("cannot be read")))


@bp.route("")
@role_required(Role.OFFICER)
def batches() -> Any:
    svc = services()
    stmt = select(ArchiveBatch.name).order_by(
        ArchiveBatch.created_at.desc(), ArchiveBatch.id.desc()
    )
    with svc.db.Session() as s:
        page = fetch(s, stmt, page_or_400())
    rows = [st for name in page.items if (st := batch_status(svc, name)) is not None]
    return render_template("archive/batches.html", rows=rows, page=page)


@bp.route("/<name>")
@role_required(Role.OFFICER)
def batch(name: str) -> Any:
    _, data = _index(name)
    _audit("viewed_batch", name, {})
    return render_template("archive/batch.html", name=name, data=data)


@bp.route("/<name>/claims/<key>")
@role_required(Role.OFFICER)
def claim(name: str, key: str) -> Any:
    """One archive claim: where it came from, what it holds, the verifier's report."""
    with services().db.Session() as s:
        found = archive_claim(s, name, key)
        if found is None:
            abort(404)
        row, documents = found
        _audit("viewed_archive_claim", name, {"claim": key})
        return render_template(
            "archive/claim.html",
            name=name,
            report_fragment=_report_html(row.report),
            claim=row,
            documents=documents,
            deadline=report_deadline(row.report),
        )


def _report_html(report: dict[str, Any] | None) -> str | None:
    """The verifier's rendering of the report (no page images: archive pages are not served)."""
    if not report:
        return None
    try:
        return render_html(report, str(get_locale() or "ms"), {}, fragment=True)
    except Exception:  # the claim's facts and documents still show
        log.exception("render_html failed for an archive claim")
        return None


@bp.route("/<name>/index.csv")
@role_required(Role.OFFICER)
def index_csv(name: str) -> Response:
    text, _ = _index(name)
    _audit("downloaded_index", name, {"format": "csv"})
    return _attachment(text, f"{name}-index.csv", "text/csv")


@bp.route("/<name>/index.json")
@role_required(Role.OFFICER)
def index_json(name: str) -> Response:
    _, data = _index(name)
    _audit("downloaded_index", name, {"format": "json"})
    return _attachment(json.dumps(data, indent=1), f"{name}-index.json", "application/json")


def _index(name: str) -> tuple[str, dict[str, Any]]:
    try:
        return batch_index(name, svc=services())
    except BatchNotFound:
        abort(404)


def _audit(action: str, batch: str, detail: dict[str, Any]) -> None:
    """Who opened or downloaded which batch (the index maps insured persons' papers)."""
    portal.audit(None, current_user, action, {"batch": batch, **detail}, collapse=True)
    portal.commit()


def _attachment(body: str, filename: str, mimetype: str) -> Response:
    safe = "".join(c for c in filename if c.isalnum() or c in "-_.") or "index"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{safe}"'}
    )
