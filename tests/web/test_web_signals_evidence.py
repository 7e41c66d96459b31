"""Cross-claim "same medical certificate" signals rest on evidence (issue #22 item 2): the same
file, or the same content read from it (patient IC, leave dates, clinic); a look-alike template
(two clinics' MCs with one perceptual hash) is no signal. The evidence shows side by side."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from web_helpers import REPORT

pytestmark = pytest.mark.redis

OTHER_IC = "900101-14-5678"


def _mc_report(ic: str, clinic: str, start: str, end: str, phash: str) -> dict[str, Any]:
    r = copy.deepcopy(REPORT)
    r["verdict"] = "needs_review"
    doc = r["documents"][0]
    doc["fields"]["ic_number"] = ic
    doc["fields"]["dates"] = {"mc_start": start, "mc_end": end}
    doc["extra_fields"] = {"clinic": clinic}
    doc["perceptual_hashes"] = [phash]
    return r


@pytest.fixture
def officer(people: Any, as_user: Any) -> Any:
    return as_user("officer@perkeso.gov.my")


def _signals(db: Any, public_id: str) -> list[Any]:
    from sqlalchemy import select

    from semak.models import Claim, Signal

    db.expire_all()
    claim = db.scalar(select(Claim).where(Claim.public_id == public_id))
    return list(db.scalars(select(Signal).where(Signal.claim_id == claim.id)))


def test_a_look_alike_template_of_two_people_and_clinics_is_no_signal(
    officer: Any, people: Any, make_claim: Any, db: Any
) -> None:
    template = "c3c3c3c33c3c3c3c"  # one clinic chain's MC layout: the same pHash on both
    a = make_claim(
        people.employer_a.id,
        "LOOK-A",
        _mc_report(REPORT["documents"][0]["fields"]["ic_number"], "KLINIK ALAM", "2026-10-02",
                   "2026-10-06", template),
    )  # fmt: skip
    b = make_claim(
        people.employer_b.id,
        "LOOK-B",
        _mc_report(OTHER_IC, "POLIKLINIK BERSATU", "2026-10-03", "2026-10-04", template),
        insured_ic=OTHER_IC,
        insured_name="SITI AMINAH BINTI ABU",
    )
    html = officer.get(f"/officer/claims/{a.public_id}").get_data(as_text=True)
    assert "LOOK-B" not in html and 'id="signals"' not in html
    assert _signals(db, a.public_id) == [] and _signals(db, b.public_id) == []


def test_the_same_file_in_two_claims_is_a_signal_on_both(
    officer: Any, people: Any, make_claim: Any, db: Any
) -> None:
    unread = copy.deepcopy(REPORT)  # the second reading got nothing but the type
    unread["documents"][0]["fields"] = {}
    unread["documents"][0]["perceptual_hashes"] = ["0000000000000000"]
    a = make_claim(people.employer_a.id, "FILE-A", file_lines=["ONE SCAN"])
    b = make_claim(people.employer_a.id, "FILE-B", unread, file_lines=["ONE SCAN"])
    html = officer.get(f"/officer/claims/{b.public_id}").get_data(as_text=True)
    assert "identical bytes" in html and "FILE-A" in html
    (sig,) = _signals(db, b.public_id)
    assert (sig.kind, sig.detail["basis"]) == ("same_document", "same_file")
    (back,) = _signals(db, a.public_id)
    assert back.detail["basis"] == "same_file"


def test_the_same_content_rescanned_is_a_signal_with_the_evidence_side_by_side(
    officer: Any, people: Any, make_claim: Any, db: Any
) -> None:
    ic = REPORT["documents"][0]["fields"]["ic_number"]
    first = _mc_report(ic, "KLINIK ALAM", "2026-10-02", "2026-10-06", "0000000000000000")
    again = _mc_report(ic, "Klinik Alam.", "2026-10-02", "2026-10-06", "ffffffffffffffff")
    again["documents"][0]["fields"]["mc_days"] = 4  # read differently: shown as differing
    a = make_claim(people.employer_a.id, "SCAN-A", first)
    b = make_claim(people.employer_a.id, "SCAN-B", again, file_lines=["PHOTOCOPY"])
    html = officer.get(f"/officer/claims/{a.public_id}").get_data(as_text=True)
    (sig,) = _signals(db, a.public_id)
    assert (sig.kind, sig.detail["basis"]) == ("same_document", "same_content")
    section = html.split('id="signals"', 1)[1].split("</section>", 1)[0]
    assert "same patient IC and the same leave dates" in section
    table = section.split('class="list signal-evidence"', 1)[1]
    assert "KLINIK ALAM" in table and "Klinik Alam." in table
    assert table.count("2026-10-06") == 2 and 'class="ev-differs"' in table
    assert (
        f"#page-{a.doc_id}-1" in table
        and f"/officer/claims/{b.public_id}#page-{b.doc_id}-1" in table
    )


def test_another_persons_mc_with_the_same_dates_is_no_signal(
    officer: Any, people: Any, make_claim: Any, db: Any
) -> None:
    ic = REPORT["documents"][0]["fields"]["ic_number"]
    a = make_claim(
        people.employer_a.id,
        "DATE-A",
        _mc_report(ic, "KLINIK ALAM", "2026-10-02", "2026-10-06", "0000000000000000"),
    )
    make_claim(
        people.employer_a.id,
        "DATE-B",
        _mc_report(OTHER_IC, "KLINIK ALAM", "2026-10-02", "2026-10-06", "ffffffffffffffff"),
        insured_ic=OTHER_IC,
    )
    officer.get(f"/officer/claims/{a.public_id}")
    assert _signals(db, a.public_id) == []
