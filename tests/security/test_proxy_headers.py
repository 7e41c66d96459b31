"""X-Forwarded-* headers are believed only when TRUSTED_PROXIES says a proxy sets them."""

from __future__ import annotations

from typing import Any

import pytest
from flask import request

from semak.config import Settings

FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "semak.example.my",
}


def _probe(app: Any) -> dict[str, Any]:
    app.add_url_rule(
        "/_probe", "probe", lambda: {"addr": request.remote_addr, "url": request.url_root}
    )
    body: dict[str, Any] = app.test_client().get("/_probe", headers=FORWARDED).get_json()
    return body


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(make_app: Any) -> None:
    body = _probe(make_app())
    assert body["addr"] == "127.0.0.1"
    assert body["url"] == "http://localhost/"


def test_one_trusted_proxy_gives_the_client_address_scheme_and_host(
    make_app: Any, settings: Any
) -> None:
    body = _probe(make_app(SETTINGS=settings.with_overrides(trusted_proxies=1)))
    assert body["addr"] == "203.0.113.7"
    assert body["url"] == "https://semak.example.my/"


@pytest.mark.parametrize(("raw", "n"), [("", 0), ("1", 1), ("2", 2)])
def test_trusted_proxies_comes_from_the_environment(raw: str, n: int) -> None:
    assert Settings.from_env({"TRUSTED_PROXIES": raw}).trusted_proxies == n
