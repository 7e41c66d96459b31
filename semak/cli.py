"""``flask --app app`` commands: init-db, seed-demo, user create/token/revoke, requeue."""

from __future__ import annotations

import secrets
import sys

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from semak.auth import (
    AccountError,
    create_user,
    issue_token,
    revoke_token,
    revoke_token_id,
    token_row,
)
from semak.models import Claim, ClaimStatus, Role, User
from semak.services import services

user_cli = AppGroup("user", help="Manage users and API tokens.")

DEMO_EMPLOYER = "employer@demo.semak"
DEMO_OFFICER = "officer@demo.semak"
DEMO_CODE = "DEMO001"


def register(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(seed_demo)
    app.cli.add_command(requeue)
    app.cli.add_command(user_cli)
    from semak.archive.cli import archive_cli

    app.cli.add_command(archive_cli)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema (alembic upgrade head); idempotent."""
    svc = services()
    svc.db.upgrade()
    svc.settings.storage_dir.mkdir(parents=True, exist_ok=True)
    click.echo("init-db: database at head", err=True)


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """A demo employer (DEMO001) and officer for `make run`, each with a random password printed
    once, when created. Existing demo accounts keep their password and their active flag."""
    svc = services()
    with svc.db.session() as s:
        for email, role in ((DEMO_EMPLOYER, Role.EMPLOYER), (DEMO_OFFICER, Role.OFFICER)):
            if s.scalar(select(User).where(User.email == email)) is not None:
                click.echo(f"seed-demo: {role:<8} {email}  exists; keeps its password")
                continue
            password = "demo-" + secrets.token_urlsafe(12)
            create_user(
                s,
                email,
                role,
                password=password,
                employer_code=DEMO_CODE if role == Role.EMPLOYER else None,
                employer_name="Demo Sdn. Bhd." if role == Role.EMPLOYER else None,
            )
            click.echo(f"seed-demo: {role:<8} {email}  password: {password}  (shown once)")


@user_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--employer-code", default=None, help="The employer's code (employers: required).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--token", "with_token", is_flag=True, help="Print an API token on stdout.")
def user_create(
    email: str, role: str, employer_code: str | None, password_stdin: bool, with_token: bool
) -> None:
    """Create a user (and its employer if new)."""
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.ClickException("no password on standard input")
    with services().db.session() as s:
        try:
            user = create_user(s, email, role, password=password, employer_code=employer_code)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from exc
        token = issue_token(s, user, "cli") if with_token else None
    click.echo(f"user create: {user.email} ({role})", err=True)
    if token:
        click.echo(token)


@user_cli.command("token")
@click.argument("email")
@click.option("--name", default="cli")
@click.option(
    "--expires-days",
    type=click.IntRange(min=1, max=3650),
    default=None,
    help="Refuse the token this many days from now (default: valid until revoked).",
)
def user_token(email: str, name: str, expires_days: int | None) -> None:
    """Issue another API token for an existing user; prints it alone on stdout, its id (for
    revoke-token --id) on stderr."""
    with services().db.session() as s:
        user = s.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise click.ClickException(f"no user {email}")
        token = issue_token(s, user, name, expires_days=expires_days)
        row = token_row(s, token)
        token_id = row.id if row is not None else None
        until = row.expires_at.isoformat(timespec="minutes") if row and row.expires_at else None
    click.echo(
        f"user token: id {token_id}, " + (f"expires {until}" if until else "no expiry"), err=True
    )
    click.echo(token)


@user_cli.command("revoke-token")
@click.option("--token-stdin", is_flag=True, help="Read the token from stdin.")
@click.option("--id", "token_id", type=click.IntRange(min=1), help="The token's id.")
def user_revoke_token(token_stdin: bool, token_id: int | None) -> None:
    """Revoke an API token: the token itself read from stdin (so it stays out of the shell
    history), or its id as `user token` printed it."""
    if token_stdin == (token_id is not None):
        raise click.UsageError("give either --token-stdin or --id N")
    with services().db.session() as s:
        if token_id is not None:
            found = revoke_token_id(s, token_id)
        else:
            found = revoke_token(s, sys.stdin.readline().strip())
        if not found:
            raise click.ClickException("no such token")
    click.echo("token revoked", err=True)


@click.command("requeue")
@with_appcontext
@click.option("--failed", is_flag=True, help="Also claims whose verification failed.")
def requeue(failed: bool) -> None:
    """Queue again every claim left waiting with no live job (the reconciler, at once); with
    --failed, failed claims too (after the cause of their failure was fixed)."""
    from semak import claims
    from semak.reconcile import reconcile

    svc = services()
    count = len(reconcile(svc, min_age=0).requeued)
    if failed:
        with svc.db.Session() as s:
            stmt = select(Claim).where(Claim.status == ClaimStatus.FAILED)
            for claim in s.scalars(stmt).all():
                claims.rerun(claim, session=s, svc=svc)
                count += 1
    click.echo(f"requeue: {count} claims queued again", err=True)
