"""Settings, read once from the environment into a typed, frozen dataclass.

Nothing else in ``semak`` reads ``os.environ``; the libraries receive explicit arguments.

| variable            | default                      | meaning                                   |
|---------------------|------------------------------|-------------------------------------------|
| DATABASE_URL        | sqlite:///instance/semak.db  | SQLAlchemy URL (SQLite or PostgreSQL)     |
| REDIS_URL           | redis://127.0.0.1:6379/0     | Redis for the RQ queues                   |
| STORAGE_DIR         | instance/storage             | uploaded files, content-addressed         |
| SECRET_KEY          | generated, kept in instance/ | Flask sessions and CSRF; at least 32      |
|                     |                              | characters, not a published default       |
| SEMAK_INSTANCE_DIR  | instance                     | where the defaults above live             |
| PORT                | 5000                         | web port (run.sh, Docker)                 |
| OCR_LANGS           | eng                          | Tesseract languages pages are read with   |
| OCR_ENGINE          | auto                         | auto (in process) or child (one per page) |
| OCR_PAGE_TIMEOUT    | 60                           | seconds of OCR per page                   |
| SEMAK_CACHE_DIR     | (none: in memory)            | where read pages are cached on disk       |
| SEMAK_WORKERS       | number of cores              | RQ workers started by run.sh              |
| MAX_UPLOAD_BYTES    | 20971520 (20 MB)             | largest file (checked at upload, and by   |
|                     |                              | the reader: ``read_options().max_bytes``) |
| MAX_CLAIM_BYTES     | 104857600 (100 MB)           | all the files of one claim (or one        |
|                     |                              | request) together; a request may add 1 MB |
| MAX_FILES           | 30                           | most files on one claim                   |
| (pages per file)    | intake ReadOptions.max_pages | most pages in one file                    |
| JOB_TIMEOUT         | 600                          | seconds one verification job may run      |
| JOB_RETRIES         | 2                            | retries after a transient failure         |
| JOB_RETRY_INTERVALS | 5,30                         | seconds before each retry                 |
| SEMAK_SAMPLE_RATE   | 0.1                          | share of complete claims sampled for a    |
|                     |                              | second look by an officer (0 to 1)        |
| TRUSTED_PROXIES     | 0                            | proxies whose X-Forwarded-* are believed  |
| SESSION_COOKIE_SECURE | 1                          | cookies sent over HTTPS only (0: plain    |
|                     |                              | http, as `make run` on 127.0.0.1)         |
| SESSION_MAX_HOURS   | 12                           | a log-in ends this long after it, however |
|                     |                              | active the session                        |
| RETENTION_YEARS     | 7                            | ``flask retention``: period after the     |
|                     |                              | last activity                             |
| RATELIMIT_ENABLED   | on unless testing            | rate limits (semak.ratelimit); a Flask    |
| RATELIMIT_LOGIN     | 30/60                        | config key of the same name wins          |
| RATELIMIT_UPLOAD    | 120/60                       |                                           |
| RATELIMIT_PAGES     | 600/60                       |                                           |

The page reader's options (``intake.options.ReadOptions``) are built here too
(:meth:`Settings.read_options`): intake never reads the service's environment.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from intake.errors import SemakError
from intake.options import EngineName, ReadOptions

INSTANCE_DIR = Path("instance")
MIN_SECRET_KEY_LENGTH = 32
# keys published somewhere (compose files, scripts, docs, tutorials): anyone could sign with them
PUBLISHED_SECRET_KEYS = frozenset(
    {
        "change-me-in-production",
        "changeme",
        "change-me",
        "changethis",
        "dev",
        "development",
        "secret",
        "secret-key",
        "secret_key",
        "your-secret-key",
        "supersecret",
        "smoke",
        "bench",
        "test",
        "semak",
    }
)
REQUEST_OVERHEAD_BYTES = 1024 * 1024  # claim.json (500 kB at most), fields, multipart headers
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
ENGINES: tuple[EngineName, ...] = ("auto", "tesserocr", "child")


class InsecureSecretKey(SemakError):
    """SECRET_KEY is too short or a published default: anyone could sign sessions with it."""

    code = "insecure_secret_key"


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` must not sign sessions, or None when it may."""
    if key.strip().lower() in PUBLISHED_SECRET_KEYS:
        return "SECRET_KEY is a published default"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters"
    return None


def _engine(name: str) -> EngineName:
    for engine in ENGINES:
        if name == engine:
            return engine
    raise ValueError(f"OCR_ENGINE must be auto, tesserocr or child, not {name}")


