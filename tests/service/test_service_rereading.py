"""The job on the real pipeline: an officer's correction survives a re-read after the employer
adds a file, and each stored file keeps its pages' sizes and OCR word boxes for the viewer.

Runs the job in this process (RQ SimpleWorker, burst) with real Tesseract on a small scan.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rq import Queue, SimpleWorker
from service_scans import INSURED_IC, claim_data, medical_certificate_png
from sqlalchemy import select

import semak.jobs as jobs
import semak.workhorse as workhorse
from intake.models import Page, Word
from intake.pipeline import FileResult
from semak import claims
from semak.claims import UploadFile
from semak.models import Claim, Correction, User

pytestmark = pytest.mark.postgres

CORRECTION = {"file": "mc.png", "pages": [1], "field": "mc_days", "value": "2"}
FORGED = {"file": "mc.png", "pages": [1], "field": "doc_type", "value": "police_report"}


@pytest.fixture
def svc(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    service = app.extensions["semak"]
    monkeypatch.setattr(workhorse, "_services", service)
    return service


def _work(svc: Any) -> None:
    queues = [Queue(q, connection=svc.redis) for q in ("interactive", "archive")]
    SimpleWorker(queues, connection=svc.redis).work(burst=True)


def _mc_fields(claim: Claim) -> dict[str, Any]:
    report = claim.reports[-1].data
    doc = next(d for d in report["documents"] if d["file"] == "mc.png")
    assert doc["pages"] == [1]
    return dict(doc["fields"])


@pytest.mark.tesseract
def test_correction_survives_a_reread_and_word_boxes_are_kept(
    svc: Any, make_user: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    user, _ = make_user()
    officer, _ = make_user("officer@perkeso.gov.my", "officer")
    with svc.db.Session() as s:
        owner = s.get(User, user.id)
        assert owner is not None
        files = [UploadFile("mc.png", io.BytesIO(medical_certificate_png()))]
        public_id = claims.create_claim(owner, claim_data(), files, session=s, svc=svc).public_id
    _work(svc)

    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None and claim.status == "done"
        assert _mc_fields(claim).get("mc_days") == 5  # what the scan says
        (stored,) = claim.documents
        (page,) = stored.result["pages"]
        assert page["number"] == 1 and page["width"] > 0 and page["height"] > 0
        assert "rotation" in page and 0 < len(page["words"]) <= jobs.MAX_WORDS_PER_PAGE
        texts = {w["text"] for w in page["words"]}
        assert "KLINIK" in texts
        word = page["words"][0]
        assert set(word) == {"text", "bbox"} and len(word["bbox"]) == 4
        x0, y0, x1, y1 = word["bbox"]
        assert 0 <= x0 < x1 <= page["width"] and 0 <= y0 < y1 <= page["height"]

        # the officer corrects the days (a Correction row, as semak.web.portal.correct adds)
        # while claim.data holds a submitter's forged retype (a database from before): ...
        s.add(Correction(claim_id=claim.id, document_file="mc.png", document_pages=[1],
                         doc_type="medical_certificate", field="mc_days", old_value="5",
                         new_value="2", user_id=officer.id))  # fmt: skip
        claim.data = {**claim.data, "corrections": [FORGED]}
        s.commit()
        # ... then the employer adds a file: everything is read again
        owner = s.get(User, user.id)
        extra = [UploadFile("mc-copy.png", io.BytesIO(medical_certificate_png()))]
        claims.add_documents(claim, extra, user=owner, session=s, svc=svc)
    _work(svc)

    with svc.db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == public_id))
        assert claim is not None and claim.status == "done" and len(claim.reports) == 2
        assert _mc_fields(claim).get("mc_days") == 2  # the correction, not the re-read 5
        assert claim.reports[-1].data["corrections"] == [CORRECTION]
        mc = next(d for d in claim.reports[-1].data["documents"] if d["file"] == "mc.png")
        assert mc["doc_type"] == "medical_certificate"  # the forged retype is not applied
        assert all(d.result and d.result["pages"][0]["words"] for d in claim.documents)

    digits = INSURED_IC.replace("-", "")
    for record in caplog.records:
        message = record.getMessage()
        assert INSURED_IC not in message and digits not in message


def _result(name: str, n_words: int) -> FileResult:
    words = [Word(f"w{i}", (i, 1.0, i + 1.25, 2.0), 0.9) for i in range(n_words)]
    words.append(Word("  ", (0.0, 0.0, 1.0, 1.0), 0.1))
    page = Page(file=name, number=1, text="", words=words, width=800, height=600, rotation=90)
    return FileResult(name, "ab" * 32, pages=[page])


def test_word_boxes_shape_and_cap() -> None:
    out = jobs.word_boxes([_result("a.png", 5), _result("b.png", 30)], cap=10)
    (a_page,) = out["a.png"]["pages"]
    assert a_page == {
        "number": 1,
        "width": 800,
        "height": 600,
        "rotation": 90,
        "ocr_engine": "",  # a Page built by hand names no engine
        "words": [{"text": f"w{i}", "bbox": [i, 1.0, round(i + 1.25, 1), 2.0]} for i in range(5)],
    }
    assert len(out["b.png"]["pages"][0]["words"]) == 10
    assert jobs.word_boxes([FileResult("bad.pdf", "", error_code="unreadable")]) == {
        "bad.pdf": {"pages": []}
    }


def test_verify_files_adjusts_between_reading_and_verifying(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import verifier.bundle as bundle

    read = [_result("a.png", 3)]
    seen: dict[str, Any] = {}
    monkeypatch.setattr(bundle, "process_bundle", lambda files, progress, options=None: read)

    def verify(claim: Any, results: list[FileResult], **kw: Any) -> Any:
        seen["verified"] = results

        class _Report:
            def to_dict(self) -> dict[str, Any]:
                return {"verdict": "incomplete"}

        return _Report()

    monkeypatch.setattr(bundle, "verify", verify)
    adjusted = [_result("b.png", 1)]

    def adjust(results: list[FileResult]) -> list[FileResult]:
        seen["adjusted"] = results
        return adjusted

    report = bundle.verify_files(
        claim_data(),
        [(Path("a.png"), "a.png")],
        adjust=adjust,
        on_results=lambda results: seen.setdefault("on_results", results),
    )
    assert report == {"verdict": "incomplete"}
    assert seen["adjusted"] is read
    assert seen["on_results"] is adjusted and seen["verified"] is adjusted
