"""Names by label, not the doctor's or the witness's, and Malaysian name matching."""

from __future__ import annotations

import pytest

from intake.classify import rules
from intake.fields.names import name_similarity, normalise_name, same_person
from intake.fields.people import clean_name, insured_name
from intake.fields.text import DocText
from intake.models import DocType, Page


def _name(text: str, doc_type: DocType = DocType.MEDICAL_CERTIFICATE) -> str | None:
    dt = DocText.from_pages([Page("f.pdf", 1, text)])
    f = insured_name(dt, rules().field_labels, doc_type)
    return None if f is None else f.value


LABELLED = [
    ("Nama / Name : MUHAMMAD HAFIZ BIN ISMAIL", "MUHAMMAD HAFIZ BIN ISMAIL"),
    ("Nama: SITI NURHALIZA BT. TARUDIN  No. K/P: 900101-01-5678", "SITI NURHALIZA BT. TARUDIN"),
    ("NAMA : RAJESH A/L SUBRAMANIAM", "RAJESH A/L SUBRAMANIAM"),
    ("Name: Tan Ah Kow", "Tan Ah Kow"),
    ("Patient Name        : LIM MEI LING", "LIM MEI LING"),
    ("Nama Pesakit: ENCIK ALI BIN ABU", "ENCIK ALI BIN ABU"),
    ("Nama Orang Berinsurans: NUR AISYAH BINTI KAMAL", "NUR AISYAH BINTI KAMAL"),
    ("Orang Berinsurans : KUMAR S/O RAMASAMY", "KUMAR S/O RAMASAMY"),
    ("Pengadu: MOHD FAIZAL BIN OTHMAN, No. K/P 870903-10-6231", "MOHD FAIZAL BIN OTHMAN"),
    ("Nama Pengadu : ANIS D/O MURUGAN\nUmur: 34", "ANIS D/O MURUGAN"),
    ("Nama:\nWONG KAH WAI", "WONG KAH WAI"),  # value on the next line
    ("Nama Doktor: Dr Lim Chee Keong\nNama: SITI BT AHMAD", "SITI BT AHMAD"),
    ("Saksi - Nama: AHMAD BIN ALI\nNama Pesakit: ALI BIN ABU", "ALI BIN ABU"),
    ("Nama Majikan: SYARIKAT MAJU SDN BHD\nNama Pekerja: ROSLI BIN HASSAN", "ROSLI BIN HASSAN"),
    ("Nama Pegawai: INSP ROSLAN\nPengadu: FARAH BINTI AZMI", "FARAH BINTI AZMI"),
    ("Nama Si Mati: ABDULLAH BIN HASHIM", "ABDULLAH BIN HASHIM"),
    ("Nama Pemegang Akaun: NORAINI BINTI YUSOF", "NORAINI BINTI YUSOF"),
    ("Nama Saksi: AHMAD BIN ALI", None),
    ("Nama Doktor: Dr. Lim Chee Keong", None),
    ("Nama Klinik: KLINIK SRI MEDIK", None),
    ("Nama: ", None),
    ("Nama : 870903-10-6231", None),
    ("Employee Name: MUTHU A/L VELU   Employee No: 1234", "MUTHU A/L VELU"),
    ("Nama : Muhammad Hafiz bin Ismail", "Muhammad Hafiz bin Ismail"),
    ("NAMA: NG@ANG SIEW LAN", "NG@ANG SIEW LAN"),
    ("Saya mengesahkan bahawa\nNama : LEE CHONG WEI", "LEE CHONG WEI"),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED)
def test_insured_name(text: str, expected: str | None) -> None:
    assert _name(text) == expected


def test_name_on_a_mykad_follows_the_ic() -> None:
    text = "KAD PENGENALAN\nMALAYSIA\n870903-10-6231\nMUHAMMAD HAFIZ BIN ISMAIL\nNO 12 JALAN MAWAR"
    assert _name(text, DocType.MYKAD) == "MUHAMMAD HAFIZ BIN ISMAIL"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ALI BIN ABU  No. K/P", "ALI BIN ABU"), ("ALI BIN ABU, 34 tahun", "ALI BIN ABU"),
     ("TARIKH", None), ("12345", None), ("A", None), ("SITI BT. AHMAD.", "SITI BT. AHMAD"),
     # the label itself, OCR damaged, where the handwritten value was lost
     ("Orarig Berinsurans", None), ("Grang Berinsurans", None), ("ORANG BERINSURANNS", None),
     ("Kad Pengenalan", None), ("BERNARD ANAK JOSEPH", "BERNARD ANAK JOSEPH"),
     ("SUTIR PENG ADU", None), ("Tatikh Penyata", None), ("BUTIR PENGADU", None),
     ("TAN PENG ADUN", "TAN PENG ADUN"), ("NOR PENYATI BINTI ALI", "NOR PENYATI BINTI ALI")],
)  # fmt: skip
def test_clean_name(value: str, expected: str | None) -> None:
    assert clean_name(value) == expected


