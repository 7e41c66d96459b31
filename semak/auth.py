"""Accounts: users, organisations, password hashes (scrypt) and API bearer tokens (SHA-256)."""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from semak.models import ApiToken, Organisation, Role, User, utcnow

TOKEN_PREFIX = "smk_"


class AccountError(ValueError):
    """A user cannot be created as asked (duplicate e-mail, missing employer code); ``code``
    says which, for the portal to say it in the reader's language (the CLI prints the text)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_password(user: User, password: str) -> bool:
    return bool(user.password_hash) and verify_password(user.password_hash or "", password)


def verify_password(stored_hash: str, password: str) -> bool:
    return check_password_hash(stored_hash, password)


@functools.cache
def dummy_hash() -> str:
    """A scrypt hash of a random password, made once: what unknown users are checked against."""
    return hash_password(secrets.token_urlsafe(16))


def check_login(user: User | None, password: str) -> bool:
    """Whether ``password`` logs ``user`` in (active, with that password). Always one scrypt
    verification - against a dummy hash when there is no user or no password - so the response
    time does not reveal whether an account exists."""
    stored = user.password_hash if user is not None and user.password_hash else None
    ok = verify_password(stored or dummy_hash(), password)
    return ok and stored is not None and user is not None and bool(user.active)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def get_or_create_organisation(
    s: Session, employer_code: str, name: str | None = None
) -> Organisation:
    code = employer_code.strip().upper()
    org = s.scalar(select(Organisation).where(Organisation.employer_code == code))
    if org is None:
        org = Organisation(employer_code=code, name=name or code)
        s.add(org)
        s.flush()
    return org


def create_user(
    s: Session,
    email: str,
    role: str,
    *,
    password: str | None = None,
    employer_code: str | None = None,
    employer_name: str | None = None,
) -> User:
    email = email.strip().lower()
    if role not in set(Role):
        raise AccountError(f"unknown role {role!r}", "unknown_role")
    if "@" not in email or len(email) > 254:
        raise AccountError("not an e-mail address", "not_an_email")
    if s.scalar(select(User).where(User.email == email)) is not None:
        raise AccountError(f"a user {email} exists already", "user_exists")
    org = None
    if role == Role.EMPLOYER:
        if not employer_code:
            raise AccountError("an employer user needs --employer-code", "employer_code_needed")
        org = get_or_create_organisation(s, employer_code, employer_name)
    elif employer_code:
        org = get_or_create_organisation(s, employer_code, employer_name)
    user = User(
        email=email,
        role=role,
        organisation=org,
        password_hash=hash_password(password) if password else None,
    )
    s.add(user)
    s.flush()
    return user


def issue_token(s: Session, user: User, name: str = "", *, expires_days: int | None = None) -> str:
    """A new bearer token for the user, valid ``expires_days`` days (None: until revoked); only
    its hash is stored, so show it once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(days=expires_days) if expires_days is not None else None
    s.add(ApiToken(user_id=user.id, token_hash=hash_token(token), name=name, expires_at=expires))
    s.flush()
    return token


def token_row(s: Session, token: str) -> ApiToken | None:
    return s.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def user_for_token(s: Session, token: str) -> User | None:
    """The active user a token belongs to, or None (unknown, revoked, expired or inactive)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = token_row(s, token)
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    if row.expires_at is not None and _aware(row.expires_at) <= utcnow():
        return None
    return row.user


def revoke_token(s: Session, token: str) -> bool:
    row = token_row(s, token)
    if row is None:
        return False
    row.revoked_at = utcnow()
    return True


def revoke_token_id(s: Session, token_id: int) -> bool:
    """Revoke the token with this id (as ``user token`` printed it); False if there is none."""
    row = s.get(ApiToken, token_id)
    if row is None:
        return False
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    return True


def load_user(s: Session, user_id: str) -> User | None:
    """The active user with this id (a session cookie's), else None."""
    try:
        user = s.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.active else None


def authenticate(s: Session, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None. An unknown e-mail costs the same
    scrypt work as a known one (:func:`check_login`): the time taken does not tell."""
    user = s.scalar(select(User).where(User.email == email.strip().lower()))
    return user if check_login(user, password) else None


def users_listed() -> Select[User]:
    """Every user, as the administrator's list shows them (by e-mail)."""
    return select(User).order_by(User.email, User.id)


def organisations_listed() -> Select[Organisation]:
    """Every employer, as the administrator's list shows them (by name)."""
    return select(Organisation).order_by(Organisation.name, Organisation.id)


def toggle_active(s: Session, user_id: int, by: User) -> User | None:
    """Switch a user on or off; None when there is no such user. An administrator cannot
    switch themself off (AccountError ``self_deactivation``): someone must stay to undo it."""
    user = s.get(User, user_id)
    if user is None:
        return None
    if user.id == by.id:
        raise AccountError("an administrator cannot deactivate themself", "self_deactivation")
    user.active = not user.active
    return user
