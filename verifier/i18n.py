"""The report page's words in English and Malay."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Claim check report",
        "claim": "Claim",
        "insured": "Insured person",
        "ic": "IC number",
        "submitted_on": "Received",
        "checked_on": "Checked on",
        "employer": "Employer",
        "accident_kind": "Kind of accident",
        "verdict": "Verdict",
        "next_step": "What to do now",
        "checklist": "Required documents",
        "document": "Document",
        "status": "Status",
        "found_in": "Found in",
        "present": "Present",
        "missing": "Missing",
        "findings": "Findings",
        "no_findings": "Nothing to act on.",
        "what_to_do": "What to do",
        "evidence": "Evidence",
        "page": "page",
        "legal_basis": "Legal basis",
        "documents": "Documents read",
        "file": "File",
        "pages": "Pages",
        "type": "Type",
        "confidence": "Confidence",
        "fields": "Printed details",
        "unreadable": "unreadable",
        "engine": "Produced by",
        "rules": "rules",
        "insured_age": "Age of the insured at the claim date",
        "certified_days": "Days of certified sick leave (with the accident day)",
        "error": "Error",
        "warning": "Warning",
        "info": "Note",
    },
    "ms": {
        "title": "Laporan semakan tuntutan",
        "claim": "Tuntutan",
        "insured": "Orang berinsurans",
        "ic": "No. KP",
        "submitted_on": "Diterima",
        "checked_on": "Disemak pada",
        "employer": "Majikan",
        "accident_kind": "Jenis kemalangan",
        "verdict": "Keputusan semakan",
        "next_step": "Apa perlu dibuat sekarang",
        "checklist": "Dokumen wajib",
        "document": "Dokumen",
        "status": "Status",
        "found_in": "Dijumpai dalam",
        "present": "Ada",
        "missing": "Tiada",
        "findings": "Dapatan",
        "no_findings": "Tiada tindakan diperlukan.",
        "what_to_do": "Tindakan",
        "evidence": "Bukti",
        "page": "halaman",
        "legal_basis": "Asas undang-undang",
        "documents": "Dokumen yang dibaca",
        "file": "Fail",
        "pages": "Halaman",
        "type": "Jenis",
        "confidence": "Keyakinan",
        "fields": "Butiran tercetak",
        "unreadable": "tidak dapat dibaca",
        "engine": "Dihasilkan oleh",
        "rules": "peraturan",
        "insured_age": "Umur orang berinsurans pada tarikh tuntutan",
        "certified_days": "Hari cuti sakit diperakui (termasuk hari kemalangan)",
        "error": "Ralat",
        "warning": "Amaran",
        "info": "Makluman",
    },
}

# Why a page reads as it does (intake: Page.reason), for the report's page list.
PAGE_REASONS: dict[str, dict[str, str]] = {
    "en": {
        "blank": "The page is blank.",
        "too_small": "The print is too small to read: send a sharper scan or a closer photo.",
        "blurred": "The page is too blurred to read: send a sharper scan or photo.",
        "faint": "The print is too faint to read: send a darker scan or photo.",
        "no_text": "No text could be found on the page.",
        "low_confidence": "The page reads poorly: an officer checks what was read.",
        "render_failed": "The page is damaged and could not be drawn to be read.",
        "read_failed": "The page could not be read.",
    },
    "ms": {
        "blank": "Halaman ini kosong.",
        "too_small": "Cetakan terlalu kecil untuk dibaca: hantar imbasan yang lebih jelas "
        "atau foto yang lebih dekat.",
        "blurred": "Halaman terlalu kabur untuk dibaca: hantar imbasan atau foto yang lebih jelas.",
        "faint": "Cetakan terlalu pudar untuk dibaca: hantar imbasan atau foto yang lebih gelap.",
        "no_text": "Tiada teks dijumpai pada halaman ini.",
        "low_confidence": "Halaman ini sukar dibaca: pegawai akan menyemak apa yang dibaca.",
        "render_failed": "Halaman ini rosak dan tidak dapat dipaparkan untuk dibaca.",
        "read_failed": "Halaman ini tidak dapat dibaca.",
    },
}

VERDICTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "complete": ("Complete", "Every required document is here and nothing needs review."),
        "incomplete": ("Incomplete", "Required documents are missing: see the checklist."),
        "needs_review": ("Needs review", "The documents are all here, but some need checking."),
        "ineligible": ("Ineligible", "The claim fails a time limit or the sick-leave minimum."),
    },
    "ms": {
        "complete": ("Lengkap", "Semua dokumen wajib ada dan tiada yang perlu disemak."),
        "incomplete": ("Tidak lengkap", "Dokumen wajib tiada: lihat senarai semak."),
        "needs_review": ("Perlu disemak", "Semua dokumen ada, tetapi ada yang perlu disemak."),
        "ineligible": ("Tidak layak", "Tuntutan melepasi had masa atau minimum cuti sakit."),
    },
}

ACCIDENT_KINDS: dict[str, dict[str, str]] = {
    "en": {"workplace": "at the workplace", "commuting": "commuting", "emergency": "emergency"},
    "ms": {
        "workplace": "di tempat kerja",
        "commuting": "dalam perjalanan",
        "emergency": "kecemasan",
    },
}

# What the employer must do now, one sentence per verdict ({docs}, {why} and {todo}: the
# deciding finding's message and action, {what}: what an officer checks).
NEXT_STEPS: dict[str, dict[str, str]] = {
    "en": {
        "complete": "Nothing more to send: PERKESO will now decide on the claim.",
        "incomplete": "Upload what is missing: {docs}. Semak then checks the whole claim again.",
        "ineligible": "As read, the claim does not qualify: {why} {todo} "
        "A PERKESO officer decides.",
        "needs_review": "Nothing to do for now: a PERKESO officer will check {what}.",
    },
    "ms": {
        "complete": "Tiada apa-apa lagi perlu dihantar: PERKESO akan membuat keputusan.",
        "incomplete": "Muat naik yang tiada: {docs}. Semak kemudian menyemak semula tuntutan.",
        "ineligible": "Seperti yang dibaca, tuntutan ini tidak layak: {why} {todo} "
        "Pegawai PERKESO yang membuat keputusan.",
        "needs_review": "Tiada tindakan buat masa ini: pegawai PERKESO akan menyemak {what}.",
    },
}

# What an officer checks, by finding code (the {what} of a needs_review next step).
REVIEW_TOPICS: dict[str, tuple[str, str]] = {
    "IC_MISMATCH": ("the IC numbers on the documents", "nombor KP pada dokumen"),
    "INVALID_IC": ("the IC number", "nombor KP"),
    "NAME_MISMATCH": ("the names on the documents", "nama pada dokumen"),
    "DATE_INCONSISTENT": ("the dates on the documents", "tarikh pada dokumen"),
    "LATE_ACCIDENT_REPORT": ("the late accident notice", "notis kemalangan yang lewat"),
    "UNREADABLE_DOCUMENT": ("the pages that could not be read", "halaman yang tidak dapat dibaca"),
    "DUPLICATE_DOCUMENT": ("the copies uploaded twice", "salinan yang dimuat naik dua kali"),
    "CLAIM_TIME_BARRED": ("the time limit", "had masa"),
    "MC_TOO_SHORT": ("the medical certificates", "sijil cuti sakit"),
}

# A finding's code as a reader sees it (the code itself stays in the report and data-code).
FINDING_LABELS: dict[str, tuple[str, str]] = {
    "MISSING_DOCUMENT": ("Document missing", "Dokumen tiada"),
    "CLAIM_TIME_BARRED": ("Time limit passed", "Had masa telah lepas"),
    "MC_TOO_SHORT": ("Sick leave too short", "Cuti sakit terlalu pendek"),
    "IC_MISMATCH": ("IC numbers differ", "No. KP berbeza"),
    "NAME_MISMATCH": ("Names differ", "Nama berbeza"),
    "INVALID_IC": ("IC number not valid", "No. KP tidak sah"),
    "DATE_INCONSISTENT": ("Dates disagree", "Tarikh tidak sepadan"),
    "LATE_ACCIDENT_REPORT": ("Accident notified late", "Kemalangan lewat dimaklumkan"),
    "UNREADABLE_DOCUMENT": ("Could not be read", "Tidak dapat dibaca"),
    "DUPLICATE_DOCUMENT": ("Uploaded twice", "Dimuat naik dua kali"),
}

# A document's printed details by key, as a reader sees them.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "ic_number": ("IC number", "No. KP"),
    "name": ("Name", "Nama"),
    "mc_days": ("Days of sick leave", "Hari cuti sakit"),
    "report_number": ("Report number", "No. laporan"),
    "document_date": ("Date", "Tarikh"),
    "accident_date": ("Accident date", "Tarikh kemalangan"),
    "mc_start": ("Leave starts", "Cuti bermula"),
    "mc_end": ("Leave ends", "Cuti tamat"),
    "notified_date": ("Date notified", "Tarikh dimaklumkan"),
    "date_of_death": ("Date of death", "Tarikh kematian"),
    "clinic": ("Clinic", "Klinik"),
    "mmc_number": ("MMC registration number", "No. pendaftaran MMC"),
}


def finding_label(code: str, lang: str) -> str:
    en, ms = FINDING_LABELS.get(code, (code.replace("_", " ").capitalize(),) * 2)
    return ms if lang == "ms" else en


def field_label(key: str, lang: str) -> str:
    en, ms = FIELD_LABELS.get(key, (key.replace("_", " ").capitalize(),) * 2)
    return ms if lang == "ms" else en
