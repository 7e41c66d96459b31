"""Real public documents (../shared/real, with its truth.json) read by the reading pipeline.

Every value printed there is one test: the document type, the IC number, the name and each
date under the spec's key. A value the pipeline cannot read yet is ``xfail(strict=True)`` with
the reason, so that the test shows progress: when a later change reads it, the xfail turns
into a failure that asks for the mark to go.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from intake.models import Document
from intake.options import ReadOptions
from intake.pipeline import process_file

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"
TRUTH: dict[str, dict[str, Any]] = json.loads((REAL / "truth.json").read_text(encoding="utf-8"))

# Values a change of the reading or the understanding must first make readable, with the
# reason; empty now that every printed value is read.
NOT_YET: dict[tuple[str, str], str] = {}


def _values() -> list[Any]:
    """(file, key, expected) for every printed value of truth.json, xfail where known."""
    out = []
    for name, truth in sorted(TRUTH.items()):
        fields = truth["fields"]
        printed = [("doc_type", truth["doc_type"])]
        printed += [(k, v) for k, v in fields.items() if k != "dates"]
        printed += [(f"dates.{k}", v) for k, v in fields.get("dates", {}).items()]
        for key, want in printed:
            reason = NOT_YET.get((name, key))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(name, key, want, id=f"{name}:{key}", marks=marks))
    return out


@cache
def _document(name: str) -> Document | None:
    """The file's document (each real file is one page of one document)."""
    result = process_file(REAL / name, name, ReadOptions.from_env())
    return result.documents[0] if result.documents else None


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().upper()


def _read(doc: Document | None, key: str) -> Any:
    if doc is None:
        return None
    if key == "doc_type":
        return str(doc.doc_type)
    if key.startswith("dates."):
        found = doc.dates.get(key.removeprefix("dates."))
    else:
        found = doc.fields.get(key)
    return found.value if found is not None else None


@pytest.mark.parametrize(("name", "key", "want"), _values())
def test_every_printed_value_is_read(name: str, key: str, want: Any) -> None:
    assert _norm(_read(_document(name), key)) == _norm(want)


def test_the_people_who_are_not_the_deceased_are_not_taken_for_him() -> None:
    """JPN.LM11 names its certifier and informant with their IC numbers too."""
    name = "death_certificate_jpn_lm11.png"
    doc = _document(name)
    others = TRUTH[name]["other_people"].values()
    assert _read(doc, "ic_number") not in {o.split()[-1] for o in others}
    assert _norm(_read(doc, "name")) not in {_norm(o.rsplit(" ", 1)[0]) for o in others}
