"""Fixtures of the archive tests: an app with the archive commands, worker processes we can
kill like a machine that dies (their whole process group), small generated archives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_helpers import Worker, running_workers


@pytest.fixture
def archive_app(make_app: Callable[..., Any]) -> Any:
    app = make_app()
    assert "archive" in app.cli.commands
    return app


@pytest.fixture
def start_worker(
    service_env: dict[str, str], redis_url: str, tmp_path: Path
) -> Iterator[Callable[[], Worker]]:
    """start_worker() -> a running ``python worker.py`` in a process group of its own."""
    env = {**service_env, "SEMAK_CACHE_DIR": str(tmp_path / "page-cache")}
    with running_workers(env, redis_url, tmp_path, "archive-test") as start:
        yield start


@pytest.fixture(scope="session")
def small_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """Three claims of three documents, separator sheets, 5-page stacks (PDFs and a TIFF)."""
    from bench.archive import build_archive

    out = tmp_path_factory.mktemp("archive") / "cabinet"
    truth = build_archive(out, claims=3, seed=7, max_docs=3, pages_per_file=5)
    return out, truth


@pytest.fixture(scope="session")
def resume_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """Two claims in two files, no separators (other pages than small_archive's)."""
    from bench.archive import build_archive

    out = tmp_path_factory.mktemp("archive") / "resume"
    truth = build_archive(
        out, claims=2, seed=11, max_docs=3, pages_per_file=4, separator_share=0, tiff_every=0
    )
    return out, truth
