"""Uploaded files through the instant check: accepted ones go on, rejected ones say why.

The limits are the service's settings (``semak.config.Settings``: MAX_UPLOAD_BYTES a file,
MAX_CLAIM_BYTES and MAX_FILES a claim, intake's pages a file); the form states them and its
script checks them on drop (``limits_for_page``), and the server checks them again here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import FileStorage

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
