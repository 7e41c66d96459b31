"""YAML with line numbers: read, locate a path's node, fail naming file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from intake import yamlfile
from intake.doclist import document_kinds
from intake.errors import RulesError

RULES_DIR = Path(__file__).parent


class _Loader(yamlfile.SafeLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that keeps dates as strings, so a bad date fails with its line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yamlfile.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema(name: str) -> Draft202012Validator:
    with (RULES_DIR / name).open(encoding="utf-8") as fh:
        schema = json.load(fh)
    doc_type = schema.get("$defs", {}).get("doc_type")
    if doc_type is not None:  # the document types are intake/doctypes.yml's, listed once
        doc_type["enum"] = list(document_kinds())
    return Draft202012Validator(schema)


def read_yaml(path: Path) -> tuple[Any, yaml.Node]:
    """The data and its node tree (for line numbers)."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yamlfile.compose(text, _Loader)
    except OSError as exc:
        raise RulesError(f"{path.name}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise RulesError(f"{path.name}:{line}: not valid YAML: {exc}") from exc
    if node is None:
        raise RulesError(f"{path.name}:1: empty rules file")
    loader = _Loader(text)
    try:
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, node


def node_at(node: yaml.Node, path: list[Any], *, key: bool = False) -> yaml.Node:
    """The deepest node along ``path``; with ``key`` the key node of the last step."""
    for i, step in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if pair is None:
                break
            node = pair[0] if key and i == len(path) - 1 else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
        else:
            break
    return node


def fail(path: Path, node: yaml.Node, message: str) -> RulesError:
    return RulesError(f"{path.name}:{node.start_mark.line + 1}: {message}")


def validate_schema(path: Path, data: Any, node: yaml.Node, schema: str) -> None:
    errors = list(_schema(schema).iter_errors(data))
    if not errors:
        return
    err = min(errors, key=lambda e: (len(e.absolute_path), str(e.absolute_path)))
    where = list(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        bad = node_at(node, [*where, extra[0]], key=True)
        raise fail(path, bad, f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})")
    label = "/".join(str(p) for p in where) or "top level"
    message = err.message if len(err.message) < 200 else err.message[:200] + "…"
    raise fail(path, node_at(node, where), f"{label}: {message}")
