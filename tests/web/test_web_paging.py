"""Lists come 50 rows a page: the 51st row is on page 2, next/previous links between pages,
and ``?page=`` is a whole number from 1 to 10,000 (#19)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

pytestmark = pytest.mark.redis

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _claims(db: Any, organisation_id: int, user_id: int, n: int) -> list[str]:
    """``n`` claims of one organisation, references R000 (oldest) to R<n-1> (newest)."""
    from semak.models import Claim

    refs = []
    for i in range(n):
        ref = f"R{i:03d}"
        db.add(
            Claim(
                public_id=str(uuid.uuid4()),
                reference=ref,
                organisation_id=organisation_id,
                created_by_id=user_id,
                claim_type="temporary_disablement",
                data={"insured_name": "X"},
                insured_ic="900101145678",
                status="done",
                progress={},
                created_at=T0 + timedelta(minutes=i),
            )
        )
        refs.append(ref)
    db.commit()
    return refs


def test_employer_claims_51st_is_on_page_2(
    people: Any, as_user: Callable[[str], Any], db: Any
) -> None:
    refs = _claims(db, people.employer_a.organisation_id, people.employer_a.id, 51)
    client = as_user("a@employer-a.my")
    first = client.get("/employer/claims").get_data(as_text=True)
    assert refs[50] in first and refs[1] in first and refs[0] not in first  # newest first
    assert 'rel="next" href="/employer/claims?page=2"' in first and 'rel="prev"' not in first
    second = client.get("/employer/claims?page=2").get_data(as_text=True)
    assert refs[0] in second and refs[1] not in second
    assert 'rel="prev" href="/employer/claims?page=1"' in second and 'rel="next"' not in second


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "1.5", "10001", "99999999999999999999", "١"])
def test_bad_page_numbers_are_a_400(people: Any, as_user: Callable[[str], Any], bad: str) -> None:
    client = as_user("a@employer-a.my")
    assert client.get("/employer/claims", query_string={"page": bad}).status_code == 400


def test_admin_users_and_organisations_51st_is_on_page_2(
    people: Any, as_user: Callable[[str], Any], db: Any
) -> None:
    from semak.models import Organisation, User

    for i in range(51):  # with the 4 people: 55 users, 53 organisations
        org = Organisation(name=f"Org {i:03d}", employer_code=f"PG{i:04d}")
        db.add(org)
        db.flush()
        db.add(User(email=f"u{i:03d}@paging.my", role="employer", organisation_id=org.id))
    db.commit()
    admin = as_user("admin@perkeso.gov.my")
    emails = sorted(e for (e,) in db.query(User.email))
    page1 = admin.get("/admin/users").get_data(as_text=True)
    page2 = admin.get("/admin/users?page=2").get_data(as_text=True)
    assert emails[49] in page1 and emails[50] not in page1
    assert emails[50] in page2 and emails[49] not in page2
    assert 'href="/admin/users?page=2"' in page1 and 'href="/admin/users?page=1"' in page2
    names = sorted(n for (n,) in db.query(Organisation.name))
    orgs1 = admin.get("/admin/organisations").get_data(as_text=True)
    orgs2 = admin.get("/admin/organisations?page=2").get_data(as_text=True)
    assert names[49] in orgs1 and names[50] not in orgs1
    assert names[50] in orgs2 and names[49] not in orgs2
    assert 'href="/admin/organisations?page=2"' in orgs1


def test_archive_batches_51st_is_on_page_2(
    people: Any, as_user: Callable[[str], Any], db: Any
) -> None:
    from semak.archive.models import ArchiveBatch

    for i in range(51):
        db.add(ArchiveBatch(name=f"cab-{i:03d}", root="/x", created_at=T0 + timedelta(hours=i)))
    db.commit()
    officer = as_user("officer@perkeso.gov.my")
    page1 = officer.get("/officer/archive").get_data(as_text=True)
    page2 = officer.get("/officer/archive?page=2").get_data(as_text=True)
    assert "cab-050" in page1 and "cab-001" in page1 and "cab-000" not in page1
    assert "cab-000" in page2 and "cab-001" not in page2
    assert 'href="/officer/archive?page=2"' in page1


def test_api_claims_51st_is_on_page_2_with_next_and_prev(app: Any, people: Any, db: Any) -> None:
    from semak.auth import issue_token
    from semak.models import User

    refs = _claims(db, people.employer_a.organisation_id, people.employer_a.id, 51)
    token = issue_token(db, db.get(User, people.employer_a.id))
    db.commit()
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    first = client.get("/api/v1/claims", headers=auth).get_json()
    assert [c["reference"] for c in first["claims"]] == refs[:0:-1]
    assert first["page"] == 1 and first["prev"] is None
    assert first["next"] == "http://localhost/api/v1/claims?page=2"
    second = client.get(first["next"], headers=auth).get_json()
    assert [c["reference"] for c in second["claims"]] == [refs[0]]
    assert second["next"] is None and second["prev"] == "http://localhost/api/v1/claims?page=1"
    bad = client.get("/api/v1/claims?page=0", headers=auth)
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_page"
