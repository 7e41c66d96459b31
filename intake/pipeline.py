"""The intake orchestrator: a file becomes pages, pages become documents.

    read_pages   (intake.reading)        file -> pages with text, words, quality
    understand   (intake.understanding)  pages -> documents: split, classify, extract

One bad file never sinks a bundle: its error becomes a FileResult with no
documents but an ``error``, which the verifier reports.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intake.errors import SemakError
from intake.models import DocType, Document, Page, declared, plain
from intake.options import ReadOptions

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (message, done, total)


@dataclass
class FileResult:
    file: str
    sha256: str
    pages: list[Page] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    error_code: str | None = None
    error_message: str | None = None

    def to_dict(self, max_words: int | None = None) -> dict[str, Any]:
        """The reading of one file as JSON (pages with their words, documents with their
        fields); at most ``max_words`` words a page."""
        out: dict[str, Any] = plain(self)
        out["pages"] = [p.to_dict(max_words) for p in self.pages]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileResult:
        return declared(
            cls,
            {
                **data,
                "pages": [Page.from_dict(p) for p in data.get("pages") or []],
                "documents": [Document.from_dict(d) for d in data.get("documents") or []],
            },
        )


def process_file(
    path: Path, name: str | None = None, options: ReadOptions | None = None
) -> FileResult:
    """Read one stored file under its uploaded ``name``; never raises SemakError."""
    from intake.reading import read_pages

    name = name or path.name
    try:
        pages = read_pages(path, name, options)
    except SemakError as exc:
        return rejected(path, name, exc)
    return file_result(path, name, pages)


def file_result(path: Path, name: str, pages: list[Page]) -> FileResult:
    """The FileResult of a file's pages, read here or elsewhere (semak.parts): hashed, its
    pages split into documents, classified and extracted."""
    sha = _sha256(path)
    documents = _understood(pages, name, sha)
    for doc in documents:
        doc.file_sha256 = sha
    return FileResult(name, sha, pages=pages, documents=documents)


def rejected(path: Path, name: str, exc: SemakError) -> FileResult:
    """The FileResult of a file refused as a whole (type, size, damage): its error."""
    sha = _sha256(path)
    log.info("file %s rejected: %s", sha[:12], exc.code)
    return FileResult(name, sha, error_code=exc.code, error_message=exc.message)


def _understood(pages: list[Page], name: str, sha: str) -> list[Document]:
    """``understand`` the pages; a bug there costs this file its types and fields, not the
    claim its report: the pages become one unclassified document flagged for an officer."""
    from intake.understanding import understand

    try:
        return understand(pages)
    except Exception as exc:  # any bug: the report must still come out
        log.exception("understanding failed on file %s: %s", sha[:12], type(exc).__name__)
        return [
            Document(
                file=name,
                pages=[p.number for p in pages] or [1],
                doc_type=DocType.OTHER,
                readable=False,
                text="\n".join(p.text for p in pages),
                extra={"error": "understanding_failed"},
            )
        ]


def process_bundle(
    files: Iterable[tuple[Path, str]],
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> list[FileResult]:
    """Read every (stored path, uploaded name) pair, in order."""
    files = list(files)
    results = []
    for done, (path, name) in enumerate(files):
        if progress:
            progress(f"reading {name}", done, len(files))
        results.append(process_file(path, name, options))
    if progress:
        progress("read", len(files), len(files))
    return results


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
