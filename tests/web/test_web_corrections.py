"""Officer corrections over what intake read (semak.corrections): plain functions."""

from __future__ import annotations

import copy
from datetime import date

from web_helpers import reading

from intake.models import DocType
from semak.corrections import OfficerCorrection, apply_corrections, reverify

CLAIM = {
    "claim_type": "temporary_disablement",
    "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
    "insured_ic": "870903-10-6231",
    "accident_date": "2026-10-02",
    "accident_kind": "workplace",
    "employment_status": "employed",
    "submitted_on": "2026-10-20",
}


def test_apply_type_field_date_and_removal() -> None:
    results = reading()
    n = apply_corrections(
        results,
        [
            OfficerCorrection("mc.png", (1,), "doc_type", "medical_report"),
            OfficerCorrection("mc.png", (1,), "mc_days", "3"),
            OfficerCorrection("mc.png", (1,), "dates.mc_end", "2026-10-04"),
            OfficerCorrection("mc.png", (1,), "name", None),
            OfficerCorrection("other.png", (1,), "name", "X"),
        ],
    )
    doc = results[0].documents[0]
    assert n == 4
    assert doc.doc_type == DocType.MEDICAL_REPORT
    assert doc.field_value("mc_days") == 3 and doc.date_value("mc_end") == "2026-10-04"
    assert "name" not in doc.fields
    assert doc.corrected == ["doc_type", "mc_days", "dates.mc_end", "name"]


def test_reverify_runs_the_rules_on_the_corrected_reading() -> None:
    data = copy.deepcopy(CLAIM)
    before = reverify(data, reading(), [], today=date(2026, 10, 20)).to_dict()
    assert "DATE_INCONSISTENT" not in {f["code"] for f in before["findings"]}
    corrections = [OfficerCorrection("mc.png", (1,), "mc_days", "2")]
    after = reverify(data, reading(), corrections, today=date(2026, 10, 20)).to_dict()
    assert "DATE_INCONSISTENT" in {f["code"] for f in after["findings"]}
    (mc,) = after["documents"]
    assert mc["fields"]["mc_days"] == 2 and mc["file"] == "mc.png"
