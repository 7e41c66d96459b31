"""Verdict confusion on freshly generated bundles: the whole pipeline, bundle by bundle.

    python -m bench.verdicts [--count 100] [--seed 7] [--bundles DIR] [--workers N]

Generates ``count`` random bundles (mixed claim types, defects and severities) with the
sample_docs generator, unless ``--bundles`` names a folder of them, runs
``verifier.bundle.verify_bundle`` on each (one process per core, no OCR cache, so it measures
the pipeline as it is), and prints the confusion table of expected against reported verdicts,
the accuracy, and the bundles that missed. Results go to bench/out/verdicts.json.
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

from bench.docs import generate

VERDICTS = ("complete", "incomplete", "needs_review", "ineligible")
OUT = Path(__file__).resolve().parent / "out"


def verdict_of(bundle: Path) -> tuple[str, str, str]:
    """(bundle, expected verdict, reported verdict); a crash is reported as ``error``."""
    from verifier.bundle import verify_bundle

    expected = json.loads((bundle / "expected_report.json").read_text())["verdict"]
    submitted = json.loads((bundle / "claim.json").read_text())["submitted_on"]
    try:
        got = verify_bundle(bundle, today=date.fromisoformat(submitted))["verdict"]
    except Exception as exc:  # one bundle's crash is a result, not the end of the run
        got = f"error:{type(exc).__name__}"
    return bundle.name, expected, got


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


def main(argv: list[str] | None = None) -> int:
    about = (__doc__ or "").split("\n")[0]
    ap = argparse.ArgumentParser(prog="python -m bench.verdicts", description=about)
    ap.add_argument("--bundles", type=Path, help="score these bundles instead of generating")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    root = args.bundles or OUT / f"verdict_bundles_seed{args.seed}_n{args.count}"
    if args.bundles is None:
        generate(root, args.count, args.seed)
    bundles = sorted(p for p in root.iterdir() if (p / "expected_report.json").exists())
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        rows = list(pool.map(verdict_of, bundles))
    print(f"{len(rows)} bundles from {root} in {time.perf_counter() - start:.0f} s")
    print(table(rows))
    for name, e, g in rows:
        if e != g:
            print(f"  miss {name}: expected {e}, reported {g}")
    OUT.mkdir(exist_ok=True)
    report: dict[str, Any] = {"bundles": str(root), "rows": rows}
    (OUT / "verdicts.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