SAME = [
    ("MUHAMMAD HAFIZ BIN ISMAIL", "MOHD HAFIZ B. ISMAIL"),
    ("SITI NURHALIZA BINTI TARUDIN", "Siti Nurhaliza bt. Tarudin"),
    ("RAJESH A/L SUBRAMANIAM", "RAJESH S/O SUBRAMANIAM"),
    ("ANIS A/P MURUGAN", "ANIS D/O MURUGAN"),
    ("TAN AH KOW", "AH KOW TAN"),
    ("ENCIK ALI BIN ABU", "ALI BIN ABU"),
    ("DATO' SRI ABD RAHMAN BIN HASHIM", "ABDUL RAHMAN BIN HASHIM"),
    ("NUR AISYAH BINTI KAMAL", "NOOR AISYAH BTE KAMAL"),
    ("MUSA BIN OSMAN", "MUSA OSMAN"),
    ("MUHAMMAD HAFIZ BIN ISMAIL", "MUHAMMAD HAFlZ BIN ISMAIL"),  # OCR l for I
]
DIFFERENT = [
    ("MUHAMMAD HAFIZ BIN ISMAIL", "AHMAD FAIZAL BIN OTHMAN"),
    ("TAN AH KOW", "LIM MEI LING"),
    ("SITI BINTI AHMAD", "NORAINI BINTI YUSOF"),
    ("RAJESH A/L SUBRAMANIAM", "KUMAR A/L RAMASAMY"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_person(a: str, b: str) -> None:
    assert same_person(a, b), name_similarity(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_person(a: str, b: str) -> None:
    assert not same_person(a, b), name_similarity(a, b)


def test_normalise_name_folds_markers_and_titles() -> None:
    assert normalise_name("Encik Mohd Ali b. Abu") == normalise_name("MUHAMMAD ALI BIN ABU")
    assert normalise_name("KUMAR S/O RAMASAMY") == "KUMAR AL RAMASAMY"


def test_name_on_two_card_lines() -> None:
    text = "MyKad\nKAD PENGENALAN\n810727-32-4039\nMOHAMAD ROSLI BIN\nKASSIM\nLOT 35, JALAN MERANTI"
    assert _name(text, DocType.MYKAD) == "MOHAMAD ROSLI BIN KASSIM"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nama : Mohamad RoslibinKassim", "Mohamad Rosli bin Kassim"),
     ("Nama : Siti AminahbintiYusof", "Siti Aminah binti Yusof"),
     ("Nama   Majikan   PERABOT SDN BHD", None)],  # a column gap, then the employer
)  # fmt: skip
def test_ocr_damaged_name_values(text: str, expected: str | None) -> None:
    assert _name(text) == expected


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [("RHB BANK\nPenyata Akaun\nKOH BOON HOCK   Tarikh Penyata: 18/06/2026\n"
      "LOT 1822, LORONG SENTOSA 11   No. Akaun: 822943575164", DocType.BANK_STATEMENT,
      "KOH BOON HOCK"),
     ("SYARIKAT MAJU SDN BHD\nLot 5, Jalan Industri 2, 43000 Kajang\n"
      "Tarikh: 01/09/2026\nPUAN SITI BINTI ALI\nNo. K/P: 870903-10-6232\nNO 5, JALAN MAWAR",
      DocType.TERMINATION_LETTER, "PUAN SITI BINTI ALI"),
     ("MAYBANK\nKUALA LUMPUR\n12, JALAN AMPANG", DocType.BANK_STATEMENT, None),
     # the account number on its own line between the name and the address
     ("AMBANK\nPenyata Akaun / Account Statement\nKAJANG\nTarikh Penyata: 17 Mac 2026\n"
      "SHAHRUL NIZAM BIN SULAIMAN\nNo. Akaun: 794862395059\nNO 76, JALAN MERANTI 7\n"
      "TAMAN MUTIARA\n43000 KAJANG", DocType.BANK_STATEMENT, "SHAHRUL NIZAM BIN SULAIMAN"),
     ("BSN\nPenyata Akaun\nKOTA BHARU\nZULKIFLI BIN ABU BAKAR\nAccount No: 787645670788\n"
      "No. K/P: 870903-10-6232\nLOT 2492, JALAN KENANGA 6", DocType.BANK_STATEMENT,
      "ZULKIFLI BIN ABU BAKAR")],
)  # fmt: skip
def test_addressee_name_without_label(text: str, doc_type: DocType, expected: str | None) -> None:
    assert _name(text, doc_type) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("SIT] KHADIJAH BINTI HAMZAH", "SITI KHADIJAH BINTI HAMZAH"),
     ("MURUGAN A/L MAN]AM", "MURUGAN A/L MANIAM"),
     ("YOGESWARI D/OARUMUGAM", "YOGESWARI D/O ARUMUGAM"),
     ("Yogeswari A/p Arumugam ns", "Yogeswari A/p Arumugam"), ("Low Jun Hao a", "Low Jun Hao"),
     ("NG AH OO", "NG AH OO"), ("AZMANBINDAUD", "AZMAN BIN DAUD"),
     ("ENCIKNORAZLAN BIN ABU BAKAR", "ENCIK NORAZLAN BIN ABU BAKAR"),
     ("SITIAMINAHBINTIYUSOF", "SITIAMINAH BINTI YUSOF"), ("ROBINSON TAN", "ROBINSON TAN"),
     ("SABINAH BINTI ALI", "SABINAH BINTI ALI"),
     ("ENCIK SURESH A/L SUPPIAH eee", "ENCIK SURESH A/L SUPPIAH"),
     ("NURULAIN BINTI SULAIMAN ees", "NURULAIN BINTI SULAIMAN"),
     ("AHMAD bin DAUD", "AHMAD bin DAUD"), ("SITI binti ALI", "SITI binti ALI"),
     # a payslip's next label on the same line, OCR's single space before it
     ("PRAKASH A/L MUNUSAMY Jawatan", "PRAKASH A/L MUNUSAMY"),
     ("ENCIK AZMAN BIN KASSIM Jawatan : PEMANDU", "ENCIK AZMAN BIN KASSIM"),
     ("LIM AH KOW No. Pekerja EMP0691", "LIM AH KOW"),
     ("ENCIKMOHD FAIZAL BIN AWANG", "ENCIK MOHD FAIZAL BIN AWANG"),
     ("ENCIKLIM", "ENCIK LIM"), ("PUANITA", "PUANITA")],  # 8+ letters: a glued title
)  # fmt: skip
def test_clean_name_repairs_ocr(value: str, expected: str) -> None:
    assert clean_name(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nama Orang Berinsurans   , MOHD SYAFIQ BIN ABDULLAH\nNama Saks   : DEVI A/P GOVINDASAMY",
      "MOHD SYAFIQ BIN ABDULLAH"),
     ("Nama Saks   : DEVI A/P GOVINDASAMY", None),  # OCR cut "Saksi": still a witness
     ("Nama Majkan : SYARIKAT ABC SDN BHD", None)],
)  # fmt: skip
def test_damaged_role_words(text: str, expected: str | None) -> None:
    assert _name(text) == expected


