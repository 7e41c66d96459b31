"""The report says which Tesseract read the pages: the in-process engine on a normal run, the
``tesseract`` CLI on the retry after a dead work horse (``jobs.read_options``), one version.

The real job, read and verified in this process (RQ's SimpleWorker, burst) on the run's Redis."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from rq import Queue, SimpleWorker
from rq.job import Job
from service_scans import claim_data, medical_certificate_png

import semak.jobs as jobs
from semak import claims, services
from semak.claims import UploadFile
from semak.models import Claim, User
from verifier.render import render_html

pytestmark = [pytest.mark.postgres, pytest.mark.tesseract]


@pytest.fixture
def svc(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    service = app.extensions["semak"]
    monkeypatch.setattr(services, "_process", (os.getpid(), service))  # the work horse's
    return service


def _report(svc: Any, user_id: int, cache: Path, *, horse_died: bool) -> dict[str, Any]:
    """One claim of one page through the job, with a page cache of its own (a page another
    engine read before would be served from a shared one, with that engine's stamp)."""
    with svc.db.Session() as s:
        user = s.get(User, user_id)
        files = [UploadFile("mc.png", io.BytesIO(medical_certificate_png()))]
        claim = claims.create_claim(user, claim_data(), files, session=s, svc=svc)
    if horse_died:  # as jobs.on_horse_killed leaves the job for its retry
        jobs.note_horse_death(Job.fetch(f"verify-{claim.public_id}-1", connection=svc.redis))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(svc, "settings", svc.settings.with_overrides(cache_dir=cache))  # as set once
        queues = [Queue(q, connection=svc.redis) for q in ("interactive", "archive")]
        SimpleWorker(queues, connection=svc.redis).work(burst=True)
    with svc.db.Session() as s:
        row = s.get(Claim, claim.id)
        assert row is not None and row.status == "done"
        report: dict[str, Any] = row.reports[-1].data
        [doc] = row.documents
        assert [p["ocr_engine"] for p in doc.result["pages"]] == [report["engine"]["ocr"]]
        return report


def test_retry_after_a_dead_horse_names_the_child_and_a_normal_run_the_in_process_engine(
    svc: Any, make_user: Any, tmp_path: Path
) -> None:
    user, _ = make_user()
    normal = _report(svc, user.id, tmp_path / "a", horse_died=False)
    retried = _report(svc, user.id, tmp_path / "b", horse_died=True)

    version = normal["engine"]["ocr"].removesuffix(" (in-process)")
    assert version.startswith("tesseract 5.")
    assert normal["engine"]["ocr"] == f"{version} (in-process)"
    assert retried["engine"]["ocr"] == f"{version} (child process)"  # same Tesseract, outside
    for report in (normal, retried):
        assert report["documents"], "the page was read into a document"
        for doc in report["documents"]:
            assert doc["page_engines"] == [report["engine"]["ocr"]] * len(doc["pages"])
        footer = render_html(report).rsplit("<footer>", 1)[1]
        assert f"OCR {report['engine']['ocr']}" in " ".join(footer.split())
