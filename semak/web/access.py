"""Who may see what: role checks and the IC-masking rule (PDPA).

The rule, one place (who sees which claim: :mod:`semak.access`, shared with the API):

- An employer user sees its own organisation's claims only, with the insured's IC in full (the
  employer typed it and holds it in its payroll records anyway).
- An officer sees every claim. Lists (queue, signals, accuracy) show the IC masked; the claim
  view, where the officer compares the documents with the claim, shows it in full. Searching
  by the full IC works for officers.
- An administrator manages users and employers and sees no claim at all.
- Anonymous users see nothing but the login page.

Documents and page images are served only through routes that apply :func:`can_view_claim`,
by the claim's random ``public_id`` and the document's id, as attachments.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from intake.fields.ic import format_ic, mask_ic
from semak.access import may_see
from semak.models import Claim, Role, User

F = TypeVar("F", bound=Callable[..., Any])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Anonymous users are sent to log in (401 handler); other roles get 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                abort(401)
            if current_user.role not in {str(r) for r in roles}:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def can_view_claim(user: User, claim: Claim) -> bool:
    """The one claim policy the API applies too (:func:`semak.access.may_see`)."""
    return bool(getattr(user, "active", False)) and may_see(user, claim)


def ic_for(user: User, ic: str | None, *, in_list: bool = False) -> str:
    """The IC as this user may see it."""
    if not ic:
        return ""
    try:
        full = format_ic(ic)
    except ValueError:
        full = ic
    if user.role == Role.EMPLOYER:
        return full
    if user.role == Role.OFFICER and not in_list:
        return full
    return mask_ic(ic)
