"""Archive benchmark: ``python -m bench.archive [--pages N] [--out DIR]`` (``make bench-archive``).

Generates an archive of scanned stacks from the sample_docs generator (claims back to back,
separator sheets between some, some pages upside down, PDFs and TIFFs), then in one run:

  1. our path with 1 and with 2 worker processes (``worker.py --burst`` on a private Redis
     database and SQLite file; each run with an empty page cache): pages per minute, peak
     memory of the work horses (the processes that read);
  2. bare ``tesseract`` over the same pages (rendered to PNG beforehand, at the reading DPI),
     as 1 and as 2 parallel processes: pages per minute;
  3. OCRmyPDF over the same stacked PDFs and TIFFs, as an operator would run it
     (``ocrmypdf --rotate-pages --deskew -j 1 --output-type pdf IN OUT``), as 1 and as 2
     parallel processes, one process a file: pages per minute and ours / OCRmyPDF;
  4. grouping accuracy: truth documents placed in the claim most of their claim went to.

OCRmyPDF is not a dependency of the project: install it in a scratch environment outside the
repo (it needs Ghostscript: ``apt-get install -y ghostscript``)::

    python3 -m venv /tmp/ocrmypdf-venv
    /tmp/ocrmypdf-venv/bin/pip install ocrmypdf==17.13.0

and name it with ``--ocrmypdf /tmp/ocrmypdf-venv/bin/ocrmypdf`` or ``OCRMYPDF=...`` (else the
``ocrmypdf`` on PATH is used; with none, step 3 is skipped and says so).

``build_archive`` is also what tests/archive use to make their small archives.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import resource
import secrets
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEPARATOR_TITLE = ("HELAIAN PEMISAH", "SEPARATOR SHEET")


@dataclass
class TruthPage:
    file: str
    page: int
    claim: str | None  # None: a separator sheet
    doc: str | None  # claim/key of the document
    doc_type: str | None


# --- building an archive -------------------------------------------------------------------


def claim_pages(
    seed: int, index: int, severity: str, rotate_share: float, max_docs: int | None
) -> list[tuple[Any, TruthPage]]:
    """Page images of one random claim's documents, in its files' order."""
    from sample_docs import bundles
    from sample_docs.model import PageShot
    from sample_docs.scenarios import random_scenarios
    from sample_docs.writers import doc_sheets, page_image

    scn = random_scenarios(index + 1, seed, severity)[index]
    scn = dataclasses.replace(scn, name=f"archive_{seed}_{index}", defect="none")
    b = bundles.build(scn, seed)
    copies = {copy for _, copy in b.duplicates}
    rng = random.Random(f"{seed}|{index}")
    docs, seen = [], set()
    for spec in b.files:
        if spec.name in copies or spec.copy_of:
            continue
        for doc in spec.docs:
            if id(doc) not in seen and not doc.unreadable:
                seen.add(id(doc))
                docs.append(doc)
    out = []
    for doc in docs[:max_docs]:
        for sheet in doc_sheets(doc, b.story):
            rot = 180 if rng.random() < rotate_share else 0
            dpi = 200
            shot = PageShot(severity, rot, dpi, "scan_gray", rng.randrange(2**31))
            img = page_image(doc, sheet, shot).convert("L")
            claim = f"K{index:03d}"
            img.info["dpi"] = (dpi, dpi)
            out.append((img, TruthPage("", 0, claim, f"{claim}/{doc.key}", doc.doc_type)))
    return out


def separator_page(dpi: int = 200) -> Any:
    from PIL import Image, ImageDraw

    from sample_docs.raster import font

    img = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(SEPARATOR_TITLE):
        draw.text((round(1.2 * dpi), round((4.5 + i) * dpi)), text, 0, font("sans-b", dpi // 2))
    return img


def build_archive(
    out: Path,
    *,
    claims: int,
    seed: int = 7,
    pages_per_file: int = 40,
    separator_share: float = 0.5,
    rotate_share: float = 0.05,
    tiff_every: int = 3,
    severity: str = "clean",
    max_docs: int | None = None,
    min_pages: int = 0,
) -> list[TruthPage]:
    """Write an archive of scanned stacks into ``out`` and return the truth of every page."""
    rng = random.Random(seed)
    pages: list[tuple[Any, TruthPage]] = []
    i = 0
    while i < claims or len(pages) < min_pages:
        if pages and rng.random() < separator_share:
            pages.append((separator_page(), TruthPage("", 0, None, None, None)))
        pages += claim_pages(seed, i, severity, rotate_share, max_docs)
        i += 1
    out.mkdir(parents=True, exist_ok=True)
    truth: list[TruthPage] = []
    for n, start in enumerate(range(0, len(pages), pages_per_file)):
        chunk = pages[start : start + pages_per_file]
        tiff = tiff_every > 0 and n % tiff_every == tiff_every - 1
        name = f"box{n + 1:03d}.{'tif' if tiff else 'pdf'}"
        _write_stack(out / name, [img for img, _ in chunk], tiff)
        for number, (_, t) in enumerate(chunk, start=1):
            truth.append(dataclasses.replace(t, file=name, page=number))
    (out / "truth.json").write_text(json.dumps([dataclasses.asdict(t) for t in truth], indent=0))
    return truth


def _write_stack(path: Path, images: list[Any], tiff: bool) -> None:
    import io

    from sample_docs.textpdf import image_pdf

    if tiff:
        bw = [im.point(lambda v: 255 if v > 150 else 0).convert("1") for im in images]
        bw[0].save(path, "TIFF", save_all=True, append_images=bw[1:], compression="group4",
                   dpi=(200, 200))  # fmt: skip
        return
    jpegs = []
    for im in images:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=80)
        dpi = int(im.info.get("dpi", (200, 200))[0])
        jpegs.append((buf.getvalue(), im.width, im.height, dpi))
    path.write_bytes(image_pdf(jpegs))


# --- grouping accuracy ---------------------------------------------------------------------


def grouping_accuracy(truth: list[TruthPage], index: dict[str, Any]) -> dict[str, Any]:
    """Truth documents whose pages went (mostly) to the claim that most of their claim's
    pages went to, and that claim holds no other claim's majority."""
    placed = {(r["file"], r["page"]): r.get("claim") for r in index["pages"]}
    by_claim: dict[str, Counter[str]] = defaultdict(Counter)
    by_doc: dict[str, Counter[str]] = defaultdict(Counter)
    for t in truth:
        if t.claim is None or t.doc is None:
            continue
        got = placed.get((t.file, t.page)) or "unassigned"
        by_claim[t.claim][got] += 1
        by_doc[t.doc][got] += 1
    home: dict[str, str] = {}
    owner: dict[str, str] = {}
    for claim, votes in sorted(by_claim.items(), key=lambda kv: -sum(kv[1].values())):
        best = next((g for g, _ in votes.most_common() if g != "unassigned" and g not in owner),
                    None)  # fmt: skip
        if best is not None:
            home[claim], owner[best] = best, claim
    kinds = {(r["file"], r["page"]): r.get("kind") for r in index["pages"]}
    unread = {
        t.doc
        for t in truth
        if t.doc and all(kinds.get((u.file, u.page)) in ("unreadable", "blank")
                         for u in truth if u.doc == t.doc)
    }  # fmt: skip
    ok = {d for d, v in by_doc.items() if v.most_common(1)[0][0] == home.get(d.split("/")[0])}
    readable = len(by_doc) - len(unread)
    return {
        "documents": len(by_doc),
        "placed_right": len(ok),
        "accuracy": len(ok) / len(by_doc) if by_doc else 0.0,
        "unread_documents": len(unread),
        "accuracy_readable": len(ok - unread) / readable if readable else 0.0,
        "claims_true": len(by_claim),
        "claims_found": len({r.get("claim") for r in index["pages"]} - {None, "unassigned"}),
        "unassigned_pages": sum(1 for r in index["pages"] if r.get("claim") == "unassigned"),
    }


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's children (and theirs) waited for so
    far: what a phase's subprocesses cost, whatever else the machine is running."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# --- running our path ----------------------------------------------------------------------


