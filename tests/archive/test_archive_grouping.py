"""Grouping unit tests on fake document lists: IC, name, references, dates, separators,
companions, unassigned, claim types."""

from __future__ import annotations

from datetime import date, timedelta

from semak.archive.grouping import DocInfo, group_documents, infer_claim_type, same_name

IC_A = "910702416985"
IC_B = "840229432870"
IC_C = "780121462357"
D0 = date(2025, 3, 1)


def doc(n: int, doc_type: str = "medical_certificate", **kw: object) -> DocInfo:
    file = int(kw.pop("file", 0))  # type: ignore[call-overload]
    return DocInfo(id=n, order=(file, n), doc_type=doc_type, **kw)  # type: ignore[arg-type]


def groups(docs: list[DocInfo]) -> list[list[int]]:
    return [g.doc_ids for g in group_documents(docs).groups]


def test_consecutive_claims_split_where_the_ic_changes() -> None:
    docs = [
        doc(1, "form_34", ic=IC_A, dates=(D0,)),
        doc(2, ic=IC_A, dates=(D0,)),
        doc(3, "form_34", ic=IC_B, dates=(D0,)),
        doc(4, ic=IC_B, dates=(D0,)),
    ]
    assert groups(docs) == [[1, 2], [3, 4]]
    g = group_documents(docs)
    assert [x.ic for x in g.groups] == [IC_A, IC_B]
    assert not g.unassigned


def test_documents_without_an_ic_follow_by_name_and_position() -> None:
    docs = [
        doc(1, "form_34", ic=IC_A, name="AHMAD BIN OTHMAN"),
        doc(2, "attendance_record", name="ENCIK AHMAD B. OTHMAN"),  # same person, no IC
        doc(3, "sketch_map"),  # names nobody: stays with the claim it was scanned with
        doc(4, "form_34", ic=IC_B, name="LIEW PEI SAN"),
    ]
    assert groups(docs) == [[1, 2, 3], [4]]


def test_one_misread_digit_is_the_same_ic_and_a_claim_split_over_files_merges() -> None:
    typo = IC_A[:5] + "9" + IC_A[6:]
    docs = [
        doc(1, "form_34", ic=IC_A, dates=(D0,), file=0),
        doc(2, ic=typo, dates=(D0,), file=0),
        doc(3, "form_34", ic=IC_B, dates=(D0,), file=0),
        doc(4, ic=IC_A, dates=(D0 + timedelta(days=5),), file=1),  # box 2 goes on with A
    ]
    assert groups(docs) == [[1, 2, 4], [3]]


def test_same_person_far_apart_in_time_is_two_claims() -> None:
    later = D0 + timedelta(days=900)
    docs = [
        doc(1, "form_34", ic=IC_A, dates=(D0,)),
        doc(2, ic=IC_A, dates=(D0,)),
        doc(3, "form_34", ic=IC_A, dates=(later,)),
        doc(4, ic=IC_A, dates=(later,)),
    ]
    assert groups(docs) == [[1, 2], [3, 4]]


def test_separator_sheets_end_a_claim_even_without_identity() -> None:
    docs = [
        doc(1, "form_34", ic=IC_A),
        doc(2, "sketch_map"),
        doc(3, "sketch_map", separator_before=True),  # belongs to the next claim
        doc(4, "form_34", ic=IC_B),
    ]
    assert groups(docs) == [[1, 2], [3, 4]]


def test_references_decide_for_documents_without_identity() -> None:
    docs = [
        doc(1, "form_34", ic=IC_A, employer_code="E100"),
        doc(2, "wage_statement", employer_code="E100"),
        doc(3, "form_34", ic=IC_B, employer_code="E200", separator_before=True),
        doc(4, "wage_statement", claim_ref="C20250001"),
        doc(5, "attendance_record", claim_ref="C20250001"),
    ]
    assert groups(docs) == [[1, 2], [3, 4, 5]]


def test_a_claimants_mykad_accompanies_the_death_claim() -> None:
    docs = [
        doc(1, "form_34", ic=IC_A, name="ALI BIN ABU", notice_type="death"),
        doc(2, "death_certificate", ic=IC_A, name="ALI BIN ABU"),
        doc(3, "mykad", ic=IC_C, name="SITI BINTI HASSAN"),  # the widow's card
        doc(4, "bank_statement", name="SITI BINTI HASSAN"),
        doc(5, "form_34", ic=IC_B, name="LIEW PEI SAN", separator_before=True),
    ]
    g = group_documents(docs)
    assert [x.doc_ids for x in g.groups] == [[1, 2, 3, 4], [5]]
    assert g.groups[0].ic == IC_A
    assert g.groups[0].claim_type == "survivors_pension"


