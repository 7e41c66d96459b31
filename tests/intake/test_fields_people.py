"""People in their roles: only the insured's name and IC feed the fields, everybody else a form
names (the employer's certifying officer, a witness, the doctor, the informant, whoever
certified a copy) is kept with their role. Page texts use the real wording of PERKESO's claim
screens and of the JPN death certificate (../shared/reference/real-labels.md, domain.md 4),
in Malay and English, values right of their label and under it."""

from __future__ import annotations

import pytest

from intake.classify import rules
from intake.fields.extract import extract, people
from intake.fields.labels import is_label_text, is_prose, lexicon_data
from intake.fields.text import DocText
from intake.models import DocType, Document, Page

T = DocType


def _read(
    text: str, doc_type: DocType
) -> tuple[dict[str, str], list[tuple[str, str | None, str | None]]]:
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    labels = rules().field_labels
    fields, _ = extract(dt, doc_type, labels)
    found = [(p.role, p.name, p.ic_number) for p in people(dt, doc_type, labels)]
    return {k: str(f.value) for k, f in fields.items() if k in ("name", "ic_number")}, found


INSURED = {"name": "NORAZLAN BIN ABU BAKAR", "ic_number": "870903-10-6231"}

# Borang 34: the insured's part, then the employer's certification (real-labels.md
# "Perakuan Majikan": the Nama there is the employer's officer, never the insured).
FORM_34_MS = """BORANG 34
BUTIRAN NOTIS DAN TUNTUTAN FAEDAH
MAKLUMAT ORANG BERINSURANS
Nama : NORAZLAN BIN ABU BAKAR
No. Kad Pengenalan : 870903-10-6231
MAKLUMAT NOTIS KEMALANGAN
Tarikh Kemalangan : 03/03/2026
Nama Saksi (jika ada) : AHMAD FAUZI BIN HAMID
PERAKUAN MAJIKAN
Saya memperakui bahawa sepanjang pengetahuan dan kepercayaan saya bahawa semua butiran yang
dinyatakan adalah benar.
Tandatangan :
Nama : SITI AMINAH BINTI YUSOF
Jawatan : PENGURUS SUMBER MANUSIA
No. K/P : 790214-08-5562
Tarikh : 05/03/2026
"""

# The English form, every value under its label.
FORM_34_EN = """FORM 34
PARTICULARS OF INSURED PERSON
Name
NORAZLAN BIN ABU BAKAR
Identity Card No.
870903-10-6231
WITNESS
Name
AHMAD FAUZI BIN HAMID
EMPLOYER'S CERTIFICATION
I certify that to the best of my knowledge all particulars given are true.
Name
SITI AMINAH BINTI YUSOF
Designation
HUMAN RESOURCE MANAGER
Identity Card No.
790214-08-5562
"""


@pytest.mark.parametrize("text", [FORM_34_MS, FORM_34_EN], ids=["malay-right", "english-under"])
def test_form_keeps_the_insured_and_names_the_certifier_and_witness(text: str) -> None:
    fields, found = _read(text, T.FORM_34)
    assert fields == INSURED
    assert ("employer_certifier", "SITI AMINAH BINTI YUSOF", "790214-08-5562") in found
    assert ("witness", "AHMAD FAUZI BIN HAMID", None) in found
    assert all(name != INSURED["name"] for _, name, _ in found)


def test_a_page_that_names_only_the_certifier_has_no_insured() -> None:
    """The second page of a form, the employer's certification alone: its Nama and K/P are the
    officer's; taking them for the insured's raised false mismatches."""
    text = FORM_34_MS[FORM_34_MS.index("PERAKUAN MAJIKAN") :]
    fields, found = _read(text, T.FORM_34)
    assert fields == {}
    assert found == [("employer_certifier", "SITI AMINAH BINTI YUSOF", "790214-08-5562")]


def test_employer_confirmation_heading_with_designation() -> None:
    text = (
        "PENGESAHAN MAJIKAN\nDengan ini disahkan bahawa pekerja berikut hadir bekerja.\n"
        "Nama Pekerja : RAJESH A/L SUBRAMANIAM   No. K/P : 900101-01-5679\n"
        "PENGESAHAN / PERAKUAN MAJIKAN\nNama : TAN MEI LING\nJawatan : PENGURUS\n"
    )
    fields, found = _read(text, T.ATTENDANCE_RECORD)
    assert fields == {"name": "RAJESH A/L SUBRAMANIAM", "ic_number": "900101-01-5679"}
    assert found == [("employer_certifier", "TAN MEI LING", None)]


