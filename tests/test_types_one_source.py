"""One source of truth for claim types and document types (#23), and the ONE test of it.

Claim types: one YAML file each, ``verifier/rules/<claim_type>.yml`` (rules, the portal's form
and prompts, the archive's indicators). Document types: ``intake/doctypes.yml`` ``documents``
(labels, claim-bearing). Derived from them, never listed again: the rules schema's document
list, the report's document labels (verifier/messages.py), the portal's tables
(semak/web/claimtypes.py), the archive's claim-bearing set and type inference
(semak/archive/grouping.py). Kept as lists, and checked here against the YAML: the enums and
schemas that carry the spec's fixed identifiers (../shared/spec; never renamed), the sample
generator's claim types, and the Malay catalogue of the portal's strings.

Adding a claim type: its YAML file and its Malay strings; ``disagreements`` then names the
remaining places, which are fixed by the spec (verifier/claim.py ClaimType and the spec's
claim.schema.json): a claim type the spec does not list cannot be filed in claim.json.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import flask
import pytest
from babel.messages.pofile import read_po
from flask_babel import Babel

from intake.classify import load_rules as load_doctypes
from intake.doclist import claim_bearing, document_kinds
from intake.models import DocType
from sample_docs.scenarios import CLAIM_TYPES as SAMPLE_CLAIM_TYPES
from semak.archive.grouping import DocInfo, infer_claim_type
from semak.web.claimtypes import (
    ACCIDENT_KIND_CONDITIONS,
    DOC_TYPES,
    EMPLOYMENT_CONDITIONS,
    claim_types,
)
from verifier.claim import SCHEMA_DIR, ClaimType
from verifier.messages import DOC_LABELS
from verifier.rules import RULES_DIR, RuleSet, load_rules, load_rules_from

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "translations" / "ms" / "LC_MESSAGES" / "messages.po"


def _schema(name: str) -> dict:
    return dict(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def _differs(place: str, listed: Iterable[str], truth: Iterable[str]) -> list[str]:
    have, want = list(listed), list(truth)
    if set(have) == set(want):
        return []
    extra, missing = sorted(set(have) - set(want)), sorted(set(want) - set(have))
    return [f"{place}: lists {extra} not in the YAML, lacks {missing}"]


def _claim_type_places(rules: RuleSet) -> list[str]:
    types = list(rules.claim_types)
    spec_enum = _schema("claim.schema.json")["properties"]["claim_type"]["enum"]
    out = _differs("verifier/claim.py ClaimType (the spec's identifiers)", ClaimType, types)
    out += _differs(
        "the spec's claim.schema.json claim_type (verifier/schemas copy)", spec_enum, types
    )
    out += _differs("semak/web/claimtypes.py claim_types()", claim_types(rules), types)
    unknown = sorted(set(SAMPLE_CLAIM_TYPES) - set(types))
    out += [f"sample_docs/scenarios.py CLAIM_TYPES: {unknown} have no rules"] if unknown else []
    for ct in rules.claim_types.values():
        asks = ct.portal.asks if ct.portal else ()
        for req in ct.requirements:
            whens = [w for w in (req.when, *(a.when for a in req.alternatives)) if w]
            if any(w.accident_kind for w in whens) and "accident" not in asks:
                out.append(f"{ct.claim_type}.yml {req.id}: accident_kind is never asked")
            if any(w.employment_status for w in whens) and "employment_status" not in asks:
                out.append(f"{ct.claim_type}.yml {req.id}: employment_status is never asked")
    return out


def _doc_type_places() -> list[str]:
    docs = list(document_kinds())
    report = _schema("report.schema.json")
    spec_enum = report["properties"]["documents"]["items"]["properties"]["doc_type"]["enum"]
    out = _differs("intake/models.py DocType (the spec's identifiers)", DocType, docs)
    out += _differs(
        "the spec's report.schema.json doc_type (verifier/schemas copy)", spec_enum, docs
    )
    out += _differs("verifier/messages.py DOC_LABELS", DOC_LABELS, docs)
    out += _differs("semak/web/claimtypes.py DOC_TYPES", DOC_TYPES, docs)
    classified = {str(label.doc_type) for label in load_doctypes().labels}
    out += _differs("intake/doctypes.yml types[].doc_type", [], classified - set(docs))
    out += _differs("semak/archive/grouping.py CLAIM_BEARING", [], claim_bearing() - set(docs))
    return out


def _condition_words() -> list[str]:
    """semak/web/claimtypes.py has hint words for every value of the schema's ``when``."""
    schema = json.loads((RULES_DIR / "claim_type.schema.json").read_text(encoding="utf-8"))
    when = schema["$defs"]["when"]["properties"]
    out = []
    for key, words in (
        ("accident_kind", ACCIDENT_KIND_CONDITIONS),
        ("employment_status", EMPLOYMENT_CONDITIONS),
    ):
        values = [v for v in when[key]["items"]["enum"] if v is not None]
        out += _differs(f"semak/web/claimtypes.py words for {key}", words, values)
    return out


