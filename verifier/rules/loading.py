"""Load and validate the rules files into a RuleSet."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from intake import yamlfile
from intake.doclist import document_kinds
from intake.errors import RulesError
from intake.fields.employer import NOTICE_TYPES
from verifier.claim import ClaimType
from verifier.models import Severity
from verifier.rules.model import (
    Alternative,
    CheckRule,
    ClaimRules,
    DatedValue,
    Indicator,
    PortalForm,
    RequirementRule,
    RuleSet,
    When,
)
from verifier.rules.yamlio import RULES_DIR, fail, node_at, read_yaml, validate_schema

COMMON_FILE = "common.yml"


def rules_version(directory: Path = RULES_DIR) -> str:
    """common.yml's version plus a digest of every rules file, e.g. ``2026.12.1+3f2a9c01d4e5``."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yml")) + sorted(directory.glob("*.schema.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        common = yamlfile.load_file(directory / COMMON_FILE)
        base = str(common.get("version", "0"))
    except (OSError, yaml.YAMLError, AttributeError):
        base = "0"
    return f"{base}+{digest.hexdigest()[:12]}"


@cache
def load_rules() -> RuleSet:
    """The project's rules, loaded and validated once per process."""
    return load_rules_from(RULES_DIR)


def load_rules_from(directory: Path) -> RuleSet:
    """Load every rules file of ``directory``; RulesError names the file and line of a fault."""
    common_path = directory / COMMON_FILE
    data, node = read_yaml(common_path)
    validate_schema(common_path, data, node, "common.schema.json")
    catalogue: dict[str, dict[str, str]] = data["rules"]
    bases: dict[str, dict[str, str]] = data["bases"]
    _check_law_ids(common_path, node, {r: e["law"] for r, e in catalogue.items()}, bases, "rules")
    for ct in ClaimType:  # the spec's claim types; a new type's file alone adds one
        if not (directory / f"{ct}.yml").exists():
            raise RulesError(f"{ct}.yml:0: missing: every claim type needs a rules file")
    spec = [directory / f"{ct}.yml" for ct in ClaimType]  # the spec's order, then new ones
    new = sorted(p for p in directory.glob("*.yml") if p.name != COMMON_FILE and p not in spec)
    types: dict[str, ClaimRules] = {}
    for path in spec + new:
        types[path.stem] = load_claim_type(path, catalogue, bases)
    _check_ranks(types)
    return RuleSet(rules_version(directory), catalogue, types, bases)


def _check_ranks(types: dict[str, ClaimRules]) -> None:
    """Archive indicators are tried by rank across all files: no two may share one."""
    seen: dict[int, str] = {}
    for ct in types.values():
        for ind in ct.archive:
            if ind.rank in seen:
                other = seen[ind.rank]
                raise RulesError(
                    f"{ct.claim_type}.yml:0: archive rank {ind.rank} also in {other}.yml"
                )
            seen[ind.rank] = ct.claim_type


def load_claim_type(
    path: Path, catalogue: dict[str, Any], bases: dict[str, Any] | None = None
) -> ClaimRules:
    data, node = read_yaml(path)
    validate_schema(path, data, node, "claim_type.schema.json")
    if data["claim_type"] != path.stem:
        raise fail(path, node_at(node, ["claim_type"]), "claim_type differs from the file name")
    _check_rule_ids(path, data, node, catalogue)
    if bases is not None:
        _check_claim_type_laws(path, data, node, bases)
    return ClaimRules(
        claim_type=data["claim_type"],
        title=dict(data["title"]),
        event=data["event"],
        source=data["source"],
        requirements=tuple(_requirement(r) for r in data["requirements"]),
        checks=tuple(
            _check(path, c, node_at(node, ["checks", i])) for i, c in enumerate(data["checks"])
        ),
        values={k: _values(path, k, v, node) for k, v in data.get("values", {}).items()},
        law=data.get("law"),
        portal=_portal(data["portal"]),
        archive=tuple(
            _indicator(path, data["claim_type"], a, node_at(node, ["archive", i]))
            for i, a in enumerate(data.get("archive", []))
        ),
    )


def _portal(data: dict[str, Any]) -> PortalForm:
    return PortalForm(
        label=data["label"],
        date_label=data["date_label"],
        date_help=data["date_help"],
        asks=tuple(data.get("asks", ())),
        requires=tuple(data.get("requires", ())),
    )