def test_sketch_map_author_under_its_title() -> None:
    text = "Peta Lakar\nLOW JUN HAO\nTarikh: 08/07/2026\nRUMAH\nTEMPAT KERJA"
    assert _name(text, DocType.SKETCH_MAP) == "LOW JUN HAO"
    assert _name("Peta Lakar\nRUMAH\nJALAN BESAR", DocType.SKETCH_MAP) is None


def test_handwritten_name_above_its_label() -> None:
    text = "SIJIL CUTI SAKIT\n: Norazlan bin Abu Bakar   —\nNama / Name   — ss = ae a ee"
    assert _name(text) == "Norazlan bin Abu Bakar"
    assert _name("Alamat\n: 12 JALAN MAWAR\nNama :") is None


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("AZMAN BIN HASSAN", "mm", "AZMAN BIN HASSAN"),  # a speck read as a line of its own
     ("AZMAN BIN", "HASSAN.", "AZMAN BIN HASSAN"),
     ("AZMAN BIN", "HASSAN", "AZMAN BIN HASSAN")],
)  # fmt: skip
def test_specks_on_a_cards_second_name_line_are_dropped(
    first: str, second: str, expected: str
) -> None:
    text = f"KAD PENGENALAN\n870903-10-6231\n{first}\n{second}\nNO 7, JALAN DAMAI"
    assert _name(text, DocType.MYKAD) == expected


def test_card_with_an_impossible_number_still_gives_its_name() -> None:
    text = "KAD PENGENALAN\nMyKad\n790825-96-1898\nNG JIA HUI\nNO 7, JALAN DAMAI"
    assert _name(text, DocType.MYKAD) == "NG JIA HUI"
    text = "KAD PENGENALAN\n001009-08-1394\nFARAH HANIM BINT!\nABD RAHMAN\n16, JALAN INDAH"
    assert _name(text, DocType.MYKAD) == "FARAH HANIM BINTI ABD RAHMAN"


