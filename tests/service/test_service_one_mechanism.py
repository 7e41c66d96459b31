"""One of each mechanism (#23): the magic-byte sniffer, the upload limit, the environment
reader, the HTTP status of an error, the enqueue path, the preloader, the locale selector and
the user loader. Each test would catch a second copy that disagrees with the first."""

from __future__ import annotations

import ast
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from intake import files
from intake.errors import SemakError
from intake.options import ReadOptions
from semak.config import Settings

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("intake", "verifier", "semak")


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            yield rel, ast.parse(path.read_text(encoding="utf-8"), rel)


# --- the sniffer ------------------------------------------------------------------------------


def _image(fmt: str, **save: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 200, 200)).save(out, fmt, **save)
    return out.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# every accepted type and the look-alikes, with the type each is read as (None: refused)
SAMPLES: dict[str, tuple[bytes, str | None]] = {
    "pdf": (PDF_BYTES, files.PDF),
    "pdf after junk": (b"\x00" * 100 + PDF_BYTES, files.PDF),
    "jpeg": (_image("JPEG"), files.JPEG),
    "jpeg with %PDF- in a comment": (_image("JPEG", comment=b"%PDF-1.4"), files.JPEG),
    "png": (_image("PNG"), files.PNG),
    "tiff (II)": (_image("TIFF"), files.TIFF),
    "tiff (MM)": (b"MM\x00*" + b"\x00" * 60, files.TIFF),
    "bigtiff": (b"II+\x00" + b"\x00" * 60, files.TIFF),
    "heic": (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 60, files.HEIC),
    "gif": (b"GIF89a" + b"\x00" * 60, None),
    "zip": (b"PK\x03\x04" + b"\x00" * 60, None),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_upload_check_archive_and_reader_sniff_the_same_type(name: str, tmp_path: Path) -> None:
    """The portal's instant check, the archive (a stored file) and the reader (bytes) read
    the same first bytes as the same type: there is one sniffer, ``intake.files``."""
    from semak.web.quality import check_upload

    data, expected = SAMPLES[name]
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    assert files.media_type_of(data) == expected
    assert files.file_media_type(path) == expected
    result = check_upload(data)
    if expected is None:
        assert result.code == "unsupported_type"
        with pytest.raises(SemakError):
            files.sniff(path)
    else:
        assert result.media_type == expected
        assert files.sniff(path) == expected


MAGIC_PREFIXES = (b"%PDF", b"\xff\xd8", b"\x89PNG", b"II*", b"MM\x00", b"ftyp")


def test_magic_bytes_are_spelled_in_intake_files_only() -> None:
    """A second sniffer would spell a file signature again: only intake/files.py does."""
    found = []
    for rel, tree in _modules():
        if rel == "intake/files.py":
            continue
        for node in ast.walk(tree):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, bytes) and value.startswith(MAGIC_PREFIXES):
                found.append(f"{rel}:{node.lineno} {value!r}")
    assert found == []


def test_an_inlined_evidence_image_is_labelled_by_the_sniffer() -> None:
    from verifier.render import _image_src

    assert str(_image_src(_image("JPEG"))).startswith("data:image/jpeg;base64,")
    assert str(_image_src(_image("PNG"))).startswith("data:image/png;base64,")
    assert str(_image_src(PDF_BYTES)).startswith("data:image/png;base64,")  # never a PDF


# --- the upload limit and the environment reader -------------------------------------------------


def test_one_upload_limit_for_the_portal_the_api_and_the_reader(tmp_path: Path) -> None:
    """MAX_UPLOAD_BYTES is the largest file the portal's check, the API's store (which reads
    with ``Settings.read_options``) and the worker's reader accept."""
    from semak.web.quality import Limits, check_upload

    settings = Settings.from_env({"MAX_UPLOAD_BYTES": "3000"})
    limit = settings.max_upload_bytes
    assert Limits.of(settings).max_bytes == settings.read_options().max_bytes == limit == 3000
    over = PDF_BYTES + b"%" * (limit + 1 - len(PDF_BYTES)) + b"\n%%EOF\n"
    assert check_upload(over, Limits.of(settings)).code == "too_large"
    path = tmp_path / "big.pdf"
    path.write_bytes(over)
    with pytest.raises(SemakError) as err:
        files.inspect_file(path, "big.pdf", settings.read_options())
    assert err.value.code == "file_too_large"
    # the defaults agree too: intake's own (50 MB, for the CLI) is not the service's
    assert Limits().max_bytes == Settings().read_options().max_bytes == Settings.max_upload_bytes


def test_settings_build_the_read_options_from_the_same_variables() -> None:
    env = {
        "OCR_LANGS": "eng+msa",
        "OCR_ENGINE": "child",
        "OCR_PAGE_TIMEOUT": "7.5",
        "SEMAK_CACHE_DIR": "/tmp/semak-cache",
    }
    built = Settings.from_env(env).read_options()
    assert built == ReadOptions(
        langs="eng+msa",
        engine="child",
        page_timeout=7.5,
        cache_dir=Path("/tmp/semak-cache"),
        max_bytes=Settings.max_upload_bytes,
    )
    assert Settings.from_env({}).read_options().cache_dir is None
    with pytest.raises(ValueError, match="OCR_ENGINE"):
        Settings.from_env({"OCR_ENGINE": "gpu"})


