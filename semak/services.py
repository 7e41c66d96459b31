"""The service handles one process shares: settings, database, storage, Redis.

The app factory builds one ``Services`` and keeps it in ``app.extensions["semak"]``; a
worker's work horse builds its own from the environment. :func:`services` is the one way to
get them: the current app's inside an app context, else this process's (see ``use``).
Service functions take ``svc=`` explicitly or call it.
"""

from __future__ import annotations

import os
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


_process: tuple[int, Services] | None = None  # (pid, services) outside an app context


def services() -> Services:
    """The services of this process: the current Flask app's inside an app context; else the
    worker's, built from the environment on first use in this process (after RQ's fork, in
    the work horse: a child never uses its parent's connections) or given to :func:`use`."""
    from flask import current_app, has_app_context

    if has_app_context():
        svc: Services = current_app.extensions["semak"]
        return svc
    global _process
    if _process is None or _process[0] != os.getpid():
        _process = (os.getpid(), Services(Settings.from_env()))
    return _process[1]


def use(svc: Services | None) -> None:
    """Outside an app context, :func:`services` gives ``svc`` in this process (a test's, a
    command's); None: built from the environment again on next use."""
    global _process
    _process = None if svc is None else (os.getpid(), svc)


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
