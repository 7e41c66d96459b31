"""Benchmark of understanding documents: ``python -m bench.docs`` (``make bench-docs``).

1. Generates fresh sample_docs sets (default 100 bundles each of the tuned layout families
   and of the held-out family H, reported apart (`--family`), mixed severities, a seed of its
   own), reads every file with intake.reading (OCR), runs intake.understanding, and compares
   with each bundle's truth.json: document type, pages of each document exactly right, and
   exact matches of ic_number, name, each date key, mc_days and report_number, per document
   type and overall. Spurious values (a key the truth does not print) are counted apart.
2. SROIE receipts (../shared/benchmarks/sroie): the receipt date found by
   intake.fields.dates, as ISO, against key/NNN.json's date (parsed with dateparser,
   day first, as an independent reference); the headline uses the test split ids >= 300.

OCR results are cached per file content under bench/out/ocr_cache, so a re-run after a
change to classification or extraction takes seconds. Speed is printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from intake.models import DATE_KEYS, Document, Page

OUT = Path(__file__).resolve().parent / "out"
SROIE = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "sroie"
if not SROIE.exists():
    SROIE = Path("/work/shared/benchmarks/sroie")
FIELDS = ("ic_number", "name", "mc_days", "report_number")


# --- reading, cached -----------------------------------------------------------------------


def read_cached(path: Path, name: str, cache: Path) -> list[Page]:
    from intake.errors import SemakError
    from intake.reading import read_pages

    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    hit = cache / f"{sha}.v{_v()}.pkl"  # a reading change makes the cached pages stale
    if hit.exists():
        try:
            pages: list[Page] = pickle.loads(hit.read_bytes())
        except (pickle.UnpicklingError, EOFError):  # being written by another run
            pages = []
        else:
            for p in pages:
                p.file = name
            return pages
    try:
        pages = read_pages(path, name)
    except SemakError:
        pages = []
    cache.mkdir(parents=True, exist_ok=True)
    tmp = hit.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(pages))
    tmp.replace(hit)
    return pages


# --- scoring sample_docs ---------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.hit: dict[str, int] = defaultdict(int)
        self.n: dict[str, int] = defaultdict(int)
        self.bundles: set[str] = set()

    def add(self, key: str, ok: bool) -> None:
        self.n[key] += 1
        self.hit[key] += int(ok)

    def rate(self, key: str) -> str:
        return f"{100 * self.hit[key] / self.n[key]:5.1f}" if self.n[key] else "    -"


def _best_match(truth: dict[str, Any], docs: list[Document]) -> Document | None:
    same_file = [d for d in docs if d.file == truth["file"]]
    overlap = [(len(set(d.pages) & set(truth["pages"])), d) for d in same_file]
    overlap = [o for o in overlap if o[0] > 0]
    return max(overlap, key=lambda o: o[0])[1] if overlap else None


def score_doc(truth: dict[str, Any], docs: list[Document], tally: Tally, misses: list[Any]) -> None:
    expected_type = truth["doc_type"] if truth.get("readable", True) else "other"
    got = _best_match(truth, docs)
    for t in ("all", expected_type):
        tally.add(f"{t}|type", got is not None and str(got.doc_type) == expected_type)
        tally.add(f"{t}|pages", got is not None and got.pages == truth["pages"])
    if got is not None and str(got.doc_type) != expected_type:
        tally.add("all|type_miss", not got.readable)  # hit: reading found the page unreadable
    if got is None or str(got.doc_type) != expected_type or got.pages != truth["pages"]:
        misses.append((truth["bundle"], truth["file"], expected_type, "type/pages", truth["pages"],
                       None if got is None else (str(got.doc_type), got.pages)))  # fmt: skip
    if got is None or not truth.get("readable", True):
        return
    fields = truth["fields"]
    values = {k: got.field_value(k) for k in FIELDS}
    values.update({f"dates.{k}": got.date_value(k) for k in DATE_KEYS})
    wanted = {k: fields.get(k) for k in FIELDS}
    wanted.update({f"dates.{k}": fields.get("dates", {}).get(k) for k in DATE_KEYS})
    for key, want in wanted.items():
        have = values[key]
        for t in ("all", expected_type):
            if want is not None:
                ok = have is not None and str(have) == str(want)
                tally.add(f"{t}|{key}", ok)
                if have is not None:
                    tally.add(f"{t}|{key}|given", ok)  # precision: of the values given, right
                if have is not None and t == "all":
                    tally.add("all|given", ok)
                if key.startswith("dates."):
                    tally.add(f"{t}|dates", ok)
                if not ok and t == "all":
                    misses.append((truth["bundle"], truth["file"], expected_type, key, want, have))
            elif have is not None:
                tally.add(f"{t}|{key}|given", False)  # a value where none is printed
                tally.add(f"{t}|spurious", True)
                if key.startswith("dates.") and t == "all":
                    tally.add("all|spurious_dates", True)
                    misses.append((truth["bundle"], truth["file"], expected_type, key, None, have))


def _v() -> int:
    from intake.cache import VERSION

    return VERSION


def _cached(bundle: Path, names: Iterable[str], cache: Path) -> bool:
    return all(
        (cache / f"{hashlib.sha256((bundle / n).read_bytes()).hexdigest()}.v{_v()}.pkl").exists()
        for n in names
    )


def run_bundles(
    root: Path, cache: Path, cached_only: bool = False
) -> tuple[Tally, list[Any], float, int]:
    from intake.understanding import understand

    tally, misses = Tally(), list[tuple[Any, ...]]()
    understand_s, n_pages = 0.0, 0
    for bundle in sorted(p for p in root.iterdir() if (p / "truth.json").exists()):
        truth = json.loads((bundle / "truth.json").read_text(encoding="utf-8"))
        by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in truth["documents"]:
            by_file[d["file"]].append(d)
        if cached_only and not _cached(bundle, by_file, cache):
            continue
        tally.bundles.add(bundle.name)
        for name, tdocs in by_file.items():
            pages = read_cached(bundle / name, name, cache)
            t0 = time.perf_counter()
            docs = understand(pages)
            understand_s += time.perf_counter() - t0
            n_pages += len(pages)
            for td in tdocs:
                score_doc({**td, "bundle": bundle.name}, docs, tally, misses)
    return tally, misses, understand_s, n_pages


def print_table(tally: Tally) -> None:
    types = [*sorted({k.split("|")[0] for k in tally.n} - {"all"}), "all"]
    cols = ["type", "pages", "ic_number", "name", *[f"dates.{k}" for k in DATE_KEYS],
            "dates", "mc_days", "report_number"]  # fmt: skip
    short = {f"dates.{k}": k.replace("_date", "").replace("date_of_", "") for k in DATE_KEYS}
    head = ["doc type", "n"] + [short.get(c, c) for c in cols]
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for t in types:
        row = [t, str(tally.n[f"{t}|type"])]
        row += [tally.rate(f"{t}|{c}") for c in cols]
        print(" | ".join(row))
    keys = ["ic_number", "name", *[f"dates.{k}" for k in DATE_KEYS], "mc_days", "report_number"]
    print("\nprecision (right / values given, wrong and spurious values count) per key:")
    print(" | ".join(f"{short.get(k, k)} {tally.rate(f'all|{k}|given').strip()}" for k in keys))
    print(f"\ntype misses: {tally.n['all|type_miss']}, of them on pages reading marked "
          f"unreadable: {tally.hit['all|type_miss']}")  # fmt: skip
    given, spurious = tally.n["all|given"], tally.hit["all|spurious"]
    print(f"values given for printed fields: {given}, exactly right: "
          f"{tally.rate('all|given').strip()}%; spurious values (printed nowhere in truth): "
          f"{spurious}, of them dates: {tally.hit['all|spurious_dates']}")  # fmt: skip


# --- SROIE ---------------------------------------------------------------------------------


def sroie_truth(raw: str) -> str | None:
    import dateparser

    d = dateparser.parse(raw, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return d.date().isoformat() if d else None


def receipt_date(text: str) -> str | None:
    """The receipt's date: the one after a DATE/TARIKH label, else the first one printed."""
    from intake.fields.dates import find_dates

    found = find_dates(text)
    if not found:
        return None
    upper = text.upper()
    for d in found:
        before = upper[max(0, d.start - 12) : d.start]
        if "DATE" in before or "TARIKH" in before or "TKH" in before:
            return d.value.isoformat()
    return found[0].value.isoformat()


