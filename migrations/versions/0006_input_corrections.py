"""claim.json never holds corrections: drop claims.data["corrections"], audit the forged ones

Until now the job applied ``claims.data["corrections"]`` as if an officer had made them, and
the API let a submitter put that key in claim.json. Officers' corrections were always written as
``corrections`` rows too (``semak.web.portal.correct`` added the row and the data entry in one
commit), and the job and the portal now read the rows only. So an entry here that matches the
claim's latest row for its document and field is a copy, and one that does not came from the
submitter: it is not moved into a row (that would turn a forgery into an officer's correction,
and no officer made it), it is dropped, and the claim gets an audit event
``forged_corrections_dropped`` with how many (counts only, no values) so an officer can re-run
it: its current report may rest on them.

Revision ID: 0006_input_corrections
Revises: 0005_retention_purged_at
Create Date: 2026-12-07 13:30:00

"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006_input_corrections"
down_revision: str | Sequence[str] | None = "0005_retention_purged_at"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

claims = sa.table("claims", sa.column("id", sa.Integer()), sa.column("data", sa.JSON()))
corrections = sa.table(
    "corrections",
    sa.column("id", sa.Integer()),
    sa.column("claim_id", sa.Integer()),
    sa.column("document_file", sa.String()),
    sa.column("document_pages", sa.JSON()),
    sa.column("field", sa.String()),
    sa.column("new_value", sa.Text()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
audit_events = sa.table(
    "audit_events",
    sa.column("claim_id", sa.Integer()),
    sa.column("user_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("detail", sa.JSON()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _key(file: Any, pages: Any, field: Any) -> tuple[str, str, str]:
    return str(file), repr([int(p) for p in pages or [] if str(p).isdigit()]), str(field)


def _latest_rows(conn: sa.Connection, claim_id: int) -> dict[tuple[str, str, str], Any]:
    rows = conn.execute(
        sa.select(corrections)
        .where(corrections.c.claim_id == claim_id)
        .order_by(corrections.c.created_at, corrections.c.id)
    )
    return {_key(r.document_file, r.document_pages, r.field): r.new_value for r in rows}


def _forged(entries: list[Any], latest: dict[tuple[str, str, str], Any]) -> int:
    """Entries no officer's row stands behind."""
    n = 0
    for e in entries:
        if not isinstance(e, dict):
            n += 1
            continue
        key = _key(e.get("file"), e.get("pages"), e.get("field"))
        value = e.get("value")
        if key not in latest or latest[key] != (None if value is None else str(value)):
            n += 1
    return n


def upgrade() -> None:
    conn = op.get_bind()
    for row in conn.execute(sa.select(claims.c.id, claims.c.data)).all():
        data = row.data
        if not isinstance(data, dict) or "corrections" not in data:
            continue
        entries = data["corrections"] if isinstance(data["corrections"], list) else [None]
        forged = _forged(entries, _latest_rows(conn, row.id))
        rest = {k: v for k, v in data.items() if k != "corrections"}
        conn.execute(claims.update().where(claims.c.id == row.id).values(data=rest))
        if forged:
            conn.execute(
                audit_events.insert().values(
                    claim_id=row.id,
                    user_id=None,
                    action="forged_corrections_dropped",
                    detail={"entries": forged},
                    created_at=datetime.now(UTC),
                )
            )


def downgrade() -> None:
    """Nothing to restore: the copies are in the rows, the forged entries must not return."""
