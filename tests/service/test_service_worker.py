"""worker.py refuses to start without Tesseract or its languages (exit code 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from semak.worker import ToolMissing, check_tesseract

ROOT = Path(__file__).resolve().parents[2]


def test_worker_without_tesseract_exits_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "worker.py", "--burst"],
        cwd=ROOT,
        env={"PATH": str(tmp_path), "REDIS_URL": "redis://127.0.0.1:1/0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Tesseract is not installed" in done.stderr


@pytest.mark.tesseract
def test_check_tesseract_names_missing_languages() -> None:
    assert check_tesseract("eng+msa").startswith("tesseract 5")
    with pytest.raises(ToolMissing, match="tesseract-ocr-zzz"):
        check_tesseract("eng+zzz")