@dataclass
class RunResult:
    workers: int
    pages: int
    seconds: float
    peak_rss_mb: float
    index: dict[str, Any]
    cpu_seconds: float = 0.0  # user + system of the workers and their work horses

    @property
    def ppm(self) -> float:
        return 60.0 * self.pages / self.seconds if self.seconds else 0.0


def _redis_db() -> tuple[str, Callable[[], None]]:
    """A free Redis database number, locked as tests/conftest.py locks them."""
    from redis import Redis

    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    lock = Redis.from_url(f"{base}/0")
    for n in range(15, 0, -1):
        key = f"semak:test-redis-db:{n}"
        if lock.set(key, "bench-archive", nx=True, ex=7200):
            url = f"{base}/{n}"
            Redis.from_url(url).flushdb()

            def release(url: str = url, key: str = key) -> None:
                Redis.from_url(url).flushdb()
                lock.delete(key)

            return url, release
    raise SystemExit("no free Redis database number (1-15)")


def run_ours(archive: Path, workdir: Path, workers: int, redis_url: str, cache: Path) -> RunResult:
    """Ingest ``archive`` into a fresh instance and read it with ``workers`` burst workers."""
    from semak.archive.index import batch_index
    from semak.archive.ingest import batch_status, ingest
    from semak.archive.models import ArchiveFile
    from semak.config import Settings
    from semak.services import Services

    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'semak.db'}",
           "REDIS_URL": redis_url, "STORAGE_DIR": str(workdir / "storage"),
           "SEMAK_INSTANCE_DIR": str(workdir), "SEMAK_CACHE_DIR": str(cache),
           "SECRET_KEY": secrets.token_hex(32), "OMP_THREAD_LIMIT": "1",
           "JOB_RETRIES": "0"}  # fmt: skip
    svc = Services(Settings.from_env(env))
    svc.redis.flushdb()
    svc.db.upgrade()
    ingest(svc, archive, "bench")
    start, cpu0 = time.monotonic(), children_cpu()
    procs = [
        subprocess.Popen([sys.executable, "worker.py", "--burst", "--name", f"bench-{workers}-{i}"],
                         cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for i in range(workers)
    ]  # fmt: skip
    try:
        read_at = None
        while any(p.poll() is None for p in procs):
            st = batch_status(svc, "bench")
            if read_at is None and st is not None and st.files_finished == st.files:
                read_at = time.monotonic()
            time.sleep(0.5)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                p.wait(timeout=30)
    seconds = (read_at or time.monotonic()) - start
    cpu = children_cpu() - cpu0
    st = batch_status(svc, "bench")
    with svc.db.Session() as s:
        peak = max((f.peak_rss_kb or 0) for f in s.query(ArchiveFile))
    _, index = batch_index("bench", svc=svc)
    svc.close()
    pages = st.pages_done if st else 0
    return RunResult(workers, pages, seconds, peak / 1024.0, index, cpu)


# --- bare tesseract ------------------------------------------------------------------------


def render_pages(archive: Path, out: Path, dpi: int) -> list[Path]:
    """Every page of the archive as a grayscale PNG (not timed), as the reader renders it
    before its clean-up: a scanned PDF page at its image's own resolution (at most ``dpi``)."""
    import pypdfium2 as pdfium
    from PIL import Image

    from intake.pdf import scan_dpi

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in sorted(p for p in archive.iterdir() if p.suffix in (".pdf", ".tif")):
        if f.suffix == ".pdf":
            doc = pdfium.PdfDocument(str(f))
            for i in range(len(doc)):
                page = doc[i]
                img = page.render(scale=scan_dpi(page, dpi) / 72.0, grayscale=True).to_pil()
                paths.append(out / f"{f.stem}-{i + 1:04d}.png")
                img.save(paths[-1])
            doc.close()
        else:
            with Image.open(f) as img:
                for i in range(getattr(img, "n_frames", 1)):
                    img.seek(i)
                    paths.append(out / f"{f.stem}-{i + 1:04d}.png")
                    img.convert("L").save(paths[-1], dpi=(200, 200))
    return paths


def run_bare(pages: list[Path], procs: int, langs: str) -> float:
    """Pages per minute of ``tesseract PAGE stdout -l LANGS``, ``procs`` at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(p: Path) -> None:
        subprocess.run(["tesseract", str(p), "stdout", "-l", langs], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    start = time.monotonic()
    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, pages))
    return 60.0 * len(pages) / (time.monotonic() - start)


# --- OCRmyPDF ------------------------------------------------------------------------------

OCRMYPDF_ARGS = ("--rotate-pages", "--deskew", "-j", "1", "--output-type", "pdf")


def find_ocrmypdf(option: str | None, environ: Mapping[str, str]) -> str | None:
    """The OCRmyPDF executable: ``--ocrmypdf``, else ``$OCRMYPDF``, else ``ocrmypdf`` on PATH;
    None when there is none. A path named but not executable is an error."""
    named = option or environ.get("OCRMYPDF")
    if named:
        if not (os.path.isfile(named) and os.access(named, os.X_OK)):
            raise SystemExit(f"OCRmyPDF not found or not executable: {named}")
        return named
    return shutil.which("ocrmypdf", path=environ.get("PATH"))


def stack_pages(path: Path) -> int:
    """Pages of a stacked PDF or (multi-page) TIFF."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    from PIL import Image

    with Image.open(path) as img:
        return int(getattr(img, "n_frames", 1))


def file_bound_speedup(pages: list[int], procs: int) -> float:
    """The most ``procs`` parallel processes of one file each can gain over one process:
    all pages / the pages of the busiest process, files handed out largest first to the
    process with the fewest pages (what a pool fed largest first does when pages cost alike)."""
    loads = [0] * procs
    for n in sorted(pages, reverse=True):
        loads[loads.index(min(loads))] += n
    busiest = max(loads, default=0)
    return sum(pages) / busiest if busiest else 0.0


@dataclass
class Timed:
    ppm: float  # pages per minute
    cpu_per_page: float  # CPU seconds of the processes started, a page


def run_ocrmypdf(exe: str, files: list[Path], procs: int, out: Path) -> Timed:
    """Pages per minute of ``ocrmypdf OCRMYPDF_ARGS FILE OUT``, ``procs`` files at a time
    (largest first); every output must have its input's pages."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out.mkdir(parents=True, exist_ok=True)
    pages = {f: stack_pages(f) for f in files}

    def one(f: Path) -> None:
        dst = out / f"{f.stem}.pdf"
        cmd = [exe, *OCRMYPDF_ARGS, str(f), str(dst)]
        run = subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        if run.returncode != 0 or stack_pages(dst) != pages[f]:
            raise RuntimeError(f"ocrmypdf failed on {f.name} ({run.returncode}): "
                               f"{run.stderr[-2000:]}")  # fmt: skip

    order = sorted(files, key=lambda f: -pages[f])
    start, cpu0 = time.monotonic(), children_cpu()
    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, order))
    total = sum(pages.values())
    cpu = (children_cpu() - cpu0) / total
    return Timed(60.0 * total / (time.monotonic() - start), cpu)


def ocrmypdf_runs(exe: str | None, archive: Path, out: Path) -> dict[int, Timed]:
    """OCRmyPDF with 1 and 2 processes over the archive's stacks, printed; {} without it."""
    if exe is None:
        print("OCRmyPDF: not found (--ocrmypdf PATH or OCRMYPDF=PATH), skipped", flush=True)
        return {}
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    files = sorted(p for p in archive.iterdir() if p.suffix in (".pdf", ".tif"))
    cap = file_bound_speedup([stack_pages(f) for f in files], 2)
    runs = {}
    for n in (1, 2):
        runs[n] = run_ocrmypdf(exe, files, n, out / f"ocrmypdf{n}")
        print(f"OCRmyPDF {version} ({' '.join(OCRMYPDF_ARGS)}), {n} process(es): "
              f"{runs[n].ppm:.1f} pages/min" + (f" (one file a process: at most {cap:.2f}x "
              f"the 1-process rate over these {len(files)} files)" if n == 2 else ""),
              flush=True)  # fmt: skip
    return runs


# --- the benchmark -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.archive", description=__doc__)
    ap.add_argument("--pages", type=int, default=300, help="pages in the archive (at least)")
    ap.add_argument("--per-file", type=int, default=25, help="pages per stack file")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "archive")
    ap.add_argument("--ocrmypdf", metavar="PATH", help="OCRmyPDF executable (else $OCRMYPDF, "
                    "else ocrmypdf on PATH; see above)")  # fmt: skip
    args = ap.parse_args(argv)
    ocrmypdf = find_ocrmypdf(args.ocrmypdf, os.environ)
    from intake.options import ReadOptions

    opts = ReadOptions.from_env()
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    t0 = time.monotonic()
    truth = build_archive(out / "cabinet", claims=1, seed=args.seed, min_pages=args.pages,
                          pages_per_file=args.per_file, severity="mild")  # fmt: skip
    print(f"archive: {len(truth)} pages in {len({t.file for t in truth})} files, "
          f"{len({t.claim for t in truth if t.claim})} claims "
          f"(built in {time.monotonic() - t0:.0f} s)", flush=True)  # fmt: skip
    redis_url, release = _redis_db()
    try:
        runs = {}
        for n in (1, 2):
            runs[n] = run_ours(out / "cabinet", out / f"run{n}", n, redis_url, out / f"cache{n}")
            print(f"ours, {n} worker(s): {runs[n].pages} pages in {runs[n].seconds:.0f} s = "
                  f"{runs[n].ppm:.1f} pages/min, peak horse RSS {runs[n].peak_rss_mb:.0f} MB",
                  flush=True)  # fmt: skip
        big = single_file(out / "cabinet", out / "single")
        mem = run_ours(big, out / "run-single", 1, redis_url, out / "cache1")
        print(f"one {mem.pages}-page file (OCR from run 1's page cache): peak horse RSS "
              f"{mem.peak_rss_mb:.0f} MB", flush=True)  # fmt: skip
    finally:
        release()
    pngs = render_pages(out / "cabinet", out / "png", opts.dpi)
    bare, bare_cpu = {}, {}
    for n in (1, 2):
        cpu0 = children_cpu()
        bare[n] = run_bare(pngs, n, opts.langs)
        bare_cpu[n] = (children_cpu() - cpu0) / len(pngs)
    for n in (1, 2):
        print(f"bare tesseract, {n} process(es): {bare[n]:.1f} pages/min", flush=True)
    theirs = ocrmypdf_runs(ocrmypdf, out / "cabinet", out)
    report(truth, runs, bare, mem)
    if theirs:
        print(against_ocrmypdf(runs, {n: t.ppm for n, t in theirs.items()}))
    print(cpu_line(runs, bare_cpu, {n: t.cpu_per_page for n, t in theirs.items()}))
    return 0


