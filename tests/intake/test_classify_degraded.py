"""Classifying what a poor photo or fax left of a document: a MyKad's address block or the
back's chip serial, a medical report without its letterhead, and pages reading judged too
poor that still show their title (``legible``)."""

from __future__ import annotations

import pytest

from intake.classify import classify_text, legible
from intake.models import DocType, Page

T = DocType

DEGRADED = [
    # a MyKad photo that kept only the front's address block (postcode and town, or state)
    ("LOT 3311, JALAN HARMONI 3\nTAMAN SRI MUDA\n83000 BATU PAHAT\nJOHOR", T.MYKAD),
    ("LOT 3311, JALAN HARMON 3\nTAMAN SRI MUDA\nBNO BATU PAHAT\nJOHOR", T.MYKAD),
    (
        "eee See are\n-\nLOT 5548, JALAN PERMATA 3\nTAMAN DE SA JAYA\n275700 KUANTAN\nPAHANG",
        T.MYKAD,
    ),
    ("4, JALAN INDAH JAYA 8\n\nKAMPUNG BARU\n41200 KLANG\n\nS\nJ\nSALINAN DIAKUI SAH", T.MYKAD),
    # the back: the registrar's line OCR damaged, the chip serial
    (
        "41, JALAN MAWAR 3\nTAMAN MUTIARA\n43000 KAJANG\n| KE TUA PENGARAH PENDAFTARAM NEGARA\n"
        "6356687 782-61\n740518101283",
        T.MYKAD,
    ),
    ("KETUA PENGARAH PENDAFTARAN NEGARA\n62121147762-82", T.MYKAD),
    # not enough for a card: a street alone; an account number is no chip serial
    ("JALAN AMPANG\nKUALA LUMPUR", T.OTHER),
    ("No. Akaun 1234567890123", T.OTHER),
    # a medical report whose letterhead and title the photo lost
    (
        "Our ref: HSA/ORT/8438/25\nName : LAU YONG SENG\nDate of injury : 16/05/2025\n"
        "Diagnosis : Malunion fracture of the left tibia\nThe above-named patient was treated "
        "in this department following an injury. Examination revealed malunion\nTreatment "
        "included surgery, physiotherapy and analgesia. Some residual permanent disability\n"
        "This report is issued at the patient's request for the purpose of a SOCSO claim.",
        T.MEDICAL_REPORT,
    ),
]


@pytest.mark.parametrize(("text", "expected"), DEGRADED)
def test_degraded_pages(text: str, expected: DocType) -> None:
    assert classify_text(text).doc_type == expected


def test_an_employer_letter_with_an_address_is_no_mykad() -> None:
    letter = (
        "SRI MURNI TEKSTIL SDN. BHD.\nLOT 23, JALAN PERUSAHAAN 7\n56000 CHERAS\n"
        "SURAT PENGESAHAN MAJIKAN\nDengan hormatnya, adalah disahkan bahawa pekerja kami "
        "telah bercuti sakit dari 17/07/2025 hingga 20/07/2025.\nYang benar,\nPENGURUS"
    )
    assert classify_text(letter).doc_type != T.MYKAD


def _page(text: str, readable: bool, blank: bool = False) -> Page:
    return Page("f.png", 1, text, readable=readable, blank=blank, quality=0.2)


@pytest.mark.parametrize(
    ("text", "readable", "expected"),
    [
        ("anything at all", True, True),  # reading's word stands
        # too poor by reading's measure, yet its title is in the first lines
        (
            "KAD PENGENALAN IDENTITY CARD\nMALAYSIA\n800818-25-4043\nFAKHRUL RAZI BIN ISA",
            False,
            True,
        ),
        (
            "SLIP GAJI / PAYSLIP - APRIL 2026\nNama : SURESH A/L RAJOO\nGaji Pokok 4,100.00",
            False,
            True,
        ),
        ('OTA W wwar35\n"YS IDVIG NYNTiys', False, False),  # garbage
        ("LOT 3311, JALAN HARMONI 3\nTAMAN SRI MUDA\n83000 BATU PAHAT\nJOHOR", False, False),
        ("", False, False),
    ],
)
def test_legible(text: str, readable: bool, expected: bool) -> None:
    assert legible(_page(text, readable)) is expected


def test_a_legible_page_reading_judged_poor_becomes_a_document_of_its_type() -> None:
    from intake.understanding import understand

    card = "KAD PENGENALAN IDENTITY CARD\nMALAYSIA\n800818-25-4043\nFAKHRUL RAZI BIN ISA"
    [doc] = understand([_page(card, readable=False)])
    assert doc.doc_type == T.MYKAD and doc.readable
    assert doc.extra.get("legible_despite_quality") is True
    [garbage] = understand([_page('OTA W wwar35\n"YS IDVIG NYNTiys', readable=False)])
    assert garbage.doc_type == T.OTHER and not garbage.readable


def test_a_police_statement_without_its_heading() -> None:
    text = (
        "PD Kota KINABAL   Masa 1420 HRs\nNama SUTIR PENG ADU | COMP, AINAN:\n"
        "KETERANGAN | STATEMENT\nPada 16hb April 2025 lebih kurang jam 1250 hrs, saya sedang "
        "menunggang motosikal\ndari rumah ke tempat kerja. Sebuah kereta dari arah bertentangan "
        "telah membelok\ndan melanggar motosikal. Repot dibuat untuk tindakan dan tuntutan "
        "PERKESO.\nTandatangan Pengadu"
    )
    assert classify_text(text).doc_type == T.POLICE_REPORT
