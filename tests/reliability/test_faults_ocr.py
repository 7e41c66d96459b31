"""Tesseract crashing (SIGSEGV) or hanging on a page: the page is marked unreadable after its
timeout, the other pages are still read by the real Tesseract, and the claim is still reported.

The crash and the hang come from a stand-in for the child-process engine's child
(``intake.ocr.CHILD_COMMAND``: a shell script that kills itself, sleeps or runs the real one).
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import (
    child_prelude,
    finished,
    make_fake_child,
    mc_png,
    upload,
    wait_until,
)

pytestmark = pytest.mark.tesseract


@pytest.fixture
def fake_child(tmp_path: Path) -> Path:
    return make_fake_child(tmp_path / "bin")


@pytest.fixture
def child_engine(fake_child: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The child-process engine, its child the stand-in."""
    from intake import ocr

    monkeypatch.setattr(ocr, "CHILD_COMMAND", (str(fake_child),))
    return ocr.ChildEngine()


def _read(path: Path, name: str, engine: Any, timeout: float) -> Any:
    from intake.options import ReadOptions
    from intake.pipeline import FileResult
    from intake.reading import read_pages
    from intake.understanding import understand

    opts = ReadOptions(engine="child", page_timeout=timeout, orientation=False)
    pages = read_pages(path, name, opts, engine)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return FileResult(name, sha, pages=pages, documents=understand(pages))


@pytest.mark.parametrize("mode", ["hang", "crash"])
def test_a_crashing_or_hanging_page_is_unreadable_and_the_claim_reported(
    mode: str, child_engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service_scans import claim_data

    from verifier.claim import Claim
    from verifier.engine import verify

    bad, good = tmp_path / "bad.png", tmp_path / "good.png"
    bad.write_bytes(mc_png(40))
    good.write_bytes(mc_png(41))

    monkeypatch.setenv("FAKE_OCR_MODE", mode)
    broken = _read(bad, "bad.png", child_engine, timeout=2.0)
    monkeypatch.delenv("FAKE_OCR_MODE")
    healthy = _read(good, "good.png", child_engine, timeout=60.0)

    page = broken.pages[0]
    assert not page.readable
    # the 600 s hang was cut by the page's own 2 s limit, the crash reported as one
    assert page.error == {"hang": "ocr_timeout", "crash": "ocr_failed"}[mode]
    assert healthy.pages[0].readable

    report = verify(Claim.from_dict(claim_data()), [broken, healthy], today=date(2026, 10, 20))
    out = report.to_dict()
    # Borang 34 was never sent: the claim is incomplete (spec section 6, MISSING_DOCUMENT
    # first), whatever the unreadable page was; the unreadable page is a finding of its own
    assert out["verdict"] == "incomplete"
    missing = {r["doc_type"] for r in out["requirements"] if r["status"] == "missing"}
    assert "form_34" in missing
    assert any(f["code"] == "UNREADABLE_DOCUMENT" for f in out["findings"])
    files = {d["file"] for d in out["documents"]}
    assert "good.png" in files
    good_doc = next(d for d in out["documents"] if d["file"] == "good.png")
    assert good_doc["doc_type"] == "medical_certificate"
    _no_orphans()


def test_a_crashing_tesseract_is_reported_as_a_failure_not_a_timeout(
    child_engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(mc_png(43))
    monkeypatch.setenv("FAKE_OCR_MODE", "crash")
    page = _read(bad, "bad.png", child_engine, timeout=30.0).pages[0]
    assert not page.readable
    assert page.error == "ocr_failed"


def _no_orphans() -> None:
    """The hung 'tesseract' (sleep 600) was killed, not left behind."""
    me = os.getpid()
    for p in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            cmd = p.read_bytes().split(b"\0")
            ppid = int((p.parent / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        assert not (cmd[:2] == [b"sleep", b"600"] and ppid == me), "hung OCR process left"


@pytest.mark.redis
def test_worker_marks_a_hanging_page_unreadable_after_the_configured_timeout(
    rel_client: Any, make_user: Any, workers: Any, fake_child: Path
) -> None:
    _, token = make_user()
    worker = workers.start(
        {"OCR_ENGINE": "child", "OCR_PAGE_TIMEOUT": "3", "FAKE_OCR_MODE": "hang"},
        prelude=child_prelude(fake_child),
    )
    cid = upload(rel_client, token, [(mc_png(42), "mc.png")]).get_json()["id"]
    body = wait_until(rel_client, token, cid, finished, 90, worker.log)
    assert body["status"] == "done"
    codes = {f["code"] for f in body["report"]["findings"]}
    assert "UNREADABLE_DOCUMENT" in codes
