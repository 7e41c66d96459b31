"""claim.json as a typed value, validated against the spec's claim schema.

The schema lists every key claim.json may hold (``additionalProperties: false``): an unknown
key is bad input (InvalidClaim), so nothing a submitter adds reaches the verification.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from intake.errors import InvalidClaim

SCHEMA_DIR = Path(__file__).parent / "schemas"


class ClaimType(StrEnum):
    TEMPORARY_DISABLEMENT = "temporary_disablement"
    PERMANENT_DISABLEMENT = "permanent_disablement"
    OCCUPATIONAL_DISEASE = "occupational_disease"
    DEPENDANTS_BENEFIT = "dependants_benefit"
    FUNERAL_BENEFIT = "funeral_benefit"
    INVALIDITY_PENSION = "invalidity_pension"
    SURVIVORS_PENSION = "survivors_pension"
    JOB_LOSS = "job_loss"


class AccidentKind(StrEnum):
    WORKPLACE = "workplace"
    COMMUTING = "commuting"
    EMERGENCY = "emergency"


class EmploymentStatus(StrEnum):
    EMPLOYED = "employed"
    LEFT = "left"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One of the spec's schemas, from the copies under verifier/schemas/."""
    with (SCHEMA_DIR / name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@dataclass(frozen=True)
class Claim:
    claim_type: ClaimType
    insured_name: str
    insured_ic: str
    accident_date: date
    claim_id: str | None = None
    accident_time: str | None = None
    accident_kind: AccidentKind | None = None
    employment_status: EmploymentStatus | None = None
    submitted_on: date | None = None
    employer_name: str | None = None
    employer_code: str | None = None
    claimant_name: str | None = None
    claimant_ic: str | None = None
    claimant_relationship: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> Claim:
        """Validate claim.json's data (spec claim.schema.json); raise InvalidClaim if wrong."""
        if not isinstance(data, dict):
            raise InvalidClaim("claim.json must hold a JSON object")
        kind = data.get("claim_type")
        if isinstance(kind, str) and kind not in set(ClaimType):  # other types: the schema says
            known = ", ".join(ClaimType)
            raise InvalidClaim(f"unknown claim type {kind!r}; expected one of: {known}")
        validator = Draft202012Validator(
            load_schema("claim.schema.json"), format_checker=FormatChecker()
        )
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            err = errors[0]
            where = "/".join(str(p) for p in err.absolute_path)
            at = f" at {where}" if where else ""
            raise InvalidClaim(f"invalid claim.json{at}: {_describe(err)}")
        return cls(
            claim_type=ClaimType(data["claim_type"]),
            insured_name=data["insured_name"],
            insured_ic=data["insured_ic"],
            accident_date=_date(data, "accident_date"),
            claim_id=data.get("claim_id"),
            accident_time=data.get("accident_time"),
            accident_kind=_opt(AccidentKind, data.get("accident_kind")),
            employment_status=_opt(EmploymentStatus, data.get("employment_status")),
            submitted_on=_date(data, "submitted_on") if data.get("submitted_on") else None,
            employer_name=data.get("employer_name"),
            employer_code=data.get("employer_code"),
            claimant_name=data.get("claimant_name"),
            claimant_ic=data.get("claimant_ic"),
            claimant_relationship=data.get("claimant_relationship"),
        )


def claim_keys() -> frozenset[str]:
    """The keys claim.json may hold: the schema's properties."""
    return frozenset(load_schema("claim.schema.json")["properties"])


def _date(data: dict[str, Any], key: str) -> date:
    try:
        return date.fromisoformat(data[key])
    except (TypeError, ValueError) as exc:
        raise InvalidClaim(f"invalid claim.json at {key}: not a YYYY-MM-DD date") from exc


def _opt(enum: Any, value: Any) -> Any:
    return None if value is None else enum(value)


def _describe(err: Any) -> str:
    """One short line; never echoes the value (it may be an IC number or a name)."""
    if err.validator == "pattern":
        return "does not have the expected format"
    if err.validator == "format":
        return f"is not a valid {err.validator_value}"
    if err.validator == "enum":
        return "must be one of " + ", ".join(str(v) for v in err.validator_value)
    if err.validator == "type":
        return f"must be of type {err.validator_value}"
    if err.validator == "additionalProperties":
        unknown = sorted(set(err.instance) - claim_keys())
        return "unknown key " + ", ".join(repr(k[:40]) for k in unknown) + " (not in the schema)"
    if err.validator == "required":
        return str(err.message).split(" is a required")[0].strip("'\"") + " is required"
    return str(err.validator) + " check failed"
