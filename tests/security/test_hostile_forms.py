"""Hostile and broken input through the portal's forms: the new-claim form and the instant file
check. Never a 500; a refused file is named with its reason; nothing outside storage."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hostile import HOSTILE_NAMES, corpus, small_png
from service_scans import INSURED_IC, INSURED_NAME

PASSWORD = "correct horse battery"
CORPUS = corpus()
BUGS: dict[str, str] = {}  # kind -> the bug (file: what) while one is open


@pytest.fixture
def employer(client: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    from semak import claims

    monkeypatch.setattr(claims, "_enqueue", lambda *a, **k: None)  # stored, not read here
    make_user("hostile@employer.my", "employer", "EH0001", password=PASSWORD)
    resp = client.post("/login", data={"email": "hostile@employer.my", "password": PASSWORD})
    assert resp.status_code == 302
    return client


def _form(files: list[tuple[bytes, str]]) -> dict[str, Any]:
    return {
        "claim_type": "temporary_disablement",
        "insured_name": INSURED_NAME,
        "insured_ic": INSURED_IC,
        "accident_date": "2026-10-02",
        "accident_kind": "workplace",
        "employment_status": "employed",
        "files": [(io.BytesIO(b), n) for b, n in files],
    }


def _param(kind: str, name: str, content: bytes) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=BUGS[kind])] if kind in BUGS else []
    return pytest.param(kind, name, content, id=kind, marks=marks)


@pytest.mark.parametrize("kind,name,content", [_param(*c) for c in CORPUS])
def test_new_claim_form_never_500s(
    employer: Any, settings: Any, kind: str, name: str, content: bytes
) -> None:
    resp = employer.post("/employer/claims/new", data=_form([(content, name)]))
    assert resp.status_code in (302, 400, 413, 415, 422), resp.status_code
    assert b"Traceback" not in resp.data
    resp = employer.post("/employer/check-file", data={"file": (io.BytesIO(content), name)})
    assert resp.status_code in (200, 400, 413), resp.status_code
    body = resp.get_json()
    assert body["ok"] in (True, False) and (body["ok"] or body["code"])
    _only_blobs(Path(settings.storage_dir))


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_new_claim_form_neutralises_file_names(employer: Any, db: Any, name: str) -> None:
    from sqlalchemy import select

    from semak.models import StoredDocument

    resp = employer.post("/employer/claims/new", data=_form([(small_png(), name)]))
    assert resp.status_code in (302, 400), resp.status_code
    for doc in db.scalars(select(StoredDocument)):
        stored = doc.original_name
        assert "/" not in stored and "\\" not in stored
        assert not any(ord(c) < 32 for c in stored) and len(stored) <= 255


def _only_blobs(root: Path) -> None:
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        assert (rel.parts[0] == "tmp" and p.is_dir()) or len(rel.parts[0]) == 2, rel