def test_retention_and_rate_limit_variables_are_settings() -> None:
    s = Settings.from_env(
        {"RETENTION_YEARS": "3", "RATELIMIT_LOGIN": "5/60", "RATELIMIT_ENABLED": "0"}
    )
    assert (s.retention_years, s.ratelimit_login, s.ratelimit_enabled) == (3.0, "5/60", False)
    assert Settings.from_env({}).ratelimit_enabled is None  # on unless the app is testing


def _reads_environment(node: ast.AST) -> bool:
    """``os.environ.get(...)``, ``os.environ[...]`` (read), ``os.getenv(...)``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = ast.unparse(node.func.value)
        if owner == "os" and node.func.attr == "getenv":
            return True
        if owner == "os.environ" and node.func.attr in ("get", "copy", "items"):
            return True
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        return ast.unparse(node.value) == "os.environ"
    return False


def test_the_service_reads_the_environment_in_settings_only() -> None:
    found = [
        f"{rel}:{node.lineno}"
        for rel, tree in _modules()
        if rel.startswith("semak/") and rel != "semak/config.py"
        for node in ast.walk(tree)
        if _reads_environment(node)
    ]
    assert found == []


# --- errors at the edge -------------------------------------------------------------------------

# the HTTP statuses the errors were answered with, each on its class, before the edge's table
STATUSES = {
    "InvalidClaim": 400,
    "UnsupportedFile": 415,
    "MalformedFile": 415,
    "FileTooLarge": 413,
    "TooManyPages": 413,
    "ImageTooLarge": 413,
    "DocumentUnreadable": 422,
    "EmptyFile": 422,
    "TruncatedFile": 422,
    "EncryptedPdf": 422,
    "PageRenderFailed": 422,
    "OcrFailed": 500,
    "OcrTimeout": 500,
    "RulesError": 500,
    "InsecureSecretKey": 500,
    "MissingClaim": 400,
    "InvalidJson": 400,
    "ClaimTooLarge": 413,
    "NoFiles": 400,
    "TooManyFiles": 413,
    "EmployerRequired": 400,
    "Unauthorized": 401,
    "Forbidden": 403,
    "NotFound": 404,
    "ClaimBusy": 409,
    "AdminCannotFile": 403,
    "InvalidReceiptDate": 400,
    "ClaimDecided": 409,
    "RateLimited": 429,
    "QueueUnavailable": 503,
    "InvalidPage": 400,
    "InvalidCorrection": 400,
}


def _error_classes() -> dict[str, type[SemakError]]:
    import semak.corrections
    import semak.errors
    import semak.web.paging  # noqa: F401  # every module defining an error

    out: dict[str, type[SemakError]] = {}
    todo = [SemakError]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub.__module__.split(".")[0] in PACKAGES:
                out[sub.__name__] = sub
            todo.append(sub)
    return out


def test_every_error_answers_with_its_status_from_the_one_table() -> None:
    from semak.errors import http_status

    classes = _error_classes()
    assert set(classes) == set(STATUSES), "a new error: add its status here and to HTTP_STATUS"
    got = {name: http_status(cls("x")) for name, cls in classes.items()}
    assert got == STATUSES


def test_no_error_below_the_edge_carries_an_http_status() -> None:
    found = [
        f"{rel}:{node.lineno}"
        for rel, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for stmt in node.body
        if isinstance(stmt, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "http_status" for t in stmt.targets)
    ]
    assert found == []


# --- one enqueue path, one preloader ------------------------------------------------------------


def _calls(name: str) -> list[str]:
    return [
        rel
        for rel, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) == name or getattr(node.func, "attr", None) == name)
    ]


def test_claims_are_queued_through_one_helper() -> None:
    """``enqueue_verification`` (no Redis-down handling) is semak.queue's own; everyone else
    calls ``enqueue_claim``."""
    assert _calls("enqueue_verification") == ["semak/queue.py"]
    assert sorted(set(_calls("enqueue_claim"))) == ["semak/claims.py", "semak/share.py"]


def test_the_worker_preloads_through_intake_with_the_settings_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import intake.reading
    import verifier.rules
    from semak import worker

    seen: list[ReadOptions | None] = []
    monkeypatch.setattr(intake.reading, "preload", lambda options=None: seen.append(options))
    monkeypatch.setattr(verifier.rules, "load_rules", lambda *a, **k: None)
    settings = Settings(ocr_langs="eng+msa", max_upload_bytes=1234)
    worker.preload(settings)
    assert seen == [settings.read_options()]
    assert _calls("setNumThreads") == ["intake/reading.py"]  # one place sets OpenCV's threads


# --- one locale selector, one user loader -------------------------------------------------------


def test_the_app_has_one_locale_selector_and_one_user_loader(app: Any) -> None:
    from semak.web import i18n, portal

    assert app.extensions["babel"].locale_selector is i18n.select_locale
    assert app.login_manager._user_callback is portal.load_user
    names = {
        f"{rel}:{node.name}"
        for rel, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name in ("select_locale", "load_user")
    }
    assert names == {
        "semak/web/i18n.py:select_locale",
        "semak/web/portal.py:load_user",
        "semak/auth.py:load_user",
    }
