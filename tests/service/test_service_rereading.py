"""The job on the real pipeline: an officer's correction survives a re-read after the employer
adds a file, and each stored file keeps its pages' sizes and OCR word boxes for the viewer.

Runs the job in this process (RQ SimpleWorker, burst) with real Tesseract on a small scan.
"""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from rq import Queue, SimpleWorker
from service_scans import INSURED_IC, claim_data, medical_certificate_png
from sqlalchemy import select

from intake.models import Page, Word
from intake.pipeline import FileResult
from semak import claims, services
from semak.claims import UploadFile
from semak.models import Claim, Correction, User
from semak.reports import MAX_WORDS_PER_PAGE, load_reading, store_reading

pytestmark = pytest.mark.postgres

CORRECTION = {"file": "mc.png", "pages": [1], "field": "mc_days", "value": "2"}
FORGED = {"file": "mc.png", "pages": [1], "field": "doc_type", "value": "police_report"}


@pytest.fixture
def svc(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    service = app.extensions["semak"]
    monkeypatch.setattr(services, "_process", (os.getpid(), service))  # the work horse's
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
        assert "rotation" in page and 0 < len(page["words"]) <= MAX_WORDS_PER_PAGE
        texts = {w["text"] for w in page["words"]}
        assert "KLINIK" in texts
        word = page["words"][0]
        assert {"text", "bbox", "confidence"} <= set(word) and len(word["bbox"]) == 4
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
        # the stored reading is what was read and corrected: the re-verification's input
        (mc_read,) = load_reading(claim)[0].documents  # type: ignore[index]
        assert mc_read.field_value("mc_days") == 2 and mc_read.corrected == ["mc_days"]

    digits = INSURED_IC.replace("-", "")
    for record in caplog.records:
        message = record.getMessage()
        assert INSURED_IC not in message and digits not in message


def _result(name: str, n_words: int) -> FileResult:
    words = [Word(f"w{i}", (i, 1.0, i + 1.25, 2.0), 0.9) for i in range(n_words)]
    words.append(Word("  ", (0.0, 0.0, 1.0, 1.0), 0.1))
    page = Page(file=name, number=1, text="", words=words, width=800, height=600, rotation=90)
    return FileResult(name, "ab" * 32, pages=[page])


def test_stored_reading_shape_cap_and_round_trip() -> None:
    import json

    from semak.models import Claim as ClaimRow
    from semak.models import StoredDocument

    claim = ClaimRow(documents=[StoredDocument(original_name=n, pages=None) for n in
                                ("a.png", "b.png", "bad.pdf", "gone.png")])  # fmt: skip
    bad = FileResult("bad.pdf", "", error_code="unreadable")
    store_reading(claim, [_result("a.png", 5), _result("b.png", MAX_WORDS_PER_PAGE + 5), bad])
    a, b, unread, gone = claim.documents
    (a_page,) = a.result["pages"]
    assert (a_page["number"], a_page["width"], a_page["height"], a_page["rotation"]) == (
        1, 800, 600, 90)  # fmt: skip
    assert [w["text"] for w in a_page["words"]] == [f"w{i}" for i in range(5)]  # blank dropped
    assert a_page["words"][1]["bbox"] == [1, 1.0, 2.2, 2.0]  # a tenth of a pixel
    assert len(b.result["pages"][0]["words"]) == MAX_WORDS_PER_PAGE
    assert (a.status, a.pages, unread.status, unread.error_code) == (
        "read",
        1,
        "error",
        "unreadable",
    )
    assert (gone.status, gone.error_code, gone.result) == ("error", "not_read", None)
    for doc in (a, unread):  # as the database gives it back
        doc.result = json.loads(json.dumps(doc.result))
    assert load_reading(claim) is None  # a file not read: read them again
    claim.documents = [a, unread]
    back = load_reading(claim)
    assert back is not None and [r.file for r in back] == ["a.png", "bad.pdf"]
    assert back[0].pages[0].words[4].text == "w4" and back[1].error_code == "unreadable"
