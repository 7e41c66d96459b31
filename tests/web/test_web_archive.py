"""The officer's archive pages: batches, a batch's claims and unassigned documents, and the
page index as CSV and JSON attachments with IC numbers masked; officers only."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from semak.archive.models import (
    ArchiveBatch,
    ArchiveClaim,
    ArchiveDocument,
    ArchiveFile,
    ArchivePage,
)

IC = "870903106231"
FULL = "870903-10-6231"


@pytest.fixture
def batch(db: Any) -> str:
    """A small finished batch: one file of two pages, one grouped claim, one unassigned page."""
    b = ArchiveBatch(name="cabinet-7", root="/scans/cabinet-7")
    db.add(b)
    db.flush()
    f = ArchiveFile(
        batch_id=b.id, path="stack_001.pdf", sha256="a" * 64, storage_key="aa/a",
        pages_total=2, pages_done=2, status="done",
    )  # fmt: skip
    db.add(f)
    db.flush()
    db.add_all([ArchivePage(file_id=f.id, number=n, kind="content", document_position=n - 1)
                for n in (1, 2)])  # fmt: skip
    mc = ArchiveDocument(batch_id=b.id, file_id=f.id, position=0, first_page=1,
                         doc_type="medical_certificate", claim_key="A0001",
                         data={"pages": [1], "fields": {"ic_number": {"value": FULL}}})  # fmt: skip
    loose = ArchiveDocument(batch_id=b.id, file_id=f.id, position=1, first_page=2,
                            doc_type="bank_statement", claim_key=None, data={"pages": [2]},
                            assignment_reason="no IC number or reference")  # fmt: skip
    db.add_all([mc, loose])
    db.flush()
    db.add(ArchiveClaim(batch_id=b.id, key="A0001", claim_type="temporary_disablement",
                        insured_ic=IC, document_ids=[mc.id], verdict="incomplete"))  # fmt: skip
    db.commit()
    return b.name


@pytest.mark.redis
def test_officer_sees_batch_claims_and_unassigned(as_user: Callable[[str], Any], people: Any,
                                                  batch: str) -> None:  # fmt: skip
    officer = as_user("officer@perkeso.gov.my")
    listing = officer.get("/officer/archive").get_data(as_text=True)
    assert "cabinet-7" in listing
    page = officer.get(f"/officer/archive/{batch}").get_data(as_text=True)
    assert "A0001" in page and "incomplete" in page
    assert "no IC number or reference" in page  # the unassigned document, with its reason
    assert FULL not in page and "870903-**-***1" in page  # masked, as everywhere in lists


@pytest.mark.redis
def test_index_downloads_are_attachments_with_masked_ics(
    as_user: Callable[[str], Any], people: Any, batch: str
) -> None:
    officer = as_user("officer@perkeso.gov.my")
    resp = officer.get(f"/officer/archive/{batch}/index.csv")
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert [(r["file"], r["page"]) for r in rows] == [
        ("stack_001.pdf", "1"),
        ("stack_001.pdf", "2"),
    ]
    assert IC not in resp.get_data(as_text=True) and "870903-10-6231" not in resp.get_data(
        as_text=True
    )
    data = json.loads(officer.get(f"/officer/archive/{batch}/index.json").get_data(as_text=True))
    assert [c["claim"] for c in data["claims"]] == ["A0001"]
    assert [d["doc_type"] for d in data["unassigned"]] == ["bank_statement"]
    assert FULL not in json.dumps(data)


@pytest.mark.redis
def test_archive_pages_are_for_officers_only(
    app: Any, as_user: Callable[[str], Any], people: Any, batch: str
) -> None:
    paths = ["/officer/archive", f"/officer/archive/{batch}", f"/officer/archive/{batch}/index.csv"]
    employer = as_user("a@employer-a.my")
    anonymous = app.test_client()
    for path in paths:
        assert employer.get(path).status_code == 403
        assert "/login" in anonymous.get(path).headers.get("Location", "")
    assert as_user("officer@perkeso.gov.my").get("/officer/archive/nope").status_code == 404


@pytest.mark.redis
def test_batch_views_and_index_downloads_are_audited(
    as_user: Callable[[str], Any], people: Any, batch: str, db: Any
) -> None:
    from sqlalchemy import select

    from semak.models import AuditEvent

    officer = as_user("officer@perkeso.gov.my")
    for _ in range(2):  # a reload within ten minutes is not a second row
        officer.get(f"/officer/archive/{batch}")
        officer.get(f"/officer/archive/{batch}/index.csv")
        officer.get(f"/officer/archive/{batch}/index.json")
    db.expire_all()
    rows = db.scalars(select(AuditEvent).where(AuditEvent.user_id == people.officer.id))
    got = sorted((e.action, json.dumps(e.detail, sort_keys=True)) for e in rows)
    assert got == [
        ("downloaded_index", '{"batch": "cabinet-7", "format": "csv"}'),
        ("downloaded_index", '{"batch": "cabinet-7", "format": "json"}'),
        ("logged_in", "{}"),
        ("viewed_batch", '{"batch": "cabinet-7"}'),
    ]


@pytest.fixture
def verified(db: Any, batch: str) -> str:
    """The batch's claim as build_claims leaves it: claim data read off its papers, a report."""
    from sqlalchemy import select

    row = db.scalars(select(ArchiveClaim)).one()
    row.claim_data = {
        "claim_id": f"{batch}/A0001",
        "insured_name": "SITI AMINAH BINTI ABU",
        "insured_ic": FULL,
        "accident_date": "2026-10-02",
        "submitted_on": "2026-11-01",
        "claim_type": "temporary_disablement",
    }
    row.report = {"verdict": "incomplete", "deadline": {"last_day": "2027-10-02"},
                  "requirements": [{"doc_type": "form_34", "status": "missing"}],
                  "findings": [], "documents": []}  # fmt: skip
    db.commit()
    return batch


