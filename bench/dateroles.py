"""Dates per role (accident_date, notified_date, ...): precision and recall of the reports that
``bench.misses`` wrote, against the bundles' expected reports.

    python -m bench.dateroles --bundles bench/out/tu2043 [--misses]

A date is right when its role holds the expected value on the matching document
(sample_docs.score's matching); a value under a role the expected report does not list, or a
wrong value, counts against precision.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sample_docs.score import _match

OUT = Path(__file__).resolve().parents[1] / "bench" / "out"


def tally(bundles: Path, reports: Path) -> tuple[dict[str, Counter[str]], list[str]]:
    """Per role, counts of tp/fp/fn; and one line per wrong or missed date."""
    by_role: dict[str, Counter[str]] = {}
    misses: list[str] = []
    for b in sorted(p for p in bundles.iterdir() if (p / "expected_report.json").exists()):
        rp = reports / f"{b.name}.json"
        if not rp.exists():
            continue
        expected = json.loads((b / "expected_report.json").read_text(encoding="utf-8"))
        report: dict[str, Any] = json.loads(rp.read_text(encoding="utf-8"))
        for doc in expected["documents"]:
            got = _match(doc, report.get("documents", [])) or {}
            want = doc.get("fields", {}).get("dates", {})
            have = got.get("fields", {}).get("dates", {}) or {}
            for key in sorted(set(want) | set(have)):
                c = by_role.setdefault(key, Counter())
                w, h = want.get(key), have.get(key)
                if w is not None and w == h:
                    c["tp"] += 1
                    continue
                c["fn"] += w is not None
                c["fp"] += h is not None
                misses.append(f"{b.name} {doc['file']} [{doc['doc_type']}] {key}: want {w} got {h}")
    return by_role, misses


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.dateroles")
    ap.add_argument("--bundles", type=Path, required=True)
    ap.add_argument("--reports", type=Path, help="default bench/out/reports/<bundles' name>")
    ap.add_argument("--misses", action="store_true", help="list every wrong or missed date")
    args = ap.parse_args(argv)
    by_role, misses = tally(args.bundles, args.reports or OUT / "reports" / args.bundles.name)
    total: Counter[str] = Counter()
    print(f"{'role':15s} {'precision':>16s} {'recall':>16s}")
    for key, c in sorted(by_role.items()):
        total.update(c)
        print(f"{key:15s} {_ratio(c['tp'], c['tp'] + c['fp']):>16s} "
              f"{_ratio(c['tp'], c['tp'] + c['fn']):>16s}")  # fmt: skip
    print(f"{'all':15s} {_ratio(total['tp'], total['tp'] + total['fp']):>16s} "
          f"{_ratio(total['tp'], total['tp'] + total['fn']):>16s}")  # fmt: skip
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
