"""Migration 0007: the look-alike "same medical certificate" signals (no ``basis``) go, the
ones resting on evidence stay; fingerprints are taken again, ``compared`` markers kept."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from semak.db import make_engine, upgrade
from semak.models import Claim, Fingerprint, Organisation, Report, Signal


def test_look_alike_signals_and_old_fingerprints_go(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0006_input_corrections")
    with Session(engine) as s:
        org = Organisation(name="Demo", employer_code="E1")
        s.add(org)
        s.flush()
        a, b = (
            Claim(public_id=f"00000000-0000-4000-8000-00000000000{n}", reference=f"C-{n}",
                  organisation_id=org.id, claim_type="temporary_disablement", data={},
                  insured_ic="870903106231")
            for n in (1, 2)
        )  # fmt: skip
        s.add_all([a, b])
        s.flush()
        report = Report(claim_id=a.id, data={}, verdict="complete")
        s.add(report)
        s.flush()
        s.add_all(
            [
                Signal(claim_id=a.id, other_claim_id=b.id, kind="same_document",
                       detail={"doc_type": "medical_certificate"}),
                Signal(claim_id=a.id, other_claim_id=b.id, kind="same_document",
                       detail={"doc_type": "medical_certificate", "basis": "same_file"}),
                Signal(claim_id=a.id, other_claim_id=b.id, kind="overlap", detail={}),
            ]
        )  # fmt: skip
        for kind, value in [("mc_phash", "c3c3"), ("period", "2026-10-02/"), ("compared", "")]:
            s.add(Fingerprint(claim_id=a.id, report_id=report.id, kind=kind, value=value))
        s.commit()

    upgrade(engine, "head")
    with Session(engine) as s:
        kept = s.scalars(select(Signal).order_by(Signal.id)).all()
        assert [(g.kind, g.detail.get("basis")) for g in kept] == [
            ("same_document", "same_file"),
            ("overlap", None),
        ]
        assert [f.kind for f in s.scalars(select(Fingerprint))] == ["compared"]
    engine.dispose()
