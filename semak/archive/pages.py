"""Pages of a long scanned file, one at a time, and documents as soon as they are complete.

``iter_pages`` is ``intake.reading.iter_pages`` with the archive's limits: it never holds more
than one rasterised page, and reads only the pages its ``select`` accepts (semak/parts.py shares a
file's pages among workers with it).

``StreamSplitter`` feeds pages to ``intake.split.split`` and hands back the documents that can
no longer grow: split is a left-to-right pass whose only state is the open document, so
re-splitting from the open document's first page gives what one pass over the whole file
would give, while memory holds one document's pages, not the file's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from intake.models import Page
from intake.options import ReadOptions

MAX_OPEN_PAGES = 60  # a document longer than this is cut (memory stays bounded)
ARCHIVE_MAX_PAGES = 1_000_000
ARCHIVE_MAX_BYTES = 10 * 1024**3


def archive_options(base: ReadOptions) -> ReadOptions:
    """Reading options for archive files (``base``: ``Settings.read_options``): upload limits on
    pages and bytes lifted."""
    return dataclasses.replace(base, max_pages=ARCHIVE_MAX_PAGES, max_bytes=ARCHIVE_MAX_BYTES)


def count_pages(path: Path) -> int:
    """Pages of a file without rendering any (0 when it cannot be opened), counted by
    ``intake.files.count_pages``: linear in a TIFF's frames (Pillow's n_frames is not) and
    never past ARCHIVE_MAX_PAGES + 1."""
    from intake.files import count_pages as bounded_count

    try:
        return bounded_count(path, ARCHIVE_MAX_PAGES)
    except Exception:  # unreadable files are the job's to report, with a reason
        return 0


def iter_pages(
    path: Path,
    name: str,
    options: ReadOptions,
    engine: Any = None,
    select: Callable[[int], bool] | None = None,
) -> Iterator[Page]:
    """Every page of the stored file ``path`` (uploaded as ``name``), in order, one by one;
    with ``select``, only the pages whose number it accepts (asked just before each is read)."""
    from intake.reading import iter_pages as read_pages

    yield from read_pages(path, name, archive_options(options), engine, select)


class StreamSplitter:
    """Pages in, complete documents' pages out (see the module's note)."""

    def __init__(self, max_open: int = MAX_OPEN_PAGES) -> None:
        self.buffer: list[Page] = []
        self.max_open = max_open

    def push(self, page: Page) -> list[list[Page]]:
        from intake.split import split

        self.buffer.append(page)
        groups = split(self.buffer)
        if len(self.buffer) >= self.max_open:
            self.buffer = []
            return groups
        if len(groups) < 2:
            return []
        done, last = groups[:-1], groups[-1]
        first = last[0].number
        self.buffer = [p for p in self.buffer if p.number >= first]
        return done

    def close(self) -> list[list[Page]]:
        from intake.split import split

        groups = split(self.buffer) if self.buffer else []
        self.buffer = []
        return groups
