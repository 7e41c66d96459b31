"""OCR benchmark: our reading pipeline against bare ``tesseract`` on the same pages.

    python -m bench.ocr [--quick] [--sets sroie,funsd] [--langs eng] [--engine auto] [--psm N]

Per set: error of both (CER, or 1 - bag-of-words F1 where the truth has no reading order),
pages per minute of both, our wall time / bare Tesseract's, and our whole reading / the
recognition alone inside it. Bare Tesseract is ``tesseract IMAGE stdout -l LANGS`` once per
page, defaults otherwise; PDF pages are rendered to PGM for it beforehand (not timed). Both
run with OMP_THREAD_LIMIT=1. The ``degraded`` set is generated here (rotated, skewed, low-dpi,
faxed and photographed pages of clean Malay/English text).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import cv2
import numpy as np

from bench import common


@dataclass
class Row:
    name: str
    errs_ours: list[float] = field(default_factory=list)
    errs_bare: list[float] = field(default_factory=list)
    t_ours: float = 0.0
    t_bare: float = 0.0
    c_ours: float = 0.0  # CPU seconds: robust when other jobs share the cores
    c_bare: float = 0.0
    c_recog: float = 0.0
    metrics: set[str] = field(default_factory=set)


class TimedEngine:
    """Wraps the engine to add up the time spent in recognition alone."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.name = inner.name  # type: ignore[attr-defined]
        self.seconds = 0.0

    def version(self) -> str:
        return str(self.inner.version())  # type: ignore[attr-defined]

    def recognize(self, image: np.ndarray, **kw: object) -> object:
        t = time.process_time()
        try:
            return self.inner.recognize(image, **kw)  # type: ignore[attr-defined]
        finally:
            self.seconds += time.process_time() - t

    def read_chars(self, image: np.ndarray, **kw: object) -> object:
        """Comb boxes read with a whitelist (intake.comb), as the engine does outside the bench."""
        t = time.process_time()
        try:
            return self.inner.read_chars(image, **kw)  # type: ignore[attr-defined]
        finally:
            self.seconds += time.process_time() - t

    def orientation(self, image: np.ndarray) -> object:
        t = time.process_time()
        try:
            return self.inner.orientation(image)  # type: ignore[attr-defined]
        finally:
            self.seconds += time.process_time() - t


def bare_input(item: common.Item, tmp: Path) -> Path:
    """What bare tesseract reads: the image itself, or the PDF page rendered at 300 dpi."""
    if item.pdf_page is None:
        return item.path
    import cv2
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(item.path)
    gray = doc[item.pdf_page].render(scale=300 / 72, grayscale=True).to_numpy()
    out = tmp / f"{item.path.stem}_{item.pdf_page}.pgm"
    cv2.imwrite(str(out), gray)
    doc.close()
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_bare(path: Path, langs: str) -> tuple[str, float, float]:
    """Text, wall seconds and CPU seconds of one ``tesseract`` run."""
    t, c = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", langs], capture_output=True, text=True, check=False
    )
    return done.stdout, time.perf_counter() - t, _children_cpu() - c


_read: dict[Path, tuple[list[str], float, float, float]] = {}


def run_ours(
    item: common.Item, opts: object, engine: TimedEngine
) -> tuple[str, float, float, float]:
    """Text, wall, CPU and recognition CPU seconds of the item's page; a file is read once
    and its time shared out over its pages."""
    from intake import cache
    from intake.reading import read_pages

    if item.path not in _read:
        cache._caches.clear()  # every page is read afresh
        before = engine.seconds
        t, c = time.perf_counter(), time.process_time()
        pages = read_pages(item.path, item.path.name, opts, engine=engine)  # type: ignore[arg-type]
        n = len(pages)
        wall, cpu = (time.perf_counter() - t) / n, (time.process_time() - c) / n
        _read[item.path] = ([p.text for p in pages], wall, cpu, (engine.seconds - before) / n)
    texts, wall, cpu, recog = _read[item.path]
    return texts[item.pdf_page or 0], wall, cpu, recog


def items_for(name: str, quick: bool, tmp: Path) -> Iterator[common.Item]:
    sets = {**common.SETS, **common.TUNING}
    source = common.degraded_set(tmp) if name == "degraded" else sets[name]()
    for i, item in enumerate(source):
        if quick and i >= 3:
            return
        yield item


def bench_set(name: str, args: argparse.Namespace, engine: TimedEngine, tmp: Path) -> Row:
    from intake.options import ReadOptions

    opts = replace(ReadOptions(), langs=args.langs, psm=args.psm, rescale=not args.no_rescale)
    row = Row(name)
    for item in items_for(name, args.quick, tmp):
        row.metrics.add(item.metric)
        text, wall, cpu, recog = run_ours(item, opts, engine)
        bare_text, bare_wall, bare_cpu = (
            ("", 1e-9, 1e-9) if args.no_bare else run_bare(bare_input(item, tmp), args.langs)
        )
        row.errs_ours.append(common.error(item, text))
        row.errs_bare.append(common.error(item, bare_text))
        row.t_ours += wall
        row.t_bare += bare_wall
        row.c_ours += cpu
        row.c_bare += bare_cpu
        row.c_recog += recog
        if args.verbose:
            print(
                f"  {name}/{item.name}: ours {row.errs_ours[-1]:.3f} ({wall:.2f}s) "
                f"bare {row.errs_bare[-1]:.3f} ({bare_wall:.2f}s)",
                file=sys.stderr,
            )
    return row


