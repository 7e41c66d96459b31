"""Sessions, log-in throttling, CSRF on every form, cookies, language."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from web_helpers import PASSWORD, login

pytestmark = pytest.mark.redis


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', html
    )
    assert m, "no CSRF token in the page"
    return m.group(1)


def test_login_logout_ends_the_session(client: Any, people: Any) -> None:
    resp = login(client, "a@employer-a.my")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/employer/claims")
    assert client.get("/employer/claims").status_code == 200
    assert client.post("/logout").status_code == 302
    after = client.get("/employer/claims")
    assert after.status_code == 302 and "/login" in after.headers["Location"]


def test_a_copied_cookie_is_dead_after_logout(app: Any, client: Any, people: Any) -> None:
    login(client, "a@employer-a.my")
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get("/employer/claims").status_code == 200
    client.post("/logout")
    after = thief.get("/employer/claims")
    assert after.status_code == 302 and "/login" in after.headers["Location"]


def test_wrong_password_and_inactive_user_are_refused(client: Any, people: Any, db: Any) -> None:
    assert login(client, "a@employer-a.my", "wrong password").status_code == 401
    from semak.models import User

    user = db.get(User, people.employer_b.id)
    user.active = False
    db.commit()
    assert login(client, "b@employer-b.my").status_code == 401


def test_login_is_throttled_after_five_failures(client: Any, people: Any) -> None:
    for _ in range(5):
        assert login(client, "a@employer-a.my", "nope").status_code == 401
    # even the right password is refused while throttled
    assert login(client, "a@employer-a.my").status_code == 429
    # another account from the same address is not affected
    assert login(client, "b@employer-b.my").status_code == 302


def test_next_only_goes_to_this_site(client: Any, people: Any) -> None:
    resp = client.post(
        "/login?next=https://evil.example/x",
        data={"email": "a@employer-a.my", "password": PASSWORD},
    )
    assert resp.headers["Location"].endswith("/employer/claims")


def test_session_cookie_flags(client: Any, people: Any) -> None:
    resp = login(client, "a@employer-a.my")
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    assert expires - datetime.now(UTC) <= timedelta(hours=8, minutes=1)  # a working day
    assert "Secure" not in cookie  # plain HTTP on loopback
    secure = client.post(
        "/login",
        data={"email": "b@employer-b.my", "password": PASSWORD},
        base_url="https://semak.example",
    )
    assert "Secure" in secure.headers["Set-Cookie"]


def test_session_is_renewed_at_login(client: Any, people: Any) -> None:
    client.get("/login")
    with client.session_transaction() as s:
        s["planted"] = "by an attacker"
    login(client, "a@employer-a.my")
    with client.session_transaction() as s:
        assert "planted" not in s


@pytest.fixture
def csrf_client(make_app: Any, people: Any) -> Any:
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def test_csrf_required_on_login(csrf_client: Any) -> None:
    no_token = csrf_client.post("/login", data={"email": "a@employer-a.my", "password": PASSWORD})
    assert no_token.status_code == 400
    token = _csrf(csrf_client.get("/login").get_data(as_text=True))
    ok = csrf_client.post(
        "/login", data={"email": "a@employer-a.my", "password": PASSWORD, "csrf_token": token}
    )
    assert ok.status_code == 302


def _logged_in(csrf_client: Any, email: str) -> str:
    token = _csrf(csrf_client.get("/login").get_data(as_text=True))
    resp = csrf_client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert resp.status_code == 302
    return token


def test_csrf_required_on_every_post_form(csrf_client: Any, claim_a: Any) -> None:
    _logged_in(csrf_client, "a@employer-a.my")
    for path in (
        "/employer/claims/new",
        "/employer/check-file",
        f"/employer/claims/{claim_a.public_id}/documents",
        "/language",
        "/logout",
    ):
        resp = csrf_client.post(path, data={})
        assert resp.status_code == 400, path
    # still logged in: the forged logout did nothing
    assert csrf_client.get("/employer/claims").status_code == 200
    csrf_client.post(
        "/logout",
        data={"csrf_token": _csrf(csrf_client.get("/employer/claims").get_data(as_text=True))},
    )
    _logged_in(csrf_client, "officer@perkeso.gov.my")
    for path in (
        f"/officer/claims/{claim_a.public_id}/decision",
        f"/officer/claims/{claim_a.public_id}/corrections",
        f"/officer/claims/{claim_a.public_id}/received",
    ):
        assert csrf_client.post(path, data={"decision": "accept"}).status_code == 400, path


def test_language_switch(client: Any, people: Any) -> None:
    login(client, "a@employer-a.my")
    client.post("/language", data={"lang": "ms", "next": "/employer/claims"})
    page = client.get("/employer/claims").get_data(as_text=True)
    assert 'lang="ms"' in page and "Tuntutan saya" in page
    client.post("/language", data={"lang": "en"})
    assert "My claims" in client.get("/employer/claims").get_data(as_text=True)
