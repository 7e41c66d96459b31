"""The authorisation matrix: every portal route against anonymous, employer A, employer B,
officer and administrator. Allowed means a 2xx (or a redirect that is not to the login page);
denied means: anonymous -> redirect to /login, a wrong role -> 403, another employer's claim ->
404 (no hint that it exists)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from web_helpers import login, page_png

ANON, A, B, OFFICER, ADMIN = "anon", "employer_a", "employer_b", "officer", "admin"
WHO = (ANON, A, B, OFFICER, ADMIN)
EMAILS = {
    A: "a@employer-a.my",
    B: "b@employer-b.my",
    OFFICER: "officer@perkeso.gov.my",
    ADMIN: "admin@perkeso.gov.my",
}

# (method, path template, who may, how the others are denied: 403 or 404 for a wrong party)
ROUTES: list[tuple[str, str, set[str], dict[str, int]]] = [
    ("GET", "/employer/claims", {A, B}, {}),
    ("GET", "/employer/claims/new", {A, B}, {}),
    ("POST", "/employer/check-file", {A, B}, {}),
    ("GET", "/employer/claims/{claim}", {A}, {B: 404}),
    ("POST", "/employer/claims/{claim}/documents", {A}, {B: 404}),
    ("GET", "/claims/{claim}/status.json", {A, OFFICER}, {B: 404}),
    ("GET", "/claims/{claim}/documents/{doc}", {A, OFFICER}, {B: 404}),
    ("GET", "/claims/{claim}/documents/{doc}/pages/1.png", {A, OFFICER}, {B: 404}),
    ("GET", "/officer/queue", {OFFICER}, {}),
    ("GET", "/officer/claims/{claim}", {OFFICER}, {}),
    ("POST", "/officer/claims/{claim}/corrections", {OFFICER}, {}),
    ("POST", "/officer/claims/{claim}/decision", {OFFICER}, {}),
    ("GET", "/officer/accuracy", {OFFICER}, {}),
    ("GET", "/officer/signals", {OFFICER}, {}),
    ("GET", "/officer/archive", {OFFICER}, {}),
    ("GET", "/admin/users", {ADMIN}, {}),
    ("POST", "/admin/users", {ADMIN}, {}),
    ("GET", "/admin/organisations", {ADMIN}, {}),
    ("POST", "/admin/users/{user_b}/active", {ADMIN}, {}),
]


def _body(path: str) -> dict[str, Any]:
    if path.endswith("/check-file"):
        return {"file": (io.BytesIO(page_png()), "p.png")}
    if path.endswith("/documents"):
        return {"files": (io.BytesIO(page_png()), "sketch.png")}
    if path.endswith("/corrections"):
        return {"document": "0", "field": "mc_days", "value": "6"}
    if path.endswith("/decision"):
        return {"decision": "request_documents", "message": "Please add the sketch map."}
    if path == "/admin/users":
        return {"email": "new@x.my", "role": "officer", "password": "0123456789ab"}
    return {}


@pytest.mark.redis
def test_every_route_against_every_role(
    app: Any, people: Any, claim_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the corrections route queues a re-run: keep the matrix about access, not the queue
    from semak.web import portal

    monkeypatch.setattr(portal, "rerun", lambda claim: None)
    clients: dict[str, Any] = {ANON: app.test_client()}
    for who, email in EMAILS.items():
        c = app.test_client()
        assert login(c, email).status_code == 302
        clients[who] = c
    failures = []
    for method, template, allowed, denial in ROUTES:
        path = template.format(
            claim=claim_a.public_id, doc=claim_a.doc_id, user_b=people.employer_b.id
        )
        for who in WHO:
            client = clients[who]
            kwargs: dict[str, Any] = {}
            if method == "POST":
                kwargs = {"data": _body(path), "content_type": "multipart/form-data"}
            resp = client.open(path, method=method, **kwargs)
            code, location = resp.status_code, resp.headers.get("Location", "")
            if who in allowed:
                ok = code < 300 or (300 <= code < 400 and "/login" not in location)
                expected = "allow"
            elif who == ANON:
                ok = code in (302, 401) and (code == 401 or "/login" in location)
                expected = "login"
            else:
                want = denial.get(who, 403)
                ok = code == want
                expected = str(want)
            if not ok:
                failures.append(f"{method} {template} as {who}: {code} (expected {expected})")
    assert not failures, "\n".join(failures)


@pytest.mark.redis
def test_other_employer_never_sees_a_claim_in_lists(
    as_user: Callable[[str], Any], claim_a: Any
) -> None:
    page_b = as_user(EMAILS[B]).get("/employer/claims").get_data(as_text=True)
    assert "C-A-1" not in page_b
    page_a = as_user(EMAILS[A]).get("/employer/claims").get_data(as_text=True)
    assert "C-A-1" in page_a


@pytest.mark.redis
def test_ic_masked_by_role(as_user: Callable[[str], Any], claim_a: Any) -> None:
    officer = as_user(EMAILS[OFFICER])
    queue = officer.get("/officer/queue").get_data(as_text=True)
    assert "870903-**-***1" in queue and "870903-10-6231" not in queue
    view = officer.get(f"/officer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert "870903-10-6231" in view
    employer = as_user(EMAILS[A]).get(f"/employer/claims/{claim_a.public_id}")
    assert "870903-10-6231" in employer.get_data(as_text=True)


@pytest.mark.redis
def test_documents_are_attachments_behind_the_check(
    as_user: Callable[[str], Any], claim_a: Any
) -> None:
    resp = as_user(EMAILS[A]).get(f"/claims/{claim_a.public_id}/documents/{claim_a.doc_id}")
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"].startswith("attachment")
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.data.startswith(b"\x89PNG")
    # no static path serves stored files
    assert as_user(EMAILS[A]).get("/static/../instance/storage").status_code == 404
