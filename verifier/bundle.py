"""The CLI's one call from claim data and files to the report dict, and the verify stage
(``verify_reading``) every path shares: the RQ job, the portal's re-verification, the archive."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from intake.errors import InvalidClaim
from intake.handagree import claim_agreed
from intake.options import ReadOptions
from intake.pipeline import FileResult, process_bundle
from verifier.claim import Claim
from verifier.engine import DEFAULT_OCR_ENGINE, verify
from verifier.models import Report

Progress = Callable[[str, int, int], None]
SKIPPED_NAMES = frozenset({"claim.json", "expected_report.json", "truth.json"})


def verify_files(
    claim_data: dict[str, Any],
    files: list[tuple[Path, str]],
    *,
    today: date | None = None,
    progress: Progress | None = None,
    read_options: ReadOptions | None = None,
) -> dict[str, Any]:
    """Validate the claim, read the files with intake, verify; the spec's report dict (the
    CLI's path; the service runs the same stages one by one in ``semak.jobs``)."""
    Claim.from_dict(claim_data)  # fail on a bad claim before reading any file
    results = process_bundle(files, progress, read_options)
    return verify_reading(claim_data, results, today=today or date.today()).to_dict()


def verify_reading(claim_data: dict[str, Any], results: list[FileResult], *, today: date) -> Report:
    """The verify stage: the rules over what was read (``results``), stamped with the engines
    that read it. The job, the portal's re-verification and the archive all call it. An IC
    the hand-digits recogniser completed unsurely is taken where another document of the
    claim was read with it (intake.handagree; never the claim's own IC)."""
    claim = Claim.from_dict(claim_data)
    claim_agreed(results)
    return verify(claim, results, today=today, ocr_engine=ocr_engine(results))


def ocr_engine(results: list[FileResult]) -> str:
    """The engines that read the pages (``Page.ocr_engine``, else ``Document.page_engines``
    where only documents are at hand), in order of first use; intake's engine when no page was
    read by OCR."""
    stamps = [p.ocr_engine for r in results for p in r.pages]
    stamps += [e for r in results for d in r.documents for e in d.page_engines]
    used = list(dict.fromkeys(s for s in stamps if s))
    return ", ".join(used) if used else _default_ocr_engine()


@cache
def _default_ocr_engine() -> str:
    try:
        from intake.ocr import get_engine
        from intake.options import ReadOptions

        opts = ReadOptions()
        return str(get_engine(opts.engine, opts.tessdata_dir()).version())
    except Exception:  # no Tesseract here: the report still stands, marked unknown
        return DEFAULT_OCR_ENGINE


def bundle_files(claim_dir: Path) -> list[tuple[Path, str]]:
    """Every regular file but claim.json, expected_report.json, truth.json and READMEs."""
    return [
        (p, p.name)
        for p in sorted(claim_dir.iterdir(), key=lambda p: p.name)
        if p.is_file()
        and p.name not in SKIPPED_NAMES
        and not p.name.upper().startswith("README")
        and not p.name.startswith(".")
    ]


def read_claim(claim_dir: Path) -> dict[str, Any]:
    if not claim_dir.is_dir():
        raise InvalidClaim(f"not a claim folder: {claim_dir}")
    path = claim_dir / "claim.json"
    if not path.is_file():
        raise InvalidClaim(f"no claim.json in {claim_dir}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidClaim(f"cannot read {path}: {exc.strerror}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidClaim(f"claim.json is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InvalidClaim("claim.json must hold a JSON object")
    return data


def verify_bundle(
    claim_dir: Path, today: date | None = None, read_options: ReadOptions | None = None
) -> dict[str, Any]:
    """Verify a claim folder (claim.json beside its document files)."""
    claim_dir = Path(claim_dir)
    data = read_claim(claim_dir)
    Claim.from_dict(data)  # fail on a bad claim before reading any file
    try:
        files = bundle_files(claim_dir)
    except OSError as exc:
        raise InvalidClaim(f"cannot list {claim_dir}: {exc.strerror}") from exc
    return verify_files(data, files, today=today, read_options=read_options)
