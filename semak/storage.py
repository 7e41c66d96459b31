"""Uploaded files, content-addressed: ``sha256[:2]/sha256`` under a root folder.

Writes are atomic (a temporary file in the same folder, then a rename) and stored files are
made read-only: originals are never altered. ``Storage`` is the interface a shared or object
store can implement later; ``LocalStorage`` is the one we have.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from intake.errors import FileTooLarge

CHUNK = 1 << 20


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
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
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
                return Stored(key, sha, size, created=False)
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp.chmod(0o444)
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
