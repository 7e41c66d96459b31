"""Issue #19: the app refuses to start (outside tests) with a short or published SECRET_KEY."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from semak.config import InsecureSecretKey, Settings
from semak.factory import create_app


@pytest.fixture
def start(settings: Settings) -> Iterator[Any]:
    """start(key, **flask_config): create_app on the run's settings with that SECRET_KEY."""
    apps = []

    def make(key: str, **config: Any) -> Any:
        app = create_app({"SETTINGS": settings.with_overrides(secret_key=key), **config})
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["semak"].close()


@pytest.mark.parametrize(
    "key", ["change-me-in-production", "smoke", "dev", "secret", "changeme", "CHANGEME "]
)
def test_a_published_key_is_refused(start: Any, key: str) -> None:
    with pytest.raises(InsecureSecretKey, match="published"):
        start(key)


def test_a_short_key_is_refused(start: Any) -> None:
    with pytest.raises(InsecureSecretKey, match="shorter than 32") as caught:
        start("x" * 31)
    assert caught.value.code == "insecure_secret_key"


def test_a_generated_key_is_accepted(start: Any) -> None:
    key = secrets.token_hex(32)
    assert start(key).config["SECRET_KEY"] == key


def test_the_key_generated_into_the_instance_folder_is_accepted(
    start: Any, settings: Settings, tmp_path: Path
) -> None:
    app = create_app({"SETTINGS": settings.with_overrides(secret_key="", instance_dir=tmp_path)})
    try:
        assert app.config["SECRET_KEY"] == (tmp_path / "secret_key").read_text().strip()
        assert len(app.config["SECRET_KEY"]) == 64
    finally:
        app.extensions["semak"].close()


def test_tests_may_use_any_key(start: Any) -> None:
    assert start("dev", TESTING=True).config["SECRET_KEY"] == "dev"
