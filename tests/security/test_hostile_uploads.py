"""Hostile and broken input through the API: each file gets a clear 4xx or is accepted and then
ends in a per-document error on a finished claim, never a 500, never a hung worker, never a
file outside the storage directory."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hostile import HOSTILE_NAMES, corpus, small_png, tiff_many_frames
from service_scans import claim_data
from sqlalchemy import select

from semak.models import Claim

CORPUS = corpus()
IDS = [c[0] for c in CORPUS]
BUGS: dict[str, str] = {}  # kind -> the bug (file: what) while one is open
# what may not get past the upload check, whatever else happens
MUST_REFUSE = {
    "zero_bytes",
    "truncated_pdf",
    "truncated_png",
    "truncated_jpeg",
    "encrypted_pdf",
    "ten_thousand_pages",
    "png_decompression_bomb",
    "exe_as_png",
    "html_as_pdf",
    "svg_as_png",
}


@pytest.fixture(autouse=True)
def _no_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored, never queued: a worker left running by another suite must not read these
    (tests/reliability/test_hostile_worker.py runs them through a worker of its own)."""
    from semak import claims

    monkeypatch.setattr(claims, "_enqueue", lambda *a, **k: None)


def _post(client: Any, token: str, files: list[tuple[bytes, str]], claim: Any = None) -> Any:
    body = json.dumps(claim_data()) if claim is None else claim
    data = {"claim": body, "files": [(io.BytesIO(b), n) for b, n in files]}
    return client.post("/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"})


def _storage_is_clean(root: Path) -> None:
    """Only content-addressed blobs (ab/abcdef...) and an empty tmp folder under the root."""
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        if p.is_dir():
            assert len(rel.parts) == 1 and (len(rel.name) == 2 or rel.name == "tmp"), rel
        else:
            assert len(rel.parts) == 2 and len(rel.name) == 64 and rel.parts[0] != "tmp", rel


def _assert_json_4xx(resp: Any) -> None:
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.get_data(as_text=True)[:300])
    err = resp.get_json()["error"]
    assert err["code"] and err["message"]


def _marked(kind: str, name: str, content: bytes) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=BUGS[kind])] if kind in BUGS else []
    return pytest.param(kind, name, content, id=kind, marks=marks)


@dataclass
class Work:
    """What the upload request decoded and walked (pixels per decode, TIFF headers read)."""

    decoded: list[int] = field(default_factory=list)
    tiff_headers: list[int] = field(default_factory=list)
    pdf_pages_opened: int = 0


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Work:
    """Counts the upload check's work, so that its bound is asserted, not its time."""
    import pypdfium2 as pdfium
    from PIL import ImageFile

    import intake.files as files

    seen = Work()
    real_load, real_walk = ImageFile.ImageFile.load, files.count_tiff_frames
    real_page = pdfium.PdfDocument.__getitem__

    def load(self: Any) -> Any:
        seen.decoded.append(self.size[0] * self.size[1])
        return real_load(self)

    def walk(fh: Any, limit: int) -> Any:
        got = real_walk(fh, limit)
        seen.tiff_headers.append(got.visited)
        return got

    def page(self: Any, i: int) -> Any:
        seen.pdf_pages_opened += 1
        return real_page(self, i)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    monkeypatch.setattr(files, "count_tiff_frames", walk)
    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", page)
    return seen


@pytest.mark.parametrize("kind,name,content", [_marked(*c) for c in CORPUS])
def test_hostile_file_gets_a_clear_answer(
    client: Any, make_user: Any, settings: Any, work: Work, kind: str, name: str, content: bytes
) -> None:
    from intake.options import ReadOptions

    _, token = make_user()
    resp = _post(client, token, [(content, name)])
    # the upload check stays cheap: bounded work, whatever the file claims to hold; the API
    # decodes no image at all (the worker reads it), the portal's photo check a bounded one
    assert work.decoded == [], work
    assert all(n <= ReadOptions.max_pages + 1 for n in work.tiff_headers), work
    assert work.pdf_pages_opened == 0, work  # a PDF's pages are counted, never opened
    assert resp.status_code != 500
    if kind in MUST_REFUSE:
        _assert_json_4xx(resp)
    else:
        assert resp.status_code == 202 or 400 <= resp.status_code < 500
    _storage_is_clean(Path(settings.storage_dir))


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_hostile_file_names_are_neutralised(
    client: Any, db: Any, make_user: Any, settings: Any, name: str
) -> None:
    _, token = make_user()
    resp = _post(client, token, [(small_png(), name)])
    if resp.status_code != 202:
        _assert_json_4xx(resp)
        return
    claim = db.scalar(select(Claim).where(Claim.public_id == resp.get_json()["id"]))
    stored = claim.documents[0].original_name
    assert "/" not in stored and "\\" not in stored and ".." not in stored.split(".")[0:1]
    assert not any(ord(c) < 32 or ord(c) == 127 for c in stored)
    assert len(stored) <= 255
    assert stored not in ("", ".", "..")
    _storage_is_clean(Path(settings.storage_dir))
    assert not (Path(settings.storage_dir).parent / "passwd.png").exists()


def test_oversized_claim_json_is_refused(client: Any, make_user: Any) -> None:
    _, token = make_user()
    huge = json.dumps({**claim_data(), "padding": "x" * 2_000_000})
    resp = _post(client, token, [(small_png(), "mc.png")], claim=huge)
    _assert_json_4xx(resp)
    assert resp.status_code == 413