def test_what_cannot_be_grouped_is_unassigned_never_dropped() -> None:
    docs = [
        doc(1, "sketch_map"),  # a stretch with no IC anywhere
        doc(2, "other"),
        doc(3, "form_34", ic=IC_A, separator_before=True),
        doc(4, "other", readable=False),  # unreadable, between two claims
        doc(5, "form_34", ic=IC_B, name="LIEW PEI SAN"),
        doc(6, "other", readable=False),  # unreadable inside claim B
        doc(7, ic=IC_B),
    ]
    g = group_documents(docs)
    assert [x.doc_ids for x in g.groups] == [[3], [5, 6, 7]]
    assert [u for u, _ in g.unassigned] == [1, 2, 4]
    placed = {i for x in g.groups for i in x.doc_ids} | {u for u, _ in g.unassigned}
    assert placed == {d.id for d in docs}
    assert all(reason for _, reason in g.unassigned)


def test_claim_types_from_the_documents() -> None:
    def kind(*types: str, notice: str | None = None) -> str | None:
        docs = [doc(i, t, notice_type=notice if t == "form_34" else None)
                for i, t in enumerate(types)]  # fmt: skip
        return infer_claim_type(docs)[0]

    assert kind("form_34", "medical_certificate", notice="accident") == "temporary_disablement"
    assert kind("form_21", "form_10") == "temporary_disablement"
    assert kind("form_69", "medical_report") == "occupational_disease"
    assert kind("form_34", notice="occupational_disease") == "occupational_disease"
    assert kind("form_34", "medical_report", notice="invalidity") == "invalidity_pension"
    assert kind("form_34", "permanent_disablement_application") == "permanent_disablement"
    assert kind("termination_letter", "mykad") == "job_loss"
    assert kind("form_34", "death_certificate", "police_report") == "dependants_benefit"
    assert kind("mykad", "bank_statement") is None


def test_occupational_disease_bundles_are_not_taken_for_accidents() -> None:
    """The sample bundles' shapes (sample_docs/bundles/od_*): a Borang 34 whose notice box was
    not read, with a medical report and nothing of an accident, is a disease claim; a Borang 68
    read poorly is still a Borang 68 (issue #22, item 7)."""

    def kind(*docs: DocInfo) -> str | None:
        return infer_claim_type(docs)[0]

    assert kind(doc(1, "mykad"), doc(2, "medical_report"), doc(3, "form_34")) == (
        "occupational_disease"
    )
    assert kind(doc(1, "form_10"), doc(2, "medical_report"), doc(3, "mykad")) == (
        "occupational_disease"
    )
    faint_68 = doc(2, "form_68", readable=False)
    assert kind(doc(1, "form_34"), faint_68, doc(3, "medical_certificate")) == (
        "occupational_disease"
    )
    legacy = (doc(1, "medical_report"), doc(2, "form_10"), doc(3, "form_69"), doc(4, "mykad"))
    assert kind(*legacy, doc(5, "medical_certificate")) == "occupational_disease"
    # an accident's papers keep the bundle an accident, a medical report or not
    assert kind(doc(1, "form_34"), doc(2, "medical_report"), doc(3, "medical_certificate")) == (
        "temporary_disablement"
    )
    assert kind(doc(1, "form_34"), doc(2, "medical_report"), doc(3, "police_report")) == (
        "temporary_disablement"
    )
    unread = doc(1, "other", readable=False)
    assert kind(unread, doc(2, "mykad")) is None


def test_names_match_across_spelling_variants_and_ocr_noise() -> None:
    assert same_name("MUHAMMAD HAFIZ BIN ISMAIL", "Muhammad Hafiz B. Ismail")
    assert same_name("PUAN LIEW PEI SAN eee", "LIEW PEI SAN")
    assert same_name("ENCIKMUHAMMADHAFIZBINAWANG", "MUHAMMAD HAFIZ BIN AWANG")
    assert not same_name("LIEW PEI SAN", "GANESAN A/L RAMASAMY")
