"""Where the verifier goes wrong on a set of bundles: one line per miss, with its cause.

    python -m bench.misses [--bundles DIR] [--cache DIR] [--workers N] [--only NAME,...]

Runs ``verifier.bundle.verify_bundle`` on every bundle of DIR (default: the committed
sample_docs/bundles) with a page cache (default bench/out/page_cache), so a second run skips
OCR and takes seconds; writes each report to bench/out/reports/<set>/<bundle>.json and prints,
per bundle that misses, the score's errors (sample_docs/score.py) and the findings that differ
with the documents they rest on. For iterating on understanding and verifying, not a benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def _load(p: Path) -> Any:
    return json.loads(p.read_text(encoding="utf-8"))


def run_one(args: tuple[Path, Path, Path]) -> tuple[str, dict[str, Any]]:
    from dataclasses import replace

    from intake.options import ReadOptions
    from verifier.bundle import verify_bundle

    bundle, cache, out = args
    today = date.fromisoformat(_load(bundle / "claim.json")["submitted_on"])
    opts = replace(ReadOptions.from_env(), cache_dir=cache)  # OCR_HAND_DIGITS=1/0 and the like
    try:
        report = verify_bundle(bundle, today=today, read_options=opts)
    except Exception as exc:  # a crash is a result
        report = {"verdict": f"error:{type(exc).__name__}:{exc}", "documents": [], "findings": []}
    (out / f"{bundle.name}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return bundle.name, report


def _finding_diff(report: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    want = {f["code"] for f in expected.get("findings", [])}
    lines = []
    for f in report.get("findings", []):
        if f["code"] not in want:
            docs = ",".join(f"{d['file']}:{d.get('page')}" for d in f.get("documents", []))
            lines.append(f"    + {f['code']} [{docs}] {f.get('message', '')[:160]}")
    got = {f["code"] for f in report.get("findings", [])}
    lines += [f"    - {c}" for c in sorted(want - got)]
    return lines


def main(argv: list[str] | None = None) -> int:
    from sample_docs.score import Score, score, table

    ap = argparse.ArgumentParser(prog="python -m bench.misses")
    ap.add_argument("--bundles", type=Path, default=ROOT / "sample_docs" / "bundles")
    ap.add_argument("--cache", type=Path, default=OUT / "page_cache")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", default="", help="comma-separated bundle names")
    ap.add_argument("--fields", action="store_true", help="also list field misses")
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    bundles = sorted(p for p in args.bundles.iterdir() if (p / "expected_report.json").exists())
    if args.only:
        keep = set(args.only.split(","))
        bundles = [b for b in bundles if b.name in keep]
    out = OUT / "reports" / args.bundles.name
    out.mkdir(parents=True, exist_ok=True)
    args.cache.mkdir(parents=True, exist_ok=True)
    jobs = [(b, args.cache, out) for b in bundles]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        reports = dict(pool.map(run_one, jobs))
    rows: dict[str, Score] = {}
    total = Score()
    for b in bundles:
        expected = _load(b / "expected_report.json")
        sc = score(reports[b.name], expected)
        rows[b.name] = sc
        total.merge(sc)
        verdict_ok = reports[b.name]["verdict"] == expected["verdict"]
        if verdict_ok and not args.fields:
            continue
        errs = [e for e in sc.errors if args.fields or not _is_field_error(e)]
        if not errs:
            continue
        print(f"{b.name}: want {expected['verdict']} got {reports[b.name]['verdict']}")
        for e in errs:
            print(f"    {e}")
        print("\n".join(_finding_diff(reports[b.name], expected)))
    print(table(rows, total).split("\n\n")[-1])
    return 0


def _is_field_error(e: str) -> bool:
    return not e.startswith(("verdict", "doc_types", "missing", "findings"))


if __name__ == "__main__":
    sys.exit(main())