def _untranslated(rules: RuleSet) -> list[str]:
    with PO.open("rb") as fh:
        done = {m.id for m in read_po(fh) if m.id and m.string}
    strings = [
        s
        for ct in rules.claim_types.values()
        if ct.portal
        for s in (ct.portal.label, ct.portal.date_label, ct.portal.date_help)
    ]
    return [f"translations/ms messages.po: no Malay for {s!r}" for s in strings if s not in done]


def disagreements(rules: RuleSet) -> list[str]:
    """Every place that lists claim or document types, against the YAML: what differs."""
    found = _claim_type_places(rules) + _doc_type_places() + _condition_words()
    return found + _untranslated(rules)


def test_every_list_of_claim_and_document_types_agrees_with_the_yaml() -> None:
    assert disagreements(load_rules()) == []


NEW_TYPE = """\
claim_type: rehabilitation
title: {en: "Rehabilitation", ms: "Pemulihan"}
event: accident
source: "a claim type added for this test only"
law: claim_documents
portal:
  label: "Rehabilitation (test)"
  date_label: "Date of the accident"
  date_help: "The day the accident happened, as in the police report or Borang 34."
  asks: [accident]
archive:
  - rank: 5
    basis: "medical report (test)"
    all: [[medical_report]]
requirements:
  - id: medical_report
    docs: [medical_report]
  - id: police_report
    docs: [police_report]
    when: {accident_kind: [commuting]}
checks:
  - check: unreadable
"""


@pytest.fixture
def rules_with_new_type(tmp_path: Path) -> RuleSet:
    directory = tmp_path / "rules"
    shutil.copytree(RULES_DIR, directory)
    (directory / "rehabilitation.yml").write_text(NEW_TYPE, encoding="utf-8")
    return load_rules_from(directory)


def test_a_new_claim_type_is_one_yaml_file(rules_with_new_type: RuleSet) -> None:
    rules = rules_with_new_type
    assert rules.for_claim("rehabilitation").portal is not None
    table = claim_types(rules)  # the portal's table, nothing else edited
    assert list(table)[-1] == "rehabilitation" and table["rehabilitation"].accident
    app = flask.Flask(__name__)
    Babel(app, default_translation_directories=os.fspath(ROOT / "translations"))
    with app.test_request_context():
        assert str(table["rehabilitation"].label) == "Rehabilitation (test)"
        hint = table["rehabilitation"].needs()
    assert hint == "Medical report; for a commuting accident: Police report"
    doc = DocInfo(1, (0, 1), "medical_report", ic="900101145678")
    assert infer_claim_type([doc], rules.indicators()) == (
        "rehabilitation",
        "medical report (test)",
    )
    # what is left is its Malay strings, and the spec's fixed list (the one place named)
    assert disagreements(rules) == [
        "verifier/claim.py ClaimType (the spec's identifiers): lists [] not in the YAML, "
        "lacks ['rehabilitation']",
        "the spec's claim.schema.json claim_type (verifier/schemas copy): lists [] not in the "
        "YAML, lacks ['rehabilitation']",
        "translations/ms messages.po: no Malay for 'Rehabilitation (test)'",
    ]


def test_a_drifted_list_is_named() -> None:
    """The check can fail: a requirement on a field the form never asks is named."""
    rules = load_rules()
    ct = rules.for_claim("occupational_disease")
    assert ct.portal is not None
    bad = replace(ct, portal=replace(ct.portal, asks=()))
    drifted = replace(rules, claim_types={**rules.claim_types, "occupational_disease": bad})
    assert disagreements(drifted) == [
        "occupational_disease.yml notice: employment_status is never asked"
    ]
