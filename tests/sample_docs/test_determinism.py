"""Same seed, same bytes; and the committed bundles are what the generator makes today.

Coverage of the regeneration check: claim.json, expected_report.json and truth.json of every
committed bundle (cheap: no pixels), and every file byte for byte of REGEN_FULL, a sample that
holds each output format (JPEG, phone photo, scanned PDF, text PDF, multi-page TIFF).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sdocs_helpers import BUNDLES

from sample_docs import bundles
from sample_docs.generate import DEFAULT_SEED
from sample_docs.scenarios import CATALOGUE

REGEN_FULL = ("td_fax_tiff", "td_textlayer_pdfs", "job_loss_clean", "td_duplicate_file")
BY_NAME = {s.name: s for s in CATALOGUE}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    scn = BY_NAME["td_fax_tiff"]
    bundles.write(bundles.build(scn, 7), tmp_path / "a")
    bundles.write(bundles.build(scn, 7), tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_other_seed_other_bundle(tmp_path: Path) -> None:
    scn = BY_NAME["job_loss_clean"]
    a = bundles.write(bundles.build(scn, 1), tmp_path / "a", only_json=True)
    b = bundles.write(bundles.build(scn, 2), tmp_path / "b", only_json=True)
    assert a["claim"] != b["claim"]


def test_committed_catalogue_is_complete() -> None:
    names = {p.name for p in BUNDLES.iterdir() if p.is_dir()}
    assert names == set(BY_NAME)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_committed_json_regenerates(name: str, tmp_path: Path) -> None:
    bundles.write(bundles.build(BY_NAME[name], DEFAULT_SEED), tmp_path, only_json=True)
    for f in ("claim.json", "expected_report.json", "truth.json"):
        assert (tmp_path / f).read_bytes() == (BUNDLES / name / f).read_bytes(), f


@pytest.mark.parametrize("name", REGEN_FULL)
def test_committed_files_regenerate(name: str, tmp_path: Path) -> None:
    bundles.write(bundles.build(BY_NAME[name], DEFAULT_SEED), tmp_path)
    assert _digests(tmp_path) == _digests(BUNDLES / name)
