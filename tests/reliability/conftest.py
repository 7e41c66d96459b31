"""Fixtures for the fault tests: a private redis-server we may kill and restart (never the shared
one), an app on it, real ``worker.py`` processes we may SIGKILL, and upload helpers
(reliability_helpers).

Every process started here is stopped by its own pid at teardown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from reliability_helpers import PrivateRedis, Workers, free_port  # noqa: E402


@pytest.fixture(autouse=True)
def _remove_new_blobs(keep_storage_as_found: None) -> None:
    """Leave the run's shared storage folder as found (other suites list it)."""


@pytest.fixture(scope="session")
def private_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateRedis]:
    r = PrivateRedis(free_port(), tmp_path_factory.mktemp("private-redis"))
    r.start()
    yield r
    r.kill()


@pytest.fixture
def rel_settings(settings: Any, private_redis: PrivateRedis) -> Iterator[Any]:
    """The run's settings on the private Redis; it is flushed before and after each test."""
    from redis import Redis

    conn = Redis.from_url(private_redis.url)
    conn.flushdb()
    conn.close()
    yield settings.with_overrides(redis_url=private_redis.url, job_retries=1)
    try:
        conn = Redis.from_url(private_redis.url)
        conn.flushdb()
        conn.close()
    except Exception:
        pass


@pytest.fixture
def rel_app(make_app: Callable[..., Any], rel_settings: Any) -> Any:
    from semak.security import init_security

    app = make_app(SETTINGS=rel_settings)
    init_security(app)
    return app


@pytest.fixture
def rel_client(rel_app: Any) -> Any:
    return rel_app.test_client()


@pytest.fixture
def workers(service_env: dict[str, str], rel_settings: Any, tmp_path: Path) -> Iterator[Workers]:
    env = {
        **service_env,
        "REDIS_URL": rel_settings.redis_url,
        "JOB_RETRIES": str(rel_settings.job_retries),
        "JOB_RETRY_INTERVALS": "0",
    }
    pool = Workers(env, tmp_path, rel_settings.redis_url)
    yield pool
    for w in pool.started:
        w.stop()
