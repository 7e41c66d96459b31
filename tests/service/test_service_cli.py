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
    assert ok.status_code == 200 and ok.get_json()["claims"] == []

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


def _seed_passwords(env: dict[str, str]) -> dict[str, str]:
    """Run init-db and seed-demo; the passwords printed, by e-mail."""
    init = flask(env, "init-db")
    assert init.returncode == 0, init.stderr
    seed = flask(env, "seed-demo")
    assert seed.returncode == 0, seed.stderr
    printed = {}
    for line in seed.stdout.splitlines():
        if "password: " in line:
            email = line.split()[2]
            printed[email] = line.split("password: ", 1)[1].split()[0]
    return printed


def test_init_db_and_seed_demo_are_idempotent(db: Any, service_env: dict[str, str]) -> None:
    first = _seed_passwords(service_env)
    assert sorted(first) == ["employer@demo.semak", "officer@demo.semak"]
    again = flask(service_env, "seed-demo")
    assert again.returncode == 0 and "password:" not in again.stdout  # printed once only
    assert again.stdout.count("keeps its password") == 2
    users = db.scalars(select(User).order_by(User.email)).all()
    assert [u.email for u in users] == ["employer@demo.semak", "officer@demo.semak"]
    orgs = db.scalars(select(Organisation)).all()
    assert [o.employer_code for o in orgs] == ["DEMO001"]
    for user in users:
        assert check_password(user, first[user.email])  # still the first password


def test_demo_passwords_are_random_not_derived_from_the_key(
    db: Any, service_env: dict[str, str]
) -> None:
    first = _seed_passwords(service_env)
    for user in db.scalars(select(User)).all():
        db.delete(user)
    for org in db.scalars(select(Organisation)).all():
        db.delete(org)
    db.commit()
    second = _seed_passwords(service_env)  # a fresh database, the same SECRET_KEY
    assert sorted(second) == sorted(first)
    for email, password in first.items():
        assert second[email] != password
        assert len(password) >= 16


def test_reseeding_keeps_a_changed_password_and_a_disabled_account(
    db: Any, service_env: dict[str, str]
) -> None:
    from semak.auth import hash_password

    first = _seed_passwords(service_env)
    officer = db.scalar(select(User).where(User.email == "officer@demo.semak"))
    employer = db.scalar(select(User).where(User.email == "employer@demo.semak"))
    officer.password_hash = hash_password("changed by the officer")
    employer.active = False
    db.commit()
    assert _seed_passwords(service_env) == {}
    db.expire_all()
    assert check_password(officer, "changed by the officer")
    assert not check_password(officer, first["officer@demo.semak"])
    assert employer.active is False


def _get_claims(client: Any, token: str) -> int:
    resp = client.get("/api/v1/claims", headers={"Authorization": f"Bearer {token}"})
    return int(resp.status_code)


def test_a_token_with_an_expiry_is_refused_after_it(
    client: Any, make_user: Any, service_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from semak import auth
    from semak.models import utcnow

    make_user("clerk@example.my")
    done = flask(service_env, "user", "token", "clerk@example.my", "--expires-days", "30")
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert token.startswith("smk_") and "expires" in done.stderr
    assert _get_claims(client, token) == 200
    later = utcnow() + timedelta(days=30, minutes=1)  # a controlled clock, 30 days on
    monkeypatch.setattr(auth, "utcnow", lambda: later)
    assert _get_claims(client, token) == 401
    unlimited = flask(service_env, "user", "token", "clerk@example.my").stdout.strip()
    assert _get_claims(client, unlimited) == 200  # no --expires-days: until revoked
    bad = flask(service_env, "user", "token", "clerk@example.my", "--expires-days", "0")
    assert bad.returncode != 0 and bad.stdout == ""


def test_a_token_is_revoked_by_its_id(
    client: Any, make_user: Any, service_env: dict[str, str]
) -> None:
    _, kept = make_user("clerk@example.my")
    done = flask(service_env, "user", "token", "clerk@example.my")
    token = done.stdout.strip()
    token_id = done.stderr.split("id ", 1)[1].split(",")[0]
    assert _get_claims(client, token) == 200
    revoked = flask(service_env, "user", "revoke-token", "--id", token_id)
    assert revoked.returncode == 0, revoked.stderr
    assert _get_claims(client, token) == 401
    assert _get_claims(client, kept) == 200  # the user's other token is untouched
    missing = flask(service_env, "user", "revoke-token", "--id", "999999")
    assert missing.returncode != 0 and "no such token" in missing.stderr
    neither = flask(service_env, "user", "revoke-token")
    assert neither.returncode != 0
