"""The OpenAPI 3.1 document of ``/api/v1`` (served at ``/api/v1/openapi.json``).

The document is data, ``openapi.yml`` beside this module. Its ``$ref`` to a file (the spec's
claim and report JSON Schemas, the copies under ``verifier/schemas/``) is replaced here by the
file's schema, so the served document stands alone and clients see the real shapes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from intake import yamlfile

DOCUMENT = Path(__file__).with_name("openapi.yml")
DROPPED = ("$schema", "$id")  # a schema file's own keywords, not a component's


@cache
def openapi_document() -> dict[str, Any]:
    data = yamlfile.load_file(DOCUMENT)
    if not isinstance(data, dict) or not str(data.get("openapi", "")).startswith("3.1"):
        raise ValueError(f"{DOCUMENT.name}: not an OpenAPI 3.1 document")
    document: dict[str, Any] = inline_files(data, DOCUMENT.parent)
    return document


def inline_files(node: Any, base: Path) -> Any:
    """``node`` with every ``{"$ref": "<file>"}`` (a path relative to ``base``) replaced by
    that JSON Schema file's keywords, less its ``$schema`` and ``$id``, plus the reference's
    own siblings (a ``description``). References within the document (``#/...``) stay."""
    if isinstance(node, list):
        return [inline_files(item, base) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if not isinstance(ref, str) or ref.startswith("#"):
        return {k: inline_files(v, base) for k, v in node.items()}
    rest = {k: inline_files(v, base) for k, v in node.items() if k != "$ref"}
    schema = json.loads((base / ref).read_text(encoding="utf-8"))
    return {**{k: v for k, v in schema.items() if k not in DROPPED}, **rest}
