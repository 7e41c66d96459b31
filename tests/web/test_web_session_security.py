"""Issue #19: HTTPS-only cookies and HSTS in production, an absolute session lifetime, and a
revocation check that fails closed when Redis does not answer."""

from __future__ import annotations

from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from web_helpers import login

from semak.config import Settings
from semak.web import sessions

pytestmark = pytest.mark.redis
T0 = 1_900_000_000.0  # the controlled clock's log-in time
HOUR = 3600
HSTS = "max-age=31536000; includeSubDomains"


def test_production_config_marks_the_session_cookie_secure(make_app: Any, people: Any) -> None:
    app = make_app(TESTING=False, RATELIMIT_ENABLED=False)
    resp = login(app.test_client(), "a@employer-a.my")  # even over plain http
    assert resp.status_code == 302
    cookie = resp.headers["Set-Cookie"]
    assert cookie.startswith("session=") and "; Secure" in cookie
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_secure_cookies_can_be_turned_off_for_plain_http(
    make_app: Any, people: Any, settings: Settings
) -> None:
    local = settings.with_overrides(session_cookie_secure=False)  # make run on 127.0.0.1
    app = make_app(SETTINGS=local, TESTING=False, RATELIMIT_ENABLED=False)
    resp = login(app.test_client(), "a@employer-a.my")
    assert resp.status_code == 302 and "Secure" not in resp.headers["Set-Cookie"]


@pytest.mark.parametrize(
    ("raw", "secure"), [("", True), ("1", True), ("0", False), ("false", False), ("off", False)]
)
def test_session_cookie_secure_comes_from_the_environment(raw: str, secure: bool) -> None:
    settings = Settings.from_env({"SESSION_COOKIE_SECURE": raw})
    assert settings.session_cookie_secure is secure


@pytest.mark.parametrize("path", ["/login", "/healthz", "/api/v1/openapi.json"])
def test_hsts_over_https_only(client: Any, path: str) -> None:
    secure = client.get(path, base_url="https://localhost")
    assert secure.headers.get("Strict-Transport-Security") == HSTS
    assert "Strict-Transport-Security" not in client.get(path).headers


def test_hsts_behind_a_trusted_proxy_only(make_app: Any, settings: Settings) -> None:
    https = {"X-Forwarded-Proto": "https"}
    proxied = make_app(SETTINGS=settings.with_overrides(trusted_proxies=1)).test_client()
    assert proxied.get("/login", headers=https).headers["Strict-Transport-Security"] == HSTS
    direct = make_app().test_client()  # nobody vouches for the header: plain http
    assert "Strict-Transport-Security" not in direct.get("/login", headers=https).headers


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The sessions' clock, set by assigning clock[0]."""
    now = [T0]
    # raising=False: the session code before #19 had no clock to replace
    monkeypatch.setattr(sessions, "now", lambda: now[0], raising=False)
    return now


def test_a_login_ends_after_its_absolute_lifetime(
    client: Any, people: Any, clock: list[float]
) -> None:
    assert login(client, "a@employer-a.my").status_code == 302
    for hours in (1, 4, 8, 11.9):  # active all along: the cookie's own lifetime keeps sliding
        clock[0] = T0 + hours * HOUR
        assert client.get("/employer/claims").status_code == 200, hours
    clock[0] = T0 + 12 * HOUR
    after = client.get("/employer/claims")
    assert after.status_code == 302 and "/login" in after.headers["Location"]
    clock[0] = T0 + 1  # the session is gone, not just refused at that hour
    assert client.get("/employer/claims").status_code == 302


def test_the_absolute_lifetime_is_configurable(
    make_app: Any, people: Any, settings: Settings, clock: list[float]
) -> None:
    app = make_app(SETTINGS=settings.with_overrides(session_max_hours=2))
    client = app.test_client()
    login(client, "a@employer-a.my")
    clock[0] = T0 + 2 * HOUR - 1
    assert client.get("/employer/claims").status_code == 200
    clock[0] = T0 + 2 * HOUR
    assert client.get("/employer/claims").status_code == 302
    assert Settings.from_env({"SESSION_MAX_HOURS": "2"}).session_max_hours == 2


def test_a_session_without_its_login_time_is_ended(client: Any, people: Any) -> None:
    login(client, "a@employer-a.my")
    with client.session_transaction() as s:
        del s["login_at"]
    after = client.get("/employer/claims")
    assert after.status_code == 302 and "/login" in after.headers["Location"]


class DownRedis:
    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise RedisConnectionError("connection refused")

        return fail


def test_revocation_check_fails_closed_when_redis_is_down(
    client: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, "a@employer-a.my")
    with monkeypatch.context() as m:
        m.setattr(sessions, "_redis", DownRedis)
        page = client.get("/employer/claims")
        assert page.status_code == 503 and page.headers["Retry-After"] == "30"
        assert "My claims" not in page.get_data(as_text=True)
        api = client.get("/employer/claims", headers={"Accept": "application/json"})
        assert api.status_code == 503
        assert api.get_json()["error"]["code"] == "session_check_unavailable"
    assert client.get("/employer/claims").status_code == 200  # kept for when Redis is back


def test_logout_still_works_while_redis_is_down(
    client: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, "a@employer-a.my")
    monkeypatch.setattr(sessions, "_redis", DownRedis)
    assert client.post("/logout").status_code == 302
    monkeypatch.undo()
    after = client.get("/employer/claims")
    assert after.status_code == 302 and "/login" in after.headers["Location"]


def test_the_refusal_is_in_malay_too(
    client: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, "a@employer-a.my")
    client.post("/language", data={"lang": "ms"})
    monkeypatch.setattr(sessions, "_redis", DownRedis)
    page = client.get("/employer/claims")
    assert page.status_code == 503
    assert "Log masuk tidak dapat disemak" in page.get_data(as_text=True)
