"""Claim resources shared by employers (own claims) and officers: live status, the report as PDF,
the stored documents (as attachments) and their page images - all behind the access check, by
the claim's random id; storage paths are never exposed.

Page images are rendered small (longer side MAX_PAGE_SIDE; JPEGs decoded at a reduced scale,
PDFs rendered at the scale that gives that size, pages over MAX_RENDER_PIXELS refused before
decoding) and kept as PNG in ``<instance>/page-images`` per (document content, page, size), so
a page is decoded once, not on every view. ``page_image_cache_files`` names a stored file's
renders (retention deletes them with the file). Rate limiting of the route is
RATE_LIMIT_SCOPE's (Flask-Limiter, semak/security.py), not this module's.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, jsonify, send_file
from flask_babel import get_locale
from flask_login import current_user
from PIL import Image

from intake.options import ReadOptions
from semak.models import Role
from semak.ratelimit import limited
from semak.web import portal
from semak.web.access import role_required

bp = Blueprint("files", __name__, url_prefix="/claims")

MAX_PAGE_SIDE = 1600
MAX_RENDER_PIXELS = ReadOptions.max_pixels  # what an upload may hold per page
MAX_FRAMES = ReadOptions.max_pages
PAGE_IMAGE_DIR = "page-images"
RATE_LIMIT_SCOPE = "page-images"  # the hook for the page-image rate limit (Flask-Limiter)
SHA256 = re.compile(r"[0-9a-f]{64}")


@bp.route("/<public_id>/status.json")
@role_required(Role.EMPLOYER, Role.OFFICER)
def status(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    portal.audit(c, current_user, "viewed_status", {}, collapse=True)  # polled: one a while
    portal.commit()
    return jsonify(portal.status_payload(c))


@bp.route("/<public_id>/report.pdf")
@role_required(Role.EMPLOYER, Role.OFFICER)
def report_pdf(public_id: str) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    report = portal.current_report(c)
    if report is None:
        abort(404)
    try:
        from verifier.render import render_pdf
    except ImportError:
        abort(404)
    pdf = render_pdf(report, str(get_locale() or "en"))
    portal.audit(c, current_user, "downloaded_report", {})
    portal.commit()
    return send_file(
        io.BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"semak-{c.reference}.pdf",
    )


def _document(public_id: str, doc_id: int) -> Any:
    c = portal.claim_or_404(current_user, public_id)
    doc = next((d for d in c.documents if d.id == doc_id), None)
    if doc is None:
        abort(404)
    return c, doc


@bp.route("/<public_id>/documents/<int:doc_id>")
@role_required(Role.EMPLOYER, Role.OFFICER)
def document(public_id: str, doc_id: int) -> Any:
    c, doc = _document(public_id, doc_id)
    from semak.services import services

    path = services().storage.path(doc.storage_key)
    portal.audit(c, current_user, "downloaded_document", {"document": doc.id})
    portal.commit()
    resp = send_file(
        path, mimetype=doc.media_type, as_attachment=True, download_name=doc.original_name
    )
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/<public_id>/documents/<int:doc_id>/pages/<int:page>.png")
@limited("pages")
@role_required(Role.EMPLOYER, Role.OFFICER)
def page_image(public_id: str, doc_id: int, page: int) -> Any:
    c, doc = _document(public_id, doc_id)
    from semak.services import services

    svc = services()
    try:
        png = page_png(svc.settings.instance_dir, svc.storage.path(doc.storage_key), doc, page)
    except (IndexError, EOFError):
        abort(404)
    detail = {"document": doc.id, "page": page}
    portal.audit(c, current_user, "viewed_page", detail, collapse=True)
    portal.commit()
    resp = Response(png, mimetype="image/png")
    resp.headers["Cache-Control"] = "private, no-store"
    return resp


def page_png(instance_dir: Path, path: Path, doc: Any, page: int) -> bytes:
    """Page ``page`` of the stored document as PNG: from the cache, else rendered and kept."""
    cached = _cache_file(instance_dir, doc.sha256, page, MAX_PAGE_SIDE)
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    img = render_page(str(path), doc.media_type, page)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    data = out.getvalue()
    if cached is not None:
        _write_atomically(cached, data)
    return data


def page_image_cache_files(instance_dir: Path, sha256: str) -> list[Path]:
    """The cached renders of the stored file whose content hash is ``sha256``."""
    folder = instance_dir / PAGE_IMAGE_DIR / sha256[:2]
    if not SHA256.fullmatch(sha256) or not folder.is_dir():
        return []
    return sorted(folder.glob(f"{sha256}-p*.png"))


def _cache_file(instance_dir: Path, sha256: str, page: int, side: int) -> Path | None:
    if not SHA256.fullmatch(sha256 or ""):
        return None
    return instance_dir / PAGE_IMAGE_DIR / sha256[:2] / f"{sha256}-p{page}-{side}.png"


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_page(path: str, media_type: str, page: int, side: int = MAX_PAGE_SIDE) -> Image.Image:
    """Page ``page`` (1-based) as an RGB image, longer side at most ``side``, decoded small:
    a JPEG at the reduced scale nearest above ``side``, any image refused past
    MAX_RENDER_PIXELS before decoding (intake.files.open_image), a PDF page rendered at the
    scale that gives ``side``."""
    if page < 1:
        raise IndexError(page)
    if media_type == "application/pdf":
        return _render_pdf_page(path, page, side)
    from intake.files import count_pages, open_image

    if page > count_pages(Path(path), MAX_FRAMES, media_type):  # bounded: no n_frames walk
        raise IndexError(page)
    with open_image(Path(path), MAX_RENDER_PIXELS) as im:
        im.seek(page - 1)
        im.draft("RGB", (side, side))  # JPEG: the decoder scales by 1/2, 1/4 or 1/8
        im.thumbnail((side, side))  # reduce() by whole factors, then resample
        return im.convert("RGB")


def _render_pdf_page(path: str, page: int, side: int) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        if page > len(pdf):
            raise IndexError(page)
        p = pdf[page - 1]
        w, h = p.get_size()
        scale = min(side / max(w, h, 1), 150 / 72)
        return p.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
