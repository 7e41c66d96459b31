"""Who may see a claim, and who may add files to it: one policy for the API and the portal.

- An employer user sees its own organisation's claims only.
- An officer sees every claim.
- An administrator manages users and employers and sees no claim at all (neither the portal nor
  the API shows one).
- An inactive user sees nothing.

Claims are filed by employer users (for their own organisation) and officers (a paper claim,
for the employer its ``employer_code`` names). Administrators file none, not even with an
``employer_code``: they could never see the claim they filed (``403 admin_cannot_file``).

Files may be added to a claim by whoever may see it (the portal offers it to employers only),
until the claim is decided: once accepted or rejected it takes no more documents. A request for
more documents is not a final decision.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, select, true

from semak.models import Claim, Decision, Role, User

FINAL_DECISIONS = frozenset({str(Decision.ACCEPT), str(Decision.REJECT)})


def may_see(user: User, claim: Claim) -> bool:
    if not user.active:
        return False
    if user.role == Role.OFFICER:
        return True
    if user.role == Role.EMPLOYER:
        return user.organisation_id is not None and claim.organisation_id == user.organisation_id
    return False


def may_file(user: User) -> bool:
    """Whose role files claims: employer users and officers (not administrators)."""
    return user.role in (Role.EMPLOYER, Role.OFFICER)


def is_decided(claim: Claim) -> bool:
    return claim.decision in FINAL_DECISIONS


def may_add_files(user: User, claim: Claim) -> bool:
    return may_see(user, claim) and not is_decided(claim)


def visible(user: User) -> ColumnElement[bool]:
    """The SQL condition on ``Claim`` matching :func:`may_see`."""
    if not user.active:
        return false()
    if user.role == Role.OFFICER:
        return true()
    if user.role == Role.EMPLOYER and user.organisation_id is not None:
        return Claim.organisation_id == user.organisation_id
    return false()


def claims_visible_to(user: User) -> Select[Claim]:
    """The claims this user may see, newest first (add ``.limit`` or more conditions)."""
    return select(Claim).where(visible(user)).order_by(Claim.created_at.desc(), Claim.id.desc())
