"""Shared fixtures: settings, a migrated database, a Redis database of our own, the app, a real
RQ worker process. Every fixture cleans up what it starts.

Session-scoped (one per pytest run):
  settings        semak.config.Settings for the run: DATABASE_URL (a SQLite file, or a fresh
                  PostgreSQL schema when DATABASE_URL is postgresql), REDIS_URL (a free Redis
                  database number 1-15, locked for the run, flushed before and after),
                  STORAGE_DIR, instance dir, SECRET_KEY. The schema is migrated once.
  service_env     the same as environment variables (dict), for subprocesses.
  rq_worker       a real ``python worker.py`` process on that Redis and database; gives
                  ``WorkerProcess(name, proc, log_path)``. Stopped (SIGTERM, then SIGKILL).

Function-scoped:
  app             create_app() on the run's settings, TESTING, CSRF off. After the test every
                  table is emptied and the RQ keys (queues, jobs, registries) are deleted.
  make_app        factory: make_app(**flask_config) for other config (e.g. CSRF on).
  client          app.test_client().
  db              a SQLAlchemy Session on the run's database (closed after the test).
  make_user       make_user(email, role="employer", employer_code="E1", password=None)
                  -> (User, token): a user with an API token.
  redis_conn      a redis.Redis on the run's database.
  wait_for_claim  wait_for_claim(client, claim_id, token, timeout=90) -> the GET JSON once
                  status is done or failed (fails the test on timeout, with the worker log).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from redis_slots import LOCK_PREFIX, claim_redis_db

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BASE_REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_base() -> str:
    return BASE_REDIS.rsplit("/", 1)[0] if BASE_REDIS.count("/") >= 3 else BASE_REDIS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test whose fixtures reach the database (``database_url``) is marked ``postgres``:
    ``make test`` runs them again on PostgreSQL, the production database."""
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
    # Tests that keep both cores busy on their own (marked ``all_cores``) run last, in their
    # collected order: ``make test``'s PostgreSQL run is over by then, so they have the
    # machine to themselves instead of sharing it with that run while a core idles at the end.
    items.sort(key=lambda item: item.get_closest_marker("all_cores") is not None)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    from redis import Redis

    base = _redis_base()
    lock = Redis.from_url(f"{base}/0")
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    number = claim_redis_db(lock, token)
    url = f"{base}/{number}"
    conn = Redis.from_url(url)
    conn.flushdb()
    yield url
    conn.flushdb()
    conn.close()
    if lock.get(f"{LOCK_PREFIX}{number}") == token.encode():
        lock.delete(f"{LOCK_PREFIX}{number}")
    lock.close()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLite by default; with DATABASE_URL=postgresql... a schema of this run's own."""
    from semak.db import Database

    env_url = os.environ.get("DATABASE_URL", "")
    schema = None
    if env_url.startswith("postgresql"):
        import psycopg
        from sqlalchemy.engine import make_url

        schema = f"semak_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        u = make_url(env_url)
        raw = u.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = u.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'semak.db'}"
    db = Database(url)
    db.upgrade()
    db.dispose()
    yield url
    if schema:
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="session")
def settings(database_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from semak.config import Settings

    instance = tmp_path_factory.mktemp("instance")
    return Settings(
        database_url=database_url,
        redis_url=redis_url,
        storage_dir=instance / "storage",
        secret_key="test-secret-" + uuid.uuid4().hex,
        instance_dir=instance,
        job_timeout=180,
        job_retries=1,
        job_retry_intervals=(0,),
    )


@pytest.fixture(scope="session")
def service_env(settings: Any) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "STORAGE_DIR": str(settings.storage_dir),
        "SEMAK_INSTANCE_DIR": str(settings.instance_dir),
        "SECRET_KEY": settings.secret_key,
        "JOB_TIMEOUT": str(settings.job_timeout),
        "JOB_RETRIES": str(settings.job_retries),
        "JOB_RETRY_INTERVALS": ",".join(map(str, settings.job_retry_intervals)),
        "OMP_THREAD_LIMIT": "1",
    }


@dataclass
class WorkerProcess:
    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


