"""Label wording of the layout families (#20): every entry names where the wording comes from.

Sources: ``RL`` ../shared/reference/real-labels.md (the labels of PERKESO's case system, which
follow Borang 34's sections; the JPN.LM11 death certificate), ``DM x.y`` domain.md section x.y,
``REAL`` a document in ../shared/real. Each concept has three Malay and three English wordings;
family B takes the first, C the second, the held-out family H the third, so H's wording is
never printed by a tuned family.
"""

from __future__ import annotations

# concept: (source, (ms B, ms C, ms H), (en B, en C, en H))
LABELS: dict[str, tuple[str, tuple[str, str, str], tuple[str, str, str]]] = {
    "name": (
        "RL Maklumat Orang Berinsurans: Nama; REAL LM11 Nama Penuh / Full Name; DM 4.4 Pol. 55",
        ("Nama Orang Berinsurans", "Nama Penuh", "Nama (seperti dalam K/P)"),
        ("Name of Insured Person", "Full Name", "Name as in MyKad"),
    ),
    "ic_number": (
        "RL Nombor Pengenalan Diri, IC Baru; REAL LM11 No. Kad Pengenalan; DM 4.4 No. K/P",
        ("No. Kad Pengenalan", "No. K/P", "Nombor Pengenalan Diri (IC Baru)"),
        ("Identity Card No.", "NRIC No.", "Identification Card No."),
    ),
    "accident_date": (
        "RL Maklumat Notis Kemalangan: Tarikh Kemalangan, Bila kemalangan berlaku?",
        ("Tarikh Kemalangan", "Tarikh kemalangan berlaku", "Bila kemalangan berlaku?"),
        ("Date of Accident", "Accident Date", "When did the accident happen?"),
    ),
    "diagnosis_date": (
        "RL Maklumat Penyakit Khidmat; DM 4.6 Jenis Notis: Penyakit Khidmat",
        ("Tarikh Diagnosis", "Tarikh penyakit dikesan", "Tarikh Notis Penyakit Khidmat"),
        ("Date of Diagnosis", "Date disease detected", "Date of Occupational Disease Notice"),
    ),
    "notified_date": (
        "DM 4.6 Borang 34 (notis kepada majikan); RL Tarikh Terima Cop",
        (
            "Tarikh dimaklumkan kepada majikan",
            "Tarikh notis kepada majikan",
            "Tarikh Majikan Dimaklumkan",
        ),
        ("Date employer was notified", "Date of notice to employer", "Date reported to employer"),
    ),
    "document_date": (
        "RL Perakuan Majikan: Tarikh; RL Tarikh Terima Cop",
        ("Tarikh", "Tarikh dikeluarkan", "Tarikh Pengesahan"),
        ("Date", "Date issued", "Date of Certification"),
    ),
    "date_of_death": (
        "RL Maklumat Notis Kematian: Tarikh Kematian; REAL LM11 Tarikh dan Waktu Kematian",
        ("Tarikh Kematian", "Tarikh Kematian", "Tarikh dan Waktu Kematian"),
        ("Date of Death", "Date of Death", "Date and Time of Death"),
    ),
    "mc_start": (
        "RL Maklumat Cuti Sakit: Tarikh Mula; DM 4.2 dari ... hingga / from ... to",
        ("Tarikh Mula", "Dari", "Cuti sakit dari"),
        ("Start Date", "From", "Medical leave from"),
    ),
    "mc_end": (
        "RL Maklumat Cuti Sakit: Tarikh Tamat; DM 4.2 dari ... hingga / from ... to",
        ("Tarikh Tamat", "Hingga", "hingga"),
        ("End Date", "To", "to"),
    ),
    "mc_days": (
        "RL Maklumat Cuti Sakit: Jumlah hari; DM 4.2 selama ... hari",
        ("Jumlah hari", "Bilangan hari", "Selama (hari)"),
        ("Number of days", "Days", "For (days)"),
    ),
    "report_number": (
        "DM 4.4 No. Repot / No. Laporan",
        ("No. Repot", "No. Laporan", "No. Laporan Polis"),
        ("Report No.", "Report Number", "Police Report No."),
    ),
    "address": (
        "RL Alamat Surat Menyurat; REAL LM11 Alamat Terakhir",
        ("Alamat", "Alamat Surat Menyurat", "Alamat Terakhir"),
        ("Address", "Correspondence Address", "Last Address"),
    ),
    "employer": (
        "RL Maklumat Majikan: Nama Majikan, Nama Syarikat",
        ("Nama Majikan", "Nama Syarikat", "Majikan"),
        ("Employer", "Company Name", "Name of Employer"),
    ),
    "employer_code": (
        "RL No. Kod Majikan; DM 4.6 Kod Majikan",
        ("Kod Majikan", "No. Kod Majikan", "No. Majikan"),
        ("Employer Code", "Employer Code No.", "Employer No."),
    ),
    "place": (
        "RL Tempat Kemalangan",
        ("Tempat Kemalangan", "Tempat", "Di mana kemalangan berlaku"),
        ("Place of Accident", "Place", "Where it happened"),
    ),
    "how": (
        "RL Bagaimana kemalangan berlaku?; RL Perihal Kecederaan",
        ("Bagaimana kemalangan berlaku?", "Perihal Kecederaan", "Sebab kecederaan"),
        ("How did it happen?", "Description of Injury", "Cause of injury"),
    ),
    "diagnosis": (
        "RL Perihal Penyakit Khidmat; DM 4.3 Diagnosis; REAL LM11 Sebab Kematian",
        ("Diagnosis", "Perihal Penyakit", "Sebab Kematian / Kecederaan"),
        ("Diagnosis", "Description of Disease", "Cause"),
    ),
    "clinic": (
        "RL Nama & Alamat Klinik yang Memberikan Rawatan",
        ("Klinik / Hospital", "Nama Klinik", "Nama & Alamat Klinik yang Memberikan Rawatan"),
        ("Clinic / Hospital", "Clinic", "Treating clinic"),
    ),
    "bank": (
        "DM 4.9 bank name, No. Akaun",
        ("Nama Bank", "Bank", "Nama Institusi Kewangan"),
        ("Bank", "Bank Name", "Financial Institution"),
    ),
    "account": (
        "DM 4.9 No. Akaun",
        ("No. Akaun", "Nombor Akaun", "No. Akaun Bank"),
        ("Account No.", "Account Number", "Bank Account No."),
    ),
    "position": (
        "RL Pekerjaan; RL Perakuan Majikan: Jawatan",
        ("Jawatan", "Pekerjaan", "Jawatan / Pekerjaan"),
        ("Position", "Occupation", "Designation"),
    ),
    "time": (
        "RL Masa Kemalangan; DM 4.4 Masa / Jam",
        ("Masa", "Masa Kemalangan", "Jam"),
        ("Time", "Time of Accident", "Time (hrs)"),
    ),
    "month": (
        "RL Maklumat Gaji: Bulan, Tahun, Gaji (RM), Sumbangan (RM)",
        ("Bulan", "Bulan / Tahun", "Bulan"),
        ("Month", "Month / Year", "Month"),
    ),
    "wage": (
        "RL Maklumat Gaji: Gaji (RM); DM 4.7 Gaji Pokok",
        ("Gaji Pokok (RM)", "Gaji (RM)", "Gaji (RM)"),
        ("Basic Pay (RM)", "Wages (RM)", "Wage (RM)"),
    ),
    "contribution": (
        "RL Maklumat Gaji: Sumbangan (RM); DM 4.7 PERKESO / SOCSO",
        ("Caruman PERKESO (RM)", "Sumbangan (RM)", "Sumbangan PERKESO (RM)"),
        ("SOCSO (RM)", "Contribution (RM)", "SOCSO Contribution (RM)"),
    ),
    "last_day": (
        "RL Tarikh Akhir Kerja; DM 4.11 Surat Penamatan",
        ("Tarikh Akhir Kerja", "Hari terakhir bekerja", "Tarikh Tamat Perkhidmatan"),
        ("Last Working Day", "Last day of service", "Date employment ends"),
    ),
    "reg_no": (
        "REAL LM11 No. Daftar / Register No.",
        ("No. Daftar", "No. Pendaftaran", "No. Daftar"),
        ("Register No.", "Registration No.", "Register No."),
    ),
    "signature": (
        "RL Perakuan Majikan: Tandatangan",
        ("Tandatangan", "Tandatangan", "Tandatangan"),
        ("Signature", "Signature", "Signature"),
    ),
}

