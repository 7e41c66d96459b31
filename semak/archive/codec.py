"""intake Documents to JSON and back (the archive keeps them in the database between the file
jobs and the grouping job), and the few facts grouping needs of one."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from intake.fields.ic import ic_digits
from intake.models import DocType, Document, Field, Person
from semak.archive.grouping import DocInfo

CLAIM_REF = re.compile(r"\b(?:NO\.?\s*(?:RUJUKAN|TUNTUTAN)|CLAIM\s*(?:NO|REF)\.?)\s*[:.]?\s*"
                       r"([A-Z]{1,3}-?\d{4}-?\d{3,6})\b", re.IGNORECASE)  # fmt: skip


def document_to_dict(doc: Document) -> dict[str, Any]:
    data = dataclasses.asdict(doc)
    data["doc_type"] = str(doc.doc_type)
    return _jsonable(data)


def document_from_dict(data: dict[str, Any]) -> Document:
    d = dict(data)
    d["doc_type"] = DocType(d.get("doc_type", "other"))
    d["fields"] = {k: _field(v) for k, v in (d.get("fields") or {}).items()}
    d["dates"] = {k: _field(v) for k, v in (d.get("dates") or {}).items()}
    d["people"] = [_person(p) for p in d.get("people") or [] if isinstance(p, dict)]
    known = {f.name for f in dataclasses.fields(Document)}
    return Document(**{k: v for k, v in d.items() if k in known})


def _person(p: dict[str, Any]) -> Person:
    return Person(
        role=str(p.get("role") or ""),
        name=p.get("name"),
        ic_number=p.get("ic_number"),
        page=int(p.get("page") or 1),
    )


def _field(v: dict[str, Any]) -> Field:
    bbox = v.get("bbox")
    return Field(
        value=v.get("value"),
        page=int(v.get("page") or 0),
        bbox=(bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else None,
        confidence=float(v.get("confidence", 1.0)),
        raw=v.get("raw", ""),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def doc_info(
    doc_id: int, order: tuple[int, int], data: dict[str, Any], separator_before: bool
) -> DocInfo:
    """Grouping's view of a stored document."""
    fields = data.get("fields") or {}

    def value(key: str) -> Any:
        f = fields.get(key)
        return None if not f else f.get("value")

    ic = ic_digits(str(value("ic_number") or "")) or None
    ref = value("claim_reference")
    if not ref:
        m = CLAIM_REF.search(data.get("text") or "")
        ref = m[1].upper().replace("-", "") if m else None
    return DocInfo(
        id=doc_id,
        order=order,
        doc_type=str(data.get("doc_type") or "other"),
        ic=ic if ic and len(ic) == 12 else None,
        name=str(value("name")) if value("name") else None,
        employer_code=str(value("employer_code")) if value("employer_code") else None,
        claim_ref=str(ref) if ref else None,
        notice_type=str(value("notice_type")) if value("notice_type") else None,
        dates=tuple(_dates(data)),
        readable=bool(data.get("readable", True)),
        separator_before=separator_before,
    )


def _dates(data: dict[str, Any]) -> list[date]:
    out = []
    for f in (data.get("dates") or {}).values():
        try:
            out.append(date.fromisoformat(str(f.get("value"))[:10]))
        except (TypeError, ValueError, AttributeError):
            continue
    return out
