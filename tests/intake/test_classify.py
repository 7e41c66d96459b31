"""Every document type from realistic OCR text, the look-alike pairs, and the rules file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from intake.classify import RulesError, classify_text, fold, load_rules
from intake.models import DocType

TEXTS = yaml.safe_load(Path(__file__).with_name("doc_texts.yml").read_text(encoding="utf-8"))
BURIAL = TEXTS["BURIAL"]
DEATH = TEXTS["DEATH"]
EMPLOYER_LETTER = TEXTS["EMPLOYER_LETTER"]
F10 = TEXTS["F10"]
F21 = TEXTS["F21"]
F34 = TEXTS["F34"]
F68 = TEXTS["F68"]
F69 = TEXTS["F69"]
FHUK = TEXTS["FHUK"]
MC_KKM_OCR = TEXTS["MC_KKM_OCR"]
MC_PRIVATE = TEXTS["MC_PRIVATE"]
MEDICAL_REPORT = TEXTS["MEDICAL_REPORT"]
MYKAD = TEXTS["MYKAD"]
PASSBOOK = TEXTS["PASSBOOK"]
PAYSLIP = TEXTS["PAYSLIP"]
PKSF1 = TEXTS["PKSF1"]
POLICE = TEXTS["POLICE"]
RECEIPT = TEXTS["RECEIPT"]
SKETCH = TEXTS["SKETCH"]
STATEMENT = TEXTS["STATEMENT"]
TERMINATION = TEXTS["TERMINATION"]
TERMINATION_EN = TEXTS["TERMINATION_EN"]
TIME_CARD = TEXTS["TIME_CARD"]
TIME_SLIP = TEXTS["TIME_SLIP"]


T = DocType

CASES = [
    (MC_PRIVATE, T.MEDICAL_CERTIFICATE), (MC_KKM_OCR, T.MEDICAL_CERTIFICATE),
    (TIME_SLIP, T.OTHER), (MEDICAL_REPORT, T.MEDICAL_REPORT), (F34, T.FORM_34),
    (F21, T.FORM_21), (F10, T.FORM_10), (F68, T.FORM_68), (F69, T.FORM_69),
    (FHUK, T.PERMANENT_DISABLEMENT_APPLICATION), (POLICE, T.POLICE_REPORT),
    (SKETCH, T.SKETCH_MAP), (MYKAD, T.MYKAD), (PAYSLIP, T.WAGE_STATEMENT),
    (PKSF1, T.WAGE_STATEMENT), (TIME_CARD, T.ATTENDANCE_RECORD),
    (EMPLOYER_LETTER, T.ATTENDANCE_RECORD), (PASSBOOK, T.BANK_STATEMENT),
    (STATEMENT, T.BANK_STATEMENT), (DEATH, T.DEATH_CERTIFICATE), (BURIAL, T.DEATH_CERTIFICATE),
    (TERMINATION, T.TERMINATION_LETTER), (TERMINATION_EN, T.TERMINATION_LETTER),
    (RECEIPT, T.OTHER), ("", T.OTHER), ("lorem ipsum dolor sit amet", T.OTHER),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_every_type(text: str, expected: DocType) -> None:
    assert classify_text(text).doc_type == expected


def _damage(text: str) -> str:
    """Typical OCR confusions: O for 0 in numbers, 0 for O and 1 for I inside words."""
    return text.replace("O", "0").replace("I", "1").replace(":", ";")


@pytest.mark.parametrize(("text", "expected"), CASES[:-3])
def test_every_type_with_ocr_damage(text: str, expected: DocType) -> None:
    assert classify_text(_damage(text)).doc_type == expected


LOOK_ALIKES = [
    (MC_PRIVATE, TIME_SLIP),  # a time slip is not an MC
    (F34, F21),  # Borang 34 is not Borang 21
    (F68, F69),  # PKS(P) 68 is not 69
    (MC_KKM_OCR, MEDICAL_REPORT),  # a medical report is not an MC
    (F21, POLICE),  # an accident report is not a police report
    (EMPLOYER_LETTER, TERMINATION),  # two letters from the employer
    (F10, F34),  # two claim forms
    (DEATH, MEDICAL_REPORT),
]


@pytest.mark.parametrize(("a", "b"), LOOK_ALIKES)
def test_look_alikes_are_told_apart(a: str, b: str) -> None:
    ca, cb = classify_text(a), classify_text(b)
    assert ca.label != cb.label
    assert ca.scores[ca.label] > ca.scores[cb.label]
    assert cb.scores[cb.label] > cb.scores[ca.label]


def test_best_score_wins_not_first_match() -> None:
    # A medical report that mentions sick leave and a medical certificate in its body
    text = MEDICAL_REPORT + "\nSijil cuti sakit telah dikeluarkan oleh klinik."
    assert classify_text(text).doc_type == T.MEDICAL_REPORT


def test_confidence_is_higher_for_clear_documents() -> None:
    clear = classify_text(MC_PRIVATE)
    weak = classify_text("Klinik\nhingga 06/10/2026\nsijil")
    assert 0 < weak.confidence < clear.confidence <= 1


def test_title_found_marks_an_opening_page() -> None:
    assert classify_text(POLICE).title_found
    assert not classify_text("Sebuah kereta telah melanggar motosikal saya.\nSekian.").title_found


def test_fold() -> None:
    assert fold("B0RANG 34, PKS(P) 68") == "BORANG 34 PKS P 68"
    assert fold("SlJIL  cuti-sakit") == "SLJIL CUTI SAKIT"


def _write(tmp_path: Path, data: object) -> Path:
    p = tmp_path / "doctypes.yml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    return p


def test_rules_file_is_valid_and_covers_every_type() -> None:
    rules = load_rules()
    covered = {lab.doc_type for lab in rules.labels}
    assert covered | {T.OTHER} == set(DocType)


def test_rules_file_errors_are_caught(tmp_path: Path) -> None:
    good = yaml.safe_load(Path("intake/doctypes.yml").read_text(encoding="utf-8"))
    bad_type = {**good, "types": {"x": {"doc_type": "passport", "title": ["PASPORT"]}}}
    with pytest.raises(RulesError, match="unknown doc_type"):
        load_rules(_write(tmp_path, bad_type))
    no_title = {**good, "types": {"x": {"doc_type": "mykad", "title": []}}}
    with pytest.raises(RulesError):
        load_rules(_write(tmp_path, no_title))
    bad_regex = {**good, "types": {"x": {"doc_type": "mykad", "title": ["A"], "patterns": ["("]}}}
    with pytest.raises(RulesError, match="bad pattern"):
        load_rules(_write(tmp_path, bad_regex))
    typo = {**good, "weights": {**good["weights"], "titel": 1}}
    with pytest.raises(RulesError):
        load_rules(_write(tmp_path, typo))


@pytest.mark.parametrize("text", ["I\n=", "a", "ae Numoz", "—\n.\n-"])
def test_specks_of_text_are_other(text: str) -> None:
    assert classify_text(text).doc_type == T.OTHER


def test_a_cropped_letter_with_an_ic_is_no_mykad() -> None:
    text = (
        "- CAHAYA GEMILANG TEKSTIL SDN\n41200 KLANG\nNo. SSM: 338991-U Tel: 03-306 9840\n"
        "hormatnya, adalah disahkan bahawa ONG CHIN HUI (No. K/P: 820307-48-4759) bekerja"
    )
    assert classify_text(text).doc_type != T.MYKAD


# Issue #20: typing by the page's own title first, then its body.
SKETCH_QUOTING_POLICE = """PELAN LOKASI KEJADIAN
No. Laporan Polis : SENTUL/012345/26
Nama : MUHAMMAD HAFIZ BIN ISMAIL
RUMAH
JALAN BESAR
TEMPAT KEMALANGAN
TEMPAT KERJA
LALUAN KE TEMPAT KERJA"""

ATTENDANCE_REPORT = """SYARIKAT MAJU JAYA SDN BHD
LAPORAN KEDATANGAN PEKERJA BULAN OKTOBER 2026
Nama : MUHAMMAD HAFIZ BIN ISMAIL
Tarikh   Masuk   Keluar
01/10/2026   07:55   17:02
02/10/2026   -   -"""

ATTENDANCE_LETTER = """SYARIKAT MAJU JAYA SDN BHD
Lot 5, Jalan Perindustrian 2, 43000 Kajang
05 Okt 2026
PENGESAHAN KEHADIRAN
Dengan hormatnya, kami mengesahkan bahawa MUHAMMAD HAFIZ BIN ISMAIL telah hadir bekerja
pada 01/10/2026 dan tidak hadir dari 02/10/2026 kerana cuti sakit.
Sekian, terima kasih."""

HR_PRINTOUT = """HRMS - Employee Attendance
Employee: MUHAMMAD HAFIZ BIN ISMAIL   ID: 00123
Date   Clock In   Clock Out   Status
01-10-2026   07:55   17:02   Present
02-10-2026   -   -   MC
Printed on 06/10/2026"""

CLINIC_BILL = """KLINIK MEDIVIRON KAJANG
NO 3 JALAN BESAR
43000 KAJANG SELANGOR
RESIT
Konsultasi 30.00
Ubat 25.50
JUMLAH RM 55.50"""

BILL_WITH_IC = """POLIKLINIK SENTOSA
BIL / INVOIS NO: 004512
Nama: MUHAMMAD HAFIZ BIN ISMAIL
No. K/P: 870903-10-6231
Consultation 35.00
TOTAL 35.00"""


def test_a_document_quoting_a_police_report_number_is_no_police_report() -> None:
    cls = classify_text(SKETCH_QUOTING_POLICE)
    assert cls.doc_type == T.SKETCH_MAP
    assert cls.scores["police_report"] < cls.scores["sketch_map"]


def test_a_quoted_title_is_no_title_but_a_heading_is() -> None:
    assert not classify_text("No. Laporan Polis: SENTUL/012345/26\nRUMAH").title_found
    assert classify_text("LAPORAN POLIS\nSENTUL/012345/26").title_found


@pytest.mark.parametrize(
    ("text", "near"),
    [("LAPORAN KEDATANGAN", "form_21"),  # two edits of 18: attendance is no accident
     ("SURAT PENAMATAN", "form_34"),
     ("PERAKUAN KEMATIAN", "medical_certificate")],  # not PERAKUAN SAKIT
)  # fmt: skip
def test_fuzzy_titles_never_turn_into_a_near_spelled_other(text: str, near: str) -> None:
    assert classify_text(text).scores[near] == 0


@pytest.mark.parametrize(
    ("text", "label"),
    [("LAPORAN KEMALANGAM", "form_21"),  # one OCR slip in a long title still reads
     ("SIJIL CUTl SAKIT XX", "medical_certificate"),
     ("SIJIL CUTl SAKlT XX", "medical_certificate"),  # letters OCR confuses count as one
     ("LAPORANKEMALANGAN", "form_21")],  # OCR joined the words
)  # fmt: skip
def test_a_title_ocr_damaged_still_matches(text: str, label: str) -> None:
    assert classify_text(text).scores[label] > 0


@pytest.mark.parametrize(
    "text", [ATTENDANCE_REPORT, ATTENDANCE_LETTER, HR_PRINTOUT, "KAD PERAKAM WAKTU\nOkt 2026",
             "REKOD KEHADIRAN PEKERJA\nNama: ALI BIN ABU"],
)  # fmt: skip
def test_attendance_letters_and_hr_printouts_are_attendance_records(text: str) -> None:
    assert classify_text(text).doc_type == T.ATTENDANCE_RECORD


@pytest.mark.parametrize("text", [CLINIC_BILL, BILL_WITH_IC, RECEIPT])
def test_receipts_and_bills_are_other_never_mykad(text: str) -> None:
    cls = classify_text(text)
    assert cls.doc_type == T.OTHER
    assert cls.scores["mykad"] < cls.score
