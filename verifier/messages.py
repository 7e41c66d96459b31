"""What each finding says, in English and Malay, and what to do about it.

Keys are message ids (a finding code can have several); templates use str.format fields.
Never put a full IC number or a medical detail into a template's fields beyond what the
report already shows on its documents.
"""

from __future__ import annotations

from typing import Any

from intake.doclist import doc_label, document_kinds

DOC_LABELS: dict[str, tuple[str, str]] = {
    k: (d.label_en, d.label_ms) for k, d in document_kinds().items()
}  # intake/doctypes.yml `documents`: the one place document types are named


# id -> (English message, Malay message, English action, Malay action)
TEMPLATES: dict[str, tuple[str, str, str, str]] = {
    "missing": (
        "Required document missing: {doc_en}.",
        "Dokumen wajib tiada: {doc_ms}.",
        "Obtain the {doc_en} and add it to the claim.",
        "Dapatkan {doc_ms} dan tambahkan pada tuntutan.",
    ),
    "missing_count": (
        "{need} documents of type {doc_en} are required; {have} found.",
        "{need} dokumen jenis {doc_ms} diperlukan; {have} dijumpai.",
        "Add the missing {doc_en} (for example the claimant's own).",
        "Tambah {doc_ms} yang tiada (contohnya milik pihak yang menuntut).",
    ),
    "time_barred": (
        "The claim was received on {submitted}, more than {limit} after the {anchor_en} "
        "({anchor}); the time limit ended on {last}.",
        "Tuntutan diterima pada {submitted}, melebihi {limit_ms} selepas {anchor_ms} ({anchor}); "
        "had masa tamat pada {last}.",
        "Ask PERKESO whether a late claim can still be accepted, with the reason for the delay.",
        "Tanya PERKESO sama ada tuntutan lewat masih boleh diterima, dengan sebab kelewatan.",
    ),
    "mc_too_short": (
        "Certified sick leave counts {days} day(s) including the accident day; at least "
        "{min_days} are required.",
        "Cuti sakit yang diperakui berjumlah {days} hari termasuk hari kemalangan; sekurang-"
        "kurangnya {min_days} hari diperlukan.",
        "Check for another medical certificate; otherwise the claim does not qualify.",
        "Semak jika ada sijil cuti sakit lain; jika tiada, tuntutan tidak layak.",
    ),
    "late_notice": (
        "The accident ({accident}) was notified to the employer on {notified}, more than "
        "48 hours later.",
        "Kemalangan ({accident}) dimaklumkan kepada majikan pada {notified}, melebihi 48 jam.",
        "Attach the employer's explanation for the late notice.",
        "Sertakan penjelasan majikan bagi notis yang lewat.",
    ),
    "insured_ic_invalid": (
        "The insured's IC number in the claim is not a possible MyKad number.",
        "No. KP orang berinsurans dalam tuntutan bukan nombor MyKad yang sah.",
        "Check the IC number against the MyKad and correct the claim.",
        "Semak No. KP dengan MyKad dan betulkan tuntutan.",
    ),
    "printed_ic_invalid": (
        "The IC number printed on the {doc_en} ({ic}) is not a possible MyKad number.",
        "No. KP pada {doc_ms} ({ic}) bukan nombor MyKad yang sah.",
        "Check the document; ask the issuer to correct it if it is misprinted.",
        "Semak dokumen; minta pengeluar membetulkannya jika salah cetak.",
    ),
    "ic_mismatch": (
        "The {doc_en} gives the insured's IC as {ic}, not the claim's {claim_ic}.",
        "{doc_ms} mencatat No. KP orang berinsurans sebagai {ic}, bukan {claim_ic}.",
        "Confirm the document belongs to the insured; get a corrected copy if it does.",
        "Pastikan dokumen milik orang berinsurans; dapatkan salinan yang dibetulkan.",
    ),
    "ic_mismatch_birth_date": (
        "The {doc_en} gives the insured's IC as {ic}, not the claim's {claim_ic}: only the"
        " date-of-birth part differs ({born}, the claim's {claim_born}).",
        "{doc_ms} mencatat No. KP orang berinsurans sebagai {ic}, bukan {claim_ic}: hanya"
        " bahagian tarikh lahir berbeza ({born}, dalam tuntutan {claim_born}).",
        "Check the date of birth on the insured's MyKad; get a corrected copy of the document"
        " or correct the claim.",
        "Semak tarikh lahir pada MyKad orang berinsurans; dapatkan salinan dokumen yang"
        " dibetulkan atau betulkan tuntutan.",
    ),
    "name_mismatch": (
        "The {doc_en} names {name}, who does not appear to be the insured ({claim_name}).",
        "{doc_ms} menamakan {name}, yang bukan orang berinsurans ({claim_name}).",
        "Confirm the document belongs to the insured; replace it if it does not.",
        "Pastikan dokumen milik orang berinsurans; gantikan jika bukan.",
    ),
    "mc_end_before_start": (
        "On the medical certificate the leave ends ({end}) before it starts ({start}).",
        "Pada sijil cuti sakit tarikh tamat ({end}) sebelum tarikh mula ({start}).",
        "Ask the clinic to confirm the dates of the leave.",
        "Minta klinik mengesahkan tarikh cuti sakit.",
    ),
    "mc_days_differ": (
        "The medical certificate states {printed} day(s) but {start} to {end} is {counted}.",
        "Sijil cuti sakit menyatakan {printed} hari tetapi {start} hingga {end} ialah {counted}.",
        "Ask the clinic to confirm the number of days.",
        "Minta klinik mengesahkan bilangan hari.",
    ),
    "before_event": (
        "The {doc_en}'s {what_en} ({value}) is before the {event_en} ({event}).",
        "{what_ms} pada {doc_ms} ({value}) sebelum {event_ms} ({event}).",
        "Check the dates on the document and in the claim.",
        "Semak tarikh pada dokumen dan dalam tuntutan.",
    ),
    "event_differs": (
        "The {doc_en} gives the {event_en} as {value}; the claim says {event}.",
        "{doc_ms} mencatat {event_ms} sebagai {value}; tuntutan menyatakan {event}.",
        "Correct the claim or the document so the dates agree.",
        "Betulkan tuntutan atau dokumen supaya tarikh sepadan.",
    ),
    "after_submission": (
        "The {doc_en} is dated {value}, after the claim was received ({submitted}).",
        "{doc_ms} bertarikh {value}, selepas tuntutan diterima ({submitted}).",
        "Check the document's date.",
        "Semak tarikh dokumen.",
    ),
    "unreadable_doc": (
        "Page(s) {pages} of {file} could not be read well enough to tell what they are.",
        "Halaman {pages} dalam {file} tidak dapat dibaca dengan jelas.",
        "Scan or photograph the page again, flat and in good light, and upload it.",
        "Imbas atau ambil gambar semula halaman itu dengan jelas dan muat naik.",
    ),
    "unreadable_file": (
        "The file {file} could not be opened: {error_en}.",
        "Fail {file} tidak dapat dibuka: {error_ms}.",
        "Upload the file again as PDF, JPEG, PNG or TIFF.",
        "Muat naik semula fail sebagai PDF, JPEG, PNG atau TIFF.",
    ),
    "duplicate": (
        "The {doc_en} was uploaded more than once ({files}); it is counted once.",
        "{doc_ms} dimuat naik lebih daripada sekali ({files}); ia dikira sekali.",
        "No action needed; remove the extra copy if you wish.",
        "Tiada tindakan diperlukan; buang salinan berlebihan jika mahu.",
    ),
}

