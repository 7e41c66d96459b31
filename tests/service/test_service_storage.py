"""Content-addressed storage, upload names and settings: no database, no Redis."""

from __future__ import annotations

import hashlib
import io
import stat
from pathlib import Path

import pytest

from intake.errors import FileTooLarge
from semak.claims import _unique, safe_filename
from semak.config import Settings
from semak.storage import LocalStorage


def test_put_is_content_addressed_atomic_and_read_only(tmp_path: Path) -> None:
    store = LocalStorage(tmp_path / "s")
    data = b"%PDF-1.4 hello"
    sha = hashlib.sha256(data).hexdigest()
    first = store.put(io.BytesIO(data))
    assert first.key == f"{sha[:2]}/{sha}" and first.created and first.size == len(data)
    assert store.path(first.key) == tmp_path / "s" / sha[:2] / sha
    assert store.exists(first.key)
    with store.open(first.key) as fh:
        assert fh.read() == data
    assert not store.path(first.key).stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP)
    again = store.put(io.BytesIO(data))
    assert again.key == first.key and not again.created
    assert list((tmp_path / "s" / "tmp").iterdir()) == []  # no temporary left behind


def test_put_over_the_limit_keeps_nothing(tmp_path: Path) -> None:
    store = LocalStorage(tmp_path)
    with pytest.raises(FileTooLarge):
        store.put(io.BytesIO(b"x" * 5000), max_bytes=4096)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_path_refuses_keys_that_are_not_hashes(tmp_path: Path) -> None:
    store = LocalStorage(tmp_path)
    for key in ("../../etc/passwd", "ab/" + "z" * 64, ""):
        with pytest.raises(ValueError):
            store.path(key)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("IMG_2231.jpg", "IMG_2231.jpg"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\Ali\\Sijil Cuti.pdf", "Sijil Cuti.pdf"),
        ("bad\x00na\x1bme\n.png", "badname.png"),
        ("..", "document-1.pdf"),
        ("", "document-1.pdf"),
        (None, "document-1.pdf"),
        (".hidden.png", "hidden.png"),
        ("Laporan Polis – Balai Segamat.pdf", "Laporan Polis – Balai Segamat.pdf"),
    ],
)
def test_safe_filename(given: str | None, expected: str) -> None:
    assert safe_filename(given, "document-1.pdf") == expected


def test_long_names_are_capped_keeping_the_extension() -> None:
    name = safe_filename("a" * 500 + ".jpeg", "x")
    assert len(name) <= 120 and name.endswith(".jpeg")


def test_duplicate_names_are_kept_apart() -> None:
    assert _unique("mc.png", {"mc.png", "mc (2).png"}) == "mc (3).png"
    assert _unique("README", {"README"}) == "README (2)"


def test_settings_from_env(tmp_path: Path) -> None:
    s = Settings.from_env(
        {
            "SEMAK_INSTANCE_DIR": str(tmp_path),
            "MAX_FILES": "7",
            "JOB_RETRY_INTERVALS": "1, 2",
            "REDIS_URL": "redis://r:6379/3",
        }
    )
    assert s.database_url == f"sqlite:///{tmp_path / 'semak.db'}"
    assert s.storage_dir == tmp_path / "storage"
    assert (s.max_files, s.job_retry_intervals, s.redis_url) == (7, (1, 2), "redis://r:6379/3")
    key = s.ensure_secret_key().secret_key
    assert len(key) == 64 and s.ensure_secret_key().secret_key == key  # kept, not regenerated
    assert Settings.from_env({"SECRET_KEY": "k"}).ensure_secret_key().secret_key == "k"


def test_sample_rate_from_env() -> None:
    assert Settings.from_env({}).sample_rate == 0.1
    assert Settings.from_env({"SEMAK_SAMPLE_RATE": "0.25"}).sample_rate == 0.25
    with pytest.raises(ValueError, match="SEMAK_SAMPLE_RATE"):
        Settings.from_env({"SEMAK_SAMPLE_RATE": "1.5"})


def test_logs_mask_ic_numbers() -> None:
    import logging

    from semak.logscrub import scrub, scrub_record

    masked = scrub("ic 870903-10-6231 and 870903106231, not 1234")
    assert "6231" not in masked and "1234" in masked
    record = logging.LogRecord("x", logging.INFO, "f", 1, "claim for %s", ("870903-10-6231",), None)
    assert "870903" not in scrub_record(record).getMessage()


def test_stored_files_and_folders_are_the_owner_s_alone(tmp_path: Path) -> None:
    """Originals carry IC numbers and medical details: 0400 blobs in 0700 folders; a blob an
    older version stored world-readable is closed when the same bytes come again."""
    store = LocalStorage(tmp_path / "s")
    first = store.put(io.BytesIO(b"%PDF-1.4 private"))
    blob = store.path(first.key)
    assert stat.S_IMODE(blob.stat().st_mode) == 0o400
    for folder in (tmp_path / "s", tmp_path / "s" / "tmp", blob.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    blob.chmod(0o444)
    assert not store.put(io.BytesIO(b"%PDF-1.4 private")).created
    assert stat.S_IMODE(blob.stat().st_mode) == 0o400


def test_sqlite_file_and_its_folder_are_the_owner_s_alone(tmp_path: Path) -> None:
    from sqlalchemy import text

    from semak.db import Database

    path = tmp_path / "instance" / "semak.db"
    db = Database(f"sqlite:///{path}")
    try:
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
    finally:
        db.dispose()
    assert modes["semak.db"] == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes  # -wal and -shm too
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_services_close_the_instance_folder(tmp_path: Path) -> None:
    from semak.services import Services

    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    instance.chmod(0o755)
    settings = Settings.from_env(
        {"SEMAK_INSTANCE_DIR": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'x.db'}"}
    )
    svc = Services(settings)
    svc.close()
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert stat.S_IMODE((instance / "x.db").stat().st_mode) == 0o600
