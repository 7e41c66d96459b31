"""semak.ratelimit: Flask-Limiter on the app's Redis, moving windows, 429 with Retry-After and
the ``rate_limited`` error in English or Malay. The window's passing is shown on a controlled
clock (the clock Flask-Limiter and its Redis storage read), never by sleeping."""

from __future__ import annotations

import io
import json
import time
import types
from typing import Any

import pytest
from hostile import small_png
from service_scans import claim_data


@pytest.fixture(autouse=True)
def _no_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    from semak import claims

    monkeypatch.setattr(claims, "_enqueue", lambda *a, **k: None)


class Clock:
    """A stand-in for the ``time`` module where the limiter reads the time."""

    def __init__(self, start: float) -> None:
        self.now = start

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    import importlib
    import importlib.util

    c = Clock(start=60 * 30_000_000 + 50)  # 10 s before a whole minute
    fake = types.SimpleNamespace(time=c.time, mktime=time.mktime, monotonic=time.monotonic)
    for name in ("flask_limiter._extension", "limits.storage.redis", "semak.ratelimit"):
        if importlib.util.find_spec(name) is not None:  # (semak.ratelimit: absent before #19)
            monkeypatch.setattr(importlib.import_module(name), "time", fake)
    return c


def _upload(client: Any, token: str, lang: str = "en") -> Any:
    data = {"claim": json.dumps(claim_data()), "files": [(io.BytesIO(small_png()), "a.png")]}
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": lang}
    return client.post("/api/v1/claims", data=data, headers=headers)


def test_limit_text_reads_the_old_notation_and_passes_others_through() -> None:
    from semak.ratelimit import limit_text

    assert limit_text("30/60") == "30 per 60 second"
    assert limit_text(" 2 / 5 ") == "2 per 5 second"
    assert limit_text("10 per minute") == "10 per minute"


def test_api_refusal_is_rate_limited_json_with_retry_after(
    make_app: Any, make_user: Any, clean_limits: None, redis_conn: Any
) -> None:
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_UPLOAD="2/60")
    _, token = make_user()
    client = app.test_client()
    assert [_upload(client, token).status_code for _ in range(2)] == [202, 202]
    resp = _upload(client, token)
    assert resp.status_code == 429
    error = resp.get_json()["error"]
    assert error["code"] == "rate_limited"
    assert "Try again in" in error["message"]
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    keys = [k.decode() for k in redis_conn.scan_iter("semak:ratelimit:*")]
    assert keys, "counted in the app's Redis"
    assert not any(token in k for k in keys)  # the token itself is never a Redis key


def test_api_refusal_in_malay(make_app: Any, make_user: Any, clean_limits: None) -> None:
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_UPLOAD="1/60")
    _, token = make_user()
    client = app.test_client()
    assert _upload(client, token, "ms").status_code == 202
    resp = _upload(client, token, "ms")
    assert resp.status_code == 429
    assert resp.get_json()["error"]["message"].startswith("Terlalu banyak permintaan")


def test_window_moves_rather_than_resetting_on_the_minute(
    make_app: Any, make_user: Any, clean_limits: None, clock: Clock
) -> None:
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_UPLOAD="2/60")
    _, token = make_user()
    client = app.test_client()
    assert [_upload(client, token).status_code for _ in range(2)] == [202, 202]
    clock.now += 20  # a new whole minute: a fixed window would start counting afresh
    resp = _upload(client, token)
    assert resp.status_code == 429
    # the first two leave the window 60 s after they came: 40 s from now (Flask-Limiter rounds up)
    assert int(resp.headers["Retry-After"]) in (40, 41)
    clock.now += 39
    assert _upload(client, token).status_code == 429
    clock.now += 2
    assert _upload(client, token).status_code == 202


def test_login_limit_counts_posts_per_address(
    make_app: Any, make_user: Any, clean_limits: None
) -> None:
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="2/60")
    client = app.test_client()
    for i in range(2):
        client.post("/login", data={"email": f"n{i}@x.my", "password": "x"})
    resp = client.post("/login", data={"email": "n9@x.my", "password": "x"})
    assert resp.status_code == 429
    assert "Retry-After" in resp.headers
    assert "text/html" in resp.content_type  # a page for people, not JSON
    assert "Too many requests" in resp.get_data(as_text=True)
