"""Officers' corrections are checked with the parsers intake reads with, refused in the
officer's language, and contradictions an officer must see are on the claim view (issue #22
item 4)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from web_helpers import REPORT

from semak.corrections import InvalidCorrection, normalise

pytestmark = pytest.mark.redis


@pytest.fixture
def officer(people: Any, as_user: Callable[[str], Any]) -> Any:
    return as_user("officer@perkeso.gov.my")


def _correct(client: Any, claim: Any, field: str, value: str) -> str:
    url = f"/officer/claims/{claim.public_id}/corrections"
    client.post(url, data={"document": "0", "field": field, "value": value})
    return client.get(f"/officer/claims/{claim.public_id}").get_data(as_text=True)


def _rows(db: Any) -> list[Any]:
    from semak.models import Correction

    db.expire_all()
    return list(db.query(Correction).order_by(Correction.id))


@pytest.mark.parametrize(
    ("key", "raw", "code"),
    [
        ("ic_number", "12345", "correction_ic"),
        ("ic_number", "871303-10-6231", "correction_ic"),  # month 13: no birth date
        ("ic_number", "870903-17-6231", "correction_ic"),  # place-of-birth code 17: unassigned
        ("dates.mc_end", "2026-13-01", "correction_date"),
        ("dates.mc_end", "31/02/2026", "correction_date"),
        ("dates.mc_end", "6/10/2026 to 7/10/2026", "correction_date"),
        ("mc_days", "four", "correction_days"),
        ("mc_days", "0", "correction_days"),
        ("name", "12345", "correction_name"),
        ("ic_name", "x", "correction_field"),
    ],
)
def test_values_that_do_not_fit_are_refused_with_a_stable_code(
    key: str, raw: str, code: str
) -> None:
    with pytest.raises(InvalidCorrection) as err:
        normalise(key, raw)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("key", "raw", "kept"),
    [
        ("dates.mc_end", "6/10/2026", "2026-10-06"),
        ("dates.mc_end", "6 Okt 2026", "2026-10-06"),
        ("dates.mc_start", "06.10.2026", "2026-10-06"),
        ("dates.mc_start", "2026-10-06", "2026-10-06"),
        ("ic_number", "870903106231", "870903-10-6231"),
        ("mc_days", " 04 ", "4"),
        ("name", "", None),
    ],
)
def test_any_form_the_reader_accepts_is_kept_as_the_report_keeps_it(
    key: str, raw: str, kept: str | None
) -> None:
    assert normalise(key, raw) == kept


def test_an_ic_that_is_no_mykad_number_is_refused_in_the_officers_language(
    officer: Any, claim_a: Any, db: Any
) -> None:
    html = _correct(officer, claim_a, "ic_number", "12345")
    assert _rows(db) == []
    assert "That is not a MyKad number" in html
    officer.post("/language", data={"lang": "ms"})
    html = _correct(officer, claim_a, "dates.mc_end", "31/02/2026")
    assert _rows(db) == [] and "Itu bukan tarikh" in html


def test_a_date_as_printed_is_accepted_and_an_mc_ending_before_it_starts_is_raised(
    officer: Any, claim_a: Any, db: Any
) -> None:
    from semak.models import Claim

    _correct(officer, claim_a, "dates.mc_end", "1 Okt 2026")  # MC starts 2026-10-02
    (row,) = _rows(db)
    assert (row.field, row.new_value) == ("dates.mc_end", "2026-10-01")
    report = db.get(Claim, claim_a.claim_id).reports[-1].data
    cases = [
        f["details"].get("case") for f in report["findings"] if f["code"] == "DATE_INCONSISTENT"
    ]
    assert "mc_end_before_start" in cases


def test_contradictions_held_back_as_unsure_reads_are_shown_to_the_officer(
    officer: Any, people: Any, make_claim: Any
) -> None:
    report = copy.deepcopy(REPORT)
    report["unconfirmed_findings"] = [
        {
            "code": "DATE_INCONSISTENT",
            "severity": "warning",
            "message": "On the medical certificate the leave ends (2026-10-01) before it starts"
            " (2026-10-02).",
            "message_ms": "Pada sijil cuti sakit tarikh tamat (2026-10-01) sebelum tarikh mula"
            " (2026-10-02).",
            "documents": [{"file": "mc.png", "page": 1}],
            "details": {"case": "mc_end_before_start"},
            "read_confidence": 0.41,
            "why": "rests on an unsure OCR read that one misread digit explains",
        }
    ]
    claim = make_claim(people.employer_a.id, "HELD-1", report)
    html = officer.get(f"/officer/claims/{claim.public_id}").get_data(as_text=True)
    held = html.split('id="held-back"', 1)[1].split("</section>", 1)[0]
    assert "the leave ends (2026-10-01) before it starts" in held and "41%" in held
    assert f'href="#page-{claim.doc_id}-1"' in held
    officer.post("/language", data={"lang": "ms"})
    html = officer.get(f"/officer/claims/{claim.public_id}").get_data(as_text=True)
    assert "tarikh tamat (2026-10-01) sebelum tarikh mula" in html
