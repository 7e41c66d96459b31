"""Fixtures for the sample_docs tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sdocs_helpers import BUNDLES


@pytest.fixture(scope="session")
def committed() -> list[Path]:
    dirs = sorted(p for p in BUNDLES.iterdir() if (p / "claim.json").exists())
    assert dirs, (
        "no committed bundles: run python -m sample_docs.generate --out sample_docs/bundles"
    )
    return dirs
