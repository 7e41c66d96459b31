"""The page cache never serves a page another Tesseract version read: the engine's version is
part of every page's key, and a cached page keeps the stamp of the engine that read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from intake.ocr import OcrEngine, OcrResult, Orientation
from intake.options import ReadOptions
from intake.reading import read_pages


class VersionedEngine:
    """The real engine under a version of our choosing, counting its recognitions."""

    name = "child"

    def __init__(self, inner: OcrEngine, version: str) -> None:
        self.inner, self._version, self.calls = inner, version, 0

    def version(self) -> str:
        return self._version

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.calls += 1
        return self.inner.recognize(image, langs=langs, psm=psm, timeout=timeout)

    def orientation(self, image: np.ndarray) -> Orientation | None:
        return self.inner.orientation(image)


def test_a_page_read_by_another_tesseract_version_is_read_again(
    write: Any, kit: Any, engine: OcrEngine, tmp_path: Path
) -> None:
    path = write("page.png", kit.image_bytes(kit.text_page(size=36), "PNG"))
    opts = ReadOptions(cache_dir=tmp_path / "cache")
    old = VersionedEngine(engine, "tesseract 5.5.4")
    new = VersionedEngine(engine, "tesseract 5.3.0")

    (first,) = read_pages(path, "page.png", opts, old)
    (again,) = read_pages(path, "page.png", opts, old)
    (other,) = read_pages(path, "page.png", opts, new)

    assert first.ocr_engine == "tesseract 5.5.4 (child process)" and old.calls > 0
    calls = old.calls
    assert again.extra.get("cached") and again.ocr_engine == first.ocr_engine
    assert old.calls == calls  # the same version: served from the cache
    assert new.calls > 0 and not other.extra.get("cached")
    assert other.ocr_engine == "tesseract 5.3.0 (child process)"
