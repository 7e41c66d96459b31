"""One stored form of a report: the job's, the portal's re-verification and the archive's claims
all keep a verifier Report through ``semak.reports.report_record`` (#23)."""

from __future__ import annotations

from datetime import date, timedelta

from verifier_helpers import ACCIDENT, claim_data, complete_docs, results_of

from semak.archive import claims as archive_claims
from semak.reports import report_record
from verifier.bundle import verify_reading
from verifier.models import Report, report_deadline


def _report(**overrides: object) -> Report:
    data = claim_data(**overrides)
    docs = complete_docs("temporary_disablement")
    return verify_reading(data, results_of(docs), today=ACCIDENT + timedelta(days=30))


def test_the_record_is_the_report_with_its_origin_verdict_and_deadline() -> None:
    report = _report()
    record = report_record(report, [], source="archive", claim_type_basis="doc types")
    assert record.data == {
        **report.to_dict(),
        "source": "archive",
        "claim_type_basis": "doc types",
    }
    assert record.verdict == str(report.verdict)
    assert record.deadline == report_deadline(report) and isinstance(record.deadline, date)
    assert "corrections" not in record.data


def test_the_archive_stores_its_claims_reports_through_the_one_record() -> None:
    """The archive keeps no report shape of its own: its grouping calls report_record."""
    assert archive_claims.report_record is report_record
