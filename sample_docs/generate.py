"""CLI: ``python -m sample_docs.generate --out DIR [--seed N] [--count N] [--severity S]``.

Without ``--count`` it writes the committed catalogue (named scenarios, see README.md);
with ``--count N`` it writes N random bundles (mixed claim types, defects, packagings).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
from pathlib import Path

from sample_docs import bundles
from sample_docs.scenarios import CATALOGUE, Scenario, random_scenarios

DEFAULT_SEED = 20261121


def scenarios(seed: int, count: int | None, severity: str | None) -> list[Scenario]:
    if count is None:
        if severity is None:
            return list(CATALOGUE)
        return [dataclasses.replace(s, severity=severity) for s in CATALOGUE]
    return random_scenarios(count, seed, severity or "mixed")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_docs.generate", description=__doc__)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--count", type=int, default=None)
    ap.add_argument("--severity", choices=("clean", "mild", "harsh", "mixed"), default=None)
    ap.add_argument("--only", nargs="*", default=None, help="names of catalogue bundles")
    args = ap.parse_args(argv)
    chosen = scenarios(args.seed, args.count, args.severity)
    if args.only:
        chosen = [s for s in chosen if s.name in set(args.only)]
    for scn in chosen:
        target = args.out / scn.name
        if target.exists():
            shutil.rmtree(target)
        bundles.write(bundles.build(scn, args.seed), target)
        print(f"{scn.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
