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


# the one finding code a single defect of the generator must raise
DEFECT_CODES = {
    "none": set(),
    "time_barred": {"CLAIM_TIME_BARRED"},
    "mc_too_short": {"MC_TOO_SHORT"},
    "ic_mismatch": {"IC_MISMATCH"},
    "name_mismatch": {"NAME_MISMATCH"},
    "invalid_ic": {"INVALID_IC"},
    "late_report": {"LATE_ACCIDENT_REPORT"},
    "unreadable": {"UNREADABLE_DOCUMENT"},
    "duplicate_file": {"DUPLICATE_DOCUMENT"},
    "duplicate_rescan": {"DUPLICATE_DOCUMENT"},
}
