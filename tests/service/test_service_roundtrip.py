"""One claim the whole way: upload, store, queue, a real RQ worker, real Tesseract, report.

The same bundle through ``python -m verifier`` gives the same verdict, documents, findings.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from service_scans import claim_data, medical_certificate_png, write_bundle
from sqlalchemy import select

from semak.models import Claim, Report

pytestmark = [pytest.mark.redis, pytest.mark.tesseract, pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[2]
REPORT_SCHEMA = ROOT.parent / "shared" / "spec" / "report.schema.json"
MC_NAME = "Sijil Cuti Sakit 02-10.png"


def _essence(report: dict[str, Any]) -> dict[str, Any]:
    docs = sorted(
        (
            {k: d.get(k) for k in ("file", "pages", "doc_type", "fields")}
            for d in report["documents"]
        ),
        key=lambda d: (d["file"], d["pages"]),
    )
    findings = sorted(
        (f["code"], f["severity"], f.get("rule"), json.dumps(f.get("documents", [])))
        for f in report["findings"]
    )
    reqs = sorted((r["doc_type"], r["status"]) for r in report["requirements"])
    return {"verdict": report["verdict"], "documents": docs, "findings": findings, "reqs": reqs}


def test_claim_round_trip_matches_the_cli(
    client: Any,
    db: Any,
    make_user: Any,
    wait_for_claim: Any,
    redis_conn: Any,
    tmp_path: Path,
) -> None:
    png = medical_certificate_png()
    data = claim_data()
    _, token = make_user()
    auth = {"Authorization": f"Bearer {token}"}

    resp = client.post(
        "/api/v1/claims",
        data={"claim": json.dumps(data), "files": [(io.BytesIO(png), MC_NAME)]},
        headers=auth,
        content_type="multipart/form-data",
    )
    assert resp.status_code == 202, resp.get_data(as_text=True)
    created = resp.get_json()
    assert created["url"].endswith(f"/api/v1/claims/{created['id']}")
    assert resp.headers["Location"] == created["url"]

    # stored before anything else: the row and the file exist, the job is known to RQ
    claim = db.scalar(select(Claim).where(Claim.public_id == created["id"]))
    assert claim is not None and claim.insured_ic == "870903106231"
    assert [d.original_name for d in claim.documents] == [MC_NAME]
    assert claim.documents[0].media_type == "image/png"
    assert redis_conn.exists(f"rq:job:verify-{created['id']}-1")

    body = wait_for_claim(client, created["id"], token)
    assert body["status"] == "done", body
    report = body["report"]
    errors = list(
        Draft202012Validator(
            json.loads(REPORT_SCHEMA.read_text()), format_checker=FormatChecker()
        ).iter_errors(report)
    )
    assert errors == [], [e.message for e in errors]
    assert body["verdict"] == report["verdict"]
    assert body["progress"]["stage"] == "done"
    assert [d["status"] for d in body["documents"]] == ["read"]
    mc = [d for d in report["documents"] if d["file"] == MC_NAME]
    assert mc and mc[0]["doc_type"] == "medical_certificate", report["documents"]

    db.expire_all()
    stored = db.scalars(select(Report).where(Report.claim_id == claim.id)).all()
    assert len(stored) == 1 and stored[0].data == report

    # the same bundle through the CLI, in its own process
    # claim.json as the service holds it: the server set submitted_on, the day of receipt
    folder = write_bundle(tmp_path / "bundle", dict(claim.data), {MC_NAME: png})
    cli = subprocess.run(
        [sys.executable, "-m", "verifier", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "OMP_THREAD_LIMIT": "1", "HOME": str(tmp_path)},
    )
    assert cli.returncode == 0, cli.stderr
    assert _essence(json.loads(cli.stdout)) == _essence(report)


def test_added_files_requeue_the_claim(
    client: Any, db: Any, make_user: Any, wait_for_claim: Any
) -> None:
    png = medical_certificate_png()
    _, token = make_user()
    auth = {"Authorization": f"Bearer {token}"}
    first = client.post(
        "/api/v1/claims",
        data={"claim": json.dumps(claim_data()), "files": [(io.BytesIO(png), "mc.png")]},
        headers=auth,
        content_type="multipart/form-data",
    ).get_json()
    wait_for_claim(client, first["id"], token)

    second = client.post(
        f"/api/v1/claims/{first['id']}/files",
        data={"files": [(io.BytesIO(png), "mc.png")]},
        headers=auth,
        content_type="multipart/form-data",
    )
    assert second.status_code == 202, second.get_data(as_text=True)
    body = wait_for_claim(client, first["id"], token)
    assert body["status"] == "done"
    # same name twice: the second is kept apart; same bytes: stored once
    assert [d["file"] for d in body["documents"]] == ["mc.png", "mc (2).png"]
    assert len({d["sha256"] for d in body["documents"]}) == 1
    assert {d["file"] for d in body["report"]["documents"]} == {"mc.png", "mc (2).png"}
    assert "DUPLICATE_DOCUMENT" in {f["code"] for f in body["report"]["findings"]}
    claim = db.scalar(select(Claim).where(Claim.public_id == first["id"]))
    assert claim.revision == 2
    assert len(claim.reports) == 2
