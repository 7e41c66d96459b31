"""Migration 0006: claims.data["corrections"] goes; entries no officer's row stands behind
(a submitter's forgery) are not moved into rows, and the claim's audit trail counts them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from semak.db import make_engine, upgrade
from semak.models import AuditEvent, Claim, Correction, Organisation, User

ENTRY = {"file": "mc.png", "pages": [1], "field": "mc_days", "value": "4"}
FORGED = {"file": "mc.png", "pages": [1], "field": "doc_type", "value": "form_34"}


def _claim(s: Session, org: Organisation, n: int, entries: list[dict]) -> Claim:
    claim = Claim(public_id=f"00000000-0000-4000-8000-00000000000{n}", reference=f"C-{n}",
                  organisation_id=org.id, claim_type="temporary_disablement",
                  data={"claim_type": "temporary_disablement", "corrections": entries},
                  insured_ic="870903106231")  # fmt: skip
    s.add(claim)
    s.flush()
    return claim


def test_corrections_leave_claim_data_and_forged_ones_are_audited(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0005_retention_purged_at")
    with Session(engine) as s:
        org = Organisation(name="Demo", employer_code="E1")
        s.add(org)
        s.flush()
        officer = User(email="o@perkeso.gov.my", role="officer")
        s.add(officer)
        s.flush()
        copied = _claim(s, org, 1, [ENTRY])  # the portal wrote the row and this copy
        s.add(Correction(claim_id=copied.id, document_file="mc.png", document_pages=[1],
                         doc_type="medical_certificate", field="mc_days", old_value="5",
                         new_value="4", user_id=officer.id))  # fmt: skip
        forged = _claim(s, org, 2, [FORGED, {**ENTRY, "value": "9"}])  # the submitter's
        ids = (copied.id, forged.id)
        s.commit()

    upgrade(engine, "head")
    with Session(engine) as s:
        for claim_id in ids:
            claim = s.get(Claim, claim_id)
            assert claim is not None and claim.data == {"claim_type": "temporary_disablement"}
        rows = s.scalars(select(Correction)).all()
        assert [(r.claim_id, r.new_value) for r in rows] == [(ids[0], "4")]  # none moved in
        events = s.scalars(select(AuditEvent)).all()
        assert [(e.claim_id, e.action, e.detail) for e in events] == [
            (ids[1], "forged_corrections_dropped", {"entries": 2})
        ]
    engine.dispose()