def single_file(archive: Path, out: Path) -> Path:
    """All PDF pages of the archive in one PDF (the memory check)."""
    import pypdfium2 as pdfium

    out.mkdir(parents=True, exist_ok=True)
    big = pdfium.PdfDocument.new()
    for f in sorted(archive.glob("*.pdf")):
        src = pdfium.PdfDocument(str(f))
        big.import_pages(src)
        src.close()
    big.save(str(out / "all.pdf"))
    big.close()
    return out


def report(truth: list[TruthPage], runs: dict[int, RunResult], bare: dict[int, float],
           mem: RunResult) -> None:  # fmt: skip
    ours_up = runs[2].ppm / runs[1].ppm if runs[1].ppm else 0.0
    bare_up = bare[2] / bare[1] if bare[1] else 0.0
    acc = grouping_accuracy(truth, runs[1].index)
    lines = [
        "",
        f"speed-up 2 workers / 1: ours {ours_up:.2f}x, bare tesseract {bare_up:.2f}x "
        f"-> ratio {ours_up / bare_up if bare_up else 0:.2f} (target >= 0.90)",
        f"pages/min with 2: ours {runs[2].ppm:.1f}, bare {bare[2]:.1f} -> "
        f"{runs[2].ppm / bare[2] if bare[2] else 0:.2f}x (target >= 1.0x)",
        f"peak worker (horse) memory: {max(r.peak_rss_mb for r in runs.values()):.0f} MB in the "
        f"speed runs, {mem.peak_rss_mb:.0f} MB on the {mem.pages}-page file (target < 500 MB)",
        f"grouping: {acc['placed_right']}/{acc['documents']} documents in the right claim = "
        f"{100 * acc['accuracy']:.1f}% (target 95%); of the documents intake could read: "
        f"{100 * acc['accuracy_readable']:.1f}% ({acc['unread_documents']} unreadable or blank); "
        f"claims {acc['claims_found']} found / {acc['claims_true']} true; "
        f"unassigned pages {acc['unassigned_pages']}",
    ]
    print("\n".join(lines))


