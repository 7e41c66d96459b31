"""The portal's re-verification after a correction runs the rules on the claim's stored
reading (``semak.reports.load_reading``), never on intake objects rebuilt from the report, and
saves the report as the job does (``semak.reports.save_report``: verdict, deadline)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

pytestmark = pytest.mark.redis


@pytest.fixture
def officer(people: Any, as_user: Callable[[str], Any]) -> Any:
    return as_user("officer@perkeso.gov.my")


def _correct(officer: Any, claim: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from semak.web import portal

    reruns: list[str] = []
    monkeypatch.setattr(portal, "rerun", lambda claim: reruns.append(claim.public_id))
    resp = officer.post(
        f"/officer/claims/{claim.public_id}/corrections",
        data={"document": "0", "field": "mc_days", "value": "4"},
    )
    assert resp.status_code == 302
    return reruns


def test_the_rules_run_again_on_the_stored_reading_with_its_pages(
    officer: Any, claim_a: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak.models import Claim

    assert _correct(officer, claim_a, monkeypatch) == []
    db.expire_all()
    claim = db.get(Claim, claim_a.claim_id)
    new = claim.reports[-1].data
    # the reading's one page is in the report, as in the job's report (a report rebuilt from
    # the report's documents had no pages: "pages": 0 and no page list)
    assert new["files"] == [{"file": "mc.png", "pages": 1, "error_code": None}]
    assert [(p["file"], p["page"]) for p in new["pages"]] == [("mc.png", 1)]
    # the corrected value, and the claim's deadline from the new report by the one rule
    (mc,) = new["documents"]
    assert mc["fields"]["mc_days"] == 4
    assert claim.deadline == date.fromisoformat(new["deadline"]["last_day"])
    assert claim.verdict == new["verdict"]


def test_a_claim_without_a_whole_reading_is_read_again(
    officer: Any, claim_a: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from semak.models import Claim, StoredDocument

    doc = db.get(StoredDocument, claim_a.doc_id)
    # stored before readings were kept whole: the viewer's word boxes only
    doc.result = {"pages": [{"number": 1, "width": 800, "height": 600, "words": []}]}
    db.commit()
    assert _correct(officer, claim_a, monkeypatch) == [claim_a.public_id]
    db.expire_all()
    assert len(db.get(Claim, claim_a.claim_id).reports) == 1  # no report from the report
