"""What the employer form asks for each claim type (spec RULES.md): only what the type needs."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class ClaimType:
    id: str
    label: object  # lazy string
    date_label: object
    date_help: object
    accident: bool  # asks time and kind of accident
    employment_status: bool  # asks whether the insured still works here
    documents: tuple[str, ...]  # what to prepare (shown as a hint)


INJURY_DATE = _l("Date of the accident")
INJURY_HELP = _l("The day the accident happened, as in the police report or Borang 34.")
DEATH_DATE = _l("Date of death")
DEATH_HELP = _l("As printed on the death certificate.")

CLAIM_TYPES: dict[str, ClaimType] = {
    c.id: c
    for c in (
        ClaimType(
            "temporary_disablement",
            _l("Temporary disablement (FHUS)"),
            INJURY_DATE,
            INJURY_HELP,
            True,
            False,
            ("form_34", "mykad", "medical_certificate", "attendance_record", "wage_statement"),
        ),
        ClaimType(
            "permanent_disablement",
            _l("Permanent disablement (FHUK)"),
            INJURY_DATE,
            INJURY_HELP,
            True,
            False,
            (
                "permanent_disablement_application",
                "mykad",
                "medical_report",
                "form_34",
                "wage_statement",
                "bank_statement",
            ),
        ),
        ClaimType(
            "occupational_disease",
            _l("Occupational disease"),
            _l("Date of diagnosis"),
            _l("The day a doctor first diagnosed the disease."),
            False,
            True,
            ("form_34",),
        ),
        ClaimType(
            "dependants_benefit",
            _l("Dependants' benefit"),
            DEATH_DATE,
            DEATH_HELP,
            True,
            False,
            ("form_34", "death_certificate", "mykad"),
        ),
        ClaimType(
            "funeral_benefit",
            _l("Funeral benefit"),
            DEATH_DATE,
            DEATH_HELP,
            False,
            False,
            ("form_34", "death_certificate", "mykad"),
        ),
        ClaimType(
            "invalidity_pension",
            _l("Invalidity pension"),
            _l("Date of the medical board or diagnosis"),
            _l("The date on the medical report that certifies the invalidity."),
            False,
            False,
            ("form_34", "medical_report", "mykad", "bank_statement"),
        ),
        ClaimType(
            "survivors_pension",
            _l("Survivors' pension"),
            DEATH_DATE,
            DEATH_HELP,
            False,
            False,
            ("form_34", "death_certificate", "mykad"),
        ),
        ClaimType(
            "job_loss",
            _l("Job loss (EIS)"),
            _l("Last day of employment"),
            _l("The last working day in the termination letter. Claims close 60 days after it."),
            False,
            False,
            ("termination_letter", "mykad", "bank_statement"),
        ),
    )
}

DOC_TYPES: dict[str, object] = {
    "mykad": _l("MyKad copy"),
    "medical_certificate": _l("Medical certificate"),
    "medical_report": _l("Medical report"),
    "police_report": _l("Police report"),
    "sketch_map": _l("Sketch map (Peta Lakar)"),
    "form_34": _l("Borang 34 (notice and claim)"),
    "form_21": _l("Borang 21 (accident report)"),
    "form_10": _l("Borang 10 (claim form)"),
    "form_68": _l("Borang 68 (occupational disease, employed)"),
    "form_69": _l("Borang 69 (occupational disease, left)"),
    "permanent_disablement_application": _l("Permanent disablement application"),
    "wage_statement": _l("Wage statement or payslips"),
    "attendance_record": _l("Attendance record"),
    "bank_statement": _l("Bank statement"),
    "death_certificate": _l("Death certificate"),
    "termination_letter": _l("Termination letter"),
    "other": _l("Other"),
}

VERDICTS: dict[str, object] = {
    "complete": _l("Complete"),
    "incomplete": _l("Incomplete"),
    "needs_review": _l("Needs review"),
    "ineligible": _l("Ineligible"),
}

ACCIDENT_KINDS: dict[str, object] = {
    "workplace": _l("At the workplace"),
    "commuting": _l("Commuting (travelling to or from work)"),
    "emergency": _l("During an emergency"),
}

STATUSES: dict[str, object] = {
    "queued": _l("Queued"),
    "processing": _l("Reading"),
    "reading": _l("Reading"),
    "read": _l("Read"),
    "done": _l("Done"),
    "failed": _l("Failed"),
    "error": _l("Error"),
}

ROLES: dict[str, object] = {
    "employer": _l("Employer"),
    "officer": _l("Officer"),
    "admin": _l("Admin"),
}

DECISIONS: dict[str, object] = {
    "accept": _l("Accepted"),
    "request_documents": _l("Documents requested"),
    "reject": _l("Rejected"),
}

AUDIT_ACTIONS: dict[str, object] = {
    "submitted": _l("Submitted"),
    "uploaded": _l("Documents added"),
    "upload_rejected": _l("Files refused at upload"),
    "viewed": _l("Viewed"),
    "corrected": _l("Corrected"),
    "reverified": _l("Rules run again"),
    "receipt_date_set": _l("Date of receipt given by an officer"),
    "forged_corrections_dropped": _l("Corrections sent in claim.json discarded (run again)"),
    "decided": _l("Decided"),
    "sampled": _l("Sampled for a second look"),
    "signal": _l("Signal across claims"),
    "downloaded_document": _l("Downloaded a document"),
    "downloaded_report": _l("Downloaded the report"),
    "viewed_page": _l("Viewed a page image"),
    "viewed_status": _l("Checked the status"),
    "logged_in": _l("Logged in"),
    "user_created": _l("User created"),
    "user_activated": _l("User activated"),
    "user_deactivated": _l("User deactivated"),
    "viewed_batch": _l("Viewed an archive batch"),
    "downloaded_index": _l("Downloaded an archive batch's index"),
    "viewed_archive_claim": _l("Viewed an archive claim"),
}
