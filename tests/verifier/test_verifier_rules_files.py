"""The rules files: all load, one per claim type, and a bad edit fails with its file and line."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from intake.errors import RulesError
from verifier.checks import REGISTRY
from verifier.claim import ClaimType
from verifier.rules import RULES_DIR, RULES_VERSION, load_rules, load_rules_from


def test_every_claim_type_has_a_rules_file_that_loads() -> None:
    rules = load_rules()
    assert set(rules.claim_types) == {str(t) for t in ClaimType}
    for claim_type in ClaimType:
        assert (RULES_DIR / f"{claim_type}.yml").is_file()
        assert rules.for_claim(claim_type).claim_type == claim_type
    assert rules.version == RULES_VERSION and RULES_VERSION.startswith("2026.")


def test_every_check_named_by_the_rules_is_registered_and_cited_rules_exist() -> None:
    rules = load_rules()
    for claim_rules in rules.claim_types.values():
        for check in claim_rules.checks:
            assert check.check in REGISTRY
            assert check.rule is None or check.rule in rules.catalogue
    assert {f"R{i:02d}" for i in range(1, 23)} <= set(rules.catalogue)


def test_effective_dated_values_pick_the_value_in_force() -> None:
    td = load_rules().for_claim("temporary_disablement")
    assert td.value_on("wage_ceiling", date(2024, 9, 30)).value == 5000
    assert td.value_on("wage_ceiling", date(2024, 10, 1)).value == 6000
    assert td.value_on("wage_ceiling", date(2016, 5, 31)).value == 3000
    cap = load_rules().for_claim("funeral_benefit")
    assert cap.value_on("funeral_cap", date(2024, 5, 31)).value == 2000
    assert cap.value_on("funeral_cap", date(2024, 6, 1)).value == 3000


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    for path in RULES_DIR.iterdir():
        if path.suffix in (".yml", ".json"):
            shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(directory: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` (first occurrence) and return the 1-based line it was on."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_copy_of_rules_loads(rules_copy: Path) -> None:
    assert set(load_rules_from(rules_copy).claim_types) == {str(t) for t in ClaimType}


BAD_EDITS = [
    # (file, old text, new text, message fragment)
    (
        "temporary_disablement.yml",
        "  - id: mykad\n",
        "  - id: mykad\n    colour: red\n",
        "unknown key 'colour'",
    ),
    ("job_loss.yml", "source: ", "sauce: x\nsource: ", "unknown key 'sauce'"),
    (
        "temporary_disablement.yml",
        "check: mc_minimum_days",
        "check: mc_minimum_dayz",
        "unknown check 'mc_minimum_dayz'",
    ),
    ("temporary_disablement.yml", '{from: "2016-06-01"', '{from: "2016-13-01"', "bad date"),
    ("funeral_benefit.yml", '{from: "2024-06-01"', '{from: "2024-02-30"', "bad date"),
    (
        "job_loss.yml",
        "params: {anchors: [accident_date], days: 60}",
        "params: {anchors: [accident_date], dayz: 60}",
        "unknown parameter 'dayz'",
    ),
    (
        "job_loss.yml",
        "params: {anchors: [accident_date], days: 60}",
        "params: {anchors: [hire_date], days: 60}",
        "'hire_date' is not one of",
    ),
    ("job_loss.yml", "rule: R14", "rule: R99", "'R99' is not in common.yml"),
    ("occupational_disease.yml", "docs: [form_68]", "docs: [form_86]", "form_86"),
    ("invalidity_pension.yml", "event: none", "event: someday", "someday"),
    ("common.yml", "  R01:\n", "  R01:\n    colour: red\n", "unknown key 'colour'"),
    ("common.yml", "law: notice_48h", "law: notice_84h", "'notice_84h' is not in common"),
    ("job_loss.yml", "law: eis_documents", "law: eis_docs", "'eis_docs' is not in common"),
    ("temporary_disablement.yml", "law: identity", "law: identiti", "'identiti' is not in"),
    ("common.yml", "  notice_48h:\n", "  notice_48h:\n    xx: y\n", "unknown key 'xx'"),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "fragment"), BAD_EDITS, ids=[f"{b[0]}:{b[3]}" for b in BAD_EDITS]
)
def test_bad_rules_fail_with_file_and_line(
    rules_copy: Path, name: str, old: str, new: str, fragment: str
) -> None:
    line = edit(rules_copy, name, old, new)
    with pytest.raises(RulesError) as exc:
        load_rules_from(rules_copy)
    message = exc.value.message
    assert fragment in message
    reported = int(message.split(":")[1])
    assert message.startswith(f"{name}:")
    assert line <= reported <= line + 1, message  # the edited line (or the key added below it)


def test_missing_rules_file_and_misnamed_file_fail(rules_copy: Path) -> None:
    (rules_copy / "job_loss.yml").rename(rules_copy / "job_loss_old.yml")
    with pytest.raises(RulesError, match=r"job_loss\.yml:0: missing"):
        load_rules_from(rules_copy)
    shutil.copy(rules_copy / "job_loss_old.yml", rules_copy / "job_loss.yml")
    # any other file is a claim type of its own (#23): its claim_type must be its name
    with pytest.raises(RulesError, match=r"job_loss_old\.yml:\d+: claim_type differs"):
        load_rules_from(rules_copy)


def test_yaml_syntax_error_names_the_line(rules_copy: Path) -> None:
    line = edit(rules_copy, "survivors_pension.yml", "event: death", "event: [death")
    with pytest.raises(RulesError, match=r"survivors_pension.yml:\d+: not valid YAML") as exc:
        load_rules_from(rules_copy)
    assert int(exc.value.message.split(":")[1]) >= line


def test_rules_error_has_a_stable_code() -> None:
    assert RulesError("x").code == "rules_invalid"