# Section headings and the people other than the insured, by role (same layout of sources).
HEADINGS: dict[str, tuple[str, tuple[str, str, str], tuple[str, str, str]]] = {
    "insured": (
        "RL Maklumat Orang Berinsurans; DM 4.4 Pengadu; REAL LM11 SIMATI / DECEASED",
        ("BUTIRAN ORANG BERINSURANS", "MAKLUMAT PEKERJA", "MAKLUMAT ORANG BERINSURANS"),
        ("INSURED PERSON", "EMPLOYEE DETAILS", "PARTICULARS OF INSURED PERSON"),
    ),
    "event": (
        "RL Maklumat Notis Kemalangan; RL Maklumat Penyakit Khidmat",
        ("BUTIRAN KEMALANGAN / PENYAKIT", "MAKLUMAT KEJADIAN", "MAKLUMAT NOTIS"),
        ("PARTICULARS OF ACCIDENT / DISEASE", "EVENT DETAILS", "NOTICE DETAILS"),
    ),
    "employer": (
        "RL Maklumat Majikan",
        ("BUTIRAN MAJIKAN", "MAKLUMAT SYARIKAT", "MAKLUMAT MAJIKAN"),
        ("EMPLOYER", "COMPANY DETAILS", "PARTICULARS OF EMPLOYER"),
    ),
    "certifier": (
        "RL Perakuan Majikan (Nama, Jawatan: another person than the insured); DM 2.1",
        ("PERAKUAN MAJIKAN", "PENGESAHAN MAJIKAN", "PENGESAHAN / PERAKUAN MAJIKAN"),
        ("EMPLOYER'S CERTIFICATION", "EMPLOYER CONFIRMATION", "CERTIFICATION BY EMPLOYER"),
    ),
    "witness": (
        "RL Nama Saksi (jika ada), No. Telefon Saksi",
        ("SAKSI", "BUTIRAN SAKSI", "MAKLUMAT SAKSI (JIKA ADA)"),
        ("WITNESS", "WITNESS DETAILS", "WITNESS (IF ANY)"),
    ),
    "doctor": (
        "DM 4.2 Dr., MMC No.; DM 4.3 Pakar",
        ("DOKTOR YANG MERAWAT", "PENGAMAL PERUBATAN", "PEGAWAI PERUBATAN"),
        ("ATTENDING DOCTOR", "MEDICAL PRACTITIONER", "MEDICAL OFFICER"),
    ),
    "police officer": (
        "DM 4.4 the officer reduces the information to writing; Pegawai Penyiasat (IO)",
        ("PEGAWAI PENERIMA", "PEGAWAI PENYIASAT", "PEGAWAI YANG MENERIMA REPOT"),
        ("RECEIVING OFFICER", "INVESTIGATING OFFICER", "OFFICER RECEIVING THE REPORT"),
    ),
    "complainant": (
        "DM 4.4 Pengadu (a witness's or relative's report)",
        ("PENGADU", "BUTIRAN PENGADU", "MAKLUMAT PENGADU"),
        ("COMPLAINANT", "COMPLAINANT DETAILS", "PARTICULARS OF COMPLAINANT"),
    ),
    "informant": (
        "REAL LM11 PEMAKLUM / INFORMANT",
        ("PEMAKLUM", "BUTIRAN PEMAKLUM", "PEMAKLUM"),
        ("INFORMANT", "INFORMANT DETAILS", "INFORMANT"),
    ),
    "declaration": (
        "RL Perakuan Majikan wording; DM 4.6",
        ("AKUAN", "PENGAKUAN", "AKUAN ORANG BERINSURANS"),
        ("DECLARATION", "DECLARATION", "DECLARATION BY INSURED PERSON"),
    ),
}