@pytest.mark.parametrize(
    "text",
    [
        "SIJIL CUTI SAKIT\nNama Pesakit : LIM AH KOW\nNo. K/P : 750505-05-5051\n"
        "Nama Doktor : Dr. Wong Kah Wai\nNo. MMC : 45678\n",
        "MEDICAL CERTIFICATE\nDoctor\nDr. Wong Kah Wai\nPatient Name\nLIM AH KOW\n"
        "NRIC : 750505-05-5051\n",
    ],
    ids=["malay-right", "english-under"],
)
def test_the_doctor_is_not_the_patient(text: str) -> None:
    fields, found = _read(text, T.MEDICAL_CERTIFICATE)
    assert fields == {"name": "LIM AH KOW", "ic_number": "750505-05-5051"}
    assert [(role, name) for role, name, _ in found] == [("doctor", "Dr. Wong Kah Wai")]


@pytest.mark.parametrize(
    "text",
    [
        "LAPORAN POLIS\nBUTIR PENGADU\nNama : KUMARAN A/L ARUMUGAM\nNo. K/P : 880808-08-8081\n"
        "PEMBERI MAKLUMAT\nNama : DEVI A/P GOVINDASAMY\nNo. K/P : 600606-06-6062\n",
        "SIJIL KEMATIAN\nSIMATI / DECEASED\nNama Penuh KUMARAN A/L ARUMUGAM\nFull Name\n"
        "No. Kad Pengenalan 880808-08-8081\nIdentification Card No.\nPEMAKLUM / INFORMANT\n"
        "Nama DEVI A/P GOVINDASAMY\nName\nNo. Kad Pengenalan 600606-06-6062\n",
    ],
    ids=["police-malay", "jpn-bilingual"],
)
def test_the_informant_is_not_the_insured(text: str) -> None:
    doc_type = T.POLICE_REPORT if text.startswith("LAPORAN") else T.DEATH_CERTIFICATE
    fields, found = _read(text, doc_type)
    assert fields == {"name": "KUMARAN A/L ARUMUGAM", "ic_number": "880808-08-8081"}
    assert found == [("informant", "DEVI A/P GOVINDASAMY", "600606-06-6062")]


@pytest.mark.parametrize(
    "stamp",
    [
        "SALINAN DIAKUI SAH\nNama : ENCIK ROSLAN BIN HASHIM\nJawatan : PENGURUS",
        "CERTIFIED TRUE COPY\nName: ROSLAN BIN HASHIM\nDesignation: MANAGER",
    ],
    ids=["malay", "english"],
)
def test_the_copy_certifier_under_the_stamp_is_not_the_card_holder(stamp: str) -> None:
    text = (
        "KAD PENGENALAN\nMALAYSIA\n870903-10-6231\nNORAZLAN BIN ABU BAKAR\n"
        f"NO 12 JALAN MAWAR\n{stamp}\n"
    )
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    fields, _ = extract(dt, T.MYKAD, rules().field_labels)
    assert fields["name"].value == "NORAZLAN BIN ABU BAKAR"
    assert fields["ic_number"].value == "870903-10-6231"


def test_copy_certifier_on_a_wage_statement() -> None:
    text = (
        "PENYATA GAJI\nNama : NORAZLAN BIN ABU BAKAR\nNo. K/P : 870903-10-6231\n"
        "SALINAN DIAKUI SAH\n\nNama : ROSLAN BIN HASHIM\nNo. K/P : 700101-10-5011\n"
    )
    fields, found = _read(text, T.WAGE_STATEMENT)
    assert fields == INSURED
    assert found == [("copy_certifier", "ROSLAN BIN HASHIM", "700101-10-5011")]


def test_a_lone_name_and_ic_stay_the_insured() -> None:
    fields, found = _read("Nama : NORAZLAN BIN ABU BAKAR\nNo. K/P : 870903-10-6231\n", T.OTHER)
    assert fields == INSURED
    assert found == []


def test_people_go_to_the_report_beside_the_fields() -> None:
    dt = DocText.from_pages([Page("f.pdf", 1, FORM_34_MS)])
    doc = Document("f.pdf", [1], T.FORM_34)
    doc.fields, doc.dates = extract(dt, T.FORM_34, rules().field_labels)
    doc.people = people(dt, T.FORM_34, rules().field_labels)
    report = doc.to_report_dict()
    assert report["fields"]["name"] == INSURED["name"]
    assert {"role": "witness", "name": "AHMAD FAUZI BIN HAMID"} in report["people"]
    assert {
        "role": "employer_certifier",
        "name": "SITI AMINAH BINTI YUSOF",
        "ic_number": "790214-08-5562",
    } in report["people"]


# --- a value is never a label ---------------------------------------------------------------

