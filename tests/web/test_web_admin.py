"""Administrators manage users and employers; a deactivated user can no longer log in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from web_helpers import login

pytestmark = pytest.mark.redis


def test_admin_creates_and_deactivates_users(
    app: Any, people: Any, as_user: Callable[[str], Any], db: Any
) -> None:
    from semak.models import Organisation, User

    admin = as_user("admin@perkeso.gov.my")
    resp = admin.post(
        "/admin/users",
        data={
            "email": "new.clerk@kilang.my",
            "role": "employer",
            "employer_code": "KX0099",
            "employer_name": "Kilang X Sdn. Bhd.",
            "password": "a long enough password",
        },
    )
    assert resp.status_code == 302
    user = db.query(User).filter_by(email="new.clerk@kilang.my").one()
    assert user.organisation.employer_code == "KX0099"
    assert "Kilang X Sdn. Bhd." in admin.get("/admin/organisations").get_data(as_text=True)
    # an employer user without an employer code, or a short password, is refused
    bad = admin.post(
        "/admin/users", data={"email": "x@y.my", "role": "employer", "password": "short"}
    )
    assert bad.status_code == 400
    assert db.query(User).filter_by(email="x@y.my").count() == 0
    fresh = app.test_client()
    assert login(fresh, "new.clerk@kilang.my", "a long enough password").status_code == 302
    admin.post(f"/admin/users/{user.id}/active")
    db.expire_all()
    assert db.get(User, user.id).active is False
    # the session of a deactivated user ends too
    assert fresh.get("/employer/claims").status_code == 302
    assert (
        login(app.test_client(), "new.clerk@kilang.my", "a long enough password").status_code == 401
    )
    assert db.query(Organisation).count() == 3


def test_an_administrator_cannot_switch_themself_off_and_is_told_why(
    people: Any, as_user: Callable[[str], Any], db: Any
) -> None:
    from semak.models import AuditEvent, User

    me = db.query(User).filter_by(email="admin@perkeso.gov.my").one()
    admin = as_user("admin@perkeso.gov.my")
    resp = admin.post(f"/admin/users/{me.id}/active", follow_redirects=True)
    assert resp.status_code == 200
    assert "You cannot deactivate yourself." in resp.get_data(as_text=True)
    db.expire_all()
    assert db.get(User, me.id).active is True
    assert db.query(AuditEvent).filter(AuditEvent.action.like("user_%activated")).count() == 0
    assert admin.post("/admin/users/999999/active").status_code == 404
