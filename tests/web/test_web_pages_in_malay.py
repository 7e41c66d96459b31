"""Every page a person reads, rendered in Malay, for officers, employers, administrators and
people not logged in: no raw field key (snake_case), finding or error code (UPPER_SNAKE), "p.1",
reference id, and none of a list of common English words (issue #22 item 6). The catalogue's
completeness (every msgid translated) is tests/web/test_web_i18n.py."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from typing import Any

import pytest
from malay_check import context, problems, visible
from test_web_archive import batch  # noqa: F401  (the archive batch fixture)
from web_helpers import FINDINGS, INSURED_IC, REPORT

pytestmark = pytest.mark.redis


def _report() -> dict[str, Any]:
    """A report with something of everything a report page shows."""
    report = copy.deepcopy(REPORT)
    report["verdict"] = "needs_review"
    doc = report["documents"][0]
    doc["fields"].update({"report_number": "IPD/123/2026", "clinic": "KLINIK SEHAT"})
    doc["fields"]["dates"]["document_date"] = "2026-10-02"
    report["findings"] = copy.deepcopy(FINDINGS)
    return report


# A detail of each kind for every declared action, as the portal and the worker write them.
DETAILS: dict[str, dict[str, Any]] = {
    "submitted": {"files": 2},
    "uploaded": {"files": 1},
    "upload_rejected": {"files": [{"name": "*.png", "code": "blurred"}]},
    "viewed": {},
    "viewed_status": {},
    "viewed_page": {"pages": [[1, 1], [99, 2]]},
    "signal": {"kind": "overlap", "other": "no-longer-held"},
    "downloaded_report": {},
    "downloaded_document": {"document": 1},
    "corrected": {"document": "*.png", "field": "ic_number"},
    "reverified": {"verdict": "needs_review"},
    "receipt_date_set": {"submitted_on": "2026-10-20"},
    "forged_corrections_dropped": {"entries": 2},
    "decided": {"decision": "request_documents", "message": "Sila tambah peta lakar."},
    "sampled": {"rate": 0.05},
    "logged_in": {},
    "user_created": {"user": 1, "role": "employer"},
    "user_activated": {"user": 1},
    "user_deactivated": {"user": 1},
    "viewed_batch": {"batch": "cabinet-7"},
    "downloaded_index": {"batch": "cabinet-7", "format": "csv"},
    "viewed_archive_claim": {"batch": "cabinet-7", "claim": "A0001"},
}


@pytest.fixture
def scene(app: Any, people: Any, make_claim: Any, batch: str, db: Any) -> dict[str, str]:  # noqa: F811
    """A claim with a full report, an overlapping claim of another employer (a signal), every
    kind of audit row on the first, and an archive batch; the pages to read, by who reads them."""
    from semak.archive.models import ArchiveDocument, ArchiveFile
    from semak.audit import ACTIONS, record
    from semak.models import AuditEvent, Claim, Correction

    loose = db.query(ArchiveDocument).filter_by(claim_key=None).one()
    loose.assignment_reason = "no IC number on it or beside it"  # as semak.archive.grouping
    for n, (code, message) in enumerate(
        [("encrypted_pdf", "The PDF is encrypted."), ("JobTimeoutException", "Task exceeded")]
    ):
        db.add(
            ArchiveFile(
                batch_id=loose.batch_id, path=f"stack_00{n + 2}.pdf", sha256=str(n) * 64,
                storage_key=f"f{n}", pages_total=0, pages_done=0, status="failed",
                error_code=code, error_message=message,
            )
        )  # fmt: skip

    a = make_claim(people.employer_a.id, "MS-A", _report())
    b = make_claim(people.employer_b.id, "MS-B")  # same IC and period: an overlap signal
    assert set(DETAILS) == set(ACTIONS), "a detail for every declared action"
    for action, detail in DETAILS.items():
        record(db, claim_id=a.claim_id, user_id=people.officer.id, action=action, detail=detail)
    db.add(AuditEvent(claim_id=a.claim_id, user_id=None, action="reverified", detail={}))
    for key, old, new in (  # an officer's corrections: listed on the claim, counted for accuracy
        ("doc_type", "medical_report", "medical_certificate"),
        ("mc_days", "6", "5"),
        ("dates.mc_start", None, "2026-10-02"),
        ("ic_number", "870903106231", "870903-10-6231"),
    ):
        db.add(
            Correction(
                claim_id=a.claim_id, document_file="mc.png", document_pages=[1],
                doc_type="medical_certificate", field=key, old_value=old, new_value=new,
                user_id=people.officer.id,
            )
        )  # fmt: skip
    failed = make_claim(people.employer_a.id, "MS-FAILED", _report())
    stuck = db.get(Claim, failed.claim_id)
    stuck.status, stuck.status_reason = "failed", "OcrTimeout: page 3 took over 120 s"
    db.commit()
    del b
    return {"claim": a.public_id, "failed": failed.public_id, "batch": batch, "ic": INSURED_IC}


PAGES = {
    "officer@perkeso.gov.my": [
        "/officer/queue",
        "/officer/queue?q=MS-A",
        "/officer/queue?include_decided=1",
        "/officer/claims/{claim}",
        "/officer/claims/{failed}",
        "/officer/accuracy",
        "/officer/signals",
        "/officer/archive",
        "/officer/archive/{batch}",
        "/officer/archive/{batch}/claims/A0001",
        "/officer/archive/nope",  # not found
        "/admin/users",  # not allowed
    ],
    "a@employer-a.my": [
        "/employer/claims",
        "/employer/claims/new",
        "/employer/claims/{claim}",
        "/employer/claims/{failed}",
        "/officer/queue",  # not allowed
    ],
    "admin@perkeso.gov.my": ["/admin/users", "/admin/organisations"],
}


# what the scene put on a page, there to be read (so the check reads it, in Malay)
SHOWN = {
    "/officer/claims/{claim}": ('id="corrections"', "Melihat halaman 1 dokumen", "Sistem"),
    "/officer/accuracy": ('id="acc-fields"', "Mula cuti sakit"),
    "/officer/archive/{batch}": ("PDF yang dikunci dengan kata laluan", "tidak dapat dibaca"),
    "/employer/claims/{failed}": ("Pembacaan terhenti kerana ralat",),
}


@pytest.mark.parametrize(
    ("who", "path"), [(who, path) for who, paths in PAGES.items() for path in paths]
)
def test_the_page_is_all_malay(
    who: str, path: str, scene: dict[str, str], as_user: Callable[[str], Any]
) -> None:
    client = as_user(who)
    client.post("/language", data={"lang": "ms"})
    resp = client.get(path.format(**scene))
    assert resp.status_code in (200, 403, 404), resp.status_code
    page = resp.get_data(as_text=True)
    assert 'lang="ms"' in page
    text = visible(page)
    found = problems(text)
    assert found == [], context(text, found)
    for shown in SHOWN.get(path, ()) if who != "a@employer-a.my" or "employer" in path else ():
        assert shown in page, shown


def test_the_login_page_is_all_malay(app: Any) -> None:
    client = app.test_client()
    client.post("/language", data={"lang": "ms"})
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="ms"' in page and problems(visible(page)) == []
    wrong = client.post("/login", data={"email": "x@y.my", "password": "nope"})
    assert problems(visible(wrong.get_data(as_text=True))) == []


def test_the_checks_find_what_they_look_for() -> None:
    """The checks themselves: each kind of leak is caught, Malay text and the data are not."""
    page = (
        '<main title="Status"><p>Log masuk</p><h1>Laporan tuntutan</h1>'
        "<p>ic_number p.1 MISSING_DOCUMENT</p>"
        "<p>Findings of the claim</p><p>a@employer-a.my mc.png MUHAMMAD HAFIZ BIN ISMAIL</p>"
        '<input placeholder="Search"></main>'
    )
    found = problems(visible(page))
    assert found == [
        "MISSING_DOCUMENT",
        "ic_number",
        "p.1",
        "english:Findings",
        "english:Search",
        "english:claim",
        "english:of",
        "english:the",
    ]
    assert problems(visible("<p>Dapatan tuntutan: Dokumen tiada (halaman 1). English</p>")) == []


def _malay(client: Any) -> Any:
    client.post("/language", data={"lang": "ms"})
    return client


def _check(page: str) -> None:
    text = visible(page)
    found = problems(text)
    assert found == [], context(text, found)


def test_refused_forms_answer_in_malay(
    scene: dict[str, str], as_user: Callable[[str], Any], people: Any
) -> None:
    """What a person reads when a form is refused: the form's errors and the flashed reason."""
    employer = _malay(as_user("a@employer-a.my"))
    resp = employer.post("/employer/claims/new", data={"claim_type": "temporary_disablement"})
    assert resp.status_code == 400
    _check(resp.get_data(as_text=True))
    bad_ic = {"claim_type": "temporary_disablement", "insured_name": "A", "insured_ic": "12345"}
    _check(employer.post("/employer/claims/new", data=bad_ic).get_data(as_text=True))
    officer = _malay(as_user("officer@perkeso.gov.my"))
    url = f"/officer/claims/{scene['claim']}"
    for form in (
        {"decision": "maybe"},
        {"document": "0", "field": "ic_number", "value": "12345"},
        {"submitted_on": "2999-01-01"},
    ):
        action = {"decision": "decision", "document": "corrections", "submitted_on": "received"}
        officer.post(f"{url}/{action[next(iter(form))]}", data=form)
        _check(officer.get(url).get_data(as_text=True))
    admin = _malay(as_user("admin@perkeso.gov.my"))
    for form in (
        {"email": "not-an-address", "role": "officer", "password": "short"},
        {"email": "a@employer-a.my", "role": "employer", "password": "long enough password"},
        {"email": "new@employer-c.my", "role": "employer", "password": "long enough password"},
    ):
        _check(admin.post("/admin/users", data=form).get_data(as_text=True))


