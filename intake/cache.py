"""Cache of read pages keyed by the page's pixels (or text) and the reading options.

The same page is never read twice: a second upload of the same scan, a retried job, a
duplicate page inside a stack. On disk (one small JSON file per page) when a directory is
given, else in memory for the process.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Any

from intake.models import Page

# bump when reading changes what a page holds (2: barcodes; 3: sparse retry;
# 4: inverted banners, 180-degree margin, last clean-up retry, unreadable reasons;
# 5: cards read again straightened, background suppressed; 6: comb boxes read, words carry
# their origin; 7: Page.ocr_engine; 8: Page.reason and Page.barcodes declared). The engine's
# version is in every key too (intake.reading._cached).
VERSION = 8


def page_key(content_hash: str, fingerprint: dict[str, Any]) -> str:
    blob = json.dumps({"v": VERSION, "page": content_hash, "opts": fingerprint}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


class PageCache:
    """get/put of pages by key; ``file`` and ``number`` are set by the caller on a hit."""

    def __init__(self, directory: Path | None = None, max_items: int = 512) -> None:
        self.directory = directory
        self.max_items = max_items
        self._memory: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, file: str, number: int) -> Page | None:
        data = self._load(key)
        if data is None:
            return None
        return replace(Page.from_dict(data), file=file, number=number)

    def _load(self, key: str) -> dict[str, Any] | None:
        if self.directory is None:
            data = self._memory.get(key)
            if data is not None:
                self._memory.move_to_end(key)
            return data
        try:
            loaded: dict[str, Any] = json.loads(self._path(key).read_text("utf-8"))
            return loaded
        except (OSError, ValueError):
            return None

    def put(self, key: str, page: Page) -> None:
        data = page.to_dict()
        if self.directory is None:
            self._memory[key] = data
            while len(self._memory) > self.max_items:
                self._memory.popitem(last=False)
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)  # atomic: two workers never see half a file


_caches: dict[Path | None, PageCache] = {}


def get_cache(directory: Path | None) -> PageCache:
    """One cache per directory for the process (the in-memory one included)."""
    if directory not in _caches:
        _caches[directory] = PageCache(directory)
    return _caches[directory]