@pytest.fixture(scope="module")  # a live worker takes every job on its Redis: one module at a time
def rq_worker(
    service_env: dict[str, str], redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WorkerProcess]:
    from redis import Redis
    from rq import Worker

    name = f"semak-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "worker.py", "--name", name],
            cwd=ROOT,
            env=service_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    worker = WorkerProcess(name, proc, log_path)
    conn = Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + 60
        while not any(w.name == name for w in Worker.all(connection=conn)):
            if proc.poll() is not None:
                pytest.fail(f"worker exited with {proc.returncode}:\n{worker.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"worker did not register within 60 s:\n{worker.log()}")
            time.sleep(0.2)
        yield worker
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        conn.close()


def _clean(settings: Any) -> None:
    from redis import Redis
    from sqlalchemy import text

    from semak.db import Database
    from semak.models import Base

    db = Database(settings.database_url)
    with db.engine.begin() as conn:
        tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for t in tables:
                conn.execute(text(f"DELETE FROM {t}"))
    db.dispose()
    for blob in settings.storage_dir.glob("*/*"):  # stored files of the rows just deleted
        if blob.is_file():
            blob.chmod(0o600)  # storage keeps originals read-only
            blob.unlink()
    r = Redis.from_url(settings.redis_url)
    keys = [k for k in r.scan_iter("rq:*") if not k.startswith((b"rq:worker", b"rq:scheduler"))]
    if keys:
        r.delete(*keys)
    r.close()


@pytest.fixture
def keep_storage_as_found(settings: Any) -> Iterator[None]:
    """Remove the stored files a test added to the run's shared storage folder."""
    root = Path(settings.storage_dir)
    before = set(root.glob("??/*"))
    yield
    for blob in set(root.glob("??/*")) - before:
        with contextlib.suppress(OSError):
            blob.unlink()


@pytest.fixture
def make_app(settings: Any) -> Iterator[Callable[..., Any]]:
    from semak.factory import create_app

    apps = []

    def make(**config: Any) -> Any:
        cfg = {"SETTINGS": settings, "TESTING": True, "WTF_CSRF_ENABLED": False, **config}
        app = create_app(cfg)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["semak"].close()
    _clean(settings)


@pytest.fixture
def app(make_app: Callable[..., Any]) -> Any:
    return make_app()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


@pytest.fixture
def db(app: Any) -> Iterator[Any]:
    s = app.extensions["semak"].db.Session()
    yield s
    s.close()


@pytest.fixture
def redis_conn(redis_url: str) -> Iterator[Any]:
    from redis import Redis

    conn = Redis.from_url(redis_url)
    yield conn
    conn.close()


@pytest.fixture
def clean_limits(redis_conn: Any) -> Iterator[None]:
    """No rate-limit counters left in the run's Redis before the test, nor after it."""

    def wipe() -> None:
        keys = list(redis_conn.scan_iter("semak:ratelimit:*"))
        if keys:
            redis_conn.delete(*keys)

    wipe()
    yield
    wipe()


@pytest.fixture
def make_user(app: Any) -> Callable[..., tuple[Any, str]]:
    from semak.auth import create_user, issue_token

    def make(
        email: str = "clerk@example.my",
        role: str = "employer",
        employer_code: str | None = "E1",
        password: str | None = None,
    ) -> tuple[Any, str]:
        with app.extensions["semak"].db.session() as s:
            user = create_user(
                s,
                email,
                role,
                password=password,
                employer_code=employer_code if role == "employer" else None,
            )
            token = issue_token(s, user, "test")
        return user, token

    return make


@pytest.fixture
def wait_for_claim(rq_worker: WorkerProcess) -> Callable[..., dict[str, Any]]:
    def wait(client: Any, claim_id: str, token: str, timeout: float = 90) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            resp = client.get(
                f"/api/v1/claims/{claim_id}", headers={"Authorization": f"Bearer {token}"}
            )
            assert resp.status_code == 200, resp.get_data(as_text=True)
            body: dict[str, Any] = resp.get_json()
            if body["status"] in ("done", "failed"):
                return body
            if rq_worker.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"claim still {body['status']}; worker log:\n{rq_worker.log()}")
            time.sleep(0.25)

    return wait
