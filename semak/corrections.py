"""Officer corrections applied to what intake read, and the rules run again without re-reading.

The corrections are the claim's ``Correction`` rows, written by officers in the portal, and
nothing else: claim.json cannot carry any (its schema has no such key). :func:`for_claim`
loads them (the latest per document and field wins; a value of None removes the field);
:func:`apply_corrections` sets them on what was read: the job's stage after reading (so a
re-read after new files keeps them), and :func:`reverify` on the claim's stored reading
(``semak.reports.load_reading``) right after a correction. :func:`record_correction` writes an
officer's value from the portal; ``semak.reports.reverify_claim`` then saves the new report
with the one ``save_report``. No Flask here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.errors import SemakError
from intake.fields.dates import find_dates
from intake.fields.ic import format_ic, ic_digits, is_valid_ic
from intake.models import DATE_KEYS, DocType, Document, Field
from intake.pipeline import FileResult
from semak import audit
from semak.models import Claim, Correction, User
from verifier.models import Report


@dataclass(frozen=True)
class OfficerCorrection:
    """One field of one document (file and pages) as an officer set it; None removes it."""

    file: str
    pages: tuple[int, ...]
    field: str
    value: str | None

    def to_dict(self) -> dict[str, Any]:
        """As the report lists it."""
        return {"file": self.file, "pages": list(self.pages), "field": self.field,
                "value": self.value}  # fmt: skip


class InvalidCorrection(SemakError):
    """An officer's value that does not fit its field; ``code`` says which rule it broke."""

    code = "invalid_correction"


# The fields an officer may correct, and how each value is checked (``normalise``).
TEXT_KEYS = ("name", "report_number")
CORRECTABLE = ("doc_type", "ic_number", "mc_days", *TEXT_KEYS, *(f"dates.{k}" for k in DATE_KEYS))
MAX_MC_DAYS = 366
_IC_CHARS = re.compile(r"^[0-9\s-]+$")
_NAME_CHARS = re.compile(r"^[^\W\d_][\w '@./()-]*$")
_REPORT_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /.-]*$")


def normalise(key: str, raw: str | None) -> str | None:
    """An officer's value checked with the parsers intake reads with, in the form the report
    keeps (ISO date, ``YYMMDD-PB-###G``, a whole number); None (remove) for an empty value.
    Raises InvalidCorrection with a stable code."""
    if key not in CORRECTABLE:
        raise InvalidCorrection(f"{key} cannot be corrected", code="correction_field")
    value = (raw or "").strip()
    if not value:
        return None
    if key == "doc_type":
        if value not in {t.value for t in DocType}:
            raise InvalidCorrection("not a document type", code="correction_doc_type")
        return value
    if key.startswith("dates."):
        return _date(value)
    if key == "ic_number":
        return _ic(value)
    if key == "mc_days":
        if not value.isdigit() or not 0 < int(value) <= MAX_MC_DAYS:
            raise InvalidCorrection("days of leave: a whole number", code="correction_days")
        return str(int(value))
    pattern = _NAME_CHARS if key == "name" else _REPORT_CHARS
    if len(value) > 120 or not pattern.match(value):
        raise InvalidCorrection(f"not a {key}", code=f"correction_{key}")
    return " ".join(value.split())


def _date(value: str) -> str:
    """One date, written in any form intake reads (``6/10/2026``, ``6 Okt 2026``, ISO)."""
    found = find_dates(value)
    whole = (
        len(found) == 1
        and found[0].exact
        and not value[: found[0].start].strip()
        and not value[found[0].end :].strip(" .")
    )
    if not whole:
        raise InvalidCorrection("not a date", code="correction_date")
    return found[0].value.isoformat()


def _ic(value: str) -> str:
    """A possible MyKad number (12 digits, a real birth date, an assigned place-of-birth code:
    intake's validator over python-stdnum), as ``YYMMDD-PB-###G``."""
    if not _IC_CHARS.match(value) or not is_valid_ic(ic_digits(value)):
        raise InvalidCorrection("not a MyKad number", code="correction_ic")
    return format_ic(value)