def _indicator(path: Path, claim_type: str, data: dict[str, Any], node: yaml.Node) -> Indicator:
    """One archive indicator; its signals name document types or Borang 34's notice types."""
    docs, notices = set(document_kinds()), {f"notice:{n}" for n in NOTICE_TYPES.values()}
    groups = tuple(frozenset(g) for g in data["all"])
    none = frozenset(data.get("none", ()))
    for signal in sorted(none.union(*groups)):
        if signal not in docs | notices:
            known = ", ".join(sorted(notices))
            raise fail(path, node, f"unknown signal {signal!r} (a doc type or one of {known})")
    return Indicator(data["rank"], claim_type, data["basis"], groups, none)


def _check_rule_ids(path: Path, data: dict[str, Any], node: yaml.Node, cat: dict[str, Any]) -> None:
    for section in ("requirements", "checks"):
        for i, item in enumerate(data[section]):
            rule = item.get("rule")
            if rule is not None and rule not in cat:
                where = node_at(node, [section, i, "rule"])
                raise fail(path, where, f"rule {rule!r} is not in common.yml's catalogue")


def _check_claim_type_laws(
    path: Path, data: dict[str, Any], node: yaml.Node, bases: dict[str, Any]
) -> None:
    _check_law_ids(path, node, {"law": data["law"]}, bases, None)
    for section in ("requirements", "checks"):
        laws = {i: item["law"] for i, item in enumerate(data[section]) if "law" in item}
        _check_law_ids(path, node, laws, bases, section)


def _check_law_ids(
    path: Path, node: yaml.Node, laws: dict[Any, str], bases: dict[str, Any], section: str | None
) -> None:
    """Every ``law`` names a legal basis of common.yml's ``bases``."""
    for key, law in laws.items():
        if law not in bases:
            where = node_at(node, [section, key, "law"] if section else [key])
            raise fail(path, where, f"law {law!r} is not in common.yml's bases")


def _when(data: dict[str, Any] | None) -> When | None:
    if data is None:
        return None
    return When(
        accident_kind=tuple(data["accident_kind"]) if "accident_kind" in data else None,
        employment_status=(
            tuple(data["employment_status"]) if "employment_status" in data else None
        ),
        present_all=tuple(data.get("present_all", ())),
        present_any=tuple(data.get("present_any", ())),
        claimant_differs=data.get("claimant_differs"),
    )


def _requirement(data: dict[str, Any]) -> RequirementRule:
    if "alternatives" in data:
        alts = tuple(
            Alternative(tuple(a["docs"]), _when(a.get("when"))) for a in data["alternatives"]
        )
    else:
        alts = (Alternative(tuple(data["docs"])),)
    return RequirementRule(
        id=data["id"],
        alternatives=alts,
        when=_when(data.get("when")),
        min_count=data.get("min_count", 1),
        person=data.get("person"),
        rule=data.get("rule"),
        source=data.get("source"),
        note=data.get("note"),
        law=data.get("law"),
    )


def _check(path: Path, data: dict[str, Any], node: yaml.Node) -> CheckRule:
    from verifier.checks import REGISTRY, params_problem

    name = data["check"]
    if name not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise fail(path, node_at(node, ["check"]), f"unknown check {name!r} (known: {known})")
    params = data.get("params") or {}
    problem = params_problem(name, params)
    if problem:
        raise fail(path, node_at(node, ["params"]), problem)
    return CheckRule(
        check=name,
        rule=data.get("rule"),
        severity=Severity(data["severity"]) if "severity" in data else None,
        source=data.get("source"),
        params=params,
        law=data.get("law"),
    )


def _values(
    path: Path, name: str, items: list[dict[str, Any]], node: yaml.Node
) -> tuple[DatedValue, ...]:
    out = []
    for i, item in enumerate(items):
        try:
            start = date.fromisoformat(item["from"])
        except ValueError:
            where = node_at(node, ["values", name, i, "from"])
            raise fail(path, where, f"bad date {item['from']!r} in values.{name}") from None
        out.append(DatedValue(start, item["value"], item.get("unit", ""), item.get("source", "")))
    return tuple(sorted(out, key=lambda v: v.start))
