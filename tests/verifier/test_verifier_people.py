"""Warnings that rest on the insured: NAME_MISMATCH and IC_MISMATCH come only from the
insured's values; a doubtful read (unsure, or a lone read the rest of the bundle contradicts)
that is somebody else's in the bundle, or no name at all, is held back for the officer."""

from __future__ import annotations

from dataclasses import replace

import jsonschema
import pytest
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


def test_a_one_word_reading_is_no_persons_name_and_is_held_back() -> None:
    """A MyKad copy read clean as one word ("KASKIM": the rest of the card's name lost): no
    person's name to compare, so no NAME_MISMATCH; the officer sees which document read what."""
    extra = doc("mykad", file="scan_0042.png", name="KASKIM", ic=IC)
    report = run([*complete_docs(), extra])
    assert "NAME_MISMATCH" not in codes(report)
    (code, why), *_ = _unconfirmed(report)
    assert code == "NAME_MISMATCH" and "scan_0042.png" in why and "'KASKIM'" in why


def test_an_institutions_name_on_two_documents_is_held_back() -> None:
    """Not a lone read, but no person's name either (domain.md 4.2 "Klinik Kesihatan")."""
    extras = [
        doc("attendance_record", file="att2.jpg", name="KLINIK KESIHATAN BANGI", ic=None),
        doc("police_report", file="pol.jpg", name="KLINIK KESIHATAN BANGI", ic=None),
    ]
    report = run([*complete_docs(), *extras])
    assert "NAME_MISMATCH" not in codes(report)
    assert [c for c, _ in _unconfirmed(report)] == ["NAME_MISMATCH"]


def test_a_raised_name_mismatch_says_which_document_read_which_name() -> None:
    extra = doc("attendance_record", file="att2.jpg", name="SITI AMINAH BINTI YUSOF", ic=None)
    report = run([*complete_docs(), extra])
    (finding,) = [f for f in report["findings"] if f["code"] == "NAME_MISMATCH"]
    (reading,) = finding["details"]["readings"]
    assert reading["file"] == "att2.jpg" and reading["reading"] == "SITI AMINAH BINTI YUSOF"
    assert reading["page"] == 1 and reading["not_a_name"] is None
    schema = (SHARED_SPEC / "report.schema.json").read_text(encoding="utf-8")
    jsonschema.validate(report, __import__("json").loads(schema))


@pytest.mark.parametrize(
    ("insured", "read"),
    [("ALI BIN ABU", "ALI 8lN ABU"), ("SITI BINTI ABU", "SITI 8lNTl ABU")],
)  # fmt: skip
def test_a_particle_ocr_damaged_is_no_other_person(insured: str, read: str) -> None:
    """domain.md 5.2's particles bin and binti as OCR misreads them (letters confused): in a
    short name they weigh enough to pass for a different person."""
    docs = complete_docs()
    for d in docs:
        d.fields["name"] = replace(d.fields["name"], value=insured, raw=insured)
    docs[-1].fields["name"] = replace(docs[-1].fields["name"], value=read, raw=read)
    report = run(docs, insured_name=insured)
    assert "NAME_MISMATCH" not in codes(report)
    assert _unconfirmed(report) == []