# Titles per type: (source, issuer kind, (B, C, H) title lines). Sources: DM 4.0 keyword
# table, DM 4.6 forms catalogue, REAL LM11 (the JPN death certificate).
TITLES: dict[str, tuple[str, str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {
    "medical_certificate": (
        "DM 4.2",
        "clinic",
        (
            ("SIJIL CUTI SAKIT", "MEDICAL CERTIFICATE"),
            ("MEDICAL CERTIFICATE", "SIJIL SAKIT"),
            ("PERAKUAN SAKIT",),
        ),
    ),
    "medical_report": (
        "DM 4.3",
        "clinic",
        (
            ("LAPORAN PERUBATAN", "MEDICAL REPORT"),
            ("MEDICAL REPORT", "LAPORAN PERUBATAN"),
            ("LAPORAN PERUBATAN - KECEDERAAN",),
        ),
    ),
    "police_report": (
        "DM 4.4",
        "police",
        (("LAPORAN POLIS", "POLICE REPORT"), ("POLICE REPORT", "REPOT POLIS"), ("REPOT POLIS",)),
    ),
    "sketch_map": (
        "DM 4.5",
        "none",
        (
            ("PETA LAKAR", "SKETCH MAP"),
            ("SKETCH PLAN", "LAKARAN PETA"),
            ("RAJAH KASAR TEMPAT KEMALANGAN",),
        ),
    ),
    "form_34": (
        "DM 4.6",
        "perkeso",
        (
            ("BORANG 34", "BORANG BUTIRAN NOTIS DAN TUNTUTAN FAEDAH"),
            ("BORANG 34", "BUTIRAN NOTIS DAN TUNTUTAN FAEDAH"),
            ("BORANG 34", "NOTIS DAN TUNTUTAN FAEDAH BENCANA KERJA"),
        ),
    ),
    "form_21": (
        "DM 4.6",
        "perkeso",
        (
            ("BORANG 21", "LAPORAN KEMALANGAN"),
            ("BORANG 21", "LAPORAN KEMALANGAN"),
            ("BORANG 21", "LAPORAN KEMALANGAN (PERATURAN 21)"),
        ),
    ),
    "form_10": (
        "DM 4.6",
        "perkeso",
        (
            ("BORANG 10", "BORANG TUNTUTAN"),
            ("BORANG 10", "BORANG TUNTUTAN"),
            ("BORANG 10", "BORANG TUNTUTAN FAEDAH HILANG UPAYA SEMENTARA"),
        ),
    ),
    "form_68": (
        "DM 4.6",
        "perkeso",
        (
            ("PKS(P) 68", "LAPORAN PENYAKIT KHIDMAT"),
            ("PKS(P) 68", "LAPORAN PENYAKIT KHIDMAT"),
            ("PKS(P) 68", "LAPORAN PENYAKIT KHIDMAT OLEH MAJIKAN"),
        ),
    ),
    "form_69": (
        "DM 4.6",
        "perkeso",
        (
            ("PKS(P) 69", "NOTIS PENYAKIT KHIDMAT"),
            ("PKS(P) 69", "NOTIS PENYAKIT KHIDMAT"),
            ("PKS(P) 69", "NOTIS PENYAKIT KHIDMAT (TELAH BERHENTI KERJA)"),
        ),
    ),
    "permanent_disablement_application": (
        "DM 0, 2.4",
        "perkeso",
        (
            ("PERMOHONAN FAEDAH HILANG UPAYA KEKAL",),
            ("PERMOHONAN FAEDAH HILANG UPAYA KEKAL", "Permanent Disablement Benefit"),
            ("PERMOHONAN FAEDAH HILANG UPAYA KEKAL (FHUK)",),
        ),
    ),
    "wage_statement": (
        "DM 4.7",
        "employer",
        (("SLIP GAJI", "PAYSLIP"), ("PAYSLIP", "PENYATA GAJI"), ("KENYATAAN BUTIR-BUTIR GAJI",)),
    ),
    "attendance_record": (
        "DM 4.8",
        "employer",
        (
            ("REKOD KEDATANGAN", "ATTENDANCE RECORD"),
            ("ATTENDANCE RECORD", "REKOD KEDATANGAN"),
            ("KAD PERAKAM WAKTU",),
        ),
    ),
    "bank_statement": (
        "DM 4.9",
        "bank",
        (
            ("PENYATA AKAUN", "ACCOUNT STATEMENT"),
            ("BANK STATEMENT", "PENYATA AKAUN"),
            ("PENYATA AKAUN SIMPANAN",),
        ),
    ),
    "death_certificate": (
        "DM 4.10, REAL LM11",
        "jpn",
        (
            ("SIJIL KEMATIAN", "CERTIFICATE OF DEATH"),
            ("CERTIFICATE OF DEATH", "SIJIL KEMATIAN"),
            ("PERAKUAN KEMATIAN",),
        ),
    ),
    "termination_letter": (
        "DM 4.11",
        "employer",
        (
            ("SURAT PENAMATAN PERKHIDMATAN", "TERMINATION OF EMPLOYMENT"),
            ("TERMINATION OF EMPLOYMENT", "PENAMATAN PERKHIDMATAN"),
            ("NOTIS PEMBERHENTIAN KERJA",),
        ),
    ),
    "mykad": ("DM 4.1, REAL MyKad", "none", (("",), ("",), ("",))),
}

# The copy-certification stamp (DM 4.10 certified copies; issue #20 "SALINAN DIAKUI SAH").
COPY_STAMP = ("SALINAN DIAKUI SAH", "CERTIFIED TRUE COPY", "SALINAN DIAKUI SAH")

# Continuation cues of later pages (issue #20 list: m/s 2, m.s. 2, muka surat 2, page 2).
CUES = {
    "B": "m/s {n}",
    "C": "Page {n} of {t}",
    "H": "Muka surat {n} daripada {t}",
}

_INDEX = {"B": 0, "C": 1, "H": 2}


def label(concept: str, family: str, langs: tuple[str, ...]) -> str:
    """The label in the family's wording and language order ("Nama / Name")."""
    return _pick(LABELS[concept], family, langs)


def heading(concept: str, family: str, langs: tuple[str, ...]) -> str:
    """A section heading in the family's wording and language order."""
    return _pick(HEADINGS[concept], family, langs)


def _pick(
    entry: tuple[str, tuple[str, str, str], tuple[str, str, str]],
    family: str,
    langs: tuple[str, ...],
) -> str:
    _src, ms, en = entry
    i = _INDEX[family]
    words = [ms[i] if lang == "ms" else en[i] for lang in langs]
    return " / ".join(dict.fromkeys(words))
