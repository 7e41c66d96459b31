"""The scorer, the expected-report rules on random bundles, and the CLI."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import jsonschema
from sdocs_helpers import BUNDLES, ROOT, SPEC, load

from sample_docs import bundles
from sample_docs.expected import add_months, verdict
from sample_docs.scenarios import random_scenarios
from sample_docs.score import score, table


def test_perfect_report_scores_one() -> None:
    exp = load(BUNDLES / "td_commuting_clean" / "expected_report.json")
    sc = score(copy.deepcopy(exp), exp)
    assert all(v == 1.0 for v in sc.accuracy().values())
    assert not sc.errors


def test_wrong_report_scores_less() -> None:
    exp = load(BUNDLES / "td_commuting_clean" / "expected_report.json")
    bad = copy.deepcopy(exp)
    bad["verdict"] = "incomplete"
    bad["documents"][0]["doc_type"] = "other"
    bad["documents"][0]["fields"] = {}
    bad["findings"].append({"code": "MISSING_DOCUMENT", "severity": "error", "message": "x"})
    sc = score(bad, exp)
    acc = sc.accuracy()
    assert acc["verdict"] == 0.0
    assert acc["findings"] == 0.0
    assert acc["doc_types"] < 1.0
    assert acc["name"] < 1.0
    assert "verdict" in table({"x": sc}, sc)


def test_verdict_order_and_months() -> None:
    assert verdict(["MISSING_DOCUMENT", "MC_TOO_SHORT"], ["error", "error"]) == "ineligible"
    assert verdict(["MISSING_DOCUMENT", "IC_MISMATCH"], ["error", "warning"]) == "incomplete"
    assert verdict(["DUPLICATE_DOCUMENT"], ["info"]) == "complete"
    from datetime import date

    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_random_bundles_have_valid_expected_reports(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(load(SPEC / "report.schema.json"))
    verdicts = set()
    for scn in random_scenarios(40, 3, "mixed"):
        bundles.write(bundles.build(scn, 3), tmp_path / scn.name, only_json=True)
        report = load(tmp_path / scn.name / "expected_report.json")
        validator.validate(report)
        verdicts.add(report["verdict"])
    assert verdicts == {"complete", "incomplete", "needs_review", "ineligible"}


def test_cli_count_writes_random_bundles(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sample_docs.generate",
            "--out",
            str(tmp_path),
            "--count",
            "2",
            "--seed",
            "5",
            "--severity",
            "clean",
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = sorted(tmp_path.iterdir())
    assert [p.name for p in made] == ["random_0000", "random_0001"]
    for bundle in made:
        truth = load(bundle / "truth.json")
        assert truth["severity"] == "clean"
        assert all((bundle / d["file"]).is_file() for d in truth["documents"])
