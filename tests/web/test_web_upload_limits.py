"""One set of upload limits (semak.config.Settings): the form states them and hands them to its
script, the server refuses each file over them by name and reason, and a request over the
claim limit is answered in the reader's words, not as a dropped connection (issue #22, item 3).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from web_helpers import page_png

pytestmark = pytest.mark.redis

PNG = page_png()
FILE_LIMIT = len(PNG) + 1000  # one page fits, two do not
CLAIM_LIMIT = 2 * len(PNG) + 1000  # two pages fit, three do not
FORM = {
    "claim_type": "temporary_disablement",
    "insured_name": "SITI AMINAH BINTI ABU",
    "insured_ic": "900101-14-5678",
    "accident_date": "2026-10-02",
    "accident_kind": "workplace",
}


@pytest.fixture
def app(make_app: Callable[..., Any], settings: Any) -> Any:
    limits = {"max_upload_bytes": FILE_LIMIT, "max_claim_bytes": CLAIM_LIMIT, "max_files": 5}
    return make_app(SETTINGS=settings.with_overrides(**limits))


@pytest.fixture
def employer(people: Any, as_user: Callable[[str], Any]) -> Any:
    return as_user("a@employer-a.my")


def test_settings_derive_the_request_cap_from_the_claim_limit(app: Any) -> None:
    settings = app.extensions["semak"].settings
    assert app.config["MAX_CONTENT_LENGTH"] == settings.max_request_bytes
    assert CLAIM_LIMIT < app.config["MAX_CONTENT_LENGTH"] <= CLAIM_LIMIT + 1024 * 1024


def test_env_sets_the_claim_limit() -> None:
    from semak.config import Settings

    s = Settings.from_env({"MAX_CLAIM_BYTES": "1234", "MAX_UPLOAD_BYTES": "99"})
    assert (s.max_claim_bytes, s.max_upload_bytes) == (1234, 99)


def test_form_states_the_limits_and_hands_them_to_its_script(employer: Any) -> None:
    html = employer.get("/employer/claims/new").get_data(as_text=True)
    assert f'data-max-file-bytes="{FILE_LIMIT}"' in html
    assert f'data-max-claim-bytes="{CLAIM_LIMIT}"' in html
    assert 'data-max-files="5"' in html
    assert "up to 0.1 MB and 200 pages per file; at most 5 files and 0.1 MB in all" in html
    assert "20 MB" not in html
    assert ".heic" in html  # intake reads HEIC phone photos: the picker offers them


def test_form_states_the_limits_in_malay(employer: Any) -> None:
    employer.post("/language", data={"lang": "ms"})
    html = employer.get("/employer/claims/new").get_data(as_text=True)
    assert "sehingga 0.1 MB dan 200 halaman setiap fail" in html


def test_each_file_over_a_limit_is_refused_by_name_and_why(employer: Any, db: Any) -> None:
    big = page_png(size=(1600, 2200))
    assert len(big) > FILE_LIMIT
    files = [(io.BytesIO(PNG), f"p{i}.png") for i in (1, 2, 3)] + [(io.BytesIO(big), "big.png")]
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "files": files},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 201, resp.get_data(as_text=True)
    rejected = {r["name"]: r for r in resp.get_json()["rejected"]}
    assert rejected["p3.png"]["code"] == "claim_too_large"
    assert "the limit is 0.1 MB per claim" in rejected["p3.png"]["message"]
    assert rejected["big.png"]["code"] == "too_large"
    assert "the limit is 0.1 MB per file" in rejected["big.png"]["message"]


def test_adding_documents_counts_what_the_claim_already_holds(employer: Any, claim_a: Any) -> None:
    url = f"/employer/claims/{claim_a.public_id}/documents"
    files = [(io.BytesIO(PNG), "more1.png"), (io.BytesIO(PNG), "more2.png")]
    resp = employer.post(url, data={"files": files}, headers={"Accept": "application/json"})
    body = resp.get_json()
    assert [r["name"] for r in body["rejected"]] == ["more2.png"]
    assert body["rejected"][0]["code"] == "claim_too_large"


def test_a_request_over_the_cap_is_answered_in_the_readers_words(employer: Any, app: Any) -> None:
    cap = app.config["MAX_CONTENT_LENGTH"]
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "files": [(io.BytesIO(b"x" * (cap + 1)), "huge.pdf")]},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 413
    message = resp.get_json()["error"]["message"]
    assert "over the limit of 0.1 MB per claim" in message
    assert "connection" not in message and "bytes" not in message


def test_a_request_over_the_cap_without_script_returns_to_the_form_with_why(
    employer: Any, app: Any
) -> None:
    cap = app.config["MAX_CONTENT_LENGTH"]
    resp = employer.post(
        "/employer/claims/new",
        data={**FORM, "files": [(io.BytesIO(b"x" * (cap + 1)), "huge.pdf")]},
    )
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/employer/claims/new")
    page = employer.get("/employer/claims/new").get_data(as_text=True)
    assert "over the limit of 0.1 MB per claim in all" in page


def test_heic_photos_pass_the_instant_check() -> None:
    import pillow_heif
    from PIL import Image

    from semak.web.quality import check_upload

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.open(io.BytesIO(PNG)).convert("RGB").save(out, "HEIF", quality=90)
    result = check_upload(out.getvalue())
    assert (result.ok, result.media_type) == (True, "image/heic"), result.code
