"""The spec's schemas: our copies equal ../shared/spec's; reports validate; claims are checked."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from verifier_helpers import ACCIDENT, SHARED_SPEC, complete_docs, doc, mc, run

from intake.errors import InvalidClaim
from verifier.claim import SCHEMA_DIR, AccidentKind, Claim, ClaimType

SCHEMAS = ("claim.schema.json", "report.schema.json")


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_copies_equal_the_spec(name: str) -> None:
    # No skip: CI runs where ../shared/spec exists, and a drifted copy must fail there.
    spec = json.loads((SHARED_SPEC / name).read_text(encoding="utf-8"))
    ours = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    assert ours == spec


def report_validator() -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / "report.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


REPORTS = {
    "complete": lambda: run(complete_docs()),
    "incomplete commuting": lambda: run([doc("form_34")], accident_kind="commuting"),
    "every warning": lambda: run(
        [
            *complete_docs(),
            doc(
                "police_report",
                file="p.jpg",
                ic="870903-17-6231",
                name="SITI BINTI ALI",
                document_date=ACCIDENT - timedelta(days=1),
            ),
            mc(ACCIDENT, ACCIDENT + timedelta(days=4), days=9, file="mc2.jpg"),
            doc("other", file="blur.jpg", readable=False),
        ]
    ),
    "ineligible": lambda: run([mc(ACCIDENT, ACCIDENT)], submitted_on="2028-01-01"),
    "invalidity": lambda: run(complete_docs("invalidity_pension"), claim_type="invalidity_pension"),
}


@pytest.mark.parametrize("make", REPORTS.values(), ids=REPORTS.keys())
def test_reports_validate_against_the_report_schema(make) -> None:
    report = make()
    errors = list(report_validator().iter_errors(report))
    assert errors == []
    assert report["engine"]["ocr"] == "fake 1.0" and report["engine"]["rules_version"]
    json.dumps(report)  # plain JSON all the way down


def test_schema_validation_catches_a_bad_report() -> None:
    report = run(complete_docs())
    report["verdict"] = "maybe"
    assert list(report_validator().iter_errors(report))


def test_claim_from_dict_types_its_values() -> None:
    claim = Claim.from_dict(
        {
            "claim_type": "temporary_disablement",
            "insured_name": "A",
            "insured_ic": "870903106231",
            "accident_date": "2026-10-02",
            "accident_kind": "commuting",
            "claimant_name": "SITI BINTI HASSAN",
            "claimant_ic": "900101-14-5678",
            "claimant_relationship": "spouse",
        }
    )
    assert claim.claim_type is ClaimType.TEMPORARY_DISABLEMENT
    assert claim.accident_kind is AccidentKind.COMMUTING
    assert claim.submitted_on is None and claim.claimant_relationship == "spouse"
    assert (claim.claimant_name, claim.claimant_ic) == ("SITI BINTI HASSAN", "900101-14-5678")


BAD_CLAIMS = [
    ({"claim_type": "holiday_pay"}, "unknown claim type 'holiday_pay'"),
    # a claim type that is no string is the schema's to describe, never a crash (the API fuzz)
    ({"claim_type": {"a": 1}}, "claim_type"),
    ({"claim_type": ["job_loss"]}, "claim_type"),
    ({"insured_ic": "87090310623"}, "insured_ic: does not have the expected format"),
    ({"accident_date": "2026-02-30"}, "accident_date"),
    ({"accident_kind": "flying"}, "accident_kind: must be one of"),
    ({"submitted_on": "yesterday"}, "submitted_on"),
    ({"insured_name": None}, "insured_name is required"),
    # claim.json's keys are the schema's list: what a submitter adds is refused, by name
    ({"corrections": [{"field": "mc_days", "value": "9"}]}, "unknown key 'corrections'"),
    ({"purged_at": "2026-01-01T00:00:00"}, "unknown key 'purged_at'"),
    ({"claimant_note": "x", "extra": 1}, "unknown key 'claimant_note', 'extra'"),
]


@pytest.mark.parametrize(("change", "fragment"), BAD_CLAIMS)
def test_invalid_claims_raise_a_clear_error(change: dict, fragment: str) -> None:
    data = {
        "claim_type": "temporary_disablement",
        "insured_name": "A",
        "insured_ic": "870903-10-6231",
        "accident_date": "2026-10-02",
        **change,
    }
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(InvalidClaim) as exc:
        Claim.from_dict(data)
    assert fragment in exc.value.message
    assert "87090310623" not in exc.value.message  # never echoes an IC number
    assert exc.value.code == "invalid_claim"


def test_claim_must_be_an_object() -> None:
    with pytest.raises(InvalidClaim, match="JSON object"):
        Claim.from_dict([1, 2])
