"""Flask-WTF forms: every form carries a CSRF token."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import get_translations, lazy_ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from intake.fields.ic import format_ic, is_valid_ic
from semak.web.claimtypes import ACCIDENT_KINDS, CLAIM_TYPES, DOC_TYPES, ROLES


class _Catalogue:
    """WTForms' own messages ("This field is required.") through the project's catalogue:
    WTForms ships no Malay, so they are msgids of ours (``WTFORMS_MESSAGES``)."""

    def gettext(self, string: str) -> str:
        return str(get_translations().ugettext(string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(get_translations().ungettext(singular, plural, n))


class Form(FlaskForm):
    """Every portal form: WTForms' messages in the reader's language."""

    class Meta:
        def get_translations(self, form: Any) -> _Catalogue:
            return _Catalogue()


# WTForms' messages the portal's fields and validators can give, for the catalogue
WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    lazy_ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        2,
    ),
    lazy_ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        2,
    ),
    lazy_ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        2,
    ),
)


class LoginForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class EmptyForm(Form):
    """A POST with only the CSRF token (logout, toggles)."""


def opts(pairs: list[tuple[str, Any]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3 options (tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


def _choices(mapping: dict[str, Any]) -> list[tuple[str, Any]]:
    return list(mapping.items())


class ClaimForm(Form):
    claim_type = SelectField(
        _l("Claim type"),
        choices=opts([(c.id, c.label) for c in CLAIM_TYPES.values()]),
        validators=[DataRequired()],
        description=_l("The benefit you are claiming. The form asks only what this type needs."),
    )
    reference = StringField(
        _l("Your reference (optional)"),
        validators=[Optional(), Length(max=64)],
        description=_l("Your own file number for this claim. We make one if you leave it empty."),
    )
    insured_name = StringField(
        _l("Insured person's name"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Full name as on the MyKad."),
    )
    insured_ic = StringField(
        _l("Insured person's IC number"),
        validators=[DataRequired(), Length(max=14)],
        description=_l("12-digit MyKad number, for example 870903-10-6231."),
        render_kw={"inputmode": "numeric", "autocomplete": "off", "data-ic-check": "1"},
    )
    accident_date = DateField(
        _l("Date of the accident"),
        validators=[DataRequired()],
        description=_l("The day the accident happened."),
    )
    accident_time = TimeField(
        _l("Time of the accident (optional)"),
        validators=[Optional()],
        description=_l("Helps check that the accident was reported within 48 hours."),
    )
    accident_kind = SelectField(
        _l("Where did the accident happen?"),
        choices=opts([("", _l("Choose…")), *_choices(ACCIDENT_KINDS)]),
        validators=[Optional()],
        description=_l("What you will need can depend on it: see the list above."),
    )
    employment_status = SelectField(
        _l("Does the insured person still work for you?"),
        choices=opts([("employed", _l("Yes, still employed")), ("left", _l("No, has left"))]),
        default="employed",
        validators=[Optional()],
        description=_l("Decides which notice form is needed (Borang 68 or 69)."),
    )

    def validate_insured_ic(self, field: StringField) -> None:
        if not is_valid_ic(field.data or ""):
            raise ValidationError(
                _l("Not a valid MyKad number: check the date of birth and the state code.")
            )

    def validate_accident_date(self, field: DateField) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_l("This date is in the future."))

    def validate_accident_kind(self, field: SelectField) -> None:
        ct = CLAIM_TYPES.get(self.claim_type.data or "")
        if ct and ct.requires_accident_kind and not field.data:
            raise ValidationError(_l("Choose where the accident happened."))

    def claim_data(self) -> dict[str, Any]:
        """claim.json (spec section 1) holding only what the claim type uses."""
        ct = CLAIM_TYPES[self.claim_type.data]
        data: dict[str, Any] = {
            "claim_type": ct.id,
            "insured_name": self.insured_name.data.strip(),
            "insured_ic": format_ic(self.insured_ic.data),
            "accident_date": self.accident_date.data.isoformat(),
            "accident_kind": None,
            "employment_status": "employed",
        }  # no submitted_on: the server sets the day of receipt (semak.claims.received)
        if self.reference.data and self.reference.data.strip():
            data["claim_id"] = self.reference.data.strip()
        if ct.accident:
            data["accident_kind"] = self.accident_kind.data or None
            if self.accident_time.data:
                data["accident_time"] = self.accident_time.data.strftime("%H:%M")
        if ct.employment_status:
            data["employment_status"] = self.employment_status.data or "employed"
        return data


class DecisionForm(Form):
    decision = SelectField(
        _l("Decision"),
        choices=opts(
            [
                ("accept", _l("Accept")),
                ("request_documents", _l("Request documents")),
                ("reject", _l("Reject")),
            ]
        ),
        validators=[DataRequired()],
    )
    message = TextAreaField(
        _l("Message to the employer"),
        validators=[Length(max=2000)],
        description=_l("Required when requesting documents or rejecting: say what and why."),
    )

    def validate_message(self, field: TextAreaField) -> None:
        if self.decision.data in ("request_documents", "reject") and not (field.data or "").strip():
            raise ValidationError(_l("Write a message: what is needed, or why it is rejected."))


class ReceivedForm(Form):
    """The day PERKESO received a paper claim (semak.claims.set_receipt_date checks it)."""

    submitted_on = DateField(_l("Date received"), validators=[DataRequired()])


FIELD_CHOICES = [
    ("doc_type", _l("Document type")),
    ("ic_number", _l("IC number")),
    ("name", _l("Name")),
    ("mc_days", _l("MC days")),
    ("report_number", _l("Police report number")),
    ("dates.document_date", _l("Document date")),
    ("dates.accident_date", _l("Accident date")),
    ("dates.mc_start", _l("MC start")),
    ("dates.mc_end", _l("MC end")),
    ("dates.notified_date", _l("Date notified to employer")),
    ("dates.date_of_death", _l("Date of death")),
]


class CorrectionForm(Form):
    document = SelectField(_l("Document"), validators=[DataRequired()])
    field = SelectField(
        _l("What to correct"), choices=opts(FIELD_CHOICES), validators=[DataRequired()]
    )
    doc_type = SelectField(
        _l("Correct document type"), choices=opts(_choices(DOC_TYPES)), validators=[Optional()]
    )
    value = StringField(
        _l("Correct value"),
        validators=[Optional(), Length(max=200)],
        description=_l(
            "A date as on the document (6/10/2026, 6 Okt 2026 or 2026-10-06); an IC as 12 digits."
            " Leave empty to remove a wrong value."
        ),
    )


class QueueFilterForm(Form):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = StringField(
        _l("Search by IC, name or reference"),
        validators=[Optional(), Length(max=64)],
        description=_l("An IC number or its first 6 digits, the start of a name, any case."),
    )
    verdict = SelectField(
        _l("Verdict"),
        choices=opts(
            [
                ("", _l("All")),
                ("needs_review", _l("Needs review")),
                ("incomplete", _l("Incomplete")),
                ("ineligible", _l("Ineligible")),
                ("sampled", _l("Sampled for a second look")),
            ]
        ),
        validators=[Optional()],
    )
    claim_type = SelectField(
        _l("Claim type"),
        choices=opts([("", _l("All")), *[(c.id, c.label) for c in CLAIM_TYPES.values()]]),
        validators=[Optional()],
    )
    include_decided = BooleanField(_l("Include decided claims"))


class UserForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    role = SelectField(
        _l("Role"),
        choices=opts(_choices(ROLES)),
    )
    employer_code = StringField(
        _l("Employer code (employer users)"),
        validators=[Optional(), Length(max=32)],
        description=_l("The employer this user belongs to. A new code creates the employer."),
    )
    employer_name = StringField(
        _l("Employer name (for a new employer)"), validators=[Optional(), Length(max=200)]
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=10, max=200)],
        description=_l("At least 10 characters."),
    )

    def validate_employer_code(self, field: StringField) -> None:
        if self.role.data == "employer" and not (field.data or "").strip():
            raise ValidationError(_l("An employer user needs an employer code."))


class LanguageForm(Form):
    lang = SelectField(_l("Language"), choices=opts([("ms", "Bahasa Melayu"), ("en", "English")]))
