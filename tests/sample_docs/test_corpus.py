"""The committed corpus: valid against the spec, one intended defect each, realistic spread."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from sdocs_helpers import BUNDLES, DEFECT_CODES, SPEC, load

from intake.fields.ic import gender, is_valid_ic
from sample_docs.scenarios import CATALOGUE, Scenario

SCHEMA_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER
VERDICT = {
    "none": "complete",
    "time_barred": "ineligible",
    "mc_too_short": "ineligible",
    "duplicate_file": "complete",
    "duplicate_rescan": "complete",
}
ALL_DOC_TYPES = set(
    load(SPEC / "report.schema.json")["properties"]["documents"]["items"]["properties"]["doc_type"][
        "enum"
    ]
)
ALL_CODES = set(
    load(SPEC / "report.schema.json")["properties"]["findings"]["items"]["properties"]["code"][
        "enum"
    ]
)


@pytest.fixture(scope="module")
def validators() -> tuple[jsonschema.Validator, jsonschema.Validator]:
    report = jsonschema.Draft202012Validator(
        load(SPEC / "report.schema.json"), format_checker=SCHEMA_CHECKER
    )
    claim = jsonschema.Draft202012Validator(
        load(SPEC / "claim.schema.json"), format_checker=SCHEMA_CHECKER
    )
    return report, claim


def test_reports_and_claims_validate(committed: list[Path], validators: tuple) -> None:
    report_v, claim_v = validators
    for d in committed:
        report_v.validate(load(d / "expected_report.json"))
        claim_v.validate(load(d / "claim.json"))
        assert "submitted_on" in load(d / "claim.json")


@pytest.mark.parametrize("scn", CATALOGUE, ids=lambda s: s.name)
def test_exactly_the_intended_defect(scn: Scenario) -> None:
    report = load(BUNDLES / scn.name / "expected_report.json")
    codes = {f["code"] for f in report["findings"]}
    missing = {r["doc_type"] for r in report["requirements"] if r["status"] == "missing"}
    if scn.defect.startswith("missing:"):
        target = scn.defect.split(":")[1]
        want = {"mykad_claimant": "mykad", "form_68": "form_34"}.get(target, target)
        assert (codes, missing, report["verdict"]) == ({"MISSING_DOCUMENT"}, {want}, "incomplete")
    elif scn.defect.startswith("date_"):
        assert (codes, missing, report["verdict"]) == ({"DATE_INCONSISTENT"}, set(), "needs_review")
    else:
        assert codes == DEFECT_CODES[scn.defect]
        assert missing == set()
        assert report["verdict"] == VERDICT.get(scn.defect, "needs_review")


def test_documents_files_and_pages_exist(committed: list[Path]) -> None:
    for d in committed:
        truth = load(d / "truth.json")
        report = load(d / "expected_report.json")
        assert [(x["file"], x["pages"]) for x in truth["documents"]] == [
            (x["file"], x["pages"]) for x in report["documents"]
        ]
        for x in truth["documents"]:
            assert (d / x["file"]).is_file(), x["file"]


def test_spread_of_types_codes_formats_and_dates(committed: list[Path]) -> None:
    types: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    rotations: Counter[int] = Counter()
    modes: Counter[str] = Counter()
    claim_types: set[str] = set()
    for d in committed:
        report, truth = load(d / "expected_report.json"), load(d / "truth.json")
        claim_types.add(report["claim_type"])
        codes.update(f["code"] for f in report["findings"])
        for x in truth["documents"]:
            types[x["doc_type"]] += 1
            formats[x["format"]] += 1
            styles[x["date_style"]] += 1
            for p in x["pages_capture"]:
                rotations[p["rotation"]] += 1
                modes[p["mode"]] += 1
    assert set(types) == ALL_DOC_TYPES
    assert set(codes) == ALL_CODES
    assert len(claim_types) == 8
    assert {"jpg", "png", "pdf_scan", "pdf_text", "tiff"} <= set(formats)
    assert {90, 180, 270} <= set(rotations)
    assert {"photo", "fax", "copy", "scan", "scan_gray", "black"} & set(modes) >= {"photo", "fax"}
    assert len(styles) >= 8


def test_insured_ics_are_valid_and_match_gender(committed: list[Path]) -> None:
    for d in committed:
        truth = load(d / "truth.json")
        ic, name = truth["insured"]["ic"], truth["insured"]["name"]
        if truth["defect"] == "invalid_ic":
            assert not is_valid_ic(ic)
            continue
        assert is_valid_ic(ic), (d.name, ic)
        male = re.search(r"\b(BIN|A/L)\b", name)
        female = re.search(r"\b(BINTI|A/P)\b", name)
        if male or female:
            assert gender(ic) == ("M" if male else "F"), (name, ic)


def test_traps_other_peoples_ics_printed(committed: list[Path]) -> None:
    others = [
        o for d in committed for x in load(d / "truth.json")["documents"] for o in x["other_people"]
    ]
    roles = {o["role"] for o in others}
    assert {"witness", "police officer", "doctor", "complainant", "informant"} <= roles
    insured = {load(d / "truth.json")["insured"]["ic"] for d in committed}
    assert not insured & {o["ic_number"] for o in others}


def test_corpus_size_budget(committed: list[Path]) -> None:
    total = sum(f.stat().st_size for d in committed for f in d.iterdir())
    pages = sum(len(x["pages"]) for d in committed for x in load(d / "truth.json")["documents"])
    assert 35 <= len(committed) <= 50
    assert total < 40_000_000
    assert 180 <= pages <= 300


def test_readme_lists_every_bundle() -> None:
    readme = (BUNDLES.parent / "README.md").read_text(encoding="utf-8")
    for scn in CATALOGUE:
        assert f"`{scn.name}`" in readme, scn.name