def text_layer_speed(engine: TimedEngine, tmp: Path) -> tuple[float, float]:
    """Seconds to read a text-layer PDF page, and to OCR the same page rendered."""
    import io

    from reportlab.pdfgen import canvas

    from intake import cache
    from intake.reading import read_pages

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    text = c.beginText(60, 780)
    text.setFont("Helvetica", 11)
    for line in common.PARAGRAPHS:
        text.textLine(line)
    c.drawText(text)
    c.showPage()
    c.save()
    pdf = tmp / "layer.pdf"
    pdf.write_bytes(buf.getvalue())
    read_pages(pdf, "layer.pdf", engine=engine)  # type: ignore[arg-type]  # imports warm
    t = time.perf_counter()
    read_pages(pdf, "layer.pdf", engine=engine)  # type: ignore[arg-type]
    t_layer = time.perf_counter() - t
    import cv2

    scan_png = tmp / "layer_scan.png"
    cv2.imwrite(str(scan_png), bare_render(pdf))
    cache._caches.clear()
    t = time.perf_counter()
    read_pages(scan_png, "layer_scan.png", engine=engine)  # type: ignore[arg-type]
    return t_layer, time.perf_counter() - t


def bare_render(pdf: Path) -> np.ndarray:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    gray = np.array(doc[0].render(scale=300 / 72, grayscale=True).to_numpy())
    doc.close()
    return gray


def warm_up(engine: TimedEngine, langs: str) -> None:
    """Load the models once before timing (a worker keeps them loaded)."""
    page = np.full((300, 900), 255, np.uint8)
    cv2.putText(page, "Warm up the models 12345", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    for psm in (3, 4, 6, 11):
        engine.inner.recognize(page, langs=langs, psm=psm, timeout=30)  # type: ignore[attr-defined]
    engine.inner.orientation(page)  # type: ignore[attr-defined]
    run_bare_warm = subprocess.run(["tesseract", "--version"], capture_output=True, check=False)
    del run_bare_warm


def print_table(rows: list[Row], langs: str, engine: str) -> None:
    print(
        f"OCR benchmark: langs={langs} engine={engine} OMP_THREAD_LIMIT="
        f"{os.environ.get('OMP_THREAD_LIMIT')}"
    )
    head = (
        f"{'set':<15}{'pages':>6}{'metric':>8}{'err ours':>10}{'err bare':>10}"
        f"{'ppm ours':>10}{'ppm bare':>10}{'wall o/b':>10}{'cpu o/b':>9}{'cpu o/recog':>12}"
        f"{'cpu/p':>7}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        n = len(r.errs_ours)
        if n == 0:
            continue
        print(
            f"{r.name:<15}{n:>6}{'+'.join(sorted(r.metrics)):>8}{np.mean(r.errs_ours):>10.4f}"
            f"{np.mean(r.errs_bare):>10.4f}{60 * n / r.t_ours:>10.1f}{60 * n / r.t_bare:>10.1f}"
            f"{r.t_ours / r.t_bare:>10.2f}{r.c_ours / r.c_bare:>9.2f}"
            f"{r.c_ours / max(r.c_recog, 1e-9):>12.2f}{r.c_ours / n:>7.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__.split("\n")[1])
    ap.add_argument("--quick", action="store_true", help="3 pages per set")
    ap.add_argument("--sets", default=",".join([*common.SETS, "degraded"]))
    ap.add_argument("--langs", default="eng")
    ap.add_argument("--engine", default="auto", choices=["auto", "tesserocr", "child"])
    ap.add_argument("--psm", type=int, default=None, help="force one page segmentation mode")
    ap.add_argument("--no-rescale", action="store_true", help="keep every page's resolution")
    ap.add_argument("--no-bare", action="store_true", help="skip bare tesseract (tuning runs)")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    from intake.ocr import get_engine
    from intake.options import ReadOptions
    from intake.reading import preload

    preload()
    engine = TimedEngine(get_engine(args.engine, ReadOptions().tessdata_dir()))
    warm_up(engine, args.langs)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_ocr_") as tmp:
        for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
            rows.append(bench_set(name, args, engine, Path(tmp)))
        print_table(rows, args.langs, engine.name)
        t_layer, t_ocr = text_layer_speed(engine, Path(tmp))
    print(
        f"text-layer PDF page: {t_layer * 1000:.1f} ms; the same page OCR'd: "
        f"{t_ocr * 1000:.0f} ms ({t_ocr / t_layer:.0f}x faster)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
