"""Access: the authorisation matrix of every API route, token revocation, stored documents only
through an authorised route as attachments, and an audit record of who viewed which claim."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hostile import small_png
from service_scans import claim_data
from sqlalchemy import select

from semak.models import AuditEvent, Claim, User

PASSWORD = "correct horse battery"
ROUTES = {  # rule -> methods the matrix covers; a new API route fails test_matrix_covers_...
    "/api/v1/claims": {"GET", "POST"},
    "/api/v1/claims/<public_id>": {"GET"},
    "/api/v1/claims/<public_id>/files": {"POST"},
    "/api/v1/openapi.json": {"GET"},
}


@dataclass
class World:
    client: Any
    tokens: dict[str, str | None]
    claim_id: str
    app: Any


@pytest.fixture
def world(app: Any, make_user: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> World:
    from semak import claims
    from semak.auth import revoke_token

    monkeypatch.setattr(claims, "_enqueue", lambda *a, **k: None)
    tokens: dict[str, str | None] = {"anonymous": None, "garbage": "smk_" + "A" * 43}
    for who, role, code in [
        ("employer_a", "employer", "EA0001"),
        ("employer_b", "employer", "EB0002"),
        ("officer", "officer", None),
        ("admin", "admin", None),
        ("revoked", "employer", "EA0001"),
        ("inactive", "employer", "EA0001"),
    ]:
        password = PASSWORD if who in ("employer_a", "employer_b", "officer") else None
        _, tokens[who] = make_user(f"{who}@x.my", role, code, password=password)
    svc = app.extensions["semak"]
    with svc.db.session() as s:
        assert revoke_token(s, str(tokens["revoked"]))
        user = s.scalar(select(User).where(User.email == "inactive@x.my"))
        assert user is not None
        user.active = False
    client = app.test_client()
    resp = _call(client, "POST", "/api/v1/claims", tokens["employer_a"], _upload())
    assert resp.status_code == 202
    return World(client, tokens, resp.get_json()["id"], app)


def _upload() -> dict[str, Any]:
    return {"claim": json.dumps(claim_data()), "files": [(io.BytesIO(small_png()), "mc.png")]}


def _call(client: Any, method: str, path: str, token: str | None, data: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.open(path, method=method, headers=headers, data=data)


# who -> expected status per (method, route); {id} is employer A's claim
DENIED = 401
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/api/v1/claims"): {"a": 200, "b": 200, "officer": 200, "admin": 200},
    ("POST", "/api/v1/claims"): {"a": 202, "b": 202, "officer": 202, "admin": 403},
    ("GET", "/api/v1/claims/{id}"): {"a": 200, "b": 404, "officer": 200, "admin": 404},
    ("POST", "/api/v1/claims/{id}/files"): {"a": 202, "b": 404, "officer": 202, "admin": 404},
    ("GET", "/api/v1/openapi.json"): {"a": 200, "b": 200, "officer": 200, "admin": 200},
}
WHO = {"employer_a": "a", "employer_b": "b", "officer": "officer", "admin": "admin"}
CASES = [
    (m, p, who)
    for (m, p) in MATRIX
    for who in ("anonymous", "garbage", "revoked", "inactive", *WHO)
]


def test_matrix_covers_every_api_route(app: Any) -> None:
    found: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            found.setdefault(rule.rule, set()).update((rule.methods or set()) - {"HEAD", "OPTIONS"})
    assert found == ROUTES


def test_api_authorisation_matrix(world: World) -> None:
    """Every (route, caller) pair answers as the matrix says; all pairs run, then all misfits
    are reported at once."""
    wrong = []
    for method, path, who in CASES:
        token = world.tokens[who]
        url = path.replace("{id}", world.claim_id)
        data = _upload() if method == "POST" and url.endswith("/claims") else None
        if url.endswith("/files"):
            data = {"files": [(io.BytesIO(small_png("more")), "more.png")]}
        resp = _call(world.client, method, url, token, data)
        if path.endswith("openapi.json"):
            expected = 200  # public: the contract, no data
        elif who in WHO:
            expected = MATRIX[(method, path)][WHO[who]]
        else:
            expected = DENIED
        if resp.status_code != expected:
            wrong.append(f"{method} {path} as {who}: {resp.status_code}, expected {expected}")
        elif resp.status_code >= 400 and not resp.get_json()["error"]["code"]:
            wrong.append(f"{method} {path} as {who}: no JSON error code")
        listed = world.claim_id in resp.get_data(as_text=True)
        if (
            who in ("employer_b", "admin")
            and path == "/api/v1/claims"
            and method == "GET"
            and listed
        ):
            wrong.append(f"{who} lists employer A's claim")
    assert wrong == []
    assert len(CASES) == 40


def test_claim_ids_are_not_guessable_or_enumerable(world: World) -> None:
    """A claim's id is a random UUID (122 random bits), not its row number: the owner itself,
    who may see the claim, gets 404 for the row number or a neighbour of the id."""
    import uuid
    from itertools import pairwise

    from semak.models import Claim

    ids = [world.claim_id]
    for _ in range(2):  # two more claims, to see that ids do not follow one another
        resp = _call(world.client, "POST", "/api/v1/claims", world.tokens["employer_a"], _upload())
        assert resp.status_code == 202
        ids.append(resp.get_json()["id"])
    parsed = [uuid.UUID(i) for i in ids]
    assert all(str(u) == i and u.version == 4 for u, i in zip(parsed, ids, strict=True))
    assert len({u.int for u in parsed}) == 3
    assert all(abs(a.int - b.int) > 2**64 for a, b in pairwise(parsed))  # no sequence
    with world.app.extensions["semak"].db.Session() as s:
        row = s.scalar(select(Claim.id).where(Claim.public_id == world.claim_id))
    owner = world.tokens["employer_a"]
    last = parsed[-1].int
    neighbours = [str(uuid.UUID(int=(last + d) % 2**128)) for d in (1, -1)]
    for probe in (str(row), str(row + 1), "0", "../1", world.claim_id.upper(), *neighbours):
        resp = _call(world.client, "GET", f"/api/v1/claims/{probe}", owner)
        assert resp.status_code == 404, probe
    assert _call(world.client, "GET", f"/api/v1/claims/{ids[-1]}", owner).status_code == 200


def test_a_revoked_token_stops_working_at_once(world: World) -> None:
    from semak.auth import revoke_token

    token = str(world.tokens["employer_a"])
    assert _call(world.client, "GET", "/api/v1/claims", token).status_code == 200
    with world.app.extensions["semak"].db.session() as s:
        assert revoke_token(s, token)
    assert _call(world.client, "GET", "/api/v1/claims", token).status_code == 401
    assert _call(world.client, "GET", f"/api/v1/claims/{world.claim_id}", token).status_code == 401


def test_revoke_token_cli(world: World) -> None:
    token = str(world.tokens["employer_b"])
    runner = world.app.test_cli_runner()
    result = runner.invoke(args=["user", "revoke-token", "--token-stdin"], input=token + "\n")
    assert result.exit_code == 0, result.output
    assert _call(world.client, "GET", "/api/v1/claims", token).status_code == 401


def _login(client: Any, email: str) -> None:
    resp = client.post("/login", data={"email": email, "password": PASSWORD})
    assert resp.status_code == 302, resp.status_code


def _doc_url(world: World) -> str:
    with world.app.extensions["semak"].db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == world.claim_id))
        assert claim is not None
        return f"/claims/{world.claim_id}/documents/{claim.documents[0].id}"


def test_stored_documents_only_through_the_authorised_route_as_attachments(
    world: World, settings: Any
) -> None:
    url = _doc_url(world)
    anon = world.app.test_client()
    assert anon.get(url).status_code in (302, 401)
    other = world.app.test_client()
    _login(other, "employer_b@x.my")
    assert other.get(url).status_code in (403, 404)
    owner = world.app.test_client()
    _login(owner, "employer_a@x.my")
    resp = owner.get(url)
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"].startswith("attachment")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.data == small_png()
    # the storage folder is not reachable through static files or path tricks
    key = _doc_key(world)
    for probe in (f"/static/{key}", f"/static/../{settings.storage_dir}/{key}", f"/{key}"):
        assert owner.get(probe).status_code == 404


def _doc_key(world: World) -> str:
    with world.app.extensions["semak"].db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == world.claim_id))
        assert claim is not None
        return claim.documents[0].storage_key


def _viewed(world: World, email: str) -> list[AuditEvent]:
    with world.app.extensions["semak"].db.Session() as s:
        user = s.scalar(select(User).where(User.email == email))
        assert user is not None
        rows = s.scalars(
            select(AuditEvent).where(AuditEvent.user_id == user.id, AuditEvent.action == "viewed")
        ).all()
        return list(rows)


def test_portal_views_of_a_claim_are_audited(world: World) -> None:
    owner = world.app.test_client()
    _login(owner, "employer_a@x.my")
    assert owner.get(f"/employer/claims/{world.claim_id}").status_code == 200
    officer = world.app.test_client()
    _login(officer, "officer@x.my")
    assert officer.get(f"/officer/claims/{world.claim_id}").status_code == 200
    for email in ("employer_a@x.my", "officer@x.my"):
        events = _viewed(world, email)
        assert len(events) == 1 and events[0].claim_id is not None


def test_api_views_of_a_claim_are_audited(world: World) -> None:
    token = world.tokens["officer"]
    assert _call(world.client, "GET", f"/api/v1/claims/{world.claim_id}", token).status_code == 200
    assert len(_viewed(world, "officer@x.my")) == 1


def _decide(world: World, decision: str) -> None:
    with world.app.extensions["semak"].db.session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == world.claim_id))
        assert claim is not None
        claim.decision = decision


def _more_files() -> dict[str, Any]:
    return {"files": [(io.BytesIO(small_png("later")), "later.png")]}


def test_admin_token_lists_and_opens_no_claim(world: World) -> None:
    """Administrators manage users and employers: the API shows them no claim, as the portal."""
    token = world.tokens["admin"]
    listed = _call(world.client, "GET", "/api/v1/claims", token)
    assert listed.status_code == 200
    assert listed.get_json()["claims"] == []
    officer = _call(world.client, "GET", "/api/v1/claims", world.tokens["officer"])
    assert [c["id"] for c in officer.get_json()["claims"]] == [world.claim_id]
    one = _call(world.client, "GET", f"/api/v1/claims/{world.claim_id}", token)
    assert one.status_code == 404


def test_admin_token_files_no_claim_even_for_a_named_employer(world: World) -> None:
    """An administrator could never see a claim it filed: it files none (403), stores nothing."""
    data = claim_data()
    assert data.get("employer_code")  # acting for an employer does not open the door
    with world.app.extensions["semak"].db.Session() as s:
        before = len(list(s.scalars(select(Claim))))
    resp = _call(world.client, "POST", "/api/v1/claims", world.tokens["admin"], _upload())
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "admin_cannot_file"
    with world.app.extensions["semak"].db.Session() as s:
        assert len(list(s.scalars(select(Claim)))) == before


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_api_refuses_files_on_a_decided_claim(world: World, decision: str) -> None:
    _decide(world, decision)
    url = f"/api/v1/claims/{world.claim_id}/files"
    for who in ("employer_a", "officer"):
        resp = _call(world.client, "POST", url, world.tokens[who], _more_files())
        assert resp.status_code == 409, who
        error = resp.get_json()["error"]
        assert error["code"] == "claim_decided"
        assert "decided" in error["message"]
    with world.app.extensions["semak"].db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == world.claim_id))
        assert claim is not None and len(claim.documents) == 1  # nothing added


def test_api_takes_files_after_a_request_for_documents(world: World) -> None:
    _decide(world, "request_documents")
    url = f"/api/v1/claims/{world.claim_id}/files"
    resp = _call(world.client, "POST", url, world.tokens["employer_a"], _more_files())
    assert resp.status_code == 202


def test_sql_condition_and_predicate_agree_for_every_user(world: World) -> None:
    """semak.access: the list query and the per-claim check are one rule, for each role."""
    from semak import access

    resp = _call(world.client, "POST", "/api/v1/claims", world.tokens["employer_b"], _upload())
    assert resp.status_code == 202
    with world.app.extensions["semak"].db.Session() as s:
        everything = list(s.scalars(select(Claim)))
        assert len(everything) == 2
        seen = {}
        for user in s.scalars(select(User)):
            listed = {c.id for c in s.scalars(access.claims_visible_to(user))}
            assert listed == {c.id for c in everything if access.may_see(user, c)}, user.email
            seen[user.email] = len(listed)
    assert seen["officer@x.my"] == 2 and seen["admin@x.my"] == 0
    assert seen["employer_a@x.my"] == seen["employer_b@x.my"] == 1
    assert seen["inactive@x.my"] == 0


def test_portal_and_api_apply_the_one_claim_policy_for_every_user(world: World) -> None:
    """The portal's claim check (semak.web.portal.claim_or_404) and the API's answer are
    semak.access.may_see, for every role, an inactive user and another employer's user."""
    from werkzeug.exceptions import NotFound

    from semak import access
    from semak.web import portal

    url = f"/api/v1/claims/{world.claim_id}"
    with world.app.extensions["semak"].db.Session() as s:
        claim = s.scalar(select(Claim).where(Claim.public_id == world.claim_id))
        users = {u.email.split("@")[0]: u for u in s.scalars(select(User))}
        seen = {}
        for who, user in users.items():
            with world.app.test_request_context():
                try:
                    portal_sees = portal.claim_or_404(user, world.claim_id) is not None
                except NotFound:
                    portal_sees = False
            assert claim is not None and portal_sees == access.may_see(user, claim), who
            if who not in ("revoked", "inactive"):  # their tokens no longer open the API
                api = _call(world.client, "GET", url, world.tokens[who])
                assert (api.status_code == 200) == portal_sees, who
            seen[who] = portal_sees
    assert seen == {
        "employer_a": True,
        "employer_b": False,
        "officer": True,
        "admin": False,
        "revoked": True,  # the user is active; only the token was revoked
        "inactive": False,
    }