def test_a_cards_name_is_found_past_the_specks_of_its_photo() -> None:
    """Between a real card's number and its name the ghost photo leaves OCR specks (the
    specimen cards of ../shared/real): they are passed over, the address still ends the search."""
    specks = "=\n| ma al\nf\n| |\nwe\nna Ae\nhe\n~~"
    text = f"KAD PENGENALAN\n980317-13-5131\n{specks}\nNUR AINAA AMALIN BINTI\nSHAMSUDIN\nBLOK C"
    assert _name(text, DocType.MYKAD) == "NUR AINAA AMALIN BINTI SHAMSUDIN"
    text = f"KAD PENGENALAN\n980317-13-5131\n{specks}\nBLOK C T01-U14\nPARCEL 5R3"
    assert _name(text, DocType.MYKAD) is None


def test_a_card_prints_a_word_of_a_label_as_a_name_where_the_name_goes() -> None:
    text = "MyKad\n000000-01-0101\nCONTOH DOKUMEN\nTAMAN SRI BAHTERA"
    assert _name(text, DocType.MYKAD) == "CONTOH DOKUMEN"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ONG Al LING", "ONG AI LING"), ("NURUL AlN BINTI RAMLI", "NURUL AIN BINTI RAMLI"),
     ("Syed Al Attas", "Syed Al Attas")],  # title case: "Al" is a word of the name
)  # fmt: skip
def test_a_lower_case_l_in_a_name_in_capitals_is_an_i(value: str, expected: str) -> None:
    assert clean_name(value) == expected


def test_a_cards_name_line_with_an_l_for_an_i() -> None:
    text = "KAD PENGENALAN\nMALAYSIA   MyKad\n010205-12-9226\nONG Al LING\nLOT 825, JALAN MAWAR 2"
    assert _name(text, DocType.MYKAD) == "ONG AI LING"


def test_addressee_above_an_address_whose_lines_came_out_of_order() -> None:
    """A statement's two columns can put the address's second line above its first."""
    text = (
        "RHB BANK\nPenyata Akaun / Account Statement\nJOHOR BAHRU\n"
        "TEH AH KOW   Tarikh Penyata: 17/04/2025\nTAMAN MELATI\n"
        "49, JALAN MAWAR 3   No. Akaun: 242592702174\n43000 KAJANG"
    )
    assert _name(text, DocType.BANK_STATEMENT) == "TEH AH KOW"
    text = "RHB BANK\nPenyata Akaun\nJOHOR BAHRU\nTAMAN MELATI\n49, JALAN MAWAR 3\n43000 KAJANG"
    assert _name(text, DocType.BANK_STATEMENT) is None  # no name above the address


def test_value_above_a_label_printed_after_its_translation() -> None:
    text = (
        "EMPLOYEE DETAILS / MAKLUMAT PEKERJA\n: NOR HIDAYAH BINTI ISMAIL\n"
        "Full Name / Nama Penuh\n: 831115709292\nNRIC No. / No. K/P"
    )
    assert _name(text, DocType.FORM_34) == "NOR HIDAYAH BINTI ISMAIL"
    assert _name("Alamat\n: 12 JALAN MAWAR\nFull Name / Nama Penuh", DocType.FORM_34) is None


def test_a_name_label_whose_second_word_ocr_damaged_takes_the_value_below() -> None:
    text = "MEDICAL CERTIFICATE\nFull Neme / Nama Pennh\nNUR AISYAH BT. HAMZAH\nNRIC No. / No KP"
    assert _name(text) == "NUR AISYAH BT. HAMZAH"
    assert _name("MEDICAL CERTIFICATE\nNama Doktr\nDR LIM AH KOW") is None  # no name label


