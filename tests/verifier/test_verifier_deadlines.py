"""Time limits, the MC threshold and the 48-hour notice, with their boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from verifier_helpers import ACCIDENT, codes, complete_docs, doc, mc, run

D = date.fromisoformat


def td_docs(accident: date, *extra) -> list:
    return [d for d in complete_docs(accident=accident)] + list(extra)


BARRED_CASES = [
    # (claim_type, accident_date, submitted_on, barred)
    ("temporary_disablement", "2025-10-02", "2026-10-02", False),  # exactly 12 months
    ("temporary_disablement", "2025-10-02", "2026-10-03", True),
    ("temporary_disablement", "2024-02-29", "2025-02-28", False),  # 29 Feb -> 28 Feb
    ("temporary_disablement", "2024-02-29", "2025-03-01", True),
    ("temporary_disablement", "2025-01-31", "2026-01-31", False),
    ("temporary_disablement", "2025-01-31", "2026-02-01", True),
    ("occupational_disease", "2025-03-15", "2026-03-15", False),
    ("occupational_disease", "2025-03-15", "2026-03-16", True),
    ("dependants_benefit", "2025-05-31", "2026-05-31", False),
    ("funeral_benefit", "2025-05-31", "2026-06-01", True),
    ("survivors_pension", "2023-02-28", "2024-02-28", False),  # 12 months lands before 29 Feb
    ("survivors_pension", "2023-02-28", "2024-02-29", True),
    ("job_loss", "2026-08-01", "2026-09-30", False),  # exactly 60 days
    ("job_loss", "2026-08-01", "2026-10-01", True),
    ("job_loss", "2024-01-01", "2024-03-01", False),  # leap February counts 29 days
    ("job_loss", "2024-01-01", "2024-03-02", True),
    ("invalidity_pension", "2015-01-01", "2026-10-01", False),  # no accident: no time limit
    ("permanent_disablement", "2025-01-10", "2026-01-10", False),  # no MC: accident anchors
    ("permanent_disablement", "2025-01-10", "2026-01-11", True),
]


@pytest.mark.parametrize(("claim_type", "accident", "submitted", "barred"), BARRED_CASES)
def test_claim_time_barred(claim_type: str, accident: str, submitted: str, barred: bool) -> None:
    docs = complete_docs(claim_type, accident=D(accident))
    report = run(
        docs,
        today=D("2027-01-01"),
        claim_type=claim_type,
        accident_date=accident,
        submitted_on=submitted,
    )
    assert ("CLAIM_TIME_BARRED" in codes(report)) is barred
    assert (report["verdict"] == "ineligible") is barred


def test_time_barred_cites_rule_and_dates() -> None:
    report = run(td_docs(D("2025-10-02")), accident_date="2025-10-02", submitted_on="2026-10-03")
    finding = next(f for f in report["findings"] if f["code"] == "CLAIM_TIME_BARRED")
    assert finding["rule"] == "R02" and finding["severity"] == "error"
    assert finding["details"]["last_day"] == "2026-10-02"


@pytest.mark.parametrize(("submitted", "barred"), [("2026-03-31", False), ("2026-04-01", True)])
def test_permanent_disablement_counts_from_latest_mc_end(submitted: str, barred: bool) -> None:
    docs = [
        *complete_docs("permanent_disablement", accident=D("2025-01-10")),
        mc(D("2025-01-10"), D("2025-02-10"), file="mc1.jpg"),
        mc(D("2025-02-11"), D("2025-03-31"), file="mc2.jpg"),
    ]
    report = run(
        docs,
        today=D("2027-01-01"),
        claim_type="permanent_disablement",
        accident_date="2025-01-10",
        submitted_on=submitted,
    )
    assert ("CLAIM_TIME_BARRED" in codes(report)) is barred
    if barred:
        finding = next(f for f in report["findings"] if f["code"] == "CLAIM_TIME_BARRED")
        assert finding["rule"] == "R09" and finding["details"]["anchor"] == "latest_mc_end"


def test_submitted_on_defaults_to_today() -> None:
    docs = td_docs(D("2025-10-02"))
    late = run(docs, today=D("2026-10-03"), accident_date="2025-10-02", submitted_on=None)
    in_time = run(docs, today=D("2026-10-02"), accident_date="2025-10-02", submitted_on=None)
    assert "CLAIM_TIME_BARRED" in codes(late) and late["submitted_on"] == "2026-10-03"
    assert "CLAIM_TIME_BARRED" not in codes(in_time)


A = ACCIDENT
MC_CASES = [
    # (id, MC periods, too short)
    ("accident day plus 3 days", [(A, A + timedelta(days=3))], False),
    ("3 days from the accident day", [(A, A + timedelta(days=2))], True),
    (
        "3 days starting the day after: accident day makes 4",
        [(A + timedelta(days=1), A + timedelta(days=3))],
        False,
    ),
    ("2 days starting the day after", [(A + timedelta(days=1), A + timedelta(days=2))], True),
    (
        "two MCs adding up",
        [(A, A + timedelta(days=1)), (A + timedelta(days=2), A + timedelta(3))],
        False,
    ),
    (
        "overlapping MCs count each day once",
        [(A, A + timedelta(days=1)), (A + timedelta(days=1), A + timedelta(days=2))],
        True,
    ),
    ("single day MC", [(A, A)], True),
]


@pytest.mark.parametrize(
    ("periods", "short"), [c[1:] for c in MC_CASES], ids=[c[0] for c in MC_CASES]
)
def test_mc_too_short(periods: list, short: bool) -> None:
    docs = [d for d in complete_docs() if str(d.doc_type) != "medical_certificate"]
    docs += [mc(s, e, file=f"mc{i}.jpg") for i, (s, e) in enumerate(periods)]
    report = run(docs)
    assert ("MC_TOO_SHORT" in codes(report)) is short
    assert (report["verdict"] == "ineligible") is short
    if short:
        f = next(f for f in report["findings"] if f["code"] == "MC_TOO_SHORT")
        assert f["rule"] == "R03" and f["details"]["days"] < 4


def test_mc_uploaded_twice_adds_no_days() -> None:
    docs = [d for d in complete_docs() if str(d.doc_type) != "medical_certificate"]
    period = (A + timedelta(days=1), A + timedelta(days=2))
    docs += [mc(*period, file="mc.jpg", sha="aa"), mc(*period, file="mc copy.jpg", sha="aa")]
    report = run(docs)
    assert "MC_TOO_SHORT" in codes(report) and "DUPLICATE_DOCUMENT" in codes(report)
    assert report["certified_days"] == 3


def test_mc_threshold_applies_to_temporary_disablement_only() -> None:
    docs = [*complete_docs("permanent_disablement"), mc(A, A)]
    assert "MC_TOO_SHORT" not in codes(run(docs, claim_type="permanent_disablement"))


@pytest.mark.parametrize(("days_after", "late"), [(0, False), (2, False), (3, True)])
@pytest.mark.parametrize("form", ["form_34", "form_21"])
def test_late_accident_report_after_48_hours(form: str, days_after: int, late: bool) -> None:
    docs = [d for d in complete_docs() if str(d.doc_type) != "form_34"]
    docs.append(doc(form, notified_date=A + timedelta(days=days_after)))
    if form == "form_21":
        docs.append(doc("form_10"))
    report = run(docs)
    assert ("LATE_ACCIDENT_REPORT" in codes(report)) is late
    if late:
        assert report["verdict"] == "needs_review"
        assert next(f for f in report["findings"])["rule"] == "R01"


@pytest.mark.parametrize(
    ("submitted", "age"),
    [("2026-09-02", 38), ("2026-09-03", 39), ("2047-09-02", 59), ("2047-09-03", 60)],
)
def test_invalidity_pension_reports_insured_age(submitted: str, age: int) -> None:
    report = run(
        complete_docs("invalidity_pension"),
        today=D("2048-01-01"),
        claim_type="invalidity_pension",
        submitted_on=submitted,
    )
    assert report["insured_age"] == age
    assert report["verdict"] == "complete"


def test_invalidity_pension_age_is_none_for_an_impossible_ic() -> None:
    report = run(
        complete_docs("invalidity_pension"),
        claim_type="invalidity_pension",
        insured_ic="871340-10-6231",
    )
    assert report["insured_age"] is None and "INVALID_IC" in codes(report)


@pytest.mark.parametrize(
    ("dates", "days", "short"),
    [
        ({"document_date": A}, 2, True),  # start from the date of issue
        ({"document_date": A + timedelta(days=1)}, 3, False),
        ({}, "4", False),  # no dates: from the accident day; "4" as printed
        ({}, 3, True),
    ],
)
def test_mc_without_start_and_end_uses_its_days(dates: dict, days, short: bool) -> None:
    docs = [d for d in complete_docs() if str(d.doc_type) != "medical_certificate"]
    docs.append(doc("medical_certificate", mc_days=days, **dates))
    assert ("MC_TOO_SHORT" in codes(run(docs))) is short
