"""The rules' typed form, built from the YAML files by verifier.rules.loading."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from intake.errors import RulesError
from verifier.models import Severity


@dataclass(frozen=True)
class When:
    accident_kind: tuple[str | None, ...] | None = None
    employment_status: tuple[str | None, ...] | None = None
    present_all: tuple[str, ...] = ()
    present_any: tuple[str, ...] = ()
    claimant_differs: bool | None = None


@dataclass(frozen=True)
class Alternative:
    docs: tuple[str, ...]
    when: When | None = None


@dataclass(frozen=True)
class RequirementRule:
    id: str
    alternatives: tuple[Alternative, ...]
    when: When | None = None
    min_count: int = 1
    person: str | None = None  # insured | other: whose documents count
    rule: str | None = None
    source: str | None = None
    note: dict[str, str] | None = None
    law: str | None = None  # id of its legal basis (common.yml bases)


@dataclass(frozen=True)
class CheckRule:
    check: str
    rule: str | None = None
    severity: Severity | None = None
    source: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    law: str | None = None  # id of its legal basis (common.yml bases)


@dataclass(frozen=True)
class DatedValue:
    start: date
    value: float
    unit: str = ""
    source: str = ""


@dataclass(frozen=True)
class PortalForm:
    """The employer's claim form for a claim type; strings are English msgids (Babel)."""

    label: str
    date_label: str  # what claim.json's accident_date is called for this type
    date_help: str
    asks: tuple[str, ...] = ()  # accident (time and kind), employment_status
    requires: tuple[str, ...] = ()  # of the asked fields: accident_kind


@dataclass(frozen=True)
class Indicator:
    """Documents that point a scanned archive claim to a claim type (lowest rank first)."""

    rank: int
    claim_type: str
    basis: str  # what points to it, shown to the officer
    all: tuple[frozenset[str], ...]  # each group needs one signal: a doc type or notice:<type>
    none: frozenset[str] = frozenset()  # signals that must all be absent

    def holds(self, signals: frozenset[str]) -> bool:
        return all(group & signals for group in self.all) and not (self.none & signals)


@dataclass(frozen=True)
class ClaimRules:
    claim_type: str
    title: dict[str, str]
    event: str  # what claim.accident_date means: accident, diagnosis, death, ...
    source: str
    requirements: tuple[RequirementRule, ...]
    checks: tuple[CheckRule, ...]
    values: dict[str, tuple[DatedValue, ...]] = field(default_factory=dict)
    law: str | None = None  # legal basis of a missing required document
    portal: PortalForm | None = None
    archive: tuple[Indicator, ...] = ()

    def check_rule(self, name: str) -> CheckRule | None:
        return next((c for c in self.checks if c.check == name), None)

    def value_on(self, name: str, day: date) -> DatedValue | None:
        """The value in force on ``day`` (the latest whose start is on or before it)."""
        valid = [v for v in self.values.get(name, ()) if v.start <= day]
        return max(valid, key=lambda v: v.start) if valid else None


@dataclass(frozen=True)
class RuleSet:
    version: str
    catalogue: dict[str, dict[str, str]]
    claim_types: dict[str, ClaimRules]
    bases: dict[str, dict[str, str]] = field(default_factory=dict)  # law id -> {en, ms}

    def for_claim(self, claim_type: str) -> ClaimRules:
        try:
            return self.claim_types[claim_type]
        except KeyError:
            raise RulesError(f"no rules for claim type {claim_type!r}") from None

    def indicators(self) -> tuple[Indicator, ...]:
        """Every claim type's archive indicators, by rank."""
        found = (i for ct in self.claim_types.values() for i in ct.archive)
        return tuple(sorted(found, key=lambda i: i.rank))