def for_claim(session: Session, claim_id: int) -> list[OfficerCorrection]:
    """The claim's officers' corrections, oldest first; the latest per document and field."""
    rows = session.scalars(
        select(Correction)
        .where(Correction.claim_id == claim_id)
        .order_by(Correction.created_at, Correction.id)
    )
    latest: dict[tuple[str, tuple[int, ...], str], OfficerCorrection] = {}
    for row in rows:
        c = OfficerCorrection(
            row.document_file, tuple(int(p) for p in row.document_pages), row.field, row.new_value
        )
        latest.pop((c.file, c.pages, c.field), None)  # re-insert: keeps oldest-first order
        latest[(c.file, c.pages, c.field)] = c
    return list(latest.values())


def apply_corrections(results: Iterable[FileResult], corrections: list[OfficerCorrection]) -> int:
    """Set each corrected value on the document it names (same file and pages); returns how
    many applied. A value of None removes a wrongly read field."""
    applied = 0
    docs = [d for r in results for d in r.documents]
    for c in corrections:
        doc = next((d for d in docs if d.file == c.file and tuple(d.pages) == c.pages), None)
        if doc is None:
            continue
        key, value = c.field, c.value
        if key == "doc_type":
            try:
                doc.doc_type = DocType(str(value))
            except ValueError:
                continue
            doc.readable = True
        elif key.startswith("dates.") and key[6:] in DATE_KEYS:
            _set(doc.dates, key[6:], value, doc)
        elif key in ("ic_number", "name", "report_number"):
            _set(doc.fields, key, value, doc)
        elif key == "mc_days":
            _set(doc.fields, key, None if value is None else int(value), doc)
        else:
            continue
        if key not in doc.corrected:
            doc.corrected.append(key)
        applied += 1
    return applied


def _set(table: dict[str, Field], key: str, value: Any, doc: Document) -> None:
    if value is None:
        table.pop(key, None)
        return
    old = table.get(key)
    page = old.page if old else (doc.pages[0] if doc.pages else 1)
    table[key] = Field(
        value=value, page=page, bbox=old.bbox if old else None, confidence=1.0, raw=str(value)
    )


def reverify(
    claim_data: dict[str, Any],
    reading: list[FileResult],
    corrections: list[OfficerCorrection],
    *,
    today: date,
) -> Report:
    """The report again, from the claim's stored reading plus the officers' corrections
    (:func:`for_claim`): the rules only. ``claim_data`` is claim.json
    (``semak.claims.claim_json``); save it with ``semak.reports.save_report``."""
    from verifier.bundle import verify_reading

    apply_corrections(reading, corrections)
    return verify_reading(claim_data, reading, today=today)


# --- an officer's correction, from the portal ---------------------------------------------------


def report_document(report: dict[str, Any] | None, index: int) -> dict[str, Any] | None:
    docs = (report or {}).get("documents", [])
    return docs[index] if 0 <= index < len(docs) else None


def field_value(doc: dict[str, Any], key: str) -> Any:
    """The value a report's document holds for a correctable key (``dates.x`` for a date)."""
    if key == "doc_type":
        return doc.get("doc_type")
    fields = doc.get("fields", {})
    if key.startswith("dates."):
        return (fields.get("dates") or {}).get(key[6:])
    return fields.get(key)


def record_correction(
    s: Session, claim: Claim, user: User, doc: dict[str, Any], key: str, new_value: str | None
) -> Correction:
    """Add (and commit) the ``Correction`` row of an officer's value for ``key`` on the report's
    document ``doc``, checked as :func:`normalise` says (InvalidCorrection when it does not
    fit). The audit names the field only: the row holds the values (personal data)."""
    value = normalise(key, new_value)
    old = field_value(doc, key)
    doc_type = value if key == "doc_type" and value else str(doc.get("doc_type", "other"))
    row = Correction(
        claim_id=claim.id,
        document_file=str(doc.get("file", "")),
        document_pages=list(doc.get("pages", [])),
        doc_type=doc_type,
        field=key,
        old_value=None if old is None else str(old),
        new_value=value,
        user_id=user.id,
    )
    s.add(row)
    audit.note(s, claim, user, "corrected", {"document": row.document_file, "field": key})
    s.commit()
    return row
