"""What the employer form asks for each claim type, and the portal's labels.

One source (#23): the claim types, their form (label, date prompt, asked fields) and what to
prepare come from the rules (verifier/rules/<claim_type>.yml: ``portal`` and ``requirements``);
document labels from intake/doctypes.yml. A new claim type's YAML file appears here as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import yaml
from flask_babel import LazyString, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from intake import yamlfile
from intake.doclist import doc_label, document_kinds
from verifier.rules import RuleSet, load_rules
from verifier.rules.model import Alternative, RequirementRule, When


@dataclass(frozen=True)
class ClaimType:
    id: str
    label: object  # lazy string
    date_label: object
    date_help: object
    accident: bool  # asks time and kind of accident
    employment_status: bool  # asks whether the insured still works here
    requires_accident_kind: bool
    requirements: tuple[RequirementRule, ...]  # what to prepare (shown as a hint)

    def needs(self) -> str:
        """What to prepare, in the page's language, read from the rules' requirements."""
        return need_hint(self.requirements, _lang())


def claim_types(rules: RuleSet) -> dict[str, ClaimType]:
    """The portal's table of claim types, from the rules' ``portal`` sections."""
    out: dict[str, ClaimType] = {}
    for key, ct in rules.claim_types.items():
        form = ct.portal
        if form is None:
            continue
        out[key] = ClaimType(
            key,
            _l(form.label),
            _l(form.date_label),
            _l(form.date_help),
            "accident" in form.asks,
            "employment_status" in form.asks,
            "accident_kind" in form.requires,
            ct.requirements,
        )
    return out


CLAIM_TYPES: dict[str, ClaimType] = claim_types(load_rules())


def _lang() -> str:
    return "ms" if str(get_locale() or "ms") == "ms" else "en"


DOC_TYPES: dict[str, object] = {
    key: LazyString(lambda k=key: doc_label(k, _lang())) for key in document_kinds()
}


# --- what to prepare, from the requirements -------------------------------------------------


def need_hint(requirements: Iterable[RequirementRule], lang: str) -> str:
    """``A, B or C; for a commuting accident: D, E``: the unconditional requirements, then
    the conditional ones grouped by their condition."""
    always: list[str] = []
    when: dict[str, list[str]] = {}
    for req in requirements:
        item = _item(req, lang)
        if req.when is None:
            always.append(item)
        else:
            when.setdefault(_condition(req.when, lang), []).append(item)
    parts = [", ".join(always)] if always else []
    parts += [
        _("%(condition)s: %(documents)s", condition=c, documents=", ".join(items))
        for c, items in when.items()
    ]
    return "; ".join(parts)


def _item(req: RequirementRule, lang: str) -> str:
    if req.note:
        return req.note.get(lang) or req.note["en"]
    return _(" or ").join([_alternative(a, lang) for a in req.alternatives])


def _alternative(alt: Alternative, lang: str) -> str:
    docs = _(" and ").join([doc_label(d, lang) for d in alt.docs])
    if alt.when is None:
        return docs
    return _("%(documents)s %(condition)s", documents=docs, condition=_condition(alt.when, lang))


ACCIDENT_KIND_CONDITIONS = {
    "workplace": _l("for an accident at the workplace"),
    "commuting": _l("for a commuting accident"),
    "emergency": _l("for an accident during an emergency"),
}
EMPLOYMENT_CONDITIONS = {
    "employed": _l("if the insured still works here"),
    "left": _l("if the insured has left the job"),
}


def _condition(when: When, lang: str) -> str:
    """A requirement's condition in words (every key of the rules schema's ``when``)."""
    parts: list[str] = []
    if when.accident_kind:
        kinds = [str(ACCIDENT_KIND_CONDITIONS[k]) for k in when.accident_kind if k]
        parts.append(_(" or ").join(kinds))
    if when.employment_status:
        states = [str(EMPLOYMENT_CONDITIONS[k]) for k in when.employment_status if k]
        parts.append(_(" or ").join(states))
    docs = [_(" or ").join([doc_label(d, lang) for d in when.present_any])]
    docs += [doc_label(d, lang) for d in when.present_all]
    if any(docs):
        parts.append(_("with %(documents)s", documents=_(" and ").join([d for d in docs if d])))
    if when.claimant_differs is not None:
        parts.append(
            _("if the claimant is not the insured")
            if when.claimant_differs
            else _("if the insured claims")
        )
    return ", ".join(parts)


# --- Babel: the portal strings of the rules files ---------------------------------------------


def extract_portal_strings(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """pybabel extractor (translations/babel.cfg): every string of a rules file's ``portal``."""
    root = yamlfile.compose(fileobj.read().decode("utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value == "portal" and isinstance(value, yaml.MappingNode):
            for _k, v in value.value:
                if isinstance(v, yaml.ScalarNode):
                    yield v.start_mark.line + 1, None, str(v.value), []


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
