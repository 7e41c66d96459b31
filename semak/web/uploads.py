"""Uploaded files through the instant check: accepted ones go on, rejected ones say why.

The limits are the service's settings (``semak.config.Settings``: MAX_UPLOAD_BYTES a file,
MAX_CLAIM_BYTES and MAX_FILES a claim, intake's pages a file); the form states them and its
script checks them on drop (``limits_for_page``), and the server checks them again here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from intake.errors import SemakError
from semak.services import services
from semak.web.quality import Limits, QualityResult, accept_attribute, check_upload, megabytes


@dataclass
class Checked:
    accepted: list[FileStorage] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)


def limits() -> Limits:
    return Limits.of(services().settings)


def limits_for_page() -> dict[str, Any]:
    """What the drop zone states and its script checks (``data-*`` attributes and help text)."""
    lim = limits()
    return {
        "max_file_bytes": lim.max_bytes,
        "max_claim_bytes": lim.max_claim_bytes,
        "max_files": lim.max_files,
        "max_pages": lim.max_pages,
        "file_mb": megabytes(lim.max_bytes),
        "claim_mb": megabytes(lim.max_claim_bytes),
        "accept": accept_attribute(),
    }


def check_one(upload: FileStorage) -> tuple[QualityResult, bytes]:
    lim = limits()
    data = upload.stream.read(lim.max_bytes + 1)
    if len(data) > lim.max_bytes:  # the size, not the first max_bytes + 1 bytes of it
        data += upload.stream.read()
    return check_upload(data, lim), data


def _over_claim(total: int, files: int, lim: Limits) -> QualityResult | None:
    if files > lim.max_files:
        return QualityResult(False, code="too_many_files", params={"limit": lim.max_files})
    if total > lim.max_claim_bytes:
        params: dict[str, int | str] = {
            "size": megabytes(total),
            "limit": megabytes(lim.max_claim_bytes),
        }
        return QualityResult(False, code="claim_too_large", params=params)
    return None


def check_files(
    uploads: list[FileStorage], already_bytes: int = 0, already_files: int = 0
) -> Checked:
    """Each file checked alone, then against what the claim already holds (bytes, files)."""
    lim = limits()
    out = Checked()
    total, count = already_bytes, already_files
    for upload in uploads:
        if not upload or not upload.filename:
            continue
        result, data = check_one(upload)
        if result.ok:
            result = _over_claim(total + len(data), count + 1, lim) or result
        if result.ok:
            total, count = total + len(data), count + 1
            out.accepted.append(
                FileStorage(
                    stream=io.BytesIO(data),
                    filename=upload.filename,
                    content_type=result.media_type or upload.content_type,
                    name=upload.name,
                )
            )
        else:
            out.rejected.append(
                {"name": upload.filename, "code": result.code, "message": result.message}
            )
    return out


# The service's refusals (semak.claims, by their stable code) as an employer reads them; the
# service's own text is English, for the API and the logs.
SERVICE_REFUSALS = {
    "no_files": _l("Add at least one readable document."),
    "too_many_files": _l("A claim holds at most %(limit)d files."),
    "file_too_large": _l("A file is over the limit of %(limit)s per file."),
    "too_many_pages": _l("A file has more pages than the limit per file."),
    "image_too_large": _l("This image is too large to open. Scan at a lower resolution."),
    "unsupported_file": _l("This file is not a PDF, JPEG, PNG, TIFF or HEIC."),
    "malformed_file": _l(
        "This file is damaged: its pages cannot be found. Scan or export it again."
    ),
    "claim_busy": _l("Another upload is changing this claim. Wait a moment and try again."),
    "claim_decided": _l("This claim has been decided; it takes no more documents."),
    "employer_required": _l("This account is not linked to an employer. Ask PERKESO to link it."),
    "invalid_claim": _l("The claim's details cannot be used. Check the form and send it again."),
}


def service_refusal(exc: SemakError) -> str:
    """What the employer reads when the service refuses the claim or its files."""
    lim = limits()
    message = SERVICE_REFUSALS.get(exc.code)
    if message is None:
        return str(_l("The claim could not be stored. Try again in a minute."))
    limit = lim.max_files if exc.code == "too_many_files" else megabytes(lim.max_bytes)
    return str(message) % {"limit": limit}
