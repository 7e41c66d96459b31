"""The job and the queue seam, with its reading stage stubbed (``jobs.read_files``): progress,
retries, failure, staleness; the rules run for real.

Runs jobs in this process with RQ's SimpleWorker (burst) on the run's real Redis database.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from rq import Queue, SimpleWorker
from rq.job import Job
from service_scans import claim_data, medical_certificate_png
from sqlalchemy import select

import semak.jobs as jobs
from semak import claims, services
from semak.claims import UploadFile
from semak.models import Claim, User

pytestmark = pytest.mark.postgres


@pytest.fixture
def svc(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    service = app.extensions["semak"]
    monkeypatch.setattr(services, "_process", (os.getpid(), service))  # the work horse's
    return service


def _submit(svc: Any, user_id: int) -> Claim:
    with svc.db.Session() as s:
        user = s.get(User, user_id)
        files = [UploadFile("mc.png", io.BytesIO(medical_certificate_png()))]
        claim = claims.create_claim(user, claim_data(), files, session=s, svc=svc)
        return claim


def _work(svc: Any) -> None:
    queues = [Queue(q, connection=svc.redis) for q in ("interactive", "archive")]
    SimpleWorker(queues, connection=svc.redis).work(burst=True)


def _claim(svc: Any, public_id: str) -> Claim:
    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None
        s.expunge(claim)
        return claim


def test_job_persists_report_progress_and_document_status(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Path, str]] = []

    def fake_read(files: list[tuple[Path, str]], progress: Any, options: Any) -> list[Any]:
        seen.extend(files)
        progress("reading mc.png", 0, 1)
        progress("read", 1, 1)
        return _read_mc(files, progress, options)

    monkeypatch.setattr(jobs, "read_files", fake_read)
    user, _ = make_user()
    claim = _submit(svc, user.id)
    _work(svc)

    done = _claim(svc, claim.public_id)
    assert done.status == "done" and done.verdict == "incomplete" and done.attempts == 1
    assert done.progress["stage"] == "done"
    with svc.db.Session() as s:
        row = s.get(Claim, claim.id)
        assert row is not None
        report = row.reports[-1].data
        assert report["verdict"] == "incomplete" and row.verdict == "incomplete"
        assert [d["file"] for d in report["documents"]] == ["mc.png"]
        assert report["files"] == [{"file": "mc.png", "pages": 1, "error_code": None}]
        assert [(d.status, d.pages) for d in row.documents] == [("read", 1)]
        # the reading is stored whole: the viewer's words, the re-verification's documents
        (stored,) = row.documents
        assert stored.result["pages"][0]["words"][0]["text"] == "SIJIL"
        assert stored.result["documents"][0]["fields"]["mc_days"]["value"] == 5
        # the job read the stored, content-addressed file under its uploaded name
        [(path, name)] = seen
        assert name == "mc.png" and path == svc.storage.path(row.documents[0].storage_key)
        assert path.read_bytes() == medical_certificate_png()
    job = Job.fetch(f"verify-{claim.public_id}-1", connection=svc.redis)
    assert job.meta["progress"] == {"stage": "read", "done": 1, "total": 1}


def test_failure_after_retries_leaves_the_claim_failed(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def broken(*args: Any, **kw: Any) -> Any:
        calls.append(1)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs, "read_files", broken)
    user, _ = make_user()
    claim = _submit(svc, user.id)
    _work(svc)

    failed = _claim(svc, claim.public_id)
    assert len(calls) == 1 + svc.settings.job_retries
    assert failed.status == "failed"
    assert failed.status_reason == "RuntimeError"  # no message text: it may carry personal data
    assert failed.attempts == 1 + svc.settings.job_retries


def test_semak_error_fails_at_once_with_its_code(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intake.errors import OcrFailed

    calls = []

    def ocr_broken(*args: Any, **kw: Any) -> Any:
        calls.append(1)
        raise OcrFailed("Tesseract crashed on page 1")

    monkeypatch.setattr(jobs, "read_files", ocr_broken)
    user, _ = make_user()
    claim = _submit(svc, user.id)
    _work(svc)
    failed = _claim(svc, claim.public_id)
    assert calls == [1]
    assert failed.status == "failed"
    assert failed.status_reason == "ocr_failed: Tesseract crashed on page 1"


def test_enqueue_is_idempotent_and_old_revisions_do_not_report(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak.queue import enqueue_verification

    monkeypatch.setattr(jobs, "read_files", _read_mc)
    user, _ = make_user()
    claim = _submit(svc, user.id)
    enqueue_verification(svc.redis, svc.settings, claim)  # the same revision again: no-op
    assert svc.redis.llen("rq:queue:interactive") == 1

    with svc.db.Session() as s:  # files added meanwhile: revision 2 queued
        row = s.get(Claim, claim.id)
        assert row is not None
        claims.rerun(row, session=s, svc=svc)
    assert svc.redis.llen("rq:queue:interactive") == 2
    _work(svc)
    with svc.db.Session() as s:
        row = s.get(Claim, claim.id)
        assert row is not None
        assert row.revision == 2 and row.status == "done"
        assert len(row.reports) == 1  # revision 1's job stood down
    job1 = Job.fetch(f"verify-{claim.public_id}-1", connection=svc.redis)
    assert job1.return_value() == "superseded"


def test_claim_for_user_keeps_employers_to_their_organisation(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, _ = make_user("a@one.my", employer_code="ONE")
    other, _ = make_user("b@two.my", employer_code="TWO")
    officer, _ = make_user("o@perkeso.gov.my", role="officer")
    claim = _submit(svc, user.id)
    with svc.db.Session() as s:
        get = lambda uid: claims.claim_for_user(  # noqa: E731
            s.get(User, uid), claim.public_id, session=s
        )
        assert get(user.id) is not None
        assert get(other.id) is None
        assert get(officer.id) is not None
        assert claims.claim_for_user(s.get(User, user.id), "../etc", session=s) is None
        assert [c.public_id for c in claims.claims_for_user(s.get(User, other.id), session=s)] == []


def test_redis_down_keeps_the_claim(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redis import Redis

    monkeypatch.setattr(svc, "redis", Redis.from_url("redis://127.0.0.1:1/0"))
    user, _ = make_user()
    claim = _submit(svc, user.id)
    kept = _claim(svc, claim.public_id)
    assert kept.status == "queued" and kept.status_reason == "waiting for the queue"
    assert json.dumps(kept.data)  # stored as submitted


def test_requeue_command_revives_claims_without_a_live_job(
    svc: Any, make_user: Any, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redis import Redis

    user, _ = make_user()
    real_redis = svc.redis
    monkeypatch.setattr(svc, "redis", Redis.from_url("redis://127.0.0.1:1/0"))
    lost = _submit(svc, user.id)  # stored while Redis was down
    monkeypatch.setattr(svc, "redis", real_redis)
    queued = _submit(svc, user.id)  # has its job
    assert real_redis.llen("rq:queue:interactive") == 1

    result = app.test_cli_runner().invoke(args=["requeue"])
    assert result.exit_code == 0, result.output
    assert "1 claims" in result.output
    ids = real_redis.lrange("rq:queue:interactive", 0, -1)
    assert ids == [
        f"verify-{queued.public_id}-1".encode(),
        f"verify-{lost.public_id}-2".encode(),
    ]


def test_dead_work_horse_fails_the_claim_when_no_retry_is_left(
    svc: Any, make_user: Any, service_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("DATABASE_URL", "REDIS_URL", "STORAGE_DIR", "SEMAK_INSTANCE_DIR"):
        monkeypatch.setenv(key, service_env[key])
    user, _ = make_user()
    claim = _submit(svc, user.id)
    job = Job.fetch(f"verify-{claim.public_id}-1", connection=svc.redis)
    job.retries_left = 1
    jobs.on_horse_killed(job, 123, 9, None)
    assert _claim(svc, claim.public_id).status == "queued"  # RQ retries it
    job.retries_left = 0
    jobs.on_horse_killed(job, 123, 9, None)
    dead = _claim(svc, claim.public_id)
    assert dead.status == "failed" and dead.status_reason == "the worker process died"


def _read_mc(files: Any, progress: Any, options: Any = None) -> list[Any]:
    """What intake would read from mc.png: one page, a medical certificate of 5 days."""
    from intake.models import DocType, Document, Field, Page, Word
    from intake.pipeline import FileResult

    page = Page("mc.png", 1, "SIJIL", [Word("SIJIL", (10, 10, 90, 30), 0.9)], 800, 600)
    doc = Document("mc.png", [1], DocType.MEDICAL_CERTIFICATE, 0.9, {"mc_days": Field(5, 1)})
    return [FileResult("mc.png", "ab" * 32, pages=[page], documents=[doc])]


def test_job_applies_officers_rows_never_corrections_in_claim_data(
    svc: Any, make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak.models import Correction

    monkeypatch.setattr(jobs, "read_files", _read_mc)
    user, _ = make_user()
    officer, _ = make_user("officer@perkeso.gov.my", "officer")
    claim = _submit(svc, user.id)
    forged = [
        {"file": "mc.png", "pages": [1], "field": "doc_type", "value": "police_report"},
        {"file": "mc.png", "pages": [1], "field": "mc_days", "value": "9"},
    ]
    with svc.db.Session() as s:
        row = s.get(Claim, claim.id)
        assert row is not None
        # a database from before: claim.data may hold a submitter's "corrections"
        row.data = {**row.data, "corrections": forged}
        for value in ("3", "2"):  # the officer corrected twice: the latest wins
            s.add(Correction(claim_id=row.id, document_file="mc.png", document_pages=[1],
                             doc_type="medical_certificate", field="mc_days", old_value="5",
                             new_value=value, user_id=officer.id))  # fmt: skip
            s.flush()
        s.commit()
    _work(svc)

    done = _claim(svc, claim.public_id)
    assert done.status == "done", done.status_reason
    with svc.db.Session() as s:
        report = s.get(Claim, claim.id).reports[-1].data  # type: ignore[union-attr]
    (doc,) = report["documents"]
    assert doc["doc_type"] == "medical_certificate"  # the forged retype is not applied
    assert doc["fields"]["mc_days"] == 2  # the officer's latest, not the forged 9 nor 5 read
    assert report["corrections"] == [
        {"file": "mc.png", "pages": [1], "field": "mc_days", "value": "2"}
    ]
