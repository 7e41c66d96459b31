"""Live reading accuracy from officers' corrections.

Over the documents of claims officers handled (decided, or corrected): 1 - corrected / read,
per document type and per field. "Read" counts what the machine read before any correction
(the claim's first report); a field or type corrected more often than read counts as read
as often as corrected.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from semak.models import Claim, Correction
from semak.review import first_report


@dataclass(frozen=True)
class AccuracyRow:
    key: str
    read: int
    corrected: int
    accuracy: float | None  # None when nothing was read


@dataclass(frozen=True)
class Accuracy:
    claims: int
    corrections: int
    doc_types: list[AccuracyRow]
    fields: list[AccuracyRow]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def accuracy(s: Session) -> Accuracy:
    handled_ids = set(s.scalars(select(Claim.id).where(Claim.decided_at.is_not(None))))
    corrections = list(s.scalars(select(Correction)))
    handled_ids |= {c.claim_id for c in corrections}
    wrong_type = Counter(c.old_value or "other" for c in corrections if c.field == "doc_type")
    wrong_field = Counter(c.field for c in corrections if c.field != "doc_type")
    read_type: Counter[str] = Counter()
    read_field: Counter[str] = Counter()
    if handled_ids:
        for claim in s.scalars(select(Claim).where(Claim.id.in_(handled_ids))):
            for doc in (first_report(claim) or {}).get("documents", []):
                read_type[str(doc.get("doc_type", "other"))] += 1
                read_field.update(_field_keys(doc.get("fields", {})))
    return Accuracy(
        claims=len(handled_ids),
        corrections=len(corrections),
        doc_types=_rows(read_type, wrong_type),
        fields=_rows(read_field, wrong_field),
    )


def _field_keys(fields: dict[str, Any]) -> list[str]:
    dates = fields.get("dates") or {}
    return [k for k in fields if k != "dates"] + [f"dates.{k}" for k in dates]


def _rows(read: Counter[str], wrong: Counter[str]) -> list[AccuracyRow]:
    out = []
    for key in sorted(set(read) | set(wrong)):
        n, bad = max(read[key], wrong[key]), wrong[key]
        out.append(AccuracyRow(key, n, bad, None if n == 0 else round(1 - bad / n, 3)))
    return out
