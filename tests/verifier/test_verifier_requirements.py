"""RULES.md required documents, claim type by claim type: alternatives, conditions, missing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from verifier_helpers import ACCIDENT, codes, complete_docs, doc, mc, missing, run

from verifier.claim import ClaimType

FAR = ACCIDENT + timedelta(days=5)


@pytest.mark.parametrize("claim_type", [str(t) for t in ClaimType])
def test_complete_bundle_of_every_claim_type_is_complete(claim_type: str) -> None:
    report = run(complete_docs(claim_type), claim_type=claim_type)
    assert report["findings"] == []
    assert report["verdict"] == "complete"
    assert report["requirements"] and all(r["status"] == "present" for r in report["requirements"])


@pytest.mark.parametrize("claim_type", [str(t) for t in ClaimType])
def test_empty_bundle_misses_documents(claim_type: str) -> None:
    report = run([], claim_type=claim_type)
    assert report["verdict"] == "incomplete"
    assert missing(report) and set(codes(report)) == {"MISSING_DOCUMENT"}


def td(*replace: str, extra: tuple = ()) -> list:
    """The complete FHUS bundle without the listed document types, plus ``extra``."""
    return [d for d in complete_docs() if str(d.doc_type) not in replace] + list(extra)


CASES = [
    # (id, documents, claim overrides, missing doc types)
    (
        "commuting needs police report and sketch map (R05, R06)",
        td(),
        {"accident_kind": "commuting"},
        ["police_report", "sketch_map"],
    ),
    (
        "commuting with both is complete",
        td(extra=(doc("police_report", document_date=ACCIDENT), doc("sketch_map"))),
        {"accident_kind": "commuting"},
        [],
    ),
    ("emergency accident needs neither", td(), {"accident_kind": "emergency"}, []),
    (
        "legacy form_21 + form_10 replaces form_34",
        td("form_34", extra=(doc("form_21"), doc("form_10"))),
        {},
        [],
    ),
    ("form_21 alone misses form_10", td("form_34", extra=(doc("form_21"),)), {}, ["form_10"]),
    ("form_10 alone misses form_21", td("form_34", extra=(doc("form_10"),)), {}, ["form_21"]),
    ("no notice at all misses form_34", td("form_34"), {}, ["form_34"]),
    (
        "an unreadable MC satisfies nothing",
        td("medical_certificate", extra=(mc(ACCIDENT, FAR, readable=False),)),
        {},
        ["medical_certificate"],
    ),
    ("an 'other' document satisfies nothing", td("mykad", extra=(doc("other"),)), {}, ["mykad"]),
]


@pytest.mark.parametrize(
    ("docs", "claim", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_temporary_disablement_requirements(docs: list, claim: dict, expected: list) -> None:
    report = run(docs, **claim)
    assert missing(report) == expected
    missing_findings = [f for f in report["findings"] if f["code"] == "MISSING_DOCUMENT"]
    assert [f["details"]["doc_type"] for f in missing_findings] == expected
    if expected:
        assert report["verdict"] == "incomplete"


def test_commuting_missing_documents_cite_their_rules() -> None:
    report = run(td(), accident_kind="commuting")
    rules = {f["details"]["doc_type"]: f.get("rule") for f in report["findings"]}
    assert rules == {"police_report": "R05", "sketch_map": "R06"}


OD = "occupational_disease"
OD_CASES = [
    ("employed with form_68", [doc("form_68")], {"employment_status": "employed"}, []),
    ("left with form_69", [doc("form_69")], {"employment_status": "left"}, []),
    (
        "employed with form_69 only: no applicable alternative started",
        [doc("form_69")],
        {"employment_status": "employed"},
        ["form_34"],
    ),
    (
        "legacy form and MC need form_10",
        [doc("form_68"), mc(ACCIDENT, FAR)],
        {"employment_status": "employed"},
        ["form_10"],
    ),
    (
        "legacy form, MC and form_10",
        [doc("form_68"), mc(ACCIDENT, FAR), doc("form_10")],
        {"employment_status": "employed"},
        [],
    ),
    ("form_34 and MC need no form_10", [doc("form_34"), mc(ACCIDENT, FAR)], {}, []),
]


@pytest.mark.parametrize(
    ("docs", "claim", "expected"), [c[1:] for c in OD_CASES], ids=[c[0] for c in OD_CASES]
)
def test_occupational_disease_requirements(docs: list, claim: dict, expected: list) -> None:
    assert missing(run(docs, claim_type=OD, **claim)) == expected


def test_occupational_disease_cites_r08() -> None:
    report = run([], claim_type=OD, employment_status="left")
    assert [r.get("rule") for r in report["requirements"]] == ["R08"]


def test_permanent_disablement_accepts_form_10_as_claim_form() -> None:
    docs = [d for d in complete_docs("permanent_disablement") if str(d.doc_type) != "form_34"]
    assert missing(run([*docs, doc("form_10")], claim_type="permanent_disablement")) == []
    assert missing(run(docs, claim_type="permanent_disablement")) == ["form_34"]


def test_death_claim_without_death_certificate_cites_r19() -> None:
    docs = [doc("form_34"), doc("mykad")]
    report = run(docs, claim_type="survivors_pension")
    assert missing(report) == ["death_certificate"]
    assert report["findings"][0]["rule"] == "R19"


def test_dependants_benefit_after_commuting_accident_needs_police_report() -> None:
    docs = complete_docs("dependants_benefit")
    assert missing(run(docs, claim_type="dependants_benefit", accident_kind="commuting")) == [
        "police_report"
    ]
    assert missing(run(docs, claim_type="dependants_benefit", accident_kind=None)) == []


def test_funeral_claimant_who_is_not_the_insured_needs_own_mykad() -> None:
    docs = complete_docs("funeral_benefit")
    claimant = {"claimant_ic": "900101-14-5678", "claimant_name": "SITI BINTI HASSAN"}
    report = run(docs, claim_type="funeral_benefit", **claimant)
    assert missing(report) == ["mykad"]
    other = doc("mykad", file="claimant_ic.jpg", ic="900101-14-5678", name="SITI BINTI HASSAN")
    report = run([*docs, other], claim_type="funeral_benefit", **claimant)
    assert report["verdict"] == "complete", report["findings"]


@pytest.mark.parametrize(
    ("card_ic", "counts_as_claimants"),
    [("900101-14-5678", True),  # the claimant's number, the name line lost by OCR
     ("870903-10-6233", False),  # the insured's number with one digit misread: the insured's
     ("900101-14-567", False)],  # no valid number read either: nothing says whose it is
)  # fmt: skip
def test_a_card_whose_name_was_not_read_belongs_to_whoever_its_number_names(
    card_ic: str, counts_as_claimants: bool
) -> None:
    docs = complete_docs("funeral_benefit")
    claimant = {"claimant_ic": "900101-14-5678", "claimant_name": "SITI BINTI HASSAN"}
    card = doc("mykad", file="claimant_ic.jpg", ic=card_ic, name=None)
    report = run([*docs, card], claim_type="funeral_benefit", **claimant)
    assert (missing(report) == []) is counts_as_claimants


@pytest.mark.parametrize(
    "claim_type", ["funeral_benefit", "dependants_benefit", "survivors_pension"]
)
def test_claimants_mykad_does_not_stand_for_the_deceaseds(claim_type: str) -> None:
    docs = [d for d in complete_docs(claim_type) if str(d.doc_type) != "mykad"]
    other = doc("mykad", file="waris.jpg", ic="900101-14-5678", name="SITI BINTI HASSAN")
    report = run([*docs, other], claim_type=claim_type)
    assert missing(report) == ["mykad"]
