"""Rate limits seen from the portal: page images are limited per account, and a person over a
limit gets a page in their language, with Retry-After (counted in the run's Redis)."""

from __future__ import annotations

from typing import Any

from web_helpers import login


def test_page_images_are_limited_per_account(
    make_app: Any, people: Any, claim_a: Any, clean_limits: None
) -> None:
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_PAGES="2/60")
    url = f"/claims/{claim_a.public_id}/documents/{claim_a.doc_id}/pages/1.png"
    employer = app.test_client()
    assert login(employer, "a@employer-a.my").status_code == 302
    assert [employer.get(url).status_code for _ in range(2)] == [200, 200]
    resp = employer.get(url)
    assert resp.status_code == 429
    assert 1 <= int(resp.headers["Retry-After"]) <= 61
    officer = app.test_client()
    assert login(officer, "officer@perkeso.gov.my").status_code == 302
    assert officer.get(url).status_code == 200  # another account has its own budget


def test_portal_refusal_is_a_page_in_malay(make_app: Any, people: Any, clean_limits: None) -> None:
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="1/60")
    client = app.test_client()
    client.post("/language", data={"lang": "ms"})
    assert login(client, "nobody@x.my", "wrong").status_code == 401
    resp = login(client, "nobody@x.my", "wrong")
    assert resp.status_code == 429
    assert "Retry-After" in resp.headers
    body = resp.get_data(as_text=True)
    assert "Terlalu banyak permintaan" in body and "Sila tunggu sebentar" in body
