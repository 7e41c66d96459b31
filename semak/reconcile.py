"""The reconciler: queue again every claim the database waits on but the queue has lost.

A claim is ``queued`` or ``processing`` in the database until its job reports. After Redis is
restarted without its data, after an upload stored while Redis was down, or after a whole
worker machine stopped, no live job stands behind such a claim and it would wait for ever.
``reconcile()`` finds those claims and queues each again (``semak.claims.rerun``: a new
revision, so a zombie of the old job can never overwrite the new report).

A job is live when it is queued and really in its queue's list, started by a worker that is
still beating (``stale_after``), or deferred/scheduled. Claims touched less than ``min_age``
seconds ago are left alone (the web process may be between its commit and its enqueue).

    flask --app app reconcile [--min-age 60] [--stale-after 120] [--dry-run]

Run it from cron every few minutes, and once after Redis comes back from an outage.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from semak.models import Claim, ClaimStatus, utcnow

if TYPE_CHECKING:
    from semak.services import Services

log = logging.getLogger(__name__)
WAITING = (ClaimStatus.QUEUED, ClaimStatus.PROCESSING)
STALE_AFTER = 120.0  # seconds without a heartbeat before a worker counts as dead


@dataclass
class Reconciled:
    checked: int = 0
    requeued: list[str] = field(default_factory=list)  # public ids
    live: int = 0
    errors: list[str] = field(default_factory=list)
    waiting_turn: int = 0  # claims waiting for their organisation's share (semak.share)
    released: int = 0  # of those, queued now


def job_is_live(redis: Any, jid: str, workers: set[str]) -> bool:
    """Whether a job of this id will still run, or runs on a worker in ``workers``."""
    from rq.job import JobStatus

    from semak.queue import fetch_job

    job = fetch_job(redis, jid)
    if job is None:
        return False
    status = job.get_status(refresh=True)
    if status == JobStatus.QUEUED:
        return redis.lpos(f"rq:queue:{job.origin}", jid) is not None
    if status == JobStatus.STARTED:
        return bool(job.worker_name) and job.worker_name in workers
    return status in (JobStatus.DEFERRED, JobStatus.SCHEDULED, JobStatus.CREATED)


def live_workers(redis: Any, stale_after: float = STALE_AFTER) -> set[str]:
    """Names of registered workers whose last heartbeat is under ``stale_after`` seconds old.

    A busy RQ worker beats every 30 s (its job monitoring interval); a SIGKILLed one stays
    registered until its key expires (7 minutes) but stops beating."""
    from rq import Worker

    now = utcnow()
    alive = set()
    for w in Worker.all(connection=redis):
        beat = w.last_heartbeat
        if beat is not None and (now - _aware(beat)).total_seconds() <= stale_after:
            alive.add(w.name)
    return alive


def reconcile(
    svc: Services,
    *,
    min_age: float = 60.0,
    stale_after: float = STALE_AFTER,
    dry_run: bool = False,
) -> Reconciled:
    """Queue again every waiting claim without a live job; returns what was done."""
    from semak import claims, share
    from semak.queue import job_id

    out = Reconciled()
    workers = live_workers(svc.redis, stale_after)
    cutoff = utcnow() - timedelta(seconds=min_age)
    with svc.db.Session() as s:
        waiting = s.scalars(
            select(Claim).where(Claim.status.in_(list(WAITING))).order_by(Claim.id)
        ).all()
        for claim in waiting:
            out.checked += 1
            if claim.status_reason == share.WAITING_TURN:
                out.waiting_turn += 1  # no job on purpose: released below, in its turn
                continue
            if _aware(claim.updated_at) > cutoff:
                continue
            if job_is_live(svc.redis, job_id(claim), workers):
                out.live += 1
                continue
            if dry_run:
                out.requeued.append(claim.public_id)
                continue
            try:
                claims.rerun(claim, session=s, svc=svc)
                out.requeued.append(claim.public_id)
            except Exception as exc:  # one claim's trouble must not stop the others
                s.rollback()
                out.errors.append(f"{claim.public_id}: {type(exc).__name__}")
        if not dry_run:
            out.released = _release(svc, s, out)
    log.info(
        "reconcile: %d waiting claims, %d live, %d requeued, %d errors",
        out.checked,
        out.live,
        len(out.requeued),
        len(out.errors),
    )
    return out


def _release(svc: Services, s: Any, out: Reconciled) -> int:
    """Queue the claims waiting for their organisation's turn where a slot is free."""
    from semak import share

    try:
        return share.release_all(svc, s)
    except Exception as exc:  # Redis down again: they stay waiting for the next run
        s.rollback()
        out.errors.append(f"release: {type(exc).__name__}")
        return 0


def _aware(value: Any) -> Any:
    """SQLite hands back naive datetimes; they are UTC."""
    from datetime import UTC

    if value is None:
        return utcnow() - timedelta(days=3650)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@click.command("reconcile")
@with_appcontext
@click.option("--min-age", default=60.0, show_default=True, help="Skip claims newer (seconds).")
@click.option("--dry-run", is_flag=True, help="Only list the claims that would be requeued.")
def reconcile_cli(min_age: float, dry_run: bool) -> None:
    """Queue again every queued/processing claim whose job was lost (e.g. Redis restarted)."""
    from semak.services import services

    result = reconcile(services(), min_age=min_age, dry_run=dry_run)
    verb = "would requeue" if dry_run else "requeued"
    for public_id in result.requeued:
        click.echo(public_id)
    click.echo(
        f"reconcile: {result.checked} waiting, {result.live} with a live job, "
        f"{verb} {len(result.requeued)}, {len(result.errors)} errors",
        err=True,
    )
    if result.errors:
        raise SystemExit(1)
