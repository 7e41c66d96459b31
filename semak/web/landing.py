"""Where each role lands: the home page after logging in, and of ``/``.

Its own module, below ``semak.web`` and ``semak.web.auth``, so the two need not import each
other for it.
"""

from __future__ import annotations

HOME = {"employer": "employer.claims", "officer": "officer.queue", "admin": "admin.users"}


def home_endpoint(role: str) -> str:
    """The endpoint of the role's home page; the login page for an unknown role."""
    return HOME.get(role, "auth.login")
