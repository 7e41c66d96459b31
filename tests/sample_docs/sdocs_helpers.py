"""Paths and loaders shared by the sample_docs tests (importable: tests/sample_docs is on
pytest's pythonpath)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BUNDLES = ROOT / "sample_docs" / "bundles"
SPEC = ROOT / ".." / "shared" / "spec"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