def _switch(value: str) -> bool | None:
    """An on/off variable: None when unset (the caller's default), else off for 0/false/no."""
    value = value.strip().lower()
    return None if not value else value not in FALSE_WORDS


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///instance/semak.db"
    redis_url: str = "redis://127.0.0.1:6379/0"
    storage_dir: Path = INSTANCE_DIR / "storage"
    secret_key: str = ""
    port: int = 5000
    ocr_langs: str = "eng"  # measured: eng+msa 1.5-3x slower, 0.013 CER better
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_upload_bytes: int = 20 * 1024 * 1024  # one file
    max_claim_bytes: int = 100 * 1024 * 1024  # the files of one claim together
    max_files: int = 30
    job_timeout: int = 600
    job_retries: int = 2
    job_retry_intervals: tuple[int, ...] = (5, 30)
    instance_dir: Path = INSTANCE_DIR
    sample_rate: float = 0.1
    trusted_proxies: int = 0  # reverse proxies in front whose X-Forwarded-* headers are true
    session_cookie_secure: bool = True  # off only for plain-http local runs (make run)
    session_max_hours: float = 12.0  # absolute lifetime of a log-in
    ocr_engine: EngineName = "auto"
    ocr_page_timeout: float = ReadOptions.page_timeout
    cache_dir: Path | None = None  # read pages on disk (None: in memory, per process)
    retention_years: float = 7.0
    ratelimit_enabled: bool | None = None  # None: on unless the app is testing
    ratelimit_login: str = "30/60"
    ratelimit_upload: str = "120/60"
    ratelimit_pages: str = "600/60"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        instance = Path(env.get("SEMAK_INSTANCE_DIR", str(INSTANCE_DIR)))

        def get(name: str, default: Any) -> str:
            value = env.get(name, "").strip()
            return value if value else str(default)

        sample_rate = float(get("SEMAK_SAMPLE_RATE", cls.sample_rate))
        if not 0.0 <= sample_rate <= 1.0:
            raise ValueError(f"SEMAK_SAMPLE_RATE must be between 0 and 1, not {sample_rate}")
        intervals = tuple(
            int(p) for p in get("JOB_RETRY_INTERVALS", "5,30").split(",") if p.strip()
        )
        settings = cls(
            database_url=get("DATABASE_URL", f"sqlite:///{instance / 'semak.db'}"),
            redis_url=get("REDIS_URL", cls.redis_url),
            storage_dir=Path(get("STORAGE_DIR", instance / "storage")),
            secret_key=env.get("SECRET_KEY", ""),
            port=int(get("PORT", cls.port)),
            ocr_langs=get("OCR_LANGS", cls.ocr_langs),
            workers=int(get("SEMAK_WORKERS", os.cpu_count() or 1)),
            max_upload_bytes=int(get("MAX_UPLOAD_BYTES", cls.max_upload_bytes)),
            max_claim_bytes=int(get("MAX_CLAIM_BYTES", cls.max_claim_bytes)),
            max_files=int(get("MAX_FILES", cls.max_files)),
            job_timeout=int(get("JOB_TIMEOUT", cls.job_timeout)),
            job_retries=int(get("JOB_RETRIES", cls.job_retries)),
            job_retry_intervals=intervals or (0,),
            instance_dir=instance,
            sample_rate=sample_rate,
            trusted_proxies=int(get("TRUSTED_PROXIES", 0)),
            session_cookie_secure=get("SESSION_COOKIE_SECURE", "1").lower() not in FALSE_WORDS,
            session_max_hours=float(get("SESSION_MAX_HOURS", cls.session_max_hours)),
            ocr_engine=_engine(get("OCR_ENGINE", cls.ocr_engine)),
            ocr_page_timeout=float(get("OCR_PAGE_TIMEOUT", cls.ocr_page_timeout)),
            cache_dir=Path(env["SEMAK_CACHE_DIR"]) if env.get("SEMAK_CACHE_DIR") else None,
            retention_years=float(get("RETENTION_YEARS", cls.retention_years)),
            ratelimit_enabled=_switch(env.get("RATELIMIT_ENABLED", "")),
            ratelimit_login=get("RATELIMIT_LOGIN", cls.ratelimit_login),
            ratelimit_upload=get("RATELIMIT_UPLOAD", cls.ratelimit_upload),
            ratelimit_pages=get("RATELIMIT_PAGES", cls.ratelimit_pages),
        )
        return settings

    def read_options(self) -> ReadOptions:
        """How the worker reads pages: these settings' languages, engine, page timeout, cache
        and upload limit; intake's measured defaults for the rest."""
        return ReadOptions(
            langs=self.ocr_langs,
            engine=self.ocr_engine,
            page_timeout=self.ocr_page_timeout,
            cache_dir=self.cache_dir,
            max_bytes=self.max_upload_bytes,
        )

    @property
    def max_request_bytes(self) -> int:
        """Flask's MAX_CONTENT_LENGTH: the claim's files plus its form fields and headers."""
        return self.max_claim_bytes + REQUEST_OVERHEAD_BYTES

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def ensure_secret_key(self) -> Settings:
        """The SECRET_KEY, or one generated once and kept in ``instance/secret_key``."""
        if self.secret_key:
            return self
        path = self.instance_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".secret_key.{os.getpid()}.tmp")
            tmp.write_text(secrets.token_hex(32), encoding="utf-8")
            tmp.chmod(0o600)
            try:  # link, not rename: the first process to get there wins, the others read it
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        return replace(self, secret_key=path.read_text(encoding="utf-8").strip())

    def require_strong_secret_key(self) -> Settings:
        """Raise InsecureSecretKey when the key is short or published (call outside tests)."""
        problem = secret_key_problem(self.secret_key)
        if problem:
            raise InsecureSecretKey(
                f"{problem}: refusing to start. Unset it to use instance/secret_key, or set one "
                "made by: python3 -c 'import secrets; print(secrets.token_hex(32))'"
            )
        return self
