"""Layout families (#20): determinism, every family renders every document type with every
printed value, the held-out family H stays out of the committed bundles, and the expected
reports do not lean on the code under test."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest
from sdocs_helpers import BUNDLES

from sample_docs import bundles, families
from sample_docs.content import RENDER
from sample_docs.families.wording import HEADINGS, LABELS
from sample_docs.generate import main as generate_main
from sample_docs.generate import scenarios
from sample_docs.layouts.common import dtext
from sample_docs.model import Bundle, Doc
from sample_docs.scenarios import CATALOGUE
from sample_docs.sheet import Ink, Sheet, Text
from sample_docs.writers import doc_sheets

ROOT = Path(__file__).resolve().parents[2]
NEW = ("B", "C", "H")


def _texts(sheets: list[Sheet]) -> str:
    out: list[str] = []
    for s in sheets:
        for op in s.ops:
            inner = op.ops if isinstance(op, Ink) else (op,)
            out += [t.s for t in inner if isinstance(t, Text)]
    return "\n".join(out)


def _docs_by_type(family: str, seed: int = 3) -> dict[str, tuple[Doc, Bundle]]:
    """One document of every type drawn in ``family`` (the catalogue's scenarios hold them all)."""
    found: dict[str, tuple[Doc, Bundle]] = {}
    for scn in scenarios(seed, None, "clean", family):
        b = bundles.build(scn, seed)
        for f in b.files:
            for d in f.docs:
                if not d.unreadable:
                    found.setdefault(d.doc_type, (d, b))
        if len(found) == len(RENDER):
            break
    return found


def test_families_cover_tuned_and_heldout() -> None:
    assert families.HELDOUT not in families.TUNED
    assert set(families.CHOICES["tuned"]) == {"A", "B", "C"}
    assert families.CHOICES["heldout"] == ("H",)
    assert len(families.FAMILIES) >= 4  # at least 3 per type, one of them held out


@pytest.mark.parametrize("family", NEW)
def test_every_family_renders_every_type_with_its_printed_values(family: str) -> None:
    found = _docs_by_type(family)
    assert set(found) == set(RENDER), f"types never drawn in {family}: {set(RENDER) - set(found)}"
    for doc_type, (doc, b) in found.items():
        assert doc.data["family"] == family
        sheets = doc_sheets(doc, b.story)
        text = _texts(sheets)
        digits = "".join(ch for ch in text if ch.isdigit())
        f = doc.fields
        if f.get("name"):
            assert all(w in text for w in f["name"].split()), (doc_type, f["name"])
        if f.get("ic_number"):
            assert f["ic_number"].replace("-", "") in digits.replace("\n", ""), doc_type
        for key, iso in f.get("dates", {}).items():
            d = date.fromisoformat(iso)
            assert dtext(doc, d) in text or f"{d:%d%m%Y}" in digits, (doc_type, key)
        if "mc_days" in f:
            assert str(f["mc_days"]) in text
        if "report_number" in f:
            assert f["report_number"] in text
        assert doc.n_pages == len(sheets)
        for role, key in (("certifier", "certifier"), ("doctor", "doctor"), ("copy", "copy_by")):
            if key in doc.data:  # optional people only where such a person signs
                assert doc_type in families.ROLE_TYPES[role], (doc_type, role)


def test_heldout_forms_span_pages_with_continuation_cues() -> None:
    doc, b = _docs_by_type("H")["form_34"]
    sheets = doc_sheets(doc, b.story)
    assert len(sheets) >= 2
    assert "Muka surat 2 daripada" in _texts(sheets[1:2])
    later = _texts(sheets[1:2]).split("\n")
    assert later.count("BORANG 34") == 1  # the running header, not a new title
    assert "NOTIS DAN TUNTUTAN FAEDAH BENCANA KERJA" not in later


def _truth(b: Bundle) -> list[tuple[object, ...]]:
    docs = [d for f in b.files for d in f.docs]
    return [(d.key, d.doc_type, d.data.get("family"), d.fields, d.others) for d in docs]


@pytest.mark.parametrize("family", ("tuned", "heldout"))
def test_family_bundles_are_deterministic(family: str) -> None:
    scn = scenarios(9, 3, "mild", family)[2]
    a, b = bundles.build(scn, 9), bundles.build(scn, 9)
    assert _truth(a) == _truth(b)
    sa = [doc_sheets(d, a.story) for f in a.files for d in f.docs]
    sb = [doc_sheets(d, b.story) for f in b.files for d in f.docs]
    assert sa == sb
    other = bundles.build(scn, 10)
    assert _truth(other) != _truth(a)


def test_heldout_bundle_truth_names_its_family(tmp_path: Path) -> None:
    scn = scenarios(4, 1, "clean", "heldout")[0]
    truth = bundles.write(bundles.build(scn, 4), tmp_path / "h", only_json=True)
    assert truth["family"] == "heldout"
    assert {d["family"] for d in truth["documents"]} == {"H"}
    again = bundles.write(bundles.build(scn, 4), tmp_path / "h2", only_json=True)
    assert json.dumps(truth, sort_keys=True) == json.dumps(again, sort_keys=True)


def test_heldout_family_is_not_in_the_committed_bundles() -> None:
    assert all(s.family == "" for s in CATALOGUE)
    truths = sorted(BUNDLES.glob("*/truth.json"))
    assert len(truths) == len(CATALOGUE)
    for path in truths:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert "family" not in truth, path
        assert all("family" not in d and "family" not in d["printed"] for d in truth["documents"])


def test_generator_refuses_families_for_the_committed_catalogue() -> None:
    with pytest.raises(SystemExit):
        generate_main(["--out", str(BUNDLES), "--family", "heldout"])


def test_heldout_wording_is_its_own() -> None:
    """H prints the third wording of every label; a tuned family never prints it."""
    for concept, (source, ms, en) in {**LABELS, **HEADINGS}.items():
        assert source.strip(), concept
        if concept in ("signature", "date_of_death", "reg_no", "month", "informant"):
            continue  # one wording only exists (the form prints it so)
        assert ms[2] not in ms[:2] or en[2] not in en[:2], concept


def test_expected_reports_import_nothing_from_the_code_under_test() -> None:
    tree = ast.parse((ROOT / "sample_docs" / "expected.py").read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    assert names, "the import walk found nothing"
    assert not [n for n in names if n.split(".")[0] in ("intake", "verifier", "semak")]


def test_expected_ic_rules_match_the_generator_truth() -> None:
    import random

    from sample_docs import assemble, expected
    from sample_docs.people import make_person

    rng = random.Random(5)
    for _ in range(200):
        p = make_person(rng, date(2025, 3, 1))
        assert expected.is_valid_ic(p.ic)
        assert expected.age_on(p.ic, date(2025, 3, 1)) == (
            2025 - p.dob.year - ((p.dob.month, p.dob.day) > (3, 1))
        )
        assert not expected.is_valid_ic(assemble.invalid_ic(p.ic, rng))
