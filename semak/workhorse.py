"""What every job run by an RQ work horse shares, claim or archive: the count of this job's
attempts whose work horse died, and the engine used after one. The process's services are
``semak.services.services()``.

Below ``semak.jobs`` and ``semak.archive.jobs`` (both import it; it imports neither), so the
two job modules need not import each other.
"""

from __future__ import annotations

import logging
import os
from typing import Final

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq.job import Job

log = logging.getLogger("semak.jobs")
# after a dead work horse: the same Tesseract out of process, one child per page
ISOLATED_ENGINE: Final = "child"
WORKER_DIED = "the worker process died"  # a claim's reason (tests/service names it)
HORSE_DEATHS = "horse_deaths"  # job.meta key: attempts of this job whose work horse died


def died(ret_val: int | None) -> str:
    """The reason of a dead work horse, with the signal that killed it."""
    if ret_val and os.WIFSIGNALED(ret_val):
        return f"{WORKER_DIED} (signal {os.WTERMSIG(ret_val)})"
    return WORKER_DIED


def horse_deaths(job: Job | None) -> int:
    """Attempts of this job whose work horse died (0 outside a job)."""
    return int(job.meta.get(HORSE_DEATHS, 0) or 0) if job is not None else 0


def note_horse_death(job: Job) -> None:
    """Count the dead attempt on the job (RQ saves the job's meta with its retry)."""
    job.meta[HORSE_DEATHS] = horse_deaths(job) + 1
    try:
        job.save_meta()
    except (RedisConnectionError, RedisTimeoutError) as exc:
        log.warning("job %s: could not note its dead work horse: %s", job.id, type(exc).__name__)