def gold_text(num: str) -> str:
    rows = (SROIE / "box" / f"{num}.csv").read_text(encoding="utf-8").splitlines()
    return "\n".join(r.split(",", 8)[8] for r in rows if r.count(",") >= 8)


def run_sroie(cache: Path, ids: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """{split: (n, right on OCR text, right on the gold transcript)}."""
    out: dict[str, list[int]] = {"test (>= 300)": [0, 0, 0], "all": [0, 0, 0]}
    for num in ids:
        want = sroie_truth(json.loads((SROIE / "key" / f"{num}.json").read_text())["date"])
        if want is None:
            continue
        pages = read_cached(SROIE / "img" / f"{num}.jpg", f"{num}.jpg", cache)
        got = receipt_date("\n".join(p.text for p in pages))
        gold = receipt_date(gold_text(num))
        for split in ("all", "test (>= 300)") if int(num) >= 300 else ("all",):
            out[split][0] += 1
            out[split][1] += int(got == want)
            out[split][2] += int(gold == want)
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


# --- main ----------------------------------------------------------------------------------


def set_root(prefix: Path, family: str, seed: int, count: int) -> Path:
    """Where a generated set lives; the classic set keeps its pre-#20 name."""
    tag = "" if family in ("", "classic") else f"_{family}"
    return prefix.with_name(f"{prefix.name}{tag}_seed{seed}_n{count}")


def generate(target: Path, count: int, seed: int, family: str = "") -> int:
    """Write ``count`` random bundles (mixed severities) into ``target``; resumes a partial set.
    ``family``: the layout families to draw from (sample_docs.families.CHOICES; "" classic).

    A scenario the generator cannot build is skipped and replaced by the next one; returns
    how many were skipped.
    """
    from sample_docs import bundles
    from sample_docs.generate import scenarios

    made = sum(1 for p in target.glob("*/truth.json")) if target.exists() else 0
    skipped = 0
    fam = "" if family == "classic" else family
    for scn in scenarios(seed, 2 * count, "mixed", fam):
        out = target / scn.name
        if (out / "truth.json").exists():
            continue
        if made >= count:
            break
        try:
            bundles.write(bundles.build(scn, seed), out)
            made += 1
        except Exception as exc:  # a generator bug must not stop the benchmark
            skipped += 1
            print(f"generator skipped {scn.name}: {type(exc).__name__}", file=sys.stderr)
    return skipped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.docs", description=__doc__.split("\n")[0])
    ap.add_argument("--bundles", type=Path, help="score these bundles instead of generating")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--family", default="both", help="both, tuned, heldout, classic, A, B, C, H")
    ap.add_argument("--no-sroie", action="store_true")
    ap.add_argument("--misses", type=int, default=0, help="print this many wrong values")
    ap.add_argument("--cached-only", action="store_true", help="score bundles already read")
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    cache = OUT / "ocr_cache"
    groups = ("tuned", "heldout") if args.family == "both" else (args.family,)
    for group in groups:
        root = args.bundles or set_root(OUT / "bundles", group, args.seed, args.count)
        t0 = time.time()
        if args.bundles is None:
            generate(root, args.count, args.seed, group)
        t1 = time.time()
        tally, misses, understand_s, n_pages = run_bundles(root, cache, args.cached_only)
        t2 = time.time()
        print(f"## sample_docs, family {group}: {len(tally.bundles)} bundles in {root},"
              f" {n_pages} pages (generate {t1 - t0:.0f}s, read+understand {t2 - t1:.0f}s, "
              f"understand alone {1000 * understand_s / max(1, n_pages):.1f} ms/page)")  # fmt: skip
        print()
        print_table(tally)
        for miss in misses[: args.misses]:
            print("  miss:", *miss)
        print()
    if not args.no_sroie:
        ids = sorted(p.stem for p in (SROIE / "key").glob("*.json"))
        t3 = time.time()
        res = run_sroie(cache, ids)
        print(f"\n## SROIE receipt dates ({time.time() - t3:.0f}s)\n")
        print("split | n | date right (OCR) | date right (gold transcript)")
        print("--- | --- | --- | ---")
        for split, (n, ocr, gold) in res.items():
            print(f"{split} | {n} | {100 * ocr / max(1, n):.1f}% | {100 * gold / max(1, n):.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