NOT_NAMES = [  # the label's own second line, qualifier, a heading, a neighbour label, prose
    "Nama / Name : Name as in MyKad",
    "Nama :\nNama (seperti dalam MyKad)",
    "Nama :\n(seperti dalam K/P)",
    "Nama :\nDECLARATION",
    "Nama :\nPERAKUAN",
    "Nama Pemegang Akaun :\nAccount No",
    "Nama :\nIdentification Card No.",
    "Name :\nWarganegara",
    "Name :\nmet with an accident on his way to work",
    "Nama :\nsaya mengesahkan bahawa butiran di atas",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_a_label_a_heading_or_prose_is_never_the_name(text: str) -> None:
    dt = DocText.from_pages([Page("f.pdf", 1, text + "\nNo. K/P : 870903-10-6231")])
    fields, _ = extract(dt, T.OTHER, rules().field_labels)
    assert fields["ic_number"].value == "870903-10-6231"
    assert "name" not in fields


@pytest.mark.parametrize(
    "value",
    ["Name as in MyKad", "(seperti dalam K/P)", "Nama (seperti dalam MyKad)", "DECLARATION",
     "PERAKUAN", "Account No", "No. Akaun", "Full Name", "Name of Certifier", "SIJIL KEMATIAN",
     "Types and No. of Other Documents", "Orarig Berinsurans", "Warganegara"],
)  # fmt: skip
def test_the_lexicon_knows_labels_also_damaged(value: str) -> None:
    assert is_label_text(value)


@pytest.mark.parametrize(
    "value",
    ["NORAZLAN BIN ABU BAKAR", "LEE YONG XIANG", "NAIMA BINTI ALI", "Muhammad Hafiz bin Ismail",
     "KUMARAN A/L ARUMUGAM", "TAN AH KOW"],
)  # fmt: skip
def test_names_are_not_labels_or_prose(value: str) -> None:
    assert not is_label_text(value)
    assert not is_prose(value)


@pytest.mark.parametrize(
    "value",
    ["met with an accident on", "Saya memperakui bahawa", "akibat kemalangan pada",
     "Certified as a true extract", "The Insured Was Injured At Work Today."],
)  # fmt: skip
def test_running_text_is_prose(value: str) -> None:
    assert is_prose(value)


def test_every_cue_names_its_source() -> None:
    data = lexicon_data()
    groups = [c for r in data["roles"].values() for c in r["cues"]]
    groups += data["lexicon"] + data["prose"] + data["non_names"] + data["companies"]
    assert groups
    assert all(isinstance(g.get("source"), str) and len(g["source"]) > 10 for g in groups)


def test_the_officer_who_took_the_report_is_not_the_complainant() -> None:
    """domain.md 4.4: the officer writes the report down and signs under his rank."""
    text = (
        "LAPORAN POLIS\nBUTIR-BUTIR PENGADU / COMPLAINANT\nNama : SURESH A/L VELLU\n"
        "No. K/P : 700712-42-8785\nTandatangan Pengadu\n\nPenerima Repot\n"
        "KPL SITI NORHAYATI BINTI IBRAHIM\nNo. Badan: RF187787\nNo. K/P: 910807-10-8324\n"
    )
    fields, found = _read(text, T.POLICE_REPORT)
    assert fields == {"name": "SURESH A/L VELLU", "ic_number": "700712-42-8785"}
    assert found == [("police_officer", "KPL SITI NORHAYATI BINTI IBRAHIM", "910807-10-8324")]


@pytest.mark.parametrize(
    "text",
    [
        "REKOD KEDATANGAN\nNama : NORAZLAN BIN ABU BAKAR\nNo. K/P : 870903-10-6231\n"
        "Disahkan oleh :\nCAHAYA GEMILANG MAKANAN SDN. BHD.\n",
        "REKOD KEDATANGAN\nNama : NORAZLAN BIN ABU BAKAR\nNo. K/P : 870903-10-6231\n"
        "Tandatangan Pengadu\nIN fENP\n",
    ],
    ids=["company-stamp", "signature-scrawl"],
)
def test_a_company_or_a_scrawl_is_nobody(text: str) -> None:
    fields, found = _read(text, T.ATTENDANCE_RECORD)
    assert fields == INSURED
    assert found == []


def test_a_company_is_never_the_insured() -> None:
    fields, _ = _read("Nama : HOCK SENG PEMBINAAN SDN BHD\n", T.OTHER)
    assert "name" not in fields


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("BAHAGIAN D: PERAKUAN MAJIKAN", "employer_certifier"),
        ("BAHAGIAN C: MAKLUMAT NOTIS KEMALANGAN", "other"),
        ("PART D: EMPLOYER'S CERTIFICATION", "employer_certifier"),
    ],
)
def test_numbered_sections_of_somebody_else(heading: str, role: str) -> None:
    text = f"{heading}\nNama : SITI AMINAH BINTI YUSOF\nNo. K/P : 790214-08-5562\n"
    fields, found = _read(text, T.FORM_34)
    assert fields == {}
    assert found == [(role, "SITI AMINAH BINTI YUSOF", "790214-08-5562")]


@pytest.mark.parametrize(
    "heading",
    ["BAHAGIAN A: MAKLUMAT ORANG BERINSURANS", "BAHAGIAN E: PERAKUAN", "DECLARATION"],
)
def test_sections_of_the_insured_or_of_nobody_keep_the_insured(heading: str) -> None:
    text = f"{heading}\nNama : NORAZLAN BIN ABU BAKAR\nNo. K/P : 870903-10-6231\n"
    fields, found = _read(text, T.FORM_34)
    assert fields == INSURED
    assert found == []
