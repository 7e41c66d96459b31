"""semak.security: security headers on every page and API answer, rate limits on log-in and
upload (Redis counters, memory while Redis is down)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hostile import small_png
from service_scans import claim_data

from semak.security import init_security

PASSWORD = "correct horse battery"
HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options")


@pytest.fixture(autouse=True)
def _no_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    from semak import claims

    monkeypatch.setattr(claims, "_enqueue", lambda *a, **k: None)


@pytest.fixture
def clean_limits(redis_conn: Any) -> Iterator[None]:
    def wipe() -> None:
        keys = list(redis_conn.scan_iter("semak:ratelimit:*")) + list(
            redis_conn.scan_iter("semak:login-fail:*")
        )
        if keys:
            redis_conn.delete(*keys)

    wipe()
    yield
    wipe()


def _secure(make_app: Any, **config: Any) -> Any:
    app = make_app(**config)
    init_security(app)
    init_security(app)  # idempotent: the lead's create_app may call it too
    return app


def _check_headers(resp: Any, where: str) -> list[str]:
    bad = [f"{where}: no {h}" for h in HEADERS if h not in resp.headers]
    csp = resp.headers.get("Content-Security-Policy", "")
    if "frame-ancestors" not in csp:
        bad.append(f"{where}: CSP without frame-ancestors")
    if resp.headers.get("X-Content-Type-Options") not in (None, "nosniff"):
        bad.append(f"{where}: X-Content-Type-Options {resp.headers['X-Content-Type-Options']}")
    if resp.headers.get("X-Frame-Options", "DENY") not in ("DENY", "SAMEORIGIN"):
        bad.append(f"{where}: X-Frame-Options {resp.headers['X-Frame-Options']}")
    return bad


def _urls(app: Any, claim_id: str, doc_id: int) -> list[str]:
    values = {"public_id": claim_id, "doc_id": doc_id, "page": 1, "user_id": 1}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()):
            continue
        try:
            urls.append(rule.build({a: values.get(a, "x") for a in rule.arguments})[1])
        except Exception:
            continue
    return [*sorted(set(urls)), "/no/such/page", "/api/v1/nothing"]


def test_security_headers_on_every_page(make_app: Any, make_user: Any, clean_limits: None) -> None:
    from sqlalchemy import select

    from semak.models import Claim

    app = _secure(make_app)
    users = {
        "employer": make_user("e@x.my", "employer", "EA0001", password=PASSWORD),
        "officer": make_user("o@x.my", "officer", None, password=PASSWORD),
        "admin": make_user("a@x.my", "admin", None, password=PASSWORD),
    }
    api = app.test_client()
    data = {"claim": json.dumps(claim_data()), "files": [(io.BytesIO(small_png()), "mc.png")]}
    token = users["employer"][1]
    resp = api.post("/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"})
    bad = _check_headers(resp, "POST /api/v1/claims")
    claim_id = resp.get_json()["id"]
    with app.extensions["semak"].db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == claim_id))
        assert claim is not None
        doc_id = claim.documents[0].id
    urls = _urls(app, claim_id, doc_id)
    assert len(urls) > 10
    for who in ("anonymous", *users):
        client = app.test_client()
        if who != "anonymous":
            login = client.post("/login", data={"email": f"{who[0]}@x.my", "password": PASSWORD})
            assert login.status_code == 302
        for url in urls:
            headers = {"Authorization": f"Bearer {users[who][1]}"} if who in users else {}
            bad += _check_headers(client.get(url, headers=headers), f"{who} GET {url}")
    assert bad == []


def test_api_answers_are_not_cached_and_not_framed(make_app: Any, make_user: Any) -> None:
    app = _secure(make_app)
    _, token = make_user()
    resp = app.test_client().get("/api/v1/claims", headers={"Authorization": f"Bearer {token}"})
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]


def test_login_is_rate_limited_per_address(
    make_app: Any, make_user: Any, clean_limits: None
) -> None:
    app = _secure(make_app, RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3/60")
    make_user("e@x.my", "employer", "EA0001", password=PASSWORD)
    client = app.test_client()
    codes = [
        client.post("/login", data={"email": f"nobody{i}@x.my", "password": "x"}).status_code
        for i in range(3)
    ]
    assert 429 not in codes
    resp = client.post("/login", data={"email": "e@x.my", "password": PASSWORD})
    assert resp.status_code == 429  # even the right password waits out the window
    assert 1 <= int(resp.headers["Retry-After"]) <= 61
    other = app.test_client()
    resp = other.post(
        "/login",
        data={"email": "e@x.my", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert resp.status_code == 302  # another address is not blocked
    assert client.get("/login").status_code == 200  # only attempts are counted


def test_upload_is_rate_limited_per_account(
    make_app: Any, make_user: Any, clean_limits: None, settings: Any
) -> None:
    app = _secure(make_app, RATELIMIT_ENABLED=True, RATELIMIT_UPLOAD="2/60")
    _, token_a = make_user("a@x.my", "employer", "EA0001")
    _, token_b = make_user("b@x.my", "employer", "EB0002")
    client = app.test_client()

    def post(token: str) -> Any:
        data = {"claim": json.dumps(claim_data()), "files": [(io.BytesIO(small_png()), "a.png")]}
        return client.post(
            "/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"}
        )

    assert [post(token_a).status_code for _ in range(2)] == [202, 202]
    resp = post(token_a)
    assert resp.status_code == 429
    assert resp.get_json()["error"]["code"] == "rate_limited"
    assert "Retry-After" in resp.headers
    assert post(token_b).status_code == 202  # another account is not blocked


def test_limits_hold_in_memory_while_redis_is_down(
    make_app: Any, make_user: Any, settings: Any
) -> None:
    dead = settings.with_overrides(redis_url="redis://127.0.0.1:1/0")
    app = _secure(make_app, SETTINGS=dead, RATELIMIT_ENABLED=True, RATELIMIT_UPLOAD="2/60")
    _, token = make_user()
    client = app.test_client()
    codes = []
    for _ in range(3):
        data = {"claim": json.dumps(claim_data()), "files": [(io.BytesIO(small_png()), "a.png")]}
        resp = client.post(
            "/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"}
        )
        codes.append(resp.status_code)
    assert codes == [202, 202, 429]  # uploads still accepted, and still limited


def test_limits_are_off_in_tests_unless_asked(make_app: Any, make_user: Any) -> None:
    app = _secure(make_app, RATELIMIT_LOGIN="1/60")
    client = app.test_client()
    codes = {
        client.post("/login", data={"email": "x@x.my", "password": "x"}).status_code
        for _ in range(3)
    }
    assert 429 not in codes


def test_portal_upload_is_rate_limited_per_user(
    make_app: Any, make_user: Any, clean_limits: None
) -> None:
    app = _secure(make_app, RATELIMIT_ENABLED=True, RATELIMIT_UPLOAD="2/60")
    make_user("e@x.my", "employer", "EA0001", password=PASSWORD)
    client = app.test_client()
    assert client.post("/login", data={"email": "e@x.my", "password": PASSWORD}).status_code == 302
    codes = []
    for _ in range(3):
        form = {
            "claim_type": "temporary_disablement",
            "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
            "insured_ic": "870903-10-6231",
            "accident_date": "2026-10-02",
            "accident_kind": "workplace",
            "employment_status": "employed",
            "files": [(io.BytesIO(small_png()), "mc.png")],
        }
        codes.append(client.post("/employer/claims/new", data=form).status_code)
    assert codes[2] == 429 and 429 not in codes[:2], codes


def test_one_headers_hook_and_signed_in_pages_are_not_cached(make_app: Any, make_user: Any) -> None:
    """semak.security is the only security-headers hook; it keeps what the portal's own hook
    added: signed-in pages are not cached, the login page may be."""
    from semak.security import PAGE_CSP, security_headers

    app = _secure(make_app)
    hooks = [f for f in app.after_request_funcs.get(None, []) if "header" in f.__name__]
    assert hooks == [security_headers]
    make_user("o@x.my", "officer", None, password=PASSWORD)
    client = app.test_client()
    anonymous = client.get("/login")
    assert anonymous.headers["Content-Security-Policy"] == PAGE_CSP
    assert "no-store" not in anonymous.headers.get("Cache-Control", "")
    assert client.post("/login", data={"email": "o@x.my", "password": PASSWORD}).status_code == 302
    page = client.get("/officer/queue")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert page.headers["Content-Security-Policy"] == PAGE_CSP
