"""The claim owner's serial steps (#24): ``python -m bench.serial [--profile N] [--repeat 3]``.

A shared claim's owner job reads its part, collects the helpers' pages, then alone: hashes
and understands each file (``intake.pipeline.file_result``: split, classify, fields), stores
the reading (``semak.reports.store_reading``: each file's ``to_dict``, JSON-encoded as the
database column is), verifies (``verifier.bundle.verify_reading``) and saves the report
(``semak.reports.report_record``, JSON-encoded). Those steps limit what a second worker can
gain. This reads the 30-page claim of ``bench.claimtime`` once (pages kept in
bench/out/serial-pages.pkl, keyed by the files' contents), then times the steps in CPU
seconds (``time.process_time``, the best of ``--repeat``); ``--profile N`` prints the N
costliest functions of one run (cProfile, by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pickle
import pstats
import time
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / "out" / "serial-pages.pkl"


def _pages(files: list[tuple[Path, str]]) -> list[list[Any]]:
    """Each file's pages, read once and kept (the reading is not what is measured here)."""
    from intake.reading import read_pages

    key = hashlib.sha256(b"".join(p.read_bytes() for p, _ in files)).hexdigest()
    if CACHE.exists():
        saved = pickle.loads(CACHE.read_bytes())
        if saved.get("key") == key:
            return list(saved["pages"])
    pages = [read_pages(p, n) for p, n in files]
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps({"key": key, "pages": pages}))
    return pages


def steps(
    data: dict[str, Any], files: list[tuple[Path, str]], pages: list[list[Any]]
) -> dict[str, float]:
    """CPU seconds of each serial step, in order."""
    from intake.pipeline import file_result
    from semak.reports import MAX_WORDS_PER_PAGE, report_record
    from verifier.bundle import verify_reading

    try:  # each run's texts classified afresh, as in an owner job (the answers are kept)
        from intake.classify import _classified

        _classified.cache_clear()
    except ImportError:  # before #24
        pass
    out: dict[str, float] = {}
    t = time.process_time()
    reading = [file_result(p, n, list(ps)) for (p, n), ps in zip(files, pages, strict=True)]
    out["understand"], t = time.process_time() - t, time.process_time()
    for r in reading:
        json.dumps(r.to_dict(max_words=MAX_WORDS_PER_PAGE))
    out["store"], t = time.process_time() - t, time.process_time()
    report = verify_reading(data, reading, today=date(2026, 12, 1))
    out["verify"], t = time.process_time() - t, time.process_time()
    json.dumps(report_record(report).data)
    out["save"] = time.process_time() - t
    return out


def main(argv: list[str] | None = None) -> int:
    from bench.claimtime import claims

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    args = ap.parse_args(argv)
    data, files = claims()[30]
    pages = _pages(files)
    steps(data, files, pages)  # models, rules and imports loaded: not the owner's per claim
    runs = [steps(data, files, pages) for _ in range(args.repeat)]
    best = {k: min(r[k] for r in runs) for k in runs[0]}
    print(
        f"30-page claim ({len(files)} files), owner's serial steps, CPU s (best of {args.repeat}):"
    )
    for k, v in best.items():
        print(f"  {k:10s} {v:6.3f}")
    print(f"  {'total':10s} {sum(best.values()):6.3f}")
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(steps, data, files, pages)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
