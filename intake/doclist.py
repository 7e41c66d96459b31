"""The spec's document types as ``doctypes.yml`` lists them (``documents:``), with labels.

The one list of document types: ``intake.models.DocType``, the rules' schema, the report's
messages, the portal's labels and the archive's grouping are derived from it or checked
against it (tests/test_types_one_source.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from intake import yamlfile

DOCTYPES_PATH = Path(__file__).with_name("doctypes.yml")
SCHEMA_PATH = Path(__file__).with_name("doctypes.schema.json")


class DoctypesError(ValueError):
    """doctypes.yml does not match its schema or names an unknown document type."""


@dataclass(frozen=True)
class DocumentKind:
    id: str
    label_en: str
    label_ms: str
    claim_bearing: bool = False  # carries a claim on its own in an archive cabinet

    def label(self, lang: str = "en") -> str:
        return self.label_ms if lang == "ms" else self.label_en


def read_doctypes(path: Path = DOCTYPES_PATH) -> dict[str, Any]:
    """doctypes.yml's data, validated against doctypes.schema.json."""
    data = yamlfile.load_file(path)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        raise DoctypesError(f"{path.name}: {exc.message} at {list(exc.absolute_path)}") from exc
    known = set(data["documents"])
    for name, spec in data["types"].items():
        if spec["doc_type"] not in known:
            raise DoctypesError(f"{path.name}: {name}: unknown doc_type {spec['doc_type']}")
    return dict(data)


def kinds_from(data: dict[str, Any]) -> dict[str, DocumentKind]:
    return {
        key: DocumentKind(key, d["label"]["en"], d["label"]["ms"], d.get("claim_bearing", False))
        for key, d in data["documents"].items()
    }


@cache
def document_kinds() -> dict[str, DocumentKind]:
    """The document types in the spec's order, by id."""
    return kinds_from(read_doctypes())


def doc_label(doc_type: str, lang: str = "en") -> str:
    """The type's label in ``lang`` (en or ms); an unknown type is shown as its id."""
    kind = document_kinds().get(doc_type)
    return doc_type if kind is None else kind.label(lang)


def claim_bearing() -> frozenset[str]:
    return frozenset(k for k, d in document_kinds().items() if d.claim_bearing)
