"""Warnings that rest on the insured: NAME_MISMATCH and IC_MISMATCH come only from the
insured's values; a doubtful read (unsure, or a lone read the rest of the bundle contradicts)
that is somebody else's in the bundle, or no name at all, is held back for the officer."""

from __future__ import annotations

import jsonschema
from verifier_helpers import IC, NAME, SHARED_SPEC, codes, complete_docs, doc, run

from intake.models import Document, Person

WITNESS, WITNESS_IC = "AHMAD FAUZI BIN HAMID", "790214-08-5562"


def _with_witness(docs: list[Document]) -> list[Document]:
    form = next(d for d in docs if d.doc_type == "form_34")
    form.people = [Person("witness", WITNESS, WITNESS_IC)]
    return docs


def _unconfirmed(report: dict) -> list[tuple[str, str]]:
    return [(f["code"], f["why"]) for f in report.get("unconfirmed_findings", [])]


def test_other_people_never_feed_the_identity_checks() -> None:
    docs = _with_witness(complete_docs())
    report = run(docs)
    assert "NAME_MISMATCH" not in codes(report) and "IC_MISMATCH" not in codes(report)
    form = next(d for d in report["documents"] if d["doc_type"] == "form_34")
    assert form["people"] == [{"role": "witness", "name": WITNESS, "ic_number": WITNESS_IC}]
    assert form["fields"]["name"] == NAME
    schema = (SHARED_SPEC / "report.schema.json").read_text(encoding="utf-8")
    jsonschema.validate(report, __import__("json").loads(schema))


def test_a_lone_read_of_the_witness_name_is_held_back() -> None:
    """An attendance record that (by a misread layout) gives the witness's name, while four
    documents print the insured's: the name is the witness's, not a different insured."""
    extra = doc("attendance_record", file="att2.jpg", name=WITNESS, ic=None)
    report = run([*_with_witness(complete_docs()), extra])
    assert "NAME_MISMATCH" not in codes(report)
    assert [c for c, _ in _unconfirmed(report)] == ["NAME_MISMATCH"]
    assert "witness (form_34.jpg)" in _unconfirmed(report)[0][1]
    assert report["verdict"] == "complete"


def test_a_lone_read_of_a_stranger_is_still_raised() -> None:
    extra = doc("attendance_record", file="att2.jpg", name="SITI AMINAH BINTI YUSOF", ic=None)
    report = run([*_with_witness(complete_docs()), extra])
    assert "NAME_MISMATCH" in codes(report)
    assert _unconfirmed(report) == []


def test_the_witness_name_on_two_clean_reads_is_raised() -> None:
    """Not a lone read: two documents agree on the other name; the officer must see it."""
    extras = [
        doc("attendance_record", file="att2.jpg", name=WITNESS, ic=None),
        doc("police_report", file="pol.jpg", name=WITNESS, ic=None),
    ]
    report = run([*_with_witness(complete_docs()), *extras])
    assert "NAME_MISMATCH" in codes(report)


def test_a_lone_read_of_the_witness_ic_is_held_back() -> None:
    extra = doc("police_report", file="pol.jpg", name=None, ic=WITNESS_IC)
    report = run([*_with_witness(complete_docs()), extra])
    assert "IC_MISMATCH" not in codes(report)
    assert [c for c, _ in _unconfirmed(report)] == ["IC_MISMATCH"]


def test_a_lone_read_of_another_ic_nobody_names_is_raised() -> None:
    extra = doc("police_report", file="pol.jpg", name=None, ic="850505-05-5055")
    report = run([*_with_witness(complete_docs()), extra])
    assert "IC_MISMATCH" in codes(report)


def test_a_label_read_as_a_name_is_held_back() -> None:
    extra = doc("attendance_record", file="att2.jpg", name="Name as in MyKad", ic=IC)
    report = run([*complete_docs(), extra])
    assert "NAME_MISMATCH" not in codes(report)
    assert _unconfirmed(report) and _unconfirmed(report)[0][0] == "NAME_MISMATCH"
