"""Hostile files that get past the upload check are read by a real worker (its own, on a
private Redis) within the job timeout: the claim is reported, the file reads or carries its
error, and the good file beside it is still read."""

from __future__ import annotations

from typing import Any

import pytest
from hostile import corpus, small_png
from reliability_helpers import finished, upload, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.tesseract]
REFUSED_AT_UPLOAD = {
    "zero_bytes", "truncated_pdf", "truncated_png", "truncated_jpeg", "encrypted_pdf",
    "ten_thousand_pages", "png_decompression_bomb", "exe_as_png", "html_as_pdf", "svg_as_png",
}  # fmt: skip


def test_hostile_files_that_get_in_end_in_a_per_document_error(
    rel_app: Any, rel_client: Any, make_user: Any, workers: Any, rel_settings: Any
) -> None:
    _, token = make_user()
    accepted: dict[str, str] = {}
    for kind, name, content in corpus():
        if kind in REFUSED_AT_UPLOAD:
            continue
        resp = upload(rel_client, token, [(content, name), (small_png(), "ok.png")])
        if resp.status_code == 202:
            accepted[kind] = resp.get_json()["id"]
    assert len(accepted) >= 5, f"too little accepted to prove anything: {sorted(accepted)}"
    worker = workers.start()
    for kind, cid in accepted.items():
        body = wait_until(rel_client, token, cid, finished, rel_settings.job_timeout, worker.log)
        assert body["status"] == "done", (kind, body.get("status_reason"))
        files = {d["file"] for d in body["report"]["documents"]}
        assert "ok.png" in files, kind  # one bad file never sinks the bundle
    # each read in one attempt: none was stopped at the job timeout (or killed) and retried
    assert _attempts(rel_app, accepted.values()) == dict.fromkeys(accepted.values(), 1)
    assert worker.proc.poll() is None


def _attempts(app: Any, public_ids: Any) -> dict[str, int]:
    from sqlalchemy import select

    from semak.models import Claim

    with app.extensions["semak"].db.Session() as s:
        rows = s.scalars(select(Claim).where(Claim.public_id.in_(list(public_ids))))
        return {c.public_id: c.attempts for c in rows}
