"""Uploaded files through the instant check: accepted ones go on, rejected ones say why."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from werkzeug.datastructures import FileStorage

from semak.web.quality import Limits, QualityResult, check_upload

READ_LIMIT = 60 * 1024 * 1024


@dataclass
class Checked:
    accepted: list[FileStorage] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)


def limits() -> Limits:
    max_bytes = int(current_app.config.get("SEMAK_MAX_FILE_BYTES", 20 * 1024 * 1024))
    return Limits(max_bytes=max_bytes)


def check_one(upload: FileStorage) -> tuple[QualityResult, bytes]:
    data = upload.stream.read(READ_LIMIT + 1)
    return check_upload(data, limits()), data


def check_files(uploads: list[FileStorage]) -> Checked:
    out = Checked()
    for upload in uploads:
        if not upload or not upload.filename:
            continue
        result, data = check_one(upload)
        if result.ok:
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
