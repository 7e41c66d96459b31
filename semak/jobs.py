"""Queue to core: the RQ job that verifies one claim, stage by stage, and its failure hooks.

    verify_claim(claim_id, revision)
      1. load_claim         the claim's data, its stored files (under their uploaded names)
                            and the officers' corrections (``Correction`` rows, never
                            anything in claim.json); None when a newer revision was queued
      2. read_files         intake reads every file (``intake.pipeline.process_bundle``), the
                            pages shared among idle workers (``semak.parts.read_files``)
      3. apply_corrections  the officers' values set on what was read (``semak.corrections``),
                            so a re-read after new files keeps them
      4. store_reading      each stored file's status, pages and reading (``semak.reports``):
                            the viewer's word boxes, the re-verification's documents
      5. verify_reading     the claim type's rules (``verifier.bundle``, ``verifier.engine``)
      6. save_report        the report, the claim's verdict and deadline (``semak.reports``);
                            the claim is done

Progress goes to ``job.meta`` and to ``Claim.progress``. A ``SemakError`` fails the claim at
once (it would fail again); any other exception is retried by RQ, and the claim is marked
``failed`` when no retry is left. The services are ``semak.services.services()``: this work
horse's own, built after the fork.

A work horse that died (Tesseract crashing inside it with SIGSEGV, out of memory) is noted on
its job (``job.meta["horse_deaths"]``) before RQ retries it; the retry reads with the same
Tesseract in a child process per page (``ISOLATED_ENGINE``), so a page that crashes
Tesseract again only becomes an unreadable page and the claim is still reported. Pages read
before the crash come from the page cache when ``SEMAK_CACHE_DIR`` is set.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rq import get_current_job
from rq.job import Job
from sqlalchemy.orm import Session

from intake.errors import SemakError
from intake.pipeline import FileResult, Progress
from semak import parts
from semak.config import Settings
from semak.corrections import OfficerCorrection, apply_corrections, for_claim
from semak.models import Claim, ClaimStatus, utcnow
from semak.queue import JOB_FUNC
from semak.reports import save_report, store_reading
from semak.services import Services, services
from semak.workhorse import ISOLATED_ENGINE, WORKER_DIED, horse_deaths, note_horse_death
from verifier.bundle import verify_reading
from verifier.models import Report

if TYPE_CHECKING:
    from intake.options import ReadOptions

log = logging.getLogger(__name__)
SUPERSEDED = "superseded"  # the job's result when a newer revision of its claim was queued


@dataclass(frozen=True)
class ClaimInput:
    """What the stages need of a claim, loaded once (no database row held while reading)."""

    claim_id: int
    revision: int
    data: dict[str, Any]  # claim.json
    files: list[tuple[Path, str]]  # (stored path, uploaded name), upload order
    corrections: list[OfficerCorrection]


def verify_claim(claim_id: int, revision: int) -> str:
    """The job: one claim's stages in order (the module's docstring); its verdict."""
    svc, job = services(), get_current_job()
    try:
        claim = load_claim(svc, claim_id, revision)
        if claim is None:
            return SUPERSEDED
        progress = ProgressWriter(svc, claim_id, revision, job)
        reading = read_files(claim.files, progress, read_options(job, claim_id))
    except SemakError as exc:
        log.warning("claim %s failed: %s", claim_id, exc.code)
        mark_failed(svc, claim_id, revision, f"{exc.code}: {exc.message}", final=True)
        return "failed"
    apply_corrections(reading, claim.corrections)
    if not store(svc, claim, reading):
        return SUPERSEDED
    report = verify_reading(claim.data, reading, today=date.today())
    if not save(svc, claim, report):
        return SUPERSEDED
    log.info("claim %s r%s done: %s", claim_id, revision, report.verdict)
    return str(report.verdict)


def load_claim(svc: Services, claim_id: int, revision: int) -> ClaimInput | None:
    """Stage 1: the claim marked processing, and what the other stages need of it; None when
    it is gone or a newer revision was queued meanwhile (that revision's job reports)."""
    from semak.claims import claim_json
    from verifier.claim import Claim as ClaimData

    with svc.db.session() as s:
        claim = s.get(Claim, claim_id)
        if claim is None or claim.revision != revision:
            return None
        claim.status, claim.status_reason = ClaimStatus.PROCESSING, None
        claim.attempts += 1
        claim.progress = {"stage": "starting", "done": 0, "total": len(claim.documents)}
        for doc in claim.documents:
            doc.status, doc.error_code = "reading", None
        data = claim_json(claim.data)
        files = [(svc.storage.path(d.storage_key), d.original_name) for d in claim.documents]
        corrections = for_claim(s, claim.id)
    ClaimData.from_dict(data)  # InvalidClaim: fail before reading any file
    return ClaimInput(claim_id, revision, data, files, corrections)


def read_files(
    files: list[tuple[Path, str]], progress: Progress, options: ReadOptions
) -> list[FileResult]:
    """Stage 2: intake reads every file (``intake.pipeline.process_bundle``: one bad file is a
    FileResult with an error), the pages shared among idle workers (``semak.parts``)."""
    return parts.read_files(files, progress, options)


def store(svc: Services, claim: ClaimInput, reading: list[FileResult]) -> bool:
    """Stage 4: the reading on the claim's stored files (``semak.reports.store_reading``);
    False (nothing written) when a newer revision was queued meanwhile."""
    with svc.db.session() as s:
        row = _at_revision(s, claim)
        if row is None:
            return False
        store_reading(row, reading)
    return True


def save(svc: Services, claim: ClaimInput, report: Report) -> bool:
    """Stage 6: the report saved (``semak.reports.save_report``, with the corrections it
    applied); the claim is done. False (nothing written) when a newer revision was queued."""
    with svc.db.session() as s:
        row = _at_revision(s, claim)
        if row is None:
            return False
        save_report(s, row, report, claim.corrections)
        row.status, row.status_reason = ClaimStatus.DONE, None
        n = len(row.documents)
        row.progress = {"stage": "done", "done": n, "total": n}
    return True


def _at_revision(s: Session, claim: ClaimInput) -> Claim | None:
    row = s.get(Claim, claim.claim_id)
    return row if row is not None and row.revision == claim.revision else None


def read_options(job: Job | None, claim_id: int) -> ReadOptions:
    """The settings' options (``Settings.read_options``); with Tesseract out of process when
    an earlier attempt of this job died (a crash there would kill this attempt too)."""
    options = services().settings.read_options()
    if horse_deaths(job) > 0:
        log.warning(
            "claim %s: an earlier attempt's process died; reading with %s",
            claim_id,
            ISOLATED_ENGINE,
        )
        options = replace(options, engine=ISOLATED_ENGINE)
    return options


def mark_failed(svc: Services, claim_id: int, revision: int, reason: str, *, final: bool) -> None:
    """Record a failure: ``failed`` when final, otherwise back to ``queued`` for the retry."""
    with svc.db.session() as s:
        claim = s.get(Claim, claim_id)
        if claim is None or claim.revision != revision:
            return
        claim.status = ClaimStatus.FAILED if final else ClaimStatus.QUEUED
        claim.status_reason = reason[:500] if final else f"retrying after: {reason}"[:500]
        claim.progress = {**(claim.progress or {}), "stage": str(claim.status)}
        claim.updated_at = utcnow()


def on_failure(job: Job, connection: Any, exc_type: type, exc: BaseException, tb: Any) -> None:
    """RQ failure callback: runs on every failed attempt, before RQ decides to retry."""
    claim_id, revision = job.args[0], job.args[1]
    reason = exc.to_dict()["message"] if isinstance(exc, SemakError) else exc_type.__name__
    if exc_type.__name__ == "JobTimeoutException":
        reason = f"the verification took longer than {job.timeout} seconds"
    final = not job.should_retry
    log.warning("job %s failed (%s), final=%s", job.id, exc_type.__name__, final)
    mark_failed(services(), claim_id, revision, reason, final=final)


def on_horse_killed(job: Job, retpid: int, ret_val: int, rusage: Any) -> None:
    """Worker hook for a claim's job (``semak.worker.on_horse_killed`` sends the archive's
    elsewhere): the work horse died (Tesseract crashed, out of memory, killed); the claim must
    not be lost. RQ retries the job after this hook, without its failure callback, so the last
    attempt's failure is recorded here.

    Runs in the worker's main process, so it uses services of its own and closes them (an
    engine must not be inherited by the next forked work horse)."""
    note_horse_death(job)
    if job.func_name != JOB_FUNC:
        return
    try:
        claim_id, revision = int(job.args[0]), int(job.args[1])
    except (IndexError, TypeError, ValueError):
        return
    svc = Services(Settings.from_env())
    try:
        final = not job.should_retry
        mark_failed(svc, claim_id, revision, WORKER_DIED, final=final)
    finally:
        svc.close()


class ProgressWriter:
    """The core's progress callback: (message, done, total) to job.meta and Claim.progress."""

    def __init__(self, svc: Services, claim_id: int, revision: int, job: Job | None) -> None:
        self.svc, self.claim_id, self.revision, self.job = svc, claim_id, revision, job
        self._last = 0.0

    def __call__(self, message: str, done: int, total: int) -> None:
        progress = {"stage": message, "done": done, "total": total}
        if self.job is not None:
            self.job.meta["progress"] = progress
            self.job.save_meta()
        now = time.monotonic()
        if now - self._last < 0.5 and done < total:
            return
        self._last = now
        with self.svc.db.session() as s:
            claim = s.get(Claim, self.claim_id)
            if claim is not None and claim.revision == self.revision:
                claim.progress = progress
