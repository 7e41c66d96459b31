"""The service handles one process shares: settings, database, storage, Redis.

The app factory builds one ``Services`` and keeps it in ``app.extensions["semak"]``; the
worker builds its own from the environment. Service functions take ``services=`` explicitly
or find the current app's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from semak.config import Settings
from semak.db import Database
from semak.storage import LocalStorage, Storage, private_dir

if TYPE_CHECKING:
    from redis import Redis
    from sqlalchemy.orm import Session


@dataclass
class Services:
    settings: Settings
    db: Database = field(init=False)
    storage: Storage = field(init=False)

    def __post_init__(self) -> None:
        if self.settings.instance_dir.is_dir():  # the SQLite file, secret key and caches
            private_dir(self.settings.instance_dir)
        self.db = Database(self.settings.database_url)
        self.storage = LocalStorage(self.settings.storage_dir)

    @cached_property
    def redis(self) -> Redis:
        from redis import Redis

        return Redis.from_url(self.settings.redis_url)

    def close(self) -> None:
        self.db.dispose()
        if "redis" in self.__dict__:
            self.redis.close()


def services() -> Services:
    """The current Flask app's services."""
    from flask import current_app

    svc: Services = current_app.extensions["semak"]
    return svc


def session() -> Session:
    """The current request's database session (Flask app context), closed at teardown."""
    from flask import g

    if "semak_session" not in g:
        g.semak_session = services().db.Session()
    s: Session = g.semak_session
    return s


def close_session(_exc: BaseException | None = None) -> None:
    from flask import g

    s = g.pop("semak_session", None)
    if s is not None:
        s.close()
