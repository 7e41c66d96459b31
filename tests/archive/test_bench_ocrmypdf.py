"""Pure helpers of the archive benchmark's OCRmyPDF comparison (bench/archive.py): finding the
executable, counting a stack's pages, the most one-file-a-process can gain, the report lines.
No OCRmyPDF is needed and nothing is timed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PIL import Image

from bench.archive import (
    RunResult,
    _write_stack,
    against_ocrmypdf,
    cpu_line,
    file_bound_speedup,
    find_ocrmypdf,
    stack_pages,
)


def executable(path: Path) -> str:
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_find_ocrmypdf_option_then_environment_then_path(tmp_path: Path) -> None:
    opt, env = executable(tmp_path / "opt-ocrmypdf"), executable(tmp_path / "env-ocrmypdf")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    on_path = executable(bindir / "ocrmypdf")
    environ = {"OCRMYPDF": env, "PATH": str(bindir)}
    assert find_ocrmypdf(opt, environ) == opt
    assert find_ocrmypdf(None, environ) == env
    assert find_ocrmypdf(None, {"PATH": str(bindir)}) == on_path
    assert find_ocrmypdf(None, {"PATH": str(tmp_path / "empty")}) is None


def test_find_ocrmypdf_refuses_a_named_path_it_cannot_run(tmp_path: Path) -> None:
    plain = tmp_path / "ocrmypdf"
    plain.write_text("not executable")
    os.chmod(plain, 0o644)
    with pytest.raises(SystemExit, match="not executable"):
        find_ocrmypdf(str(plain), {})
    with pytest.raises(SystemExit, match="not found"):
        find_ocrmypdf(None, {"OCRMYPDF": str(tmp_path / "missing")})


@pytest.mark.parametrize("tiff", [False, True])
def test_stack_pages_counts_pdf_and_multipage_tiff(tmp_path: Path, tiff: bool) -> None:
    images = [Image.new("L", (170, 220), 255 - 40 * i) for i in range(3)]
    path = tmp_path / ("stack.tif" if tiff else "stack.pdf")
    _write_stack(path, images, tiff)
    assert stack_pages(path) == 3


def test_file_bound_speedup() -> None:
    assert file_bound_speedup([20, 20, 20, 4], 2) == pytest.approx(64 / 40)
    assert file_bound_speedup([10, 10, 10, 10], 2) == pytest.approx(2.0)
    assert file_bound_speedup([25], 2) == pytest.approx(1.0)
    assert file_bound_speedup([3, 3, 2, 2, 2], 2) == pytest.approx(12 / 7)  # greedy, as a pool
    assert file_bound_speedup([3, 5, 3, 4, 3], 2) == pytest.approx(18 / 10)  # largest first
    assert file_bound_speedup([], 2) == 0.0


def test_against_ocrmypdf_line() -> None:
    runs = {n: RunResult(n, 60, 60.0 / n, 300.0, {}) for n in (1, 2)}
    line = against_ocrmypdf(runs, {1: 20.0, 2: 30.0})
    assert "ours 60.0 / 120.0, OCRmyPDF 20.0 / 30.0" in line
    assert "3.00x with 1, 4.00x with 2 (target >= 2.5x)" in line
    assert "0.00x with 2" in against_ocrmypdf(runs, {1: 20.0, 2: 0.0})


def test_cpu_line_per_page_and_ocrmypdf_over_ours() -> None:
    runs = {n: RunResult(n, 60, 30.0, 300.0, {}, cpu_seconds=48.0 + 6 * n) for n in (1, 2)}
    line = cpu_line(runs, {1: 0.5, 2: 0.55}, {1: 3.24, 2: 3.3})
    assert "ours 0.90 / 1.00, bare tesseract 0.50 / 0.55, OCRmyPDF 3.24 / 3.30" in line
    assert line.endswith("OCRmyPDF / ours 3.60x with 1")
    assert "OCRmyPDF" not in cpu_line(runs, {1: 0.5, 2: 0.55}, {})
