"""Uploaded files, content-addressed: ``sha256[:2]/sha256`` under a root folder.

Writes are atomic (a temporary file in the same folder, then a rename) and stored files are
made read-only for their owner alone (0400), in folders only the owner can enter (0700): the
originals carry IC numbers, names and medical details, and are never altered. ``Storage`` is
the interface a shared or object store can implement later; ``LocalStorage`` is the one we
have.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from intake.errors import FileTooLarge

CHUNK = 1 << 20
FILE_MODE = 0o400  # a stored original: its owner reads it, no one writes it
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """``path`` made (with its parents) and closed to everyone but its owner (0700).

    A folder someone else owns, or a shared sticky one such as /tmp, is left as it is."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    st = path.stat()
    if stat.S_IMODE(st.st_mode) != DIR_MODE and _ours(st) and not st.st_mode & stat.S_ISVTX:
        path.chmod(DIR_MODE)
    return path


def private_file(path: Path, mode: int) -> None:
    """Set ``path``'s mode when it is ours and differs (a blob stored by an older version)."""
    st = path.stat()
    if stat.S_IMODE(st.st_mode) != mode and _ours(st):
        path.chmod(mode)


def _ours(st: os.stat_result) -> bool:
    return st.st_uid == os.getuid()


@dataclass(frozen=True)
class Stored:
    key: str  # the storage key: sha256[:2]/sha256
    sha256: str
    size: int
    created: bool  # False when the same bytes were already stored


class Storage(Protocol):
    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> Stored: ...

    def open(self, key: str) -> BinaryIO: ...

    def path(self, key: str) -> Path: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...


class LocalStorage:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    @staticmethod
    def key_for(sha256: str) -> str:
        return f"{sha256[:2]}/{sha256}"

    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> Stored:
        """Store a stream's bytes; raises FileTooLarge past ``max_bytes`` (nothing kept)."""
        private_dir(self.root)
        tmp_dir = private_dir(self.root / "tmp")
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise FileTooLarge(f"A file is over the limit of {max_bytes / 1e6:.0f} MB.")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            key = self.key_for(sha)
            final = self.path(key)
            if final.exists():
                private_file(final, FILE_MODE)
                return Stored(key, sha, size, created=False)
            private_dir(final.parent)
            tmp.chmod(FILE_MODE)
            os.replace(tmp, final)
            return Stored(key, sha, size, created=True)
        finally:
            tmp.unlink(missing_ok=True)

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def path(self, key: str) -> Path:
        sha = key.rsplit("/", 1)[-1]
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ValueError("not a storage key")
        return self.root / sha[:2] / sha

    def exists(self, key: str) -> bool:
        return self.path(key).exists()

    def delete(self, key: str) -> None:
        """Remove a blob (only for undoing a failed upload; stored originals stay)."""
        self.path(key).unlink(missing_ok=True)
