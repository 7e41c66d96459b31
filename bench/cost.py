"""Where each page's reading time goes, per page kind (#24): Tesseract against everything else.

    python -m bench.cost [--sets tesseract_test,...,degraded] [--heldout DIR] [--quick]

Reads every file of the OCR bench sets (bench/common.py, ../shared/benchmarks; ``degraded`` is
generated) and, with ``--heldout``, every document of a folder of generated bundles (e.g.
``python -m sample_docs.generate --family heldout --count 10 --seed 2027 --out
bench/out/heldout10``: measuring only, never tuning), with the models loaded first and no page
cache, one thread. Each page's account is ``Page.cost`` (intake.cost): CPU seconds per step.
Per page kind the table gives pages, CPU per page, Tesseract's CPU per page (OCR + OSD, every
pass), ``cpu o/recog`` (whole reading / Tesseract, file opening included) and, in ms of CPU
per page, the steps that are not recognition. Kinds: bench pages by what the reading found
(text layer, card, comb form, phone photo, then the file's type); held-out pages by the
generator's truth (format, capture mode, document type).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from bench import common
from intake.models import Page, PageCost, PageSource

# non-recognition steps shown, in this order; the rest add up under "rest"
SHOWN = ("render", "decode", "hash", "blank", "prepare", "first", "second", "card", "comb")
SHOWN2 = ("barcode", "words", "phash", "layer", "file")
COMB_FORMS = {"form_34", "form_21", "permanent_disablement_application"}


@dataclass
class Tally:
    pages: int = 0
    cpu: float = 0.0
    wall: float = 0.0
    recog: float = 0.0
    steps: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, cost: PageCost, file_cpu: float) -> None:
        self.pages += 1
        self.cpu += cost.total_cpu + file_cpu
        self.wall += cost.total_wall
        self.recog += cost.recognition_cpu
        self.steps["file"] += file_cpu
        for key, value in cost.cpu.items():
            self.steps[key] += value


@dataclass
class FileToRead:
    path: Path
    group: str  # "bench" or "heldout"
    kinds: list[str] | None = None  # per page, from the generator's truth (held-out bundles)


def bench_files(names: list[str], quick: bool, tmp: Path) -> Iterator[FileToRead]:
    seen: set[Path] = set()
    sets = {**common.SETS}
    for name in names:
        source = common.degraded_set(tmp) if name == "degraded" else sets[name]()
        for i, item in enumerate(source):
            if quick and i >= 3:
                break
            if item.path not in seen:
                seen.add(item.path)
                yield FileToRead(item.path, "bench")


def heldout_files(folder: Path, quick: bool) -> Iterator[FileToRead]:
    for n, truth_path in enumerate(sorted(folder.glob("*/truth.json"))):
        if quick and n >= 2:
            return
        truth = json.loads(truth_path.read_text())
        for doc in truth["documents"]:
            captures = doc.get("pages_capture") or [{}] * len(doc["pages"])
            kinds = [truth_kind(doc, c.get("mode", "")) for c in captures]
            yield FileToRead(truth_path.parent / doc["file"], "heldout", kinds)


def truth_kind(doc: dict[str, object], mode: str) -> str:
    """The page kind the generator made: format, capture mode and document type."""
    if doc["format"] == "pdf_text":
        return "pdf text layer"
    if doc["doc_type"] == "mykad":
        return "card photo" if mode == "photo" else "card scan"
    if doc["doc_type"] in COMB_FORMS:
        return "comb form"
    if mode in ("fax", "photo"):
        return {"fax": "fax", "photo": "phone photo"}[mode]
    if mode in ("black", "noise"):
        return "illegible"
    return "pdf scan" if doc["format"] == "pdf_scan" else f"{doc['format']} scan"


def read_kind(page: Page) -> str:
    """The page kind as the reading found it (bench pages have no truth of their kind)."""
    steps, media = page.steps, page.media_type
    if page.source == PageSource.TEXT_LAYER:
        return "pdf text layer"
    if page.blank:
        return "blank"
    if page.kind == "card" or "card" in steps:
        return "card"
    if page.combs:
        return "comb form"
    if "perspective" in steps:
        return "phone photo"
    return {"application/pdf": "pdf scan", "image/jpeg": "jpeg scan"}.get(media, "png/tiff scan")


def read_file(job: FileToRead, engine: object, tallies: dict[tuple[str, str], Tally]) -> None:
    from intake import cache
    from intake.options import ReadOptions
    from intake.reading import read_pages

    cache._caches.clear()  # every page read afresh
    cpu = time.process_time()
    options = ReadOptions.from_env()  # OCR_PAGE_TIMEOUT: a busy machine is not a bad page
    pages = read_pages(job.path, job.path.name, options, engine=engine)  # type: ignore[arg-type]
    cpu = time.process_time() - cpu
    file_cpu = max(0.0, cpu - sum(p.cost.total_cpu for p in pages)) / max(1, len(pages))
    for i, page in enumerate(pages):
        kind = job.kinds[i] if job.kinds and i < len(job.kinds) else read_kind(page)
        tallies[(job.group, kind)].add(page.cost, file_cpu)
        tallies[(job.group, "all")].add(page.cost, file_cpu)


def print_table(tallies: dict[tuple[str, str], Tally]) -> None:
    cols = [*SHOWN, *SHOWN2, "rest"]
    head = (
        f"{'group':<8}{'page kind':<15}{'pages':>6}{'cpu/p':>7}{'recog':>7}{'o/recog':>8}"
        f"{'wall/p':>7} |" + "".join(f"{c[:7]:>8}" for c in cols)
    )
    print("CPU seconds per page; after '|' the non-recognition steps, CPU ms per page")
    print(head)
    print("-" * len(head))
    for (group, kind), t in sorted(tallies.items(), key=lambda kv: (kv[0][0], kv[0][1] == "all")):
        n = t.pages
        shown = {k: t.steps.get(k, 0.0) for k in cols[:-1]}
        rest = t.cpu - t.recog - sum(shown.values())
        cells = "".join(f"{1000 * v / n:>8.0f}" for v in [*shown.values(), rest])
        print(
            f"{group:<8}{kind:<15}{n:>6}{t.cpu / n:>7.3f}{t.recog / n:>7.3f}"
            f"{t.cpu / max(t.recog, 1e-9):>8.2f}{t.wall / n:>7.3f} |{cells}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.cost", description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join([*common.SETS, "degraded"]))
    ap.add_argument("--heldout", type=Path, default=None, help="a folder of generated bundles")
    ap.add_argument("--quick", action="store_true", help="3 files per set, 2 bundles")
    args = ap.parse_args(argv)
    from intake.reading import preload

    engine = preload()
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    with tempfile.TemporaryDirectory(prefix="bench_cost_") as tmp:
        names = [s.strip() for s in args.sets.split(",") if s.strip()]
        jobs = list(bench_files(names, args.quick, Path(tmp)))
        if args.heldout:
            jobs += list(heldout_files(args.heldout, args.quick))
        for job in jobs:
            read_file(job, engine, tallies)
    print_table(tallies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
