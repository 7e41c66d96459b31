"""The database unreachable: the API answers 503 with the JSON error, and nothing is half-written
(no stored file without its row, no row without its file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import mc_png, upload
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from semak.models import Claim, StoredDocument

DEAD_DB = "postgresql+psycopg://semak@127.0.0.1:1/semak"  # nothing listens on port 1


def _blobs(root: Path) -> set[Path]:
    return {p for p in root.glob("??/*") if p.is_file()}


@pytest.fixture
def dead_db_app(make_app: Any, settings: Any, tmp_path: Path) -> Any:
    dead = settings.with_overrides(database_url=DEAD_DB, storage_dir=tmp_path / "storage")
    return make_app(SETTINGS=dead)


@pytest.mark.parametrize("method,path", [("get", "/api/v1/claims"), ("post", "/api/v1/claims")])
def test_api_answers_503_json_when_the_database_is_unreachable(
    dead_db_app: Any, method: str, path: str
) -> None:
    client = dead_db_app.test_client()
    resp = getattr(client, method)(path, headers={"Authorization": "Bearer smk_" + "x" * 43})
    assert resp.status_code == 503
    assert resp.get_json()["error"]["code"]


def test_database_unreachable_answers_a_json_error_and_stores_nothing(
    dead_db_app: Any, tmp_path: Path
) -> None:
    client = dead_db_app.test_client()
    resp = upload(client, "smk_" + "x" * 43, [(mc_png(30), "mc.png")])
    assert resp.status_code >= 500
    body = resp.get_json()
    assert set(body) == {"error"} and body["error"]["code"]
    assert "OperationalError" not in resp.get_data(as_text=True)  # no internals leak
    assert _blobs(tmp_path / "storage") == set()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] != "ok"


def test_database_failing_at_commit_leaves_no_file_and_no_row(
    app: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection dies after the files are stored, at the claim's commit."""
    from sqlalchemy.orm import Session

    svc = app.extensions["semak"]
    _, token = make_user()
    before = _blobs(svc.settings.storage_dir)
    with svc.db.Session() as s:
        claims_before = s.scalar(select(func.count()).select_from(Claim))

    def dead_commit(self: Session) -> None:
        raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(Session, "commit", dead_commit)
    resp = upload(app.test_client(), token, [(mc_png(31), "a.png"), (mc_png(32), "b.png")])
    monkeypatch.undo()

    assert resp.status_code >= 500 and resp.get_json()["error"]["code"]
    assert _blobs(svc.settings.storage_dir) == before
    with svc.db.Session() as s:
        assert s.scalar(select(func.count()).select_from(Claim)) == claims_before
        assert s.scalar(select(func.count()).select_from(StoredDocument)) == 0


def _failing_app(make_app: Any, exc: Exception) -> Any:
    app = make_app()

    def fail() -> Any:
        raise exc

    app.add_url_rule("/test-fails", "test_fails", fail)
    return app


@pytest.mark.parametrize(
    "exc,status,malay,english",
    [
        (
            OperationalError("SELECT 1", {}, Exception("server closed the connection")),
            503,
            "Perkhidmatan tidak dapat mencapai pangkalan datanya",
            "The service cannot reach its database",
        ),
        (RuntimeError("a bug"), 500, "Berlaku ralat di pihak kami", "Something went wrong"),
    ],
)
def test_a_failure_is_a_page_in_both_languages_that_leaks_nothing(
    make_app: Any, exc: Exception, status: int, malay: str, english: str
) -> None:
    """The database down or a bug: a person gets a page in Malay and English (no session or
    user can be read to know their language), never the exception's words."""
    resp = _failing_app(make_app, exc).test_client().get("/test-fails")
    page = resp.get_data(as_text=True)
    assert resp.status_code == status and resp.mimetype == "text/html"
    assert malay in page and english in page
    assert "server closed" not in page and "a bug" not in page and "Traceback" not in page
