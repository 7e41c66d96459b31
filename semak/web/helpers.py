"""Template helpers: labels, dates, IC display by role, the language switch."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, request
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from semak.web.access import ic_for
from semak.web.claimtypes import (
    ACCIDENT_KINDS,
    AUDIT_ACTIONS,
    CLAIM_TYPES,
    DECISIONS,
    DOC_TYPES,
    ROLES,
    STATUSES,
    VERDICTS,
)
from semak.web.forms import FIELD_CHOICES, EmptyForm, LanguageForm
from verifier.i18n import field_label, finding_label
from verifier.next_step import next_step


def install(app: Flask) -> None:
    @app.context_processor
    def inject() -> dict[str, Any]:
        lang_form = LanguageForm(formdata=None)
        lang_form.lang.data = str(get_locale() or "ms")
        return {
            "lang_form": lang_form,
            "logout_form": EmptyForm(formdata=None),
            "current_lang": str(get_locale() or "ms"),
            "action_label": lambda a: str(AUDIT_ACTIONS.get(a, a)),
            "doc_labels": {k: str(v) for k, v in DOC_TYPES.items()},
            "doc_label": lambda t: str(DOC_TYPES.get(t or "other", t)),
            "verdict_label": lambda v: str(VERDICTS.get(v or "", v or "—")),
            "status_label": lambda s: str(STATUSES.get(s or "", s or "")),
            "role_label": lambda r: str(ROLES.get(r or "", r or "")),
            "decision_label": lambda d: str(DECISIONS.get(d or "", d or "")),
            "kind_label": lambda k: str(ACCIDENT_KINDS.get(k or "", k or "—")),
            "claim_type_label": lambda t: str(CLAIM_TYPES[t].label) if t in CLAIM_TYPES else t,
            "ic_shown": lambda ic, in_list=False: ic_for(current_user, ic, in_list=in_list),
            "fmt_date": _fmt_date,
            "fmt_datetime": _fmt_datetime,
            "request_path": request.full_path.rstrip("?"),
            "days_left": _days_left,
            "next_step": lambda report: next_step(report, str(get_locale() or "ms")),
            "finding_label": lambda code: finding_label(str(code), str(get_locale() or "ms")),
            "field_label": lambda key: field_label(str(key), str(get_locale() or "ms")),
            "reading_label": _reading_label,
        }


def _reading_label(key: str) -> str:
    """A corrected or counted reading ("doc_type", "mc_days", "dates.mc_start") in words."""
    label = dict(FIELD_CHOICES).get(key)
    if label is not None:
        return str(label)
    return field_label(key.rsplit(".", 1)[-1], str(get_locale() or "ms"))


def _fmt_date(value: Any) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return str(format_date(value, "medium"))


def _fmt_datetime(value: datetime | None) -> str:
    return str(format_datetime(value, "medium")) if value else "—"


def _days_left(deadline: date | None) -> int | None:
    return None if deadline is None else (deadline - date.today()).days
