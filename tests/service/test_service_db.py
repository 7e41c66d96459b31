"""The migrations build exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from semak.models import Base

pytestmark = pytest.mark.postgres


def _head() -> str:
    from alembic.script import ScriptDirectory

    from semak.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_migrations_match_the_models(app: Any) -> None:
    """Every table, the archive path's (semak.archive.models, 0002_archive) included."""
    import semak.archive.models as archive_models

    engine = app.extensions["semak"].db.engine
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
        assert ctx.get_current_revision() == _head()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    archive = {t.__tablename__ for t in vars(archive_models).values() if hasattr(t, "__table__")}
    assert {"archive_batches", "archive_files", "archive_claims"} <= archive <= tables


def test_upgrade_is_idempotent(app: Any) -> None:
    db = app.extensions["semak"].db
    db.upgrade()
    db.upgrade()
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _head()
