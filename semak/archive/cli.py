"""``flask --app app archive ...``: ingest a folder of scans, follow a batch, write its index.

    archive ingest PATH [--batch NAME] [--no-wait]   store, queue, then a live progress bar
    archive status BATCH                             files, pages, pace, ETA, failures
    archive index BATCH --out DIR [--full-ic]        index.csv and index.json of the batch

Registered by the app factory: ``app.cli.add_command(archive_cli)``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask.cli import AppGroup

from semak.archive.ingest import STALE_AFTER, BatchStatus, batch_status, ingest
from semak.services import Services, services

archive_cli = AppGroup("archive", help="Bulk archive scans: ingest folders, follow batches.")
BAR_WIDTH = 30


@archive_cli.command("ingest")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--batch", "batch_name", default=None, help="Batch name (default: the folder's).")
@click.option("--wait/--no-wait", default=True, help="Follow the batch with a progress bar.")
@click.option("--stale-after", type=float, default=STALE_AFTER, show_default=True,
              help="Seconds without a page read before a reading job counts as dead.")  # fmt: skip
@click.option("--retry-failed", is_flag=True, help="Queue files that failed again.")
def ingest_cmd(
    path: Path, batch_name: str | None, wait: bool, stale_after: float, retry_failed: bool
) -> None:
    """Store every scan under PATH once and queue one reading job per file (resumable)."""
    svc = services()
    result = ingest(svc, path, batch_name, stale_after=stale_after, retry_failed=retry_failed)
    click.echo(
        f"archive ingest {result.batch}: {result.files} files ({result.new} new), "
        f"{result.queued} queued, {result.running} reading, {result.finished} finished, "
        f"{result.duplicates} duplicates",
        err=True,
    )
    if result.links_skipped:
        click.echo(
            f"{len(result.links_skipped)} symbolic links skipped (never followed): "
            + ", ".join(result.links_skipped),
            err=True,
        )
    if not _archive_workers(svc):
        click.echo("no worker listens on the archive queue yet: start `python worker.py`", err=True)
    if wait:
        follow(svc, result.batch)


def _archive_workers(svc: Services) -> int:
    from rq import Worker

    from semak.queue import ARCHIVE

    try:
        workers = Worker.all(connection=svc.redis)
    except Exception:  # Redis is down: the ingest itself would have failed first
        return 0
    return sum(1 for w in workers if ARCHIVE in w.queue_names())


@archive_cli.command("status")
@click.argument("batch")
def status_cmd(batch: str) -> None:
    """Progress of a batch: files, pages, pages per minute, ETA, failures, claims."""
    st = batch_status(services(), batch)
    if st is None:
        raise click.ClickException(f"no archive batch {batch}")
    click.echo(describe(st))


@archive_cli.command("index")
@click.argument("batch")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--full-ic", is_flag=True, help="Full IC numbers in the JSON (officers only).")
def index_cmd(batch: str, out: Path, full_ic: bool) -> None:
    """Write index.csv and index.json of a batch into OUT."""
    import json

    from semak.archive.index import BatchNotFound, batch_index

    try:
        csv_text, data = batch_index(batch, svc=services(), include_ic=full_ic)
    except BatchNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.csv").write_text(csv_text, encoding="utf-8")
    (out / "index.json").write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    click.echo(f"archive index {batch}: {len(data['pages'])} pages -> {out}", err=True)


def describe(st: BatchStatus) -> str:
    lines = [
        f"batch     {st.batch}",
        f"files     {st.files} ({st.files_finished} finished, {st.files_failed} failed, "
        f"{st.duplicates} duplicates)",
        f"pages     {st.pages_done} / {st.pages_total} read",
        f"pace      {st.pages_per_minute:.1f} pages/min, ETA {_duration(st.eta_seconds)}",
    ]
    if st.grouped:
        lines.append(f"claims    {st.claims} claims, {st.unassigned} unassigned documents")
    else:
        lines.append("claims    grouping waits for every file")
    if st.failures:
        lines.append("failures")
        lines += [f"  {path}: {code} {message}".rstrip() for path, code, message in st.failures]
    return "\n".join(lines)


def bar(st: BatchStatus) -> str:
    total = max(st.pages_total, 1)
    filled = min(BAR_WIDTH, round(BAR_WIDTH * st.pages_done / total))
    return (
        f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {st.pages_done}/{st.pages_total} pages"
        f"  files {st.files_finished}/{st.files}  {st.pages_per_minute:.1f} pages/min"
        f"  ETA {_duration(st.eta_seconds)}  failed {st.files_failed}"
    )


def follow(svc: Services, batch: str, interval: float = 1.0, timeout: float | None = None) -> None:
    """A live progress bar until the batch is read and grouped (Ctrl-C stops following)."""
    tty = sys.stderr.isatty()
    start, last_line = time.monotonic(), ""
    try:
        while True:
            st = batch_status(svc, batch)
            if st is None:
                return
            line = bar(st)
            if tty:
                click.echo(f"\r{line}\033[K", nl=False, err=True)
            elif line != last_line:
                click.echo(line, err=True)
            last_line = line
            if st.done or (timeout is not None and time.monotonic() - start > timeout):
                break
            time.sleep(interval if tty else max(interval, 5.0))
    except KeyboardInterrupt:
        click.echo(f"\nstopped following; the workers go on: archive status {batch}", err=True)
        return
    if tty:
        click.echo("", err=True)
    click.echo(describe(st), err=True)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600} h {s % 3600 // 60} min"
    return f"{s // 60} min {s % 60} s" if s >= 60 else f"{s} s"
