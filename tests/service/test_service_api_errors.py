"""Bad input to POST /api/v1/claims: the JSON error, nothing stored, nothing queued."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from service_scans import claim_data, medical_certificate_png, pdf_of
from sqlalchemy import func, select

from semak.models import Claim, StoredDocument

pytestmark = pytest.mark.postgres

PNG = medical_certificate_png()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(client: Any, token: str, data: dict[str, Any]) -> Any:
    return client.post(
        "/api/v1/claims",
        data=data,
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )


def _files(*items: tuple[bytes, str]) -> list[tuple[io.BytesIO, str]]:
    return [(io.BytesIO(content), name) for content, name in items]


def _assert_nothing_kept(db: Any, redis_conn: Any, settings: Any) -> None:
    assert db.scalar(select(func.count()).select_from(Claim)) == 0
    assert db.scalar(select(func.count()).select_from(StoredDocument)) == 0
    assert redis_conn.llen("rq:queue:interactive") == 0
    assert list(redis_conn.scan_iter("rq:job:*")) == []
    blobs = [p for p in settings.storage_dir.glob("*/*") if p.parent.name != "tmp"]
    assert blobs == []


CASES = [
    ("missing claim part", lambda: {"files": _files((PNG, "mc.png"))}, 400, "missing_claim"),
    (
        "invalid JSON",
        lambda: {"claim": "{not json", "files": _files((PNG, "mc.png"))},
        400,
        "invalid_json",
    ),
    (
        "claim not matching the schema",
        lambda: {
            "claim": json.dumps(claim_data(insured_ic="12-34")),
            "files": _files((PNG, "mc.png")),
        },
        400,
        "invalid_claim",
    ),
    (
        "unknown claim type",
        lambda: {
            "claim": json.dumps(claim_data(claim_type="lottery_win")),
            "files": _files((PNG, "mc.png")),
        },
        400,
        "invalid_claim",
    ),
    (
        # claim.json's keys are the schema's: no forged officer corrections ...
        "corrections in claim.json",
        lambda: {
            "claim": json.dumps(
                {**claim_data(), "corrections": [{"field": "doc_type", "value": "form_34"}]}
            ),
            "files": _files((PNG, "mc.png")),
        },
        400,
        "invalid_claim",
    ),
    (
        # ... and no escape from retention
        "purged_at in claim.json",
        lambda: {
            "claim": json.dumps({**claim_data(), "purged_at": "2026-10-21T00:00:00+00:00"}),
            "files": _files((PNG, "mc.png")),
        },
        400,
        "invalid_claim",
    ),
    ("no files", lambda: {"claim": json.dumps(claim_data())}, 400, "no_files"),
    (
        "not a PDF/JPEG/PNG/TIFF by its bytes",
        lambda: {
            "claim": json.dumps(claim_data()),
            "files": _files((PNG, "mc.png"), (b"MZ\x90\x00 this is an exe", "mc.pdf")),
        },
        415,
        "unsupported_file",
    ),
    (
        "damaged PDF",
        lambda: {
            "claim": json.dumps(claim_data()),
            "files": _files((PNG, "mc.png"), (PDF, "broken.pdf")),
        },
        422,
        "document_unreadable",
    ),
    (
        "too many files",
        lambda: {
            "claim": json.dumps(claim_data()),
            "files": _files(*[(PNG, f"p{i}.png") for i in range(4)]),
        },
        413,
        "too_many_files",
    ),
    (
        "one file too large",
        lambda: {
            "claim": json.dumps(claim_data()),
            "files": _files(
                (PNG, "mc.png"), (PDF + b"%" + b"x" * (len(PNG) + 2000) + b"\n%%EOF\n", "big.pdf")
            ),
        },
        413,
        "file_too_large",
    ),
]


@pytest.mark.parametrize(("case", "make_data", "status", "code"), CASES, ids=[c[0] for c in CASES])
def test_bad_upload_is_refused_whole(
    make_app: Any,
    make_user: Any,
    settings: Any,
    redis_conn: Any,
    case: str,
    make_data: Any,
    status: int,
    code: str,
) -> None:
    app = make_app()
    # small limits so the cases stay small: 3 files, 6 kB per file
    svc = app.extensions["semak"]
    svc.settings = settings.with_overrides(max_files=3, max_upload_bytes=len(PNG) + 1000)
    _, token = make_user()
    resp = _post(app.test_client(), token, make_data())
    assert resp.status_code == status, resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    if case.endswith("in claim.json"):  # the refusal names the key
        assert f"unknown key '{case.split()[0]}'" in body["error"]["message"]
    with svc.db.Session() as db:
        _assert_nothing_kept(db, redis_conn, settings)


def test_request_over_the_size_limit_is_413_json(
    make_app: Any, make_user: Any, settings: Any, redis_conn: Any
) -> None:
    app = make_app(MAX_CONTENT_LENGTH=20_000)
    _, token = make_user()
    data = {
        "claim": json.dumps(claim_data()),
        "files": _files((b"\x89PNG\r\n\x1a\n" + b"0" * 50_000, "x.png")),
    }
    resp = _post(app.test_client(), token, data)
    assert resp.status_code == 413
    assert resp.get_json()["error"]["code"] == "file_too_large"
    with app.extensions["semak"].db.Session() as db:
        _assert_nothing_kept(db, redis_conn, settings)


def test_other_users_claims_are_404(client: Any, make_user: Any) -> None:
    _, token = make_user()
    resp = client.get(
        "/api/v1/claims/00000000-0000-4000-8000-000000000000",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_found"


def test_openapi_describes_the_routes(client: Any) -> None:
    resp = client.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    doc = resp.get_json()
    assert doc["openapi"].startswith("3.1")
    assert {"/api/v1/claims", "/api/v1/claims/{id}", "/api/v1/claims/{id}/files"} <= set(
        doc["paths"]
    )
    assert "202" in doc["paths"]["/api/v1/claims"]["post"]["responses"]


def test_claim_part_as_a_file_is_accepted_and_queued_once(
    client: Any, db: Any, make_user: Any, redis_conn: Any, settings: Any
) -> None:
    from rq.job import Job

    _, token = make_user()
    data = {
        "claim": (io.BytesIO(json.dumps(claim_data()).encode()), "claim.json"),
        "files": _files((PNG, "../../mc.png"), (pdf_of(PNG), "ic\x07.pdf")),
    }
    resp = _post(client, token, data)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    claim_id = resp.get_json()["id"]
    claim = db.scalar(select(Claim).where(Claim.public_id == claim_id))
    assert [d.original_name for d in claim.documents] == ["mc.png", "ic.pdf"]
    assert [d.media_type for d in claim.documents] == ["image/png", "application/pdf"]
    assert all(settings.storage_dir.joinpath(d.storage_key).exists() for d in claim.documents)
    assert redis_conn.lrange("rq:queue:interactive", 0, -1) == [f"verify-{claim_id}-1".encode()]
    job = Job.fetch(f"verify-{claim_id}-1", connection=redis_conn)
    assert job.func_name == "semak.jobs.verify_claim" and job.args == (claim.id, 1)
    assert job.timeout == settings.job_timeout and job.retries_left == settings.job_retries

    got = client.get(f"/api/v1/claims/{claim_id}", headers={"Authorization": f"Bearer {token}"})
    body = got.get_json()
    assert body["status"] == "queued" and "report" not in body
    assert [d["status"] for d in body["documents"]] == ["queued", "queued"]
