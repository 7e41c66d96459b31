"""All fields of one document, by its type: small named extractors, each value a Field."""

from __future__ import annotations

from collections.abc import Callable

from intake.fields import bank, employer, mc, police
from intake.fields.datekeys import dates_by_key
from intake.fields.names import normalise_name
from intake.fields.people import insured_ic, insured_name, other_people
from intake.fields.plausible import not_a_name
from intake.fields.text import DocText
from intake.models import DocType, Field, Person

T = DocType
# An extractor reads the document's text and, where it reads labels, doctypes.yml's
# ``labels`` (the ones that read none take them and leave them: one signature for all).
Extractor = Callable[[DocText, dict], Field | None]


def _text_only(read: Callable[[DocText], Field | None]) -> Extractor:
    return lambda dt, _labels: read(dt)


# Which extra extractors run on which document types (the insured's IC, name and the
# dates run on every type).
EXTRA: dict[str, tuple[tuple[DocType, ...], Extractor]] = {
    "mc_days": ((T.MEDICAL_CERTIFICATE,), mc.mc_days),
    "clinic": ((T.MEDICAL_CERTIFICATE, T.MEDICAL_REPORT, T.OTHER), _text_only(mc.clinic)),
    "doctor": ((T.MEDICAL_CERTIFICATE, T.MEDICAL_REPORT), _text_only(mc.doctor)),
    "mmc_number": ((T.MEDICAL_CERTIFICATE, T.MEDICAL_REPORT), _text_only(mc.mmc_number)),
    "report_number": ((T.POLICE_REPORT,), _text_only(police.report_number)),
    "station": ((T.POLICE_REPORT,), _text_only(police.station)),
    "report_time": ((T.POLICE_REPORT,), _text_only(police.report_time)),
    "employer_code": (
        (T.FORM_34, T.FORM_21, T.FORM_10, T.FORM_68, T.FORM_69, T.WAGE_STATEMENT,
         T.ATTENDANCE_RECORD, T.PERMANENT_DISABLEMENT_APPLICATION, T.TERMINATION_LETTER),
        _text_only(employer.employer_code),
    ),
    "notice_type": ((T.FORM_34,), _text_only(employer.notice_type)),
    "bank_account": ((T.BANK_STATEMENT,), _text_only(bank.bank_account)),
    "bank_name": ((T.BANK_STATEMENT,), _text_only(bank.bank_name)),
}  # fmt: skip


def _relative_reported(dt: DocText, fields: dict[str, Field]) -> None:
    """A report lodged by a relative names the insured in its statement; the complainant's
    name and IC are then somebody else's (and the insured's name is kept only when it is a
    person's name as printed, intake.fields.plausible)."""
    victim = police.victim_name(dt)
    if victim is not None:
        fields.pop("name", None)
        fields.pop("ic_number", None)
        if not_a_name(str(victim.value)) is None:
            fields["name"] = victim


def extract(
    dt: DocText, doc_type: DocType, labels: dict
) -> tuple[dict[str, Field], dict[str, Field]]:
    """(fields, dates) of a document of ``doc_type``; what is not printed is left out."""
    fields: dict[str, Field] = {}
    for key, value in (
        ("ic_number", insured_ic(dt, labels, doc_type)),
        ("name", insured_name(dt, labels, doc_type)),
    ):
        if value is not None:
            fields[key] = value
    if doc_type == T.POLICE_REPORT:
        _relative_reported(dt, fields)
    if "name" in fields:
        f = fields["name"]
        fields["name_normalised"] = Field(normalise_name(f.value), f.page, f.bbox, f.confidence)
    for key, (types, extractor) in EXTRA.items():
        if doc_type in types:
            found = extractor(dt, labels)
            if found is not None:
                fields[key] = found
    dates = dates_by_key(dt, labels, doc_type) if doc_type != T.MYKAD else {}
    return fields, dates


def people(dt: DocText, doc_type: DocType, labels: dict) -> list[Person]:
    """Everybody else the document names, with their role (none on a MyKad: it is one card)."""
    return [] if doc_type == T.MYKAD else other_people(dt, labels, doc_type)
