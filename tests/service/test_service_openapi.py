"""The OpenAPI document is data (semak/openapi.yml): valid OpenAPI 3.1, its claim and report
the spec's JSON Schemas (the copies under verifier/schemas/, $ref'd and inlined when served),
every reference in it resolving, and the served /api/v1/openapi.json the same document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012
from schemathesis.specs.openapi.definitions import OPENAPI_31

from semak.openapi import DOCUMENT, inline_files, openapi_document
from verifier.claim import SCHEMA_DIR, load_schema

DOC_URI = "urn:semak:openapi"


def _spec_schema(name: str) -> dict[str, Any]:
    return {k: v for k, v in load_schema(name).items() if k not in ("$schema", "$id")}


def _nodes(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [d for item in node for d in _nodes(item)]
    if isinstance(node, dict):
        return [node, *(d for value in node.values() for d in _nodes(value))]
    return []


def test_the_document_is_valid_openapi_3_1() -> None:
    # OpenAPI 3.1's own schema (the one schemathesis validates documents with)
    doc = openapi_document()
    errors = [e.message for e in Draft202012Validator(OPENAPI_31).iter_errors(doc)]
    assert errors == []
    for schema in doc["components"]["schemas"].values():  # each a JSON Schema 2020-12
        Draft202012Validator.check_schema(schema)


def test_every_reference_resolves_within_the_served_document() -> None:
    doc = openapi_document()
    refs = {d["$ref"] for d in _nodes(doc) if isinstance(d.get("$ref"), str)}
    assert refs and all(ref.startswith("#/") for ref in refs), refs  # no file left to fetch
    resolver = Registry().with_resource(DOC_URI, DRAFT202012.create_resource(doc)).resolver(DOC_URI)
    unresolved = []
    for ref in sorted(refs):
        try:
            resolver.lookup(ref)
        except Unresolvable:
            unresolved.append(ref)
    assert unresolved == []


def test_claim_and_report_are_the_spec_schemas() -> None:
    doc = openapi_document()
    schemas = doc["components"]["schemas"]
    assert schemas["ClaimJson"] == _spec_schema("claim.schema.json")
    assert schemas["Report"] == _spec_schema("report.schema.json")
    upload = doc["paths"]["/api/v1/claims"]["post"]["requestBody"]["content"]
    claim_part = upload["multipart/form-data"]["schema"]["properties"]["claim"]
    assert claim_part["$ref"] == "#/components/schemas/ClaimJson"
    assert schemas["Claim"]["properties"]["report"]["$ref"] == "#/components/schemas/Report"


def test_the_data_file_refs_the_repository_copies_of_the_spec() -> None:
    """Not ../shared/spec: the service must not need anything outside the repository."""
    raw = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    files = {d["$ref"] for d in _nodes(raw) if not str(d.get("$ref", "#")).startswith("#")}
    assert {(DOCUMENT.parent / f).resolve() for f in files} == {
        (SCHEMA_DIR / "claim.schema.json").resolve(),
        (SCHEMA_DIR / "report.schema.json").resolve(),
    }


def test_a_file_reference_is_inlined_with_its_siblings(tmp_path: Path) -> None:
    (tmp_path / "thing.json").write_text(
        json.dumps({"$schema": "x", "$id": "thing.json", "type": "integer", "minimum": 1})
    )
    node = {
        "a": {"$ref": "thing.json", "description": "a thing"},
        "b": [{"$ref": "#/components/schemas/B"}],
    }
    assert inline_files(node, tmp_path) == {
        "a": {"type": "integer", "minimum": 1, "description": "a thing"},
        "b": [{"$ref": "#/components/schemas/B"}],
    }


def test_the_served_document_is_the_data_file(client: Any) -> None:
    resp = client.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    assert resp.get_json() == json.loads(json.dumps(openapi_document()))
