"""Login throttling (semak.web.throttle) on the run's Redis, on a controlled clock: back-off per
account and address, an account-wide back-off that slows rotating addresses but lets the owner in
from a known address, and unknown e-mails checked against a dummy scrypt hash."""

from __future__ import annotations

from typing import Any

import pytest
from web_helpers import PASSWORD

OWNER = "a@employer-a.my"
HOME = "10.0.0.1"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app: Any, redis_conn: Any) -> Clock:
    from semak.web.throttle import LoginThrottle

    c = Clock()
    app.extensions["semak_throttle"] = LoginThrottle(redis_conn, clock=c)
    return c


def attempt(app: Any, address: str, password: str, email: str = OWNER) -> Any:
    client = app.test_client()
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_backoff_doubles_per_failure_and_is_capped() -> None:
    from semak.web.throttle import backoff

    assert [backoff(n, 5) for n in (0, 4)] == [0, 0]
    assert [backoff(n, 5) for n in (5, 6, 7, 8, 9)] == [32, 64, 128, 256, 512]
    assert backoff(10, 5) == backoff(60, 5) == 15 * 60


def test_one_address_backs_off_exponentially(app: Any, people: Any, clock: Clock) -> None:
    for _ in range(5):
        assert attempt(app, "10.6.6.6", "nope").status_code == 401
    resp = attempt(app, "10.6.6.6", PASSWORD)
    assert resp.status_code == 429  # even the right password waits
    assert resp.headers["Retry-After"] == "32"
    clock.now += 32
    assert attempt(app, "10.6.6.6", "nope").status_code == 401  # the 6th failure
    assert attempt(app, "10.6.6.6", PASSWORD).headers["Retry-After"] == "64"
    clock.now += 64
    assert attempt(app, "10.6.6.6", PASSWORD).status_code == 302
    # the owner's own address was never slowed by another address's failures
    assert attempt(app, HOME, PASSWORD).status_code == 302


def test_rotating_addresses_are_slowed_but_the_owner_gets_in(
    app: Any, people: Any, clock: Clock
) -> None:
    assert attempt(app, HOME, PASSWORD).status_code == 302  # the owner's usual address
    for i in range(20):  # an attacker, a fresh address per guess
        assert attempt(app, f"10.1.{i}.1", "guess").status_code == 401
    resp = attempt(app, "10.2.0.1", "guess")
    assert resp.status_code == 429  # the next fresh address waits
    assert resp.headers["Retry-After"] == "32"
    assert attempt(app, HOME, PASSWORD).status_code == 302  # the owner is not locked out
    assert attempt(app, "10.2.0.2", PASSWORD, "b@employer-b.my").status_code == 302
    clock.now += 32
    assert attempt(app, "10.2.0.3", "guess").status_code == 401  # one guess per wait
    assert attempt(app, "10.2.0.4", "guess").headers["Retry-After"] == "64"


def test_known_address_that_keeps_failing_is_not_exempt(
    app: Any, people: Any, clock: Clock
) -> None:
    assert attempt(app, HOME, PASSWORD).status_code == 302
    for _ in range(5):
        assert attempt(app, HOME, "nope").status_code == 401
    assert attempt(app, HOME, PASSWORD).status_code == 429


def test_unknown_email_is_checked_against_a_dummy_hash(
    app: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak import auth

    calls: list[str] = []
    from werkzeug.security import check_password_hash as real

    def spy(stored_hash: str, password: str) -> bool:
        calls.append(stored_hash)
        return real(stored_hash, password)

    monkeypatch.setattr(auth, "verify_password", spy, raising=False)
    assert attempt(app, HOME, PASSWORD, "nobody@employer-a.my").status_code == 401
    assert len(calls) == 1, "an unknown e-mail costs one hash verification too"
    assert calls == [auth.dummy_hash()]
    assert calls[0].startswith("scrypt:")  # the same work as a real account's hash
    assert attempt(app, HOME, PASSWORD).status_code == 302
    assert len(calls) == 2 and calls[1] != auth.dummy_hash()