@pytest.mark.parametrize(
    ("who", "path"), [(who, path) for who, paths in PAGES.items() for path in paths]
)
def test_the_page_in_english_shows_no_raw_key_or_code(
    who: str, path: str, scene: dict[str, str], as_user: Callable[[str], Any]
) -> None:
    client = as_user(who)
    client.post("/language", data={"lang": "en"})
    text = visible(client.get(path.format(**scene)).get_data(as_text=True))
    raw = [item for item in problems(text) if not item.startswith("english:")]
    assert raw == [], context(text, raw)


def test_a_refused_request_is_a_page_in_the_readers_language(make_app: Any, people: Any) -> None:
    """An expired or missing form token (CSRF) is a 400 page in Malay, not Werkzeug's."""
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    headers = {"Accept-Language": "ms"}
    resp = client.post("/login", data={"email": "a@employer-a.my"}, headers=headers)
    assert resp.status_code == 400
    page = resp.get_data(as_text=True)
    assert "Borang ini telah tamat tempoh" in page and 'lang="ms"' in page
    text = visible(page)
    assert problems(text) == [], context(text, problems(text))


def test_the_services_refusals_reach_the_employer_in_malay(
    people: Any, as_user: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service refuses in English for the API and the logs (semak.claims); the portal says
    it by the refusal's code, in the reader's language, whatever the code."""
    from web_helpers import page_png

    from semak.errors import ClaimBusy, QueueUnavailable
    from semak.web import portal

    employer = as_user("a@employer-a.my")
    employer.post("/language", data={"lang": "ms"})
    form = {
        "claim_type": "temporary_disablement",
        "insured_name": "MUHAMMAD HAFIZ BIN ISMAIL",
        "insured_ic": INSURED_IC,
        "accident_date": "2026-10-02",
        "accident_kind": "workplace",
    }
    for error, malay in (
        (ClaimBusy("another upload is changing this claim; try again"), "Muat naik lain"),
        (QueueUnavailable("the queue is down"), "Tuntutan tidak dapat disimpan"),
    ):

        def refuse(*_args: Any, exc: Exception = error) -> None:
            raise exc

        monkeypatch.setattr(portal, "create_claim", refuse)
        files = {"files": (io.BytesIO(page_png()), "mc.png")}
        resp = employer.post("/employer/claims/new", data={**form, **files})
        page = resp.get_data(as_text=True)
        assert malay in page, page[-2000:]
        text = visible(page)
        assert problems(text) == [], context(text, problems(text))
