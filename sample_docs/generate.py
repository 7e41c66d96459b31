"""CLI: ``python -m sample_docs.generate --out DIR [--seed N] [--count N] [--severity S]
[--family tuned|heldout|A|B|C|H]``.

Without ``--count`` it writes the committed catalogue (named scenarios, see README.md);
with ``--count N`` it writes N random bundles (mixed claim types, defects, packagings).
``--jobs N`` writes N bundles at a time, one process each (the bytes do not depend on it).
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sample_docs import bundles
from sample_docs.families import CHOICES
from sample_docs.scenarios import CATALOGUE, Scenario, random_scenarios

DEFAULT_SEED = 20261121
BUNDLES = Path(__file__).resolve().parent / "bundles"


def scenarios(
    seed: int, count: int | None, severity: str | None, family: str = ""
) -> list[Scenario]:
    """The catalogue (``count`` None) or ``count`` random scenarios; ``family`` (a key of
    sample_docs.families.CHOICES) draws their documents from those layout families."""
    if count is None:
        chosen = list(CATALOGUE)
        if severity is not None:
            chosen = [dataclasses.replace(s, severity=severity) for s in chosen]
    else:
        chosen = random_scenarios(count, seed, severity or "mixed")
    if family:
        chosen = [dataclasses.replace(s, family=family) for s in chosen]
    return chosen


def write_one(job: tuple[Scenario, int, Path]) -> str:
    """Build and write one bundle into its folder (replaced if it exists); returns its name."""
    scn, seed, target = job
    if target.exists():
        shutil.rmtree(target)
    bundles.write(bundles.build(scn, seed), target)
    return scn.name


def _one_thread() -> None:
    """Worker set-up: one OpenCV thread per process, as many processes as cores."""
    import cv2

    cv2.setNumThreads(1)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def write_all(chosen: Sequence[Scenario], seed: int, out: Path, jobs: int = 1) -> Iterator[str]:
    """Write the bundles of ``chosen`` under ``out``, ``jobs`` at a time; yields each name as it
    is done (in order). Workers are spawned, not forked: each has its own hash seed, so any
    dependence of the bytes on set or dict order would show up as a difference."""
    work = [(scn, seed, out / scn.name) for scn in chosen]
    if jobs <= 1 or len(work) <= 1:
        yield from map(write_one, work)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(jobs, len(work)), mp_context=ctx, initializer=_one_thread) as pool:
        yield from pool.map(write_one, work)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_docs.generate", description=__doc__)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--count", type=int, default=None)
    ap.add_argument("--severity", choices=("clean", "mild", "harsh", "mixed"), default=None)
    ap.add_argument("--only", nargs="*", default=None, help="names of catalogue bundles")
    ap.add_argument("--jobs", type=int, default=1, help="processes (0: one per core)")
    ap.add_argument(
        "--family",
        choices=sorted(CHOICES),
        default="",
        help="layout families: tuned (A, B, C), heldout (H), or one of them; default classic",
    )
    args = ap.parse_args(argv)
    if args.family and args.count is None and args.out.resolve() == BUNDLES.resolve():
        ap.error("the committed catalogue is drawn with the classic layouts only")
    chosen = scenarios(args.seed, args.count, args.severity, args.family)
    if args.only:
        chosen = [s for s in chosen if s.name in set(args.only)]
    for name in write_all(chosen, args.seed, args.out, args.jobs or default_jobs()):
        print(name, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
