"""The audit trail written for a person and an auditor: each row of a declared action
(``semak.audit.ACTIONS``) as a sentence in the reader's language, other claims by their
reference with a link, the officer's message to the employer quoted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape
from sqlalchemy import select

from semak.audit import VIEW_COLLAPSE, pages_seen
from semak.models import AuditEvent, Claim
from semak.web import portal
from semak.web.claimtypes import AUDIT_ACTIONS, DECISIONS, DOC_TYPES, VERDICTS
from semak.web.forms import FIELD_CHOICES


@dataclass(frozen=True)
class TrailRow:
    """One row as shown: when, who, the action's name and what happened, in a sentence."""

    when: datetime
    who: str
    action: str
    label: str
    sentence: Markup


@dataclass(frozen=True)
class Context:
    """What the sentences name besides the row's detail: other claims by public id, and this
    claim's stored documents by id (as the trail names them)."""

    others: dict[str, Claim]
    documents: dict[int, str]


@dataclass
class _Event:
    when: datetime
    who: str
    action: str
    detail: dict[str, Any]


def rows(claim: Claim) -> list[TrailRow]:
    """The claim's trail, newest first."""
    events = portal.audit_trail(claim)
    ctx = Context(_other_claims([ev for ev, _who in events]), _documents(claim))
    return [
        TrailRow(
            when=ev.when,
            who=_("The system") if ev.who == "system" else ev.who,
            action=ev.action,
            label=str(AUDIT_ACTIONS.get(ev.action, ev.action)),
            sentence=sentence(ev.action, ev.detail, ctx),
        )
        for ev in _page_views_together(events)
    ]


def _page_views_together(events: list[tuple[AuditEvent, str]]) -> list[_Event]:
    """The events, newest first, with one person's page views next to each other within
    ``VIEW_COLLAPSE`` as one: rows written before page views were one row (one per page), and
    two images asked for at the same instant may each have started a row."""
    out: list[_Event] = []
    for ev, who in events:
        last = out[-1] if out else None
        if (
            last is not None
            and ev.action == last.action == "viewed_page"
            and who == last.who
            and last.when - ev.created_at <= VIEW_COLLAPSE
        ):
            newer = pages_seen(last.detail)
            older = pages_seen(ev.detail or {})
            last.detail = {"pages": [*older, *(p for p in newer if p not in older)]}
            last.when = ev.created_at
            continue
        out.append(_Event(ev.created_at, who, ev.action, dict(ev.detail or {})))
    return out


def _other_claims(events: list[AuditEvent]) -> dict[str, Claim]:
    ids = {str(ev.detail.get("other")) for ev in events if (ev.detail or {}).get("other")}
    if not ids:
        return {}
    found = portal.db().scalars(select(Claim).where(Claim.public_id.in_(ids)))
    return {c.public_id: c for c in found}


def _documents(claim: Claim) -> dict[int, str]:
    """Each stored document as "document 2 – Police report": its place in the upload order and
    the types the report read in it; no file name (they often name the insured)."""
    types: dict[str, list[str]] = {}
    for doc in (portal.current_report(claim) or {}).get("documents", []):
        label = _label(DOC_TYPES, doc.get("doc_type", "other"))
        if label not in types.setdefault(str(doc.get("file", "")), []):
            types[str(doc.get("file", ""))].append(label)
    names = {}
    for d in claim.documents:
        read_as = types.get(d.original_name)
        names[d.id] = (
            _("document %(n)d – %(types)s", n=d.position + 1, types=", ".join(read_as))
            if read_as
            else _("document %(n)d", n=d.position + 1)
        )
    return names


def _pages(d: dict[str, Any], ctx: Context) -> Markup:
    seen = [
        _(
            "page %(page)d of %(document)s",
            page=page,
            document=ctx.documents.get(doc, _("a document no longer held")),
        )
        for doc, page in pages_seen(d)
    ]
    return _text(_("Looked at %(pages)s.", pages="; ".join(seen)))


def _label(table: dict[str, object], key: Any) -> str:
    return str(table.get(str(key), key or "—"))


def _field(key: Any) -> str:
    return str(dict(FIELD_CHOICES).get(str(key), key))


