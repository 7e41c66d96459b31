"""bench.common.measure (#20): wrong values given count against precision, missing ones against
recall; findings are a multiset; multi-page documents count whole only with all their pages."""

from __future__ import annotations

from typing import Any

from bench.common import Measure, measure, measure_table


def _doc(file: str, pages: list[int], t: str, **fields: Any) -> dict[str, Any]:
    return {"file": file, "pages": pages, "doc_type": t, "fields": fields}


EXPECTED = {
    "verdict": "complete",
    "findings": [],
    "documents": [
        _doc(
            "a.pdf",
            [1, 2],
            "form_34",
            name="ALI BIN ABU",
            ic_number="900101-14-1235",
            dates={"accident_date": "2025-03-01"},
        ),
        _doc("b.jpg", [1], "mykad", name="ALI BIN ABU", ic_number="900101-14-1235"),
    ],
}


def test_wrong_value_costs_precision_and_recall() -> None:
    report = {
        "verdict": "needs_review",
        "findings": [{"code": "NAME_MISMATCH"}],
        "documents": [
            _doc(
                "a.pdf",
                [1],
                "form_34",
                name="SAKSI ORANG LAIN",
                ic_number="900101141235",
                dates={"accident_date": "2025-03-01", "document_date": "2025-03-04"},
            ),
            _doc("a.pdf", [2], "other"),
            _doc("b.jpg", [1], "mykad", ic_number="900101-14-1235"),
        ],
    }
    m = Measure()
    measure(m, report, EXPECTED)
    name = m.fields["name"]
    assert (name.wanted, name.given, name.right) == (2, 1, 0)  # one wrong, one missed
    ic = m.fields["ic_number"]
    assert (ic.wanted, ic.given, ic.right) == (2, 2, 2)
    dd = m.fields["dates.document_date"]
    assert (dd.wanted, dd.given, dd.right) == (0, 1, 0)  # a date printed nowhere: given, wrong
    assert m.grouping == [0, 1]  # the two-page form came back cut in two
    assert m.doc_types == [2, 2]
    assert (m.findings.right, m.findings.given, m.findings.wanted) == (0, 1, 0)
    assert m.name_false_alarms == 1 and m.verdict == 0
    table = measure_table(m)
    assert "name | 2 | 1 | 0 | 0.000 | 0.000" in table
    assert "grouping (multi-page documents whole) | 0/1 = 0.000" in table


def test_a_right_report_scores_full() -> None:
    m = Measure()
    measure(m, EXPECTED, EXPECTED)
    assert m.verdict == 1 and m.grouping == [1, 1] and m.name_false_alarms == 0
    assert all(pr.right == pr.given == pr.wanted for pr in m.fields.values())
