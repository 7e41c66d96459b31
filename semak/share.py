"""Each employer's share of the interactive queue: at most ``ORG_SHARE`` claims of one
organisation are in the queue (or being read) at a time; its further claims wait in the
database, ``queued`` with the reason WAITING_TURN and no job, and are queued oldest first as
its claims finish.

- ``must_wait`` is asked before a claim is queued on the interactive queue (semak.claims);
- ``on_success`` is the jobs' RQ success callback: it queues the organisation's next claims;
- ``release_all`` runs in the reconciler (cron, every two minutes), which also covers claims
  whose job failed for good or whose worker died.

Counted in the database (claims ``queued``/``processing`` not waiting their turn), so it costs
one indexed query per upload. Two releases at the same moment may let one claim more through;
the share is a fairness bound, not a hard limit.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from semak.models import Claim, ClaimStatus

if TYPE_CHECKING:
    from semak.services import Services

log = logging.getLogger(__name__)

ORG_SHARE = 10  # claims of one organisation in the interactive queue at a time
WAITING_TURN = "waiting for its turn: the employer's earlier claims are being read"
ACTIVE = (ClaimStatus.QUEUED, ClaimStatus.PROCESSING)


def _not_waiting() -> Any:
    return or_(Claim.status_reason.is_(None), Claim.status_reason != WAITING_TURN)


def in_queue(s: Session, organisation_id: int, *, besides: int | None = None) -> int:
    """The organisation's claims queued or being read (not those waiting their turn)."""
    q = select(func.count(Claim.id)).where(
        Claim.organisation_id == organisation_id, Claim.status.in_(ACTIVE), _not_waiting()
    )
    if besides is not None:
        q = q.where(Claim.id != besides)
    return int(s.scalar(q) or 0)


def must_wait(s: Session, claim: Claim, share: int | None = None) -> bool:
    """Whether the claim must wait its turn (its organisation has its share in the queue)."""
    limit = ORG_SHARE if share is None else share
    return in_queue(s, claim.organisation_id, besides=claim.id) >= limit


def release(svc: Services, s: Session, organisation_id: int, share: int | None = None) -> int:
    """Queue the organisation's oldest waiting claims while it is under its share."""
    from semak.queue import enqueue_claim

    limit = ORG_SHARE if share is None else share
    free = limit - in_queue(s, organisation_id)
    if free <= 0:
        return 0
    waiting = s.scalars(
        select(Claim)
        .where(
            Claim.organisation_id == organisation_id,
            Claim.status == ClaimStatus.QUEUED,
            Claim.status_reason == WAITING_TURN,
        )
        .order_by(Claim.id)
        .limit(free)
    ).all()
    for claim in waiting:
        claim.status_reason = None
        s.commit()
        enqueue_claim(s, svc.redis, svc.settings, claim)
    if waiting:
        log.info("organisation %s: %d waiting claims queued", organisation_id, len(waiting))
    return len(waiting)


def release_all(svc: Services, s: Session) -> int:
    """``release`` for every organisation with a claim waiting its turn."""
    orgs = s.scalars(
        select(Claim.organisation_id)
        .where(Claim.status == ClaimStatus.QUEUED, Claim.status_reason == WAITING_TURN)
        .distinct()
    ).all()
    return sum(release(svc, s, org) for org in orgs)


def on_success(job: Any, connection: Any, result: Any, *args: Any, **kwargs: Any) -> None:
    """RQ success callback of a verification job: the claim's organisation may go on."""
    from semak.services import services

    svc = services()
    try:
        with svc.db.session() as s:
            claim = s.get(Claim, int(job.args[0]))
            if claim is not None:
                release(svc, s, claim.organisation_id)
    except Exception as exc:  # the reconciler releases them later; the job itself succeeded
        log.warning("job %s: waiting claims not released: %s", job.id, type(exc).__name__)
