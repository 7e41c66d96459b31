"""tests/security: leave the run's shared storage folder as it was found (other suites assert
that a refused upload stores nothing, by listing that folder)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _remove_new_blobs(settings: Any) -> Iterator[None]:
    root = Path(settings.storage_dir)
    before = set(root.glob("??/*"))
    yield
    for blob in set(root.glob("??/*")) - before:
        with contextlib.suppress(OSError):
            blob.unlink()
