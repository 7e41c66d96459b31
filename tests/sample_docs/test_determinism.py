"""Same seed, same bytes; and the committed bundles are what the generator makes today.

`test_every_committed_bundle_regenerates` rebuilds the whole catalogue into a temporary folder,
one spawned process per core (each with its own hash seed), and compares every file of every
bundle (documents, claim.json, expected_report.json, truth.json) by SHA-256 with what is
committed: one byte off anywhere fails it. About 1.5 minutes on 2 busy cores.
`test_committed_json_regenerates` is the quick per-bundle view of the JSON files alone.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from sdocs_helpers import BUNDLES

from sample_docs import bundles
from sample_docs.generate import DEFAULT_SEED, default_jobs, write_all
from sample_docs.scenarios import CATALOGUE

BY_NAME = {s.name: s for s in CATALOGUE}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    scn = BY_NAME["td_fax_tiff"]
    bundles.write(bundles.build(scn, 7), tmp_path / "a")
    bundles.write(bundles.build(scn, 7), tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert len(_digests(tmp_path / "a")) >= 5  # claim, expected, truth and the documents


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


@pytest.mark.all_cores
def test_every_committed_bundle_regenerates(tmp_path: Path) -> None:
    start = time.perf_counter()
    done = list(write_all(CATALOGUE, DEFAULT_SEED, tmp_path, jobs=max(2, default_jobs())))
    assert done == [s.name for s in CATALOGUE]
    differ: dict[str, list[str]] = {}
    for scn in CATALOGUE:
        new, old = _digests(tmp_path / scn.name), _digests(BUNDLES / scn.name)
        assert len(old) >= 4, scn.name  # claim, expected, truth and at least one document
        bad = sorted(f for f in new.keys() | old.keys() if new.get(f) != old.get(f))
        if bad:
            differ[scn.name] = bad
    elapsed = time.perf_counter() - start
    print(f"{len(CATALOGUE)} bundles regenerated and compared in {elapsed:.0f} s")
    assert not differ, f"regenerated files differ from the committed ones: {differ}"