def _claim_link(ctx: Context, public_id: Any) -> Markup:
    other = ctx.others.get(str(public_id))
    if other is None:
        return Markup(escape(_("a claim no longer held")))
    href = url_for("officer.claim", public_id=other.public_id)
    return Markup('<a href="{}">{}</a>').format(href, other.reference)


SIGNAL_KINDS: dict[str, Callable[[], str]] = {
    "same_document": lambda: _("the same medical certificate"),
    "same_report_number": lambda: _("the same police report number"),
    "overlap": lambda: _(
        "the same insured person, claimed by another employer for an overlapping period"
    ),
}


def sentence(action: str, d: dict[str, Any], ctx: Context) -> Markup:
    """What happened, in a sentence of the reader's language (HTML-safe)."""
    render = SENTENCES.get(action)
    if render is None:
        return Markup(escape(str(AUDIT_ACTIONS.get(action, action)) + "."))
    return render(d, ctx)


def _text(value: str) -> Markup:
    return Markup(escape(value))


def _decided(d: dict[str, Any], _o: Context) -> Markup:
    decision = _label(DECISIONS, d.get("decision"))
    if d.get("message"):
        return Markup('{} <q class="audit-message">{}</q>').format(
            _("Decided: %(decision)s. Message to the employer:", decision=decision),
            d["message"],
        )
    if d.get("with_message"):
        return _text(
            _(
                "Decided: %(decision)s, with a message to the employer (its words were not"
                " recorded at the time).",
                decision=decision,
            )
        )
    return _text(_("Decided: %(decision)s, with no message to the employer.", decision=decision))


def _signal(d: dict[str, Any], ctx: Context) -> Markup:
    kind = SIGNAL_KINDS.get(str(d.get("kind")), lambda: str(d.get("kind", "")))()
    return Markup("{} {}.").format(
        _("Signal across claims: %(kind)s as in claim", kind=kind),
        _claim_link(ctx, d.get("other")),
    )


def _count(d: dict[str, Any], key: str) -> int:
    value = d.get(key)
    return len(value) if isinstance(value, list) else int(value or 0)


SENTENCES: dict[str, Callable[[dict[str, Any], Context], Markup]] = {
    "submitted": lambda d, _o: _text(
        ngettext(
            "Submitted the claim with %(num)d file.",
            "Submitted the claim with %(num)d files.",
            _count(d, "files"),
        )
    ),
    "uploaded": lambda d, _o: _text(
        ngettext(
            "Added %(num)d file to the claim.",
            "Added %(num)d files to the claim.",
            _count(d, "files"),
        )
    ),
    "upload_rejected": lambda d, _o: _text(
        ngettext(
            "%(num)d file was refused at upload.",
            "%(num)d files were refused at upload.",
            _count(d, "files"),
        )
    ),
    "viewed": lambda d, _o: _text(
        _("Opened the claim through the API.") if d.get("via") else _("Opened the claim.")
    ),
    "viewed_status": lambda d, _o: _text(_("Checked the claim's progress.")),
    "viewed_page": _pages,
    "downloaded_report": lambda d, _o: _text(_("Downloaded the report.")),
    "downloaded_document": lambda d, _o: _text(_("Downloaded an uploaded document.")),
    "corrected": lambda d, _o: _text(
        _(
            "Corrected the reading of a document (%(file)s): %(field)s.",
            file=d.get("document", "*"),
            field=_field(d.get("field")),
        )
    ),
    "reverified": lambda d, _o: _text(
        _(
            "The rules ran again on the corrected reading: %(verdict)s.",
            verdict=_label(VERDICTS, d.get("verdict")),
        )
    ),
    "receipt_date_set": lambda d, _o: _text(
        _("Gave the day PERKESO received the claim: %(day)s.", day=d.get("submitted_on", "—"))
    ),
    "forged_corrections_dropped": lambda d, _o: _text(
        ngettext(
            "%(num)d correction sent inside claim.json was discarded; run the claim again.",
            "%(num)d corrections sent inside claim.json were discarded; run the claim again.",
            _count(d, "entries"),
        )
    ),
    "decided": _decided,
    "sampled": lambda d, _o: _text(
        _(
            "Chosen at random for a second look (%(pct)s%% of complete claims).",
            pct=f"{float(d.get('rate') or 0) * 100:.0f}",
        )
    ),
    "signal": _signal,
}
