"""tests/security: leave the run's shared storage folder as it was found (other suites assert
that a refused upload stores nothing, by listing that folder)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _remove_new_blobs(keep_storage_as_found: None) -> None:
    """Leave the run's shared storage folder as found (other suites list it)."""