@pytest.mark.parametrize(
    ("text", "expected"),
    [("MEDICAL CERTIFICATE\nEMPLOYEE DETAILS /MAKLUMAT PEKERJA\nMUHAMMAD AIMAN BIN ABU BAKAR\n"
      "NRIC 8   No   K'}\n800129121175", "MUHAMMAD AIMAN BIN ABU BAKAR"),
     ("EMPLOYEE DETAILS / MAKLUMAT PEKERJA | SHAHRUL NIZAM BIN MOHD NOOR\n~ Pall 2 Peouh |\n"
      "NRIC Na' No. RP   > NO 100, LORONG SENTOSA 2", "SHAHRUL NIZAM BIN MOHD NOOR"),
     # somebody else's part, or no IC after the name: no insured's name
     ("EMPLOYER CONFIRMATION / PENGESAHAN MAJIKAN\nSITI BINTI ALI\nNo. K/P 870903-10-6232", None),
     ("EMPLOYEE DETAILS /MAKLUMAT PEKERJA\nMUHAMMAD AIMAN BIN ABU BAKAR\nJawatan : PEMANDU", None),
     ("EMPLOYEE DETAILS /MAKLUMAT PEKERJA\nTAMAN SRI MUDA\nNo. K/P 870903-10-6232", None)],
)  # fmt: skip
def test_a_name_whose_label_ocr_lost_opens_the_insureds_part(
    text: str, expected: str | None
) -> None:
    assert _name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nama Orang Berinsurans   > Lim Wei Ming   7   :   -\nNo. Kad Pengenalan   860230-03-3235",
      "Lim Wei Ming"),
     ("Nama Pesakit ; ALI BIN ABU   Umur: 34", "ALI BIN ABU"),
     ("Nama > Saksi : ALI BIN ABU", None)],  # the witness's qualifier still counts
)  # fmt: skip
def test_a_colon_read_as_a_sign_is_no_qualifier(text: str, expected: str | None) -> None:
    """The value after a colon OCR read as ``>`` or ``;`` is not taken for the label's
    qualifier when a later colon (a scrawl's, the next label's) follows it."""
    assert _name(text, DocType.FORM_21) == expected


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [("KAD PENGENALAN\n870903-10-6232\nFATIMAH ZAHRA BINTI\nMA p SALLEH\nNO 117 JALAN HARMONI",
      DocType.MYKAD),  # the card's second name line unread
     ("Nama : AHMAD FAIZAL BIN\nNo. K/P : 870903-10-6231", DocType.FORM_34),
     ("Nama : MUHAMMAD AIMAN B.\nNo. K/P : 870903-10-6231", DocType.FORM_34)],
)  # fmt: skip
def test_a_name_cut_after_its_patronym_marker_is_no_name(text: str, doc_type: DocType) -> None:
    """A name ending on bin / binti / B. lost its father's name: taking it would raise a
    name mismatch against the whole name on the other documents."""
    assert _name(text, doc_type) is None


def test_the_b_of_bin_read_as_an_eight() -> None:
    text = "Nama Orang Berinsurans   : MUHAMMAD AIMAN 8. ABU BA KAR.   ;\nNo. K/P 800129-12-1175"
    assert _name(text, DocType.FORM_34) == "MUHAMMAD AIMAN B. ABU BA KAR"
    assert _name("Nama : ALI BIN ABU 870903-10-6231", DocType.FORM_34) == "ALI BIN ABU"


def test_a_cards_second_name_line_is_its_first_column() -> None:
    """The ghost photo beside the name leaves specks a column gap away ("HASSAN   ie |")."""
    text = "KAD PENGENALAN\n700125-43-2006\nFATIMAH ZAHRA BINTI\nHASSAN   ie |\nLOT 4683, JALAN 10"
    assert _name(text, DocType.MYKAD) == "FATIMAH ZAHRA BINTI HASSAN"


def test_a_line_repeating_the_names_last_word_does_not_continue_it() -> None:
    """The specimen card prints its address's first line "DOKUMEN" under "CONTOH DOKUMEN"."""
    text = "MyKad\n000000-01-0101\nCONTOH DOKUMEN\nDOKUMEN   _s\nTAMAN SRI BAHTERA"
    assert _name(text, DocType.MYKAD) == "CONTOH DOKUMEN"
    text = "MyKad\n880410-01-0981\nADAM HARIZ BIN\nJAAFAR   ie |\n43, JALAN HARMONI 2"
    assert _name(text, DocType.MYKAD) == "ADAM HARIZ BIN JAAFAR"


def test_a_name_under_a_copys_certification_stamp_is_not_the_cards() -> None:
    """A MyKad copy stamped "SALINAN DIAKUI SAH" with the certifier's name under it: the card
    lost its own name line under the number, and the certifier's is no stand-in for it."""
    text = "KAD PENGENALAN\n970113-32-4688\nAL\nSALINAN DIAKUI SAH\n~/IN\nLETCHUMY A/P MANIAM"
    assert _name(text, DocType.MYKAD) is None
    text = "KAD PENGENALAN\n970113-32-4688\nKOH LAI KUEN\nSALINAN DIAKUI SAH\nLETCHUMY A/P MANIAM"
    assert _name(text, DocType.MYKAD) == "KOH LAI KUEN"