@pytest.mark.redis
def test_batch_page_shows_labels_and_links_each_claim(
    as_user: Callable[[str], Any], people: Any, verified: str
) -> None:
    officer = as_user("officer@perkeso.gov.my")
    page = officer.get(f"/officer/archive/{verified}").get_data(as_text=True)
    assert f'href="/officer/archive/{verified}/claims/A0001"' in page
    table = page[page.index('id="archive-claims"') :]
    assert "Temporary disablement" in table and "Medical certificate" in table
    assert ">temporary_disablement<" not in table and "(medical_certificate)" not in table
    assert "(bank_statement)" not in page and ">bank_statement<" not in page


@pytest.mark.redis
def test_archive_claim_has_its_own_page_with_its_origin(
    as_user: Callable[[str], Any], people: Any, verified: str
) -> None:
    officer = as_user("officer@perkeso.gov.my")
    resp = officer.get(f"/officer/archive/{verified}/claims/A0001")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    assert "From archive batch" in page and 'href="/officer/archive/cabinet-7"' in page
    assert "SITI AMINAH BINTI ABU" in page and "Medical certificate" in page
    assert "stack_001.pdf" in page
    assert officer.get(f"/officer/archive/{verified}/claims/A0099").status_code == 404
    assert (
        as_user("a@employer-a.my").get(f"/officer/archive/{verified}/claims/A0001").status_code
        == 403
    )


@pytest.mark.redis
def test_archive_claims_join_the_queue_with_their_origin(
    as_user: Callable[[str], Any], people: Any, verified: str, claim_a: Any
) -> None:
    officer = as_user("officer@perkeso.gov.my")
    page = officer.get("/officer/queue").get_data(as_text=True)
    assert f'href="/officer/archive/{verified}/claims/A0001"' in page
    assert "from archive batch cabinet-7" in page
    assert "C-A-1" in page  # the uploaded claim is still there
    only_td = officer.get("/officer/queue?claim_type=occupational_disease").get_data(as_text=True)
    assert "cabinet-7/A0001" not in only_td


@pytest.mark.redis
@pytest.mark.parametrize(
    ("q", "archive", "uploaded"),
    [
        ("870903", True, True),  # the first 6 digits of an IC (both are the same person)
        ("870903-10", True, True),
        ("870903-10-6232", False, False),
        ("siti", True, False),  # the start of a name, any case
        ("AMINAH", True, False),  # the start of one of its words
        ("muhammad haf", False, True),
        ("C-A", False, True),  # part of a reference, as before
        ("cabinet-7/A00", True, False),
        ("8709", False, False),  # too few digits to be an IC prefix
        ("%", False, False),  # a LIKE wildcard is a character, not "anything"
    ],
)
def test_queue_search_by_ic_prefix_name_prefix_or_reference(
    as_user: Callable[[str], Any],
    people: Any,
    verified: str,
    claim_a: Any,
    q: str,
    archive: bool,
    uploaded: bool,
) -> None:
    officer = as_user("officer@perkeso.gov.my")
    page = officer.get("/officer/queue", query_string={"q": q}).get_data(as_text=True)
    assert (f"/officer/archive/{verified}/claims/A0001" in page) is archive
    assert (">C-A-1<" in page) is uploaded


@pytest.mark.redis
def test_grouping_reasons_are_in_the_readers_language(
    as_user: Callable[[str], Any], people: Any, batch: str, db: Any
) -> None:
    from sqlalchemy import select

    loose = db.scalars(select(ArchiveDocument).where(ArchiveDocument.claim_key.is_(None))).one()
    loose.assignment_reason = "unreadable, between claims A0001 and A0002"
    unverified = db.scalars(select(ArchiveClaim)).one()
    unverified.verdict, unverified.note = None, "no document says which benefit is claimed"
    db.commit()
    officer = as_user("officer@perkeso.gov.my")
    officer.post("/language", data={"lang": "ms"})
    page = officer.get(f"/officer/archive/{batch}").get_data(as_text=True)
    assert "tidak dapat dibaca, di antara tuntutan A0001 dan A0002" in page
    assert "tiada dokumen yang menyatakan faedah yang dituntut" in page
    assert "between claims" not in page and "which benefit" not in page
