"""Officer corrections applied to what intake read, and the rules run again without re-reading.

The corrections are the claim's ``Correction`` rows, written by officers in the portal, and
nothing else: claim.json cannot carry any (its schema has no such key). :func:`for_claim`
loads them (the latest per document and field wins; a value of None removes the field); the
portal calls :func:`reverify` right after a correction; the job hands :func:`corrector` to
``verify_files`` so a later re-read (files added, a re-run) keeps them. No Flask here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.errors import SemakError
from intake.fields.dates import find_dates
from intake.fields.ic import format_ic, ic_digits, is_valid_ic
from intake.models import DATE_KEYS, DocType, Document, Field
from intake.pipeline import FileResult
from semak import audit
from semak.models import Claim as ClaimRow
from semak.models import Correction, Report, User
from semak.pageimages import page_hashes

log = logging.getLogger(__name__)
PhashFor = Callable[[str, list[int]], list[str]]


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
        doc.extra.setdefault("corrected", []).append(key)
        applied += 1
    return applied


def corrector(
    corrections: list[OfficerCorrection],
) -> Callable[[list[FileResult]], list[FileResult]]:
    """The ``adjust`` hook of ``verifier.bundle.verify_files`` for a claim's corrections."""
    wanted = list(corrections)

    def adjust(results: list[FileResult]) -> list[FileResult]:
        apply_corrections(results, wanted)
        return results

    return adjust


def _set(table: dict[str, Field], key: str, value: Any, doc: Document) -> None:
    if value is None:
        table.pop(key, None)
        return
    old = table.get(key)
    page = old.page if old else (doc.pages[0] if doc.pages else 1)
    table[key] = Field(
        value=value, page=page, bbox=old.bbox if old else None, confidence=1.0, raw=str(value)
    )


def results_from_report(
    report: dict[str, Any], sha_by_file: dict[str, str], phash_for: PhashFor | None = None
) -> list[FileResult]:
    """intake's FileResults rebuilt from a report (its documents and their evidence)."""
    by_file: dict[str, FileResult] = {}
    for entry in report.get("files", []) or []:
        if isinstance(entry, dict) and entry.get("file"):
            name = str(entry["file"])
            by_file[name] = FileResult(
                name, sha_by_file.get(name, ""), error_code=entry.get("error_code")
            )
    for d in report.get("documents", []):
        name = str(d.get("file", ""))
        result = by_file.setdefault(name, FileResult(name, sha_by_file.get(name, "")))
        evidence = d.get("evidence") or {}
        fields_in = dict(d.get("fields") or {})
        dates_in = fields_in.pop("dates", {}) or {}
        fields_in.update(d.get("extra_fields") or {})
        pages = [int(p) for p in d.get("pages", [])]

        try:
            doc_type = DocType(d.get("doc_type", "other"))
        except ValueError:
            doc_type = DocType.OTHER
        doc = Document(
            file=name,
            pages=pages,
            doc_type=doc_type,
            confidence=float(d.get("confidence", 0.0)),
            fields={k: _field(v, evidence.get(k), pages) for k, v in fields_in.items()},
            dates={k: _field(v, evidence.get(f"dates.{k}"), pages) for k, v in dates_in.items()},
            readable=bool(d.get("readable", True)),
            file_sha256=result.sha256,
            perceptual_hashes=list(d.get("perceptual_hashes") or []),
            page_engines=[str(e or "") for e in d.get("page_engines") or []],
        )
        if not doc.perceptual_hashes and phash_for is not None:
            doc.perceptual_hashes = phash_for(name, pages)
        result.documents.append(doc)
    return list(by_file.values())


def _field(value: Any, ev: dict[str, Any] | None, pages: list[int]) -> Field:
    ev = ev or {}
    bbox = ev.get("bbox")
    return Field(
        value=value,
        page=int(ev.get("page") or (pages[0] if pages else 1)),
        bbox=(float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])) if bbox else None,
        confidence=float(ev.get("confidence", 1.0)),
        raw=str(ev.get("raw", value)),
    )


def reverify(
    claim_data: dict[str, Any],
    report: dict[str, Any],
    sha_by_file: dict[str, str],
    corrections: list[OfficerCorrection],
    *,
    today: date,
    phash_for: PhashFor | None = None,
) -> dict[str, Any]:
    """The report again, from what was read plus the officers' corrections (:func:`for_claim`):
    the rules only. ``claim_data`` is claim.json (``semak.claims.claim_json``)."""
    from verifier.claim import Claim
    from verifier.engine import verify

    results = results_from_report(report, sha_by_file, phash_for)
    apply_corrections(results, corrections)
    engine = report.get("engine", {}).get("ocr") or "unknown"
    new = verify(Claim.from_dict(claim_data), results, today=today, ocr_engine=engine).to_dict()
    return with_corrections(new, corrections)


def with_corrections(
    report: dict[str, Any], corrections: list[OfficerCorrection]
) -> dict[str, Any]:
    """The report listing the corrections applied to it (none: no key)."""
    if corrections:
        report["corrections"] = [c.to_dict() for c in corrections]
    return report


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
    s: Session, claim: ClaimRow, user: User, doc: dict[str, Any], key: str, new_value: str | None
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


def reverify_claim(
    s: Session,
    claim: ClaimRow,
    claim_data: dict[str, Any],
    report: dict[str, Any],
    path_of: Callable[[str], Path],
) -> bool:
    """A new report (committed) from ``report`` plus the claim's corrections, the rules only
    (seconds: no re-reading); False if it failed and nothing changed. ``claim_data``: the
    claim's claim.json (``semak.claims.claim_json``); ``path_of`` gives a storage key's file,
    for page fingerprints a report lacks."""

    def phash_for(name: str, pages: list[int]) -> list[str]:
        stored = next((d for d in claim.documents if d.original_name == name), None)
        if stored is None:
            return []
        return page_hashes(path_of(stored.storage_key), stored.media_type, pages)

    try:
        new = reverify(
            claim_data,
            report,
            {d.original_name: d.sha256 for d in claim.documents},
            for_claim(s, claim.id),
            today=date.today(),
            phash_for=phash_for,
        )
    except Exception:  # the rules must not break the page: the caller queues a full re-run
        log.exception("re-verifying claim %s failed", claim.public_id)
        s.rollback()
        return False
    s.add(Report(claim_id=claim.id, data=new, verdict=new["verdict"]))
    claim.verdict = new["verdict"]
    last_day = (new.get("deadline") or {}).get("last_day")
    if isinstance(last_day, str):
        claim.deadline = date.fromisoformat(last_day)
    audit.note(s, claim, None, "reverified", {"verdict": new["verdict"]})
    s.commit()
    return True
