"""A fuzz test of the API from its own OpenAPI document (schemathesis), with a fixed budget:
valid and invalid requests, with a valid token and without. Never a 5xx; every error is the
JSON error shape; every answer carries the security headers once ``init_security`` runs."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

BUDGET = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def fuzz_app(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    from semak import claims
    from semak.security import init_security

    monkeypatch.setattr(claims, "_enqueue", lambda *a, **k: None)  # stored, never read
    init_security(app)
    return app


@pytest.fixture
def token(fuzz_app: Any, make_user: Any) -> str:
    _, tok = make_user("fuzz@employer.my", "employer", "EF0001")
    return str(tok)


def _check(resp: Any, where: str) -> None:
    assert resp.status_code < 500, f"{where}: {resp.status_code} {resp.text[:300]}"
    if resp.status_code >= 400:
        body = resp.json()
        assert set(body) == {"error"}, where
        assert body["error"]["code"] and body["error"]["message"], where
    headers = {k.lower(): v for k, v in resp.headers.items()}
    assert headers.get("x-content-type-options") == ["nosniff"], where


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_never_fails_on_generated_requests(fuzz_app: Any, token: str, mode: Any) -> None:
    """Every operation of the document, ``BUDGET`` examples each. (schemathesis' own pytest
    loader, ``from_fixture``, breaks on pytest 9's Node, so the strategies are driven here.)"""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 4
    answers: dict[str, set[int]] = {}
    for op in operations:

        @BUDGET
        @given(case=op.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            where = f"{mode.value} {case.method} {case.formatted_path}"
            resp = case.call(headers={"Authorization": f"Bearer {token}"})
            answers.setdefault(case.operation.label, set()).add(resp.status_code)
            _check(resp, where + " (token)")
            _check(case.call(), where + " (no token)")

        run()
    if mode == GenerationMode.POSITIVE:
        # the document gives the claim part claim.json's schema, so valid claims are built
        # and get through: a claim typed as a bare string never did
        assert 202 in answers["POST /api/v1/claims"], answers


def test_the_document_names_every_api_route(fuzz_app: Any) -> None:
    doc = fuzz_app.test_client().get("/api/v1/openapi.json").get_json()
    paths = {re.sub(r"\{[^}]*\}", "{}", p) for p in doc["paths"]}
    rules = {
        re.sub(r"<[^>]*>", "{}", r.rule)
        for r in fuzz_app.url_map.iter_rules()
        if r.rule.startswith("/api/v1/")
    }
    assert rules <= paths, rules - paths


CLAIM = {
    "claim_type": "temporary_disablement",
    "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
    "insured_ic": "870903-10-6231",
    "accident_date": "2026-10-02",
    "accident_kind": "workplace",
}


def test_a_claim_part_with_an_unknown_key_is_400(fuzz_app: Any, token: str) -> None:
    """claim.json's keys are the schema's: any key a submitter adds (forged ``corrections``,
    ``purged_at``, anything generated) is refused as bad input, with the JSON error."""
    import json

    from hypothesis import strategies as st

    from verifier.claim import load_schema

    known = set(load_schema("claim.schema.json")["properties"])

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    op = schema["/api/v1/claims"]["POST"]
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)  # the claim is checked before any file
    keys = st.sampled_from(["corrections", "purged_at"]) | st.text(min_size=1, max_size=30)

    @BUDGET
    @given(key=keys.filter(lambda k: k not in known), value=st.from_type(int) | st.text())
    def run(key: str, value: Any) -> None:
        claim = json.dumps({**CLAIM, key: value})
        case = op.Case(body={"claim": claim, "files": [png]}, media_type="multipart/form-data")
        resp = case.call(headers={"Authorization": f"Bearer {token}"})
        _check(resp, f"unknown key {key!r}")
        assert resp.status_code == 400 and resp.json()["error"]["code"] == "invalid_claim"

    run()