def against_ocrmypdf(runs: dict[int, RunResult], theirs: dict[int, float]) -> str:
    """The report's line on OCRmyPDF: ours / OCRmyPDF pages per minute, 1 and 2 at a time."""
    ratios = [f"{runs[n].ppm / theirs[n] if theirs[n] else 0:.2f}x with {n}" for n in (1, 2)]
    return (f"pages/min against OCRmyPDF: ours {runs[1].ppm:.1f} / {runs[2].ppm:.1f}, "
            f"OCRmyPDF {theirs[1]:.1f} / {theirs[2]:.1f} (1 / 2 at a time) -> "
            f"{', '.join(ratios)} (target >= 2.5x)")  # fmt: skip


def cpu_line(runs: dict[int, RunResult], bare: dict[int, float], theirs: dict[int, float]) -> str:
    """CPU seconds a page of each run (all its processes, start-up included) and OCRmyPDF's
    over ours: the comparison that does not move with the machine's load."""
    ours = {n: r.cpu_seconds / r.pages if r.pages else 0.0 for n, r in runs.items()}
    parts = [f"ours {ours[1]:.2f} / {ours[2]:.2f}", f"bare tesseract {bare[1]:.2f} / {bare[2]:.2f}"]
    if theirs:
        parts.append(f"OCRmyPDF {theirs[1]:.2f} / {theirs[2]:.2f}")
    line = f"CPU s a page (1 / 2 at a time): {', '.join(parts)}"
    if theirs and ours[1]:
        line += f" -> OCRmyPDF / ours {theirs[1] / ours[1]:.2f}x with 1"
    return line


if __name__ == "__main__":
    raise SystemExit(main())
