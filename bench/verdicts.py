"""Verdicts and findings on freshly generated bundles: the whole pipeline, bundle by bundle.

    python -m bench.verdicts [--count 100] [--seed 7] [--family both] [--bundles DIR] [--workers N]

Generates ``count`` random bundles (mixed claim types, defects and severities) with the
sample_docs generator, unless ``--bundles`` names a folder of them, runs
``verifier.bundle.verify_bundle`` on each (one process per core, no OCR cache, so it measures
the pipeline as it is), and prints per layout-family group (#20: ``tuned`` = families A, B, C;
``heldout`` = family H, kept out of all tuning; ``both``, the default, runs the two on the same
seed and reports them apart; ``classic`` = the layouts of the committed catalogue, the set this
benchmark drew before #20) the confusion table of expected against reported verdicts, findings
precision and recall, document type, multi-page documents reported whole, NAME_MISMATCH false
alarms, and per field key the values printed, given and right (precision counts wrong values
given). Results go to bench/out/verdicts.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import Measure, measure, measure_table
from bench.docs import generate, set_root

VERDICTS = ("complete", "incomplete", "needs_review", "ineligible")
OUT = Path(__file__).resolve().parent / "out"


def verdict_of(bundle: Path) -> tuple[str, str, str, dict[str, Any]]:
    """(bundle, expected verdict, reported verdict, report); a crash is reported as ``error``."""
    from intake.options import ReadOptions
    from verifier.bundle import verify_bundle

    expected = json.loads((bundle / "expected_report.json").read_text())["verdict"]
    submitted = json.loads((bundle / "claim.json").read_text())["submitted_on"]
    try:
        options = ReadOptions.from_env()  # OCR_PAGE_TIMEOUT: a busy machine is not a bad page
        report = verify_bundle(bundle, today=date.fromisoformat(submitted), read_options=options)
        got = report["verdict"]
    except Exception as exc:  # one bundle's crash is a result, not the end of the run
        report, got = {}, f"error:{type(exc).__name__}"
    return bundle.name, expected, got, report


def table(rows: list[tuple[str, str, str]]) -> str:
    pairs = Counter((e, g) for _, e, g in rows)
    got_cols = list(VERDICTS) + sorted({g for _, _, g in rows} - set(VERDICTS))
    head = "expected / reported".ljust(20) + "".join(f"{g[:12]:>13}" for g in got_cols)
    lines = [head, "-" * len(head)]
    for e in VERDICTS:
        lines.append(f"{e:<20}" + "".join(f"{pairs.get((e, g), 0):>13}" for g in got_cols))
    right = sum(n for (e, g), n in pairs.items() if e == g)
    lines.append(f"accuracy {right}/{len(rows)} = {right / max(1, len(rows)):.3f}")
    return "\n".join(lines)


def run(root: Path, workers: int) -> tuple[list[tuple[str, str, str]], Measure]:
    bundles = sorted(p for p in root.iterdir() if (p / "expected_report.json").exists())
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(verdict_of, bundles))
    m = Measure()
    for (_name, _e, _g, report), path in zip(results, bundles, strict=True):
        measure(m, report, json.loads((path / "expected_report.json").read_text()))
    print(f"{len(results)} bundles from {root} in {time.perf_counter() - start:.0f} s")
    return [(n, e, g) for n, e, g, _ in results], m


def main(argv: list[str] | None = None) -> int:
    about = (__doc__ or "").split("\n")[0]
    ap = argparse.ArgumentParser(prog="python -m bench.verdicts", description=about)
    ap.add_argument("--bundles", type=Path, help="score these bundles instead of generating")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--family", default="both", help="both, tuned, heldout, classic, A, B, C, H")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    groups = ("tuned", "heldout") if args.family == "both" else (args.family,)
    report: dict[str, Any] = {}
    for group in groups:
        root = args.bundles or set_root(OUT / "verdict_bundles", group, args.seed, args.count)
        if args.bundles is None:
            generate(root, args.count, args.seed, group)
        rows, m = run(root, args.workers)
        print(f"\n## family {group}: {root}\n")
        print(table(rows))
        print()
        print(measure_table(m))
        for name, e, g in rows:
            if e != g:
                print(f"  miss {name}: expected {e}, reported {g}")
        report[group] = {"bundles": str(root), "rows": rows}
    OUT.mkdir(exist_ok=True)
    (OUT / "verdicts.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
