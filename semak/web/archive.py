"""Officers: bulk archive batches, their claims, the unassigned list and the page index.

Thin views over ``semak.archive``: status from ``ingest.batch_status``, contents and the
CSV/JSON index from ``index.batch_index`` (IC numbers masked: the index leaves the service).
Opening a batch and downloading its index are audited (a repeat within ten minutes is not).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, render_template
from flask_login import current_user
from sqlalchemy import select

from semak.archive.index import BatchNotFound, batch_index
from semak.archive.ingest import batch_status
from semak.archive.models import ArchiveBatch
from semak.models import Role
from semak.services import services
from semak.web import portal
from semak.web.access import role_required
from semak.web.paging import fetch, page_or_400

bp = Blueprint("archive", __name__, url_prefix="/officer/archive")


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