def test_oversized_claim_sent_as_a_file_part_is_refused(
    client: Any, make_user: Any, settings: Any
) -> None:
    """The same 500 kB limit as the form field, whichever way the claim comes."""
    _, token = make_user()
    huge = json.dumps({**claim_data(), "padding": "x" * 600_000}).encode()
    data = {
        "claim": (io.BytesIO(huge), "claim.json"),
        "files": [(io.BytesIO(small_png()), "mc.png")],
    }
    resp = client.post("/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"})
    _assert_json_4xx(resp)
    assert resp.status_code == 413
    err = resp.get_json()["error"]
    assert err["code"] == "claim_too_large" and "500000 bytes" in err["message"]
    _storage_is_clean(Path(settings.storage_dir))


def test_claim_sent_as_a_file_part_under_the_limit_is_accepted(client: Any, make_user: Any) -> None:
    _, token = make_user()
    data = {
        "claim": (io.BytesIO(json.dumps(claim_data()).encode()), "claim.json"),
        "files": [(io.BytesIO(small_png()), "mc.png")],
    }
    resp = client.post("/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 202, resp.get_data(as_text=True)[:300]


def test_deeply_nested_claim_json_is_a_400(client: Any, make_user: Any) -> None:
    _, token = make_user()
    resp = _post(client, token, [(small_png(), "mc.png")], claim="[" * 100_000 + "]" * 100_000)
    _assert_json_4xx(resp)


@pytest.mark.parametrize(
    "claim",
    [
        "not json",
        "null",
        "[]",
        '"a string"',
        json.dumps({**claim_data(), "claim_type": "free_money"}),
        json.dumps({**claim_data(), "insured_ic": "x" * 10_000}),
        json.dumps({**claim_data(), "accident_date": "2026-02-30"}),
        json.dumps({**claim_data(), "claim_id": "x" * 100_000}),
    ],
    ids=range(8),
)
def test_bad_claim_json_is_a_400(client: Any, make_user: Any, claim: str) -> None:
    _, token = make_user()
    resp = _post(client, token, [(small_png(), "mc.png")], claim=claim)
    _assert_json_4xx(resp)


def test_claim_part_of_invalid_utf8_is_a_400(client: Any, make_user: Any) -> None:
    _, token = make_user()
    data = {
        "claim": (io.BytesIO(b'\xff\xfe{"claim_type": \xc3}'), "claim.json"),
        "files": [(io.BytesIO(small_png()), "mc.png")],
    }
    resp = client.post("/api/v1/claims", data=data, headers={"Authorization": f"Bearer {token}"})
    _assert_json_4xx(resp)


@pytest.mark.parametrize(
    "content_type,body",
    [
        ("application/json", json.dumps({"claim": claim_data()}).encode()),
        ("text/plain", b"hello"),
        ("application/x-www-form-urlencoded", b"claim=%7B%7D"),
        ("multipart/form-data", b"--no-boundary--"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
        ("application/xml", b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"),
    ],
    ids=["json", "text", "urlencoded", "no-boundary", "cut-multipart", "xml"],
)
def test_wrong_content_types_are_a_4xx(
    client: Any, make_user: Any, content_type: str, body: bytes
) -> None:
    _, token = make_user()
    resp = client.post(
        "/api/v1/claims",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
    )
    _assert_json_4xx(resp)
    assert b"root:" not in resp.data


def test_too_many_files_and_too_large_request_are_413(
    make_app: Any, make_user: Any, settings: Any
) -> None:
    app = make_app(SETTINGS=settings.with_overrides(max_upload_bytes=200_000, max_files=3))
    client = app.test_client()
    _, token = make_user()
    resp = _post(client, token, [(small_png(f"p{i}"), f"{i}.png") for i in range(4)])
    _assert_json_4xx(resp)
    assert resp.status_code == 413
    resp = _post(client, token, [(b"%PDF-1.7\n" + b"0" * 600_000 + b"\n%%EOF\n", "big.pdf")])
    assert resp.status_code == 413 and resp.get_json()["error"]["code"]
    _storage_is_clean(Path(settings.storage_dir))


def test_fifty_thousand_frame_tiff_is_a_413_naming_file_and_limit(
    client: Any, make_user: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted with a bounded walk: Pillow's n_frames (every frame, slower than linearly)
    is never asked in the request."""
    from PIL import TiffImagePlugin

    def no_full_walk(self: Any) -> int:
        raise AssertionError("Pillow's n_frames walks every frame")

    monkeypatch.setattr(TiffImagePlugin.TiffImageFile, "n_frames", property(no_full_walk))
    _, token = make_user()
    resp = _post(client, token, [(tiff_many_frames(50_000), "stack.tif")])
    _assert_json_4xx(resp)
    assert resp.status_code == 413
    err = resp.get_json()["error"]
    assert err["code"] == "too_many_pages"
    assert "'stack.tif'" in err["message"] and "limit is 200 pages" in err["message"]
    _storage_is_clean(Path(settings.storage_dir))


def test_tiff_whose_pages_loop_is_a_415(client: Any, make_user: Any, settings: Any) -> None:
    _, token = make_user()
    resp = _post(client, token, [(tiff_many_frames(5, loop_at=1), "loop.tif")])
    assert resp.status_code == 415
    assert resp.get_json()["error"]["code"] == "malformed_file"
    _storage_is_clean(Path(settings.storage_dir))
