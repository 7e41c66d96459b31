"""Web to queue: one function (:func:`enqueue_claim`) queues a claim's verification by id,
never file bytes.

Queues, highest priority first: ``interactive`` (uploads a person waits for) and ``archive``
(bulk scans). The job id is ``verify-<public_id>-<revision>``: enqueuing the same revision
twice is a no-op, and a job of an older revision never overwrites a newer report.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from redis.exceptions import RedisError
from rq import Callback, Queue, Retry
from rq.exceptions import DuplicateJobError
from rq.job import Job

if TYPE_CHECKING:
    from redis import Redis
    from sqlalchemy.orm import Session

    from semak.config import Settings
    from semak.models import Claim

log = logging.getLogger(__name__)

INTERACTIVE = "interactive"
ARCHIVE = "archive"
QUEUES = (INTERACTIVE, ARCHIVE)  # the order workers listen in
JOB_FUNC = "semak.jobs.verify_claim"
FAILURE_CALLBACK = "semak.jobs.on_failure"
SUCCESS_CALLBACK = "semak.share.on_success"  # queues the organisation's next waiting claims
WAITING_FOR_QUEUE = "waiting for the queue"  # a claim's status reason while Redis is down


def job_id(claim: Claim) -> str:
    return f"verify-{claim.public_id}-{claim.revision}"


def enqueue_verification(
    redis: Redis, settings: Settings, claim: Claim, *, queue: str = INTERACTIVE
) -> str:
    """Queue the verification of a claim's current revision; returns the job id."""
    jid = job_id(claim)
    q = Queue(queue, connection=redis)
    try:
        q.enqueue_call(
            JOB_FUNC,
            args=(claim.id, claim.revision),
            job_id=jid,
            timeout=settings.job_timeout,
            result_ttl=3600,
            failure_ttl=7 * 24 * 3600,
            retry=Retry(max=settings.job_retries, interval=list(settings.job_retry_intervals))
            if settings.job_retries > 0
            else None,
            on_failure=Callback(FAILURE_CALLBACK),
            on_success=Callback(SUCCESS_CALLBACK) if queue == INTERACTIVE else None,
            description=f"verify claim {claim.public_id} r{claim.revision}",
            unique=True,
        )
    except DuplicateJobError:
        log.info("job %s is already queued", jid)
    return jid


def enqueue_claim(
    s: Session, redis: Redis, settings: Settings, claim: Claim, *, queue: str = INTERACTIVE
) -> bool:
    """The one way a claim goes on the queue (uploads, re-runs, a released turn): queued, or,
    when Redis does not answer, kept ``queued`` with the reason ``waiting for the queue`` (the
    reconciler queues it later); False then."""
    try:
        enqueue_verification(redis, settings, claim, queue=queue)
        return True
    except RedisError as exc:
        log.error("claim %s stored but not queued: %s", claim.public_id, type(exc).__name__)
        claim.status_reason = WAITING_FOR_QUEUE
        s.commit()
        return False


def fetch_job(redis: Redis, jid: str) -> Job | None:
    try:
        return Job.fetch(jid, connection=redis)
    except Exception:  # NoSuchJobError, or a job of a removed function
        return None