FILE_ERRORS: dict[str, tuple[str, str]] = {
    "unsupported_file": ("not a PDF, JPEG, PNG or TIFF", "bukan PDF, JPEG, PNG atau TIFF"),
    "file_too_large": ("too large", "terlalu besar"),
    "too_many_pages": ("too many pages", "terlalu banyak halaman"),
    "image_too_large": ("the image is too large", "imej terlalu besar"),
    "empty_file": ("the file is empty", "fail kosong"),
    "truncated_file": ("the file is incomplete", "fail tidak lengkap"),
    "encrypted_pdf": ("the PDF is password-protected", "PDF dilindungi kata laluan"),
    "document_unreadable": ("the file is damaged", "fail rosak"),
}


def file_error(code: str) -> dict[str, str]:
    en, ms = FILE_ERRORS.get(code, (code, code))
    return {"error_en": en, "error_ms": ms}


EVENT_LABELS: dict[str, tuple[str, str]] = {
    "accident": ("accident date", "tarikh kemalangan"),
    "diagnosis": ("date of diagnosis", "tarikh diagnosis"),
    "death": ("date of death", "tarikh kematian"),
    "last_day_of_employment": ("last day of employment", "hari terakhir bekerja"),
    "latest_mc_end": ("last day of certified sick leave", "hari terakhir cuti sakit"),
    "none": ("claim date", "tarikh tuntutan"),
}

DATE_KEY_LABELS: dict[str, tuple[str, str]] = {
    "document_date": ("date", "Tarikh"),
    "accident_date": ("accident date", "Tarikh kemalangan"),
    "mc_start": ("leave start", "Tarikh mula cuti"),
    "mc_end": ("leave end", "Tarikh tamat cuti"),
    "notified_date": ("date notified", "Tarikh dimaklumkan"),
    "date_of_death": ("date of death", "Tarikh kematian"),
}


def render(key: str, **fields: Any) -> tuple[str, str, str, str]:
    """(message, message_ms, action, action_ms) with doc labels filled in both languages."""
    doc = fields.get("doc_type")
    if doc is not None:
        fields.setdefault("doc_en", doc_label(doc, "en"))
        fields.setdefault("doc_ms", doc_label(doc, "ms"))
    en, ms, act_en, act_ms = TEMPLATES[key]
    return (
        en.format(**fields),
        _cap(ms.format(**fields)),
        act_en.format(**fields),
        _cap(act_ms.format(**fields)),
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
