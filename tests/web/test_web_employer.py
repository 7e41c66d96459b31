"""The employer's pages: the claim form asks only what the type needs, checks the IC, runs the
instant quality check on the files; adding documents re-runs; status as JSON."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image, ImageFilter
from web_helpers import page_png

pytestmark = pytest.mark.redis

FORM = {
    "claim_type": "temporary_disablement",
    "insured_name": "SITI AMINAH BINTI ABU",
    "insured_ic": "900101-14-5678",
    "accident_date": "2026-10-02",
    "accident_kind": "commuting",
    "accident_time": "08:15",
    "employment_status": "left",
}


def _blurred() -> bytes:
    img = Image.open(io.BytesIO(page_png())).filter(ImageFilter.GaussianBlur(5))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _tiny() -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(page_png())).resize((320, 450)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def employer(people: Any, as_user: Callable[[str], Any]) -> Any:
    return as_user("a@employer-a.my")


def _claims(db: Any) -> list[Any]:
    from sqlalchemy import select

    from semak.models import Claim

    db.expire_all()
    return list(db.scalars(select(Claim)))


def test_form_explains_and_marks_type_specific_fields(employer: Any) -> None:
    html = employer.get("/employer/claims/new").get_data(as_text=True)
    assert "12-digit MyKad number" in html
    assert 'data-claim-types="temporary_disablement permanent_disablement dependants_benefit"' in (
        html
    )
    assert re.search(
        r'id="field-employment_status"\s+data-claim-types="occupational_disease"', html
    )
    assert html.count("<label") >= 8


def test_invalid_ic_is_refused_server_side(employer: Any, db: Any) -> None:
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "insured_ic": "901301-14-5678", "files": (io.BytesIO(page_png()), "a.png")},
    )
    assert resp.status_code == 400
    assert "Not a valid MyKad number" in resp.get_data(as_text=True)
    assert _claims(db) == []


def test_blurred_scan_alone_is_refused_with_the_reason(employer: Any, db: Any) -> None:
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "files": (io.BytesIO(_blurred()), "blur.png")},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 400
    body = resp.get_json()
    assert body["rejected"][0]["code"] == "blurred"
    assert "blurred" in body["rejected"][0]["message"]
    assert _claims(db) == []


def test_claim_created_with_good_files_only_and_only_the_type_s_fields(
    employer: Any, db: Any, _no_queue: list[str]
) -> None:
    resp = employer.post(
        "/employer/claims/new",
        data={
            **FORM,
            "files": [(io.BytesIO(page_png()), "mc.png"), (io.BytesIO(_tiny()), "tiny.png")],
        },
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 201, resp.get_data(as_text=True)
    body = resp.get_json()
    assert [r["code"] for r in body["rejected"]] == ["tiny"]
    (claim,) = _claims(db)
    assert body["redirect"].endswith(claim.public_id)
    assert [d.original_name for d in claim.documents] == ["mc.png"]
    assert claim.data["insured_ic"] == "900101-14-5678"
    assert claim.data["accident_kind"] == "commuting"
    assert claim.data["accident_time"] == "08:15"
    assert claim.data["employment_status"] == "employed"  # not asked for this type
    assert _no_queue == [claim.public_id]


def test_job_loss_claim_drops_accident_fields(employer: Any, db: Any) -> None:
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "claim_type": "job_loss", "files": (io.BytesIO(page_png()), "t.png")},
    )
    assert resp.status_code == 302
    (claim,) = _claims(db)
    assert claim.data["accident_kind"] is None and "accident_time" not in claim.data


def test_instant_check_of_one_file(employer: Any) -> None:
    ok = employer.post("/employer/check-file", data={"file": (io.BytesIO(page_png()), "a.png")})
    assert ok.get_json()["ok"] is True
    bad = employer.post("/employer/check-file", data={"file": (io.BytesIO(_tiny()), "b.png")})
    assert bad.get_json() | {"metrics": None} == {
        "ok": False,
        "code": "tiny",
        "message": bad.get_json()["message"],
        "metrics": None,
    }
    assert "too small" in bad.get_json()["message"]


def test_status_json_and_adding_documents_requeues(
    employer: Any, claim_a: Any, db: Any, _no_queue: list[str]
) -> None:
    status = employer.get(f"/claims/{claim_a.public_id}/status.json").get_json()
    assert status["status"] == "done" and status["verdict"] == "incomplete"
    assert status["documents"][0]["doc_types"] == ["medical_certificate"]
    page = employer.get(f"/employer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert 'class="req-missing" data-doc-type="sketch_map"' in page
    resp = employer.post(
        f"/employer/claims/{claim_a.public_id}/documents",
        data={"files": (io.BytesIO(page_png(["PETA LAKAR"])), "peta.png")},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 201
    assert _no_queue == [claim_a.public_id, claim_a.public_id]  # created, then re-run
    status = employer.get(f"/claims/{claim_a.public_id}/status.json").get_json()
    assert status["status"] == "queued" and status["verdict"] is None
    assert [d["name"] for d in status["documents"]] == ["mc.png", "peta.png"]


def test_decided_claim_takes_no_more_documents(employer: Any, claim_a: Any, db: Any) -> None:
    from semak.models import Claim

    c = db.get(Claim, claim_a.claim_id)
    c.decision, c.decision_message = "reject", "Out of time."
    db.commit()
    page = employer.get(f"/employer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert "Out of time." in page and "Add and check again" not in page
    resp = employer.post(
        f"/employer/claims/{claim_a.public_id}/documents",
        data={"files": (io.BytesIO(page_png()), "x.png")},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 409


def test_form_claim_holds_schema_keys_only_received_today_in_malaysia(
    employer: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, tzinfo

    import semak.claims
    from verifier.claim import load_schema

    now = datetime(2027, 1, 15, 17, 30, tzinfo=UTC)  # 01:30 on 16 January in Kuala Lumpur

    class Clock(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Any:  # type: ignore[override]
            return now.astimezone(tz) if tz else now.replace(tzinfo=None)

    monkeypatch.setattr(semak.claims, "datetime", Clock)
    resp = employer.post(
        "/employer/claims/new",
        data={
            **FORM,
            "submitted_on": "2020-01-01",
            "corrections": "x",
            "files": (io.BytesIO(page_png()), "mc.png"),
        },
    )
    assert resp.status_code == 302
    (claim,) = _claims(db)
    assert set(claim.data) <= set(load_schema("claim.schema.json")["properties"])
    assert claim.data["submitted_on"] == "2027-01-16"


def test_tiff_of_too_many_frames_is_refused_with_the_limit(
    employer: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hostile import tiff_many_frames
    from PIL import TiffImagePlugin

    def no_full_walk(self: Any) -> int:
        raise AssertionError("Pillow's n_frames walks every frame")

    monkeypatch.setattr(TiffImagePlugin.TiffImageFile, "n_frames", property(no_full_walk))
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "files": (io.BytesIO(tiff_many_frames(50_000)), "stack.tif")},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 400
    (rejected,) = resp.get_json()["rejected"]
    assert (rejected["name"], rejected["code"]) == ("stack.tif", "too_many_pages")
    assert "more than 200 pages" in rejected["message"]
    assert _claims(db) == []


def test_audit_rows_after_an_upload_carry_no_raw_file_name(employer: Any, db: Any) -> None:
    """People name scans after the insured; the trail keeps only the file's type."""
    import json

    from sqlalchemy import select

    from semak.models import AuditEvent

    raw = "SITI AMINAH 900101-14-5678.png"
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "files": [(io.BytesIO(page_png()), "mc.png"), (io.BytesIO(_tiny()), raw)]},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 201, resp.get_data(as_text=True)
    (claim,) = _claims(db)
    more = employer.post(
        f"/employer/claims/{claim.public_id}/documents",
        data={"files": [(io.BytesIO(_tiny()), raw)]},
        headers={"Accept": "application/json"},
    )
    assert more.status_code == 400
    db.expire_all()
    rows = list(db.scalars(select(AuditEvent).where(AuditEvent.claim_id == claim.id)))
    rejected = [r.detail for r in rows if r.action == "upload_rejected"]
    assert len(rejected) == 2
    assert all(d["files"][0]["name"] == "*.png" for d in rejected)
    assert all(d["files"][0]["code"] == "tiny" for d in rejected)
    trail = json.dumps([r.detail for r in rows])
    for secret in (raw, "SITI", "900101", "5678"):
        assert secret not in trail
