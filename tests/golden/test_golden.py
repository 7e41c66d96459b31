"""Golden test: the whole pipeline on every committed bundle against its expected report.

Prints one line per bundle and the accuracy per field (sample_docs/score.py), writes them to
tests/artifacts/golden.json, and fails when a field's accuracy falls below its minimum in
tests/golden/ratchet.json (a ratchet: later issues raise the minimums, never lower them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sample_docs.score import Score, score, table
from verifier.bundle import verify_bundle  # an ImportError fails the run, never skips it

# reading every committed bundle: a hang guard of 30 minutes, not a speed limit (bench/ times it)
pytestmark = [pytest.mark.golden, pytest.mark.all_cores, pytest.mark.timeout(1800)]

ROOT = Path(__file__).resolve().parents[2]
BUNDLES = ROOT / "sample_docs" / "bundles"
RATCHET = Path(__file__).with_name("ratchet.json")
CLI_BUNDLE = "td_textlayer_pdfs"


def _load(p: Path) -> Any:
    return json.loads(p.read_text(encoding="utf-8"))


def _bundles() -> list[Path]:
    return sorted(p for p in BUNDLES.iterdir() if (p / "claim.json").exists())


def _today(bundle: Path) -> date:
    return date.fromisoformat(_load(bundle / "claim.json")["submitted_on"])


@pytest.fixture(scope="module")
def reports() -> dict[str, dict[str, Any]]:
    bundles = _bundles()
    # one process per core: the golden run is OCR-bound and each bundle is independent
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        done = pool.map(_verify, bundles)
        return {b.name: report for b, report in zip(bundles, done, strict=True)}


def _verify(bundle: Path) -> dict[str, Any]:
    from intake.options import ReadOptions

    # SEMAK_CACHE_DIR gives the run a page cache (bench.misses can then reuse it)
    return verify_bundle(bundle, today=_today(bundle), read_options=ReadOptions.from_env())


def test_golden_accuracy_meets_ratchet(reports: dict[str, dict[str, Any]]) -> None:
    rows: dict[str, Score] = {}
    total = Score()
    for b in _bundles():
        sc = score(reports[b.name], _load(b / "expected_report.json"))
        rows[b.name] = sc
        total.merge(sc)
    accuracy = total.accuracy()
    print("\n" + table(rows, total))
    out = ROOT / "tests" / "artifacts"
    out.mkdir(parents=True, exist_ok=True)
    (out / "golden.json").write_text(
        json.dumps(
            {"accuracy": accuracy, "errors": {k: v.errors for k, v in rows.items()}}, indent=2
        )
    )
    floor = {k: v for k, v in _load(RATCHET).items() if not k.startswith("_")}
    below = {
        k: (accuracy.get(k, 0.0), v) for k, v in floor.items() if accuracy.get(k, 0.0) + 1e-9 < v
    }
    assert not below, f"accuracy below the ratchet (got, minimum): {below}"


def test_cli_prints_the_same_report(reports: dict[str, dict[str, Any]]) -> None:
    bundle = BUNDLES / CLI_BUNDLE
    run = subprocess.run(
        [sys.executable, "-m", "verifier", str(bundle)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    cli = json.loads(run.stdout)
    inproc = reports[CLI_BUNDLE]

    def key(r: dict[str, Any]) -> tuple:
        return (
            r["verdict"],
            sorted((d["file"], d["doc_type"]) for d in r["documents"]),
            sorted(f["code"] for f in r["findings"]),
            sorted(q["doc_type"] for q in r["requirements"] if q["status"] == "missing"),
        )

    assert key(cli) == key(inproc)
