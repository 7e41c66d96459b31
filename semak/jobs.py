"""Queue to core: the RQ job that verifies one claim, and its failure callback.

The job loads the claim by id, calls ``verifier.bundle.verify_files`` on the stored files
under their uploaded names, and persists the report. The officers' corrections (the claim's
``Correction`` rows, never anything in claim.json) are applied to the fresh reading before the
rules run (so a re-read after new files keeps them), and each stored file keeps its pages'
sizes and OCR word boxes (``StoredDocument.result``) for the officer's viewer. Progress goes
to ``job.meta`` and to ``Claim.progress``. A ``SemakError`` fails the claim at once (it would
fail again); any other exception is retried by RQ, and the claim is marked ``failed`` when no
retry is left.

A work horse that died (Tesseract crashing inside it with SIGSEGV, out of memory) is noted on
its job (``job.meta["horse_deaths"]``) before RQ retries it; the retry reads with the same
Tesseract in a child process per page (``ISOLATED_ENGINE``), so a page that crashes
Tesseract again only becomes an unreadable page and the claim is still reported. Pages read
before the crash come from the page cache when ``SEMAK_CACHE_DIR`` is set.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rq import get_current_job
from rq.job import Job

from intake.errors import SemakError
from semak.config import Settings
from semak.models import Claim, ClaimStatus, Report, utcnow
from semak.queue import JOB_FUNC
from semak.services import Services
from semak.workhorse import (
    ISOLATED_ENGINE,
    WORKER_DIED,
    horse_deaths,
    note_horse_death,
    services,
)
from verifier.models import report_deadline

if TYPE_CHECKING:
    from intake.options import ReadOptions
    from intake.pipeline import FileResult

log = logging.getLogger(__name__)
MAX_WORDS_PER_PAGE = 2000  # the viewer draws no more; keeps StoredDocument.result small


def verify_claim(claim_id: int, revision: int) -> str:
    from semak.claims import claim_json
    from semak.corrections import corrector, for_claim, with_corrections
    from semak.parts import read_files
    from verifier.bundle import verify_files

    svc, job = services(), get_current_job()
    with svc.db.session() as s:
        claim = s.get(Claim, claim_id)
        if claim is None or claim.revision != revision:
            return "superseded"
        claim.status, claim.status_reason = ClaimStatus.PROCESSING, None
        claim.attempts += 1
        claim.progress = {"stage": "starting", "done": 0, "total": len(claim.documents)}
        for doc in claim.documents:
            doc.status, doc.error_code = "reading", None
        data = claim_json(claim.data)
        files = [(svc.storage.path(d.storage_key), d.original_name) for d in claim.documents]
        corrections = for_claim(s, claim.id)
    read: dict[str, dict[str, Any]] = {}
    try:
        report = verify_files(
            data,
            files,
            progress=ProgressWriter(svc, claim_id, revision, job),
            adjust=corrector(corrections) if corrections else None,
            on_results=lambda results: read.update(word_boxes(results)),
            read_options=read_options(job, claim_id),
            read=read_files,  # the pages shared among idle workers (semak.parts)
        )
    except SemakError as exc:
        log.warning("claim %s failed: %s", claim_id, exc.code)
        mark_failed(svc, claim_id, revision, f"{exc.code}: {exc.message}", final=True)
        return "failed"
    with_corrections(report, corrections)  # as the portal's re-verification lists them
    save_report(svc, claim_id, revision, report, read)
    return str(report.get("verdict"))


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


def save_report(
    svc: Services,
    claim_id: int,
    revision: int,
    report: dict[str, Any],
    read: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Persist the report; ``read`` (per uploaded name, from :func:`word_boxes`) becomes each
    stored file's ``result``."""
    with svc.db.session() as s:
        claim = s.get(Claim, claim_id)
        if claim is None or claim.revision != revision:
            return  # a newer revision was queued meanwhile; its job reports
        s.add(Report(claim_id=claim.id, data=report, verdict=report["verdict"]))
        claim.verdict = report["verdict"]
        claim.status, claim.status_reason = ClaimStatus.DONE, None
        n = len(claim.documents)
        claim.progress = {"stage": "done", "done": n, "total": n}
        claim.deadline = report_deadline(report) or claim.deadline
        per_file = files_of(report)
        for doc in claim.documents:
            seen = per_file.get(doc.original_name)
            error = seen["error_code"] if seen else "not_read"
            doc.status, doc.error_code = ("error", error) if error else ("read", None)
            doc.pages = (seen or {}).get("pages") or doc.pages
            if read and doc.original_name in read:
                doc.result = read[doc.original_name]
    log.info("claim %s r%s done: %s", claim_id, revision, report["verdict"])


def word_boxes(
    results: list[FileResult], cap: int = MAX_WORDS_PER_PAGE
) -> dict[str, dict[str, Any]]:
    """Per uploaded name, what the viewer draws: ``{"pages": [{"number", "width", "height",
    "rotation", "ocr_engine", "words": [{"text", "bbox"}]}]}``, at most ``cap`` words a page,
    boxes in the page's pixels. Words are personal data: stored with the claim, never logged."""
    out: dict[str, dict[str, Any]] = {}
    for result in results:
        pages = [
            {
                "number": page.number,
                "width": page.width,
                "height": page.height,
                "rotation": page.rotation,
                "ocr_engine": page.ocr_engine,
                "words": [
                    {"text": w.text, "bbox": [round(v, 1) for v in w.bbox]}
                    for w in page.words
                    if w.text.strip()
                ][:cap],
            }
            for page in result.pages
        ]
        out[result.file] = {"pages": pages}
    return out


def files_of(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per uploaded file: its page count and error code (the report's ``files``), else the
    pages its documents cover."""
    out: dict[str, dict[str, Any]] = {}
    for doc in report.get("documents", []):
        entry = out.setdefault(doc["file"], {"pages": 0, "error_code": None})
        entry["pages"] = max([entry["pages"], *doc.get("pages", [])])
    for f in report.get("files", []) or []:
        if isinstance(f, dict) and "file" in f:
            out[f["file"]] = {"pages": f.get("pages"), "error_code": f.get("error_code")}
    return out


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
