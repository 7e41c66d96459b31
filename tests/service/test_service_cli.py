"""The flask commands of spec section 2: user create --token, init-db, seed-demo; bearer auth."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from semak.auth import check_password
from semak.models import Organisation, User

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def flask(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_user_create_prints_a_working_token(
    client: Any, db: Any, service_env: dict[str, str]
) -> None:
    done = flask(
        service_env,
        "user", "create", "Clerk@Example.my", "--role", "employer",
        "--employer-code", "e9876543", "--password-stdin", "--token",
        stdin="s3cret-pass\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("smk_")
    token = lines[0]

    user = db.scalar(select(User).where(User.email == "clerk@example.my"))
    assert user is not None and user.role == "employer"
    assert user.organisation.employer_code == "E9876543"
    assert check_password(user, "s3cret-pass") and not check_password(user, "wrong")
    assert user.password_hash.startswith("scrypt:")

    ok = client.get("/api/v1/claims", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200 and ok.get_json() == {"claims": []}

    for header in (f"Bearer {token}x", "Bearer smk_nope", f"Basic {token}", ""):
        bad = client.get("/api/v1/claims", headers={"Authorization": header})
        assert bad.status_code == 401, header
        assert bad.get_json()["error"]["code"] == "unauthorized"

    revoked = flask(service_env, "user", "revoke-token", "--token-stdin", stdin=token + "\n")
    assert revoked.returncode == 0, revoked.stderr
    after = client.get("/api/v1/claims", headers={"Authorization": f"Bearer {token}"})
    assert after.status_code == 401

    dup = flask(service_env, "user", "create", "clerk@example.my", "--role", "officer")
    assert dup.returncode != 0 and "exists" in dup.stderr


def test_employer_without_code_is_refused(service_env: dict[str, str], db: Any) -> None:
    done = flask(service_env, "user", "create", "x@example.my", "--role", "employer", "--token")
    assert done.returncode != 0
    assert done.stdout == ""
    assert db.scalar(select(User).where(User.email == "x@example.my")) is None


def test_init_db_and_seed_demo_are_idempotent(db: Any, service_env: dict[str, str]) -> None:
    outputs = []
    for _ in range(2):
        init = flask(service_env, "init-db")
        assert init.returncode == 0, init.stderr
        seed = flask(service_env, "seed-demo")
        assert seed.returncode == 0, seed.stderr
        outputs.append(seed.stdout)
    assert outputs[0] == outputs[1]  # same logins printed, still valid
    users = db.scalars(select(User).order_by(User.email)).all()
    assert [u.email for u in users] == ["employer@demo.semak", "officer@demo.semak"]
    orgs = db.scalars(select(Organisation)).all()
    assert [o.employer_code for o in orgs] == ["DEMO001"]
    for user in users:
        line = next(ln for ln in outputs[1].splitlines() if user.email in ln)
        password = line.rsplit("password: ", 1)[1].strip()
        assert check_password(user, password)
