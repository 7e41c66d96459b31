"""retention: Claim.purged_at, the purge marker, out of the submitter's claim data

Revision ID: 0005_retention_purged_at
Revises: 0004_secrets_token_expiry
Create Date: 2026-12-07 13:20:00

Retention wrote its marker into ``claims.data["purged_at"]`` (the submitted claim.json) until
now; the marker moves to its own column so that nothing the submitter sends decides retention.
Only a claim retention really emptied (reference ``purged``, no IC) keeps its marker; a
``purged_at`` key a submitter put in claim.json is dropped and marks nothing.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0005_retention_purged_at"
down_revision: str | Sequence[str] | None = "0004_secrets_token_expiry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLAIMS = sa.table(
    "claims",
    sa.column("id", sa.Integer()),
    sa.column("data", sa.JSON()),
    sa.column("reference", sa.String()),
    sa.column("insured_ic", sa.String()),
    sa.column("purged_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
    conn = op.get_bind()
    query = sa.select(CLAIMS.c.id, CLAIMS.c.data, CLAIMS.c.reference, CLAIMS.c.insured_ic)
    for row in conn.execute(query).all():
        data = dict(row.data) if isinstance(row.data, dict) else None
        if not data or "purged_at" not in data:
            continue
        value = data.pop("purged_at")
        purged = row.reference == "purged" and not row.insured_ic
        marker = _parse(value) if purged else None
        conn.execute(
            CLAIMS.update().where(CLAIMS.c.id == row.id).values(data=data, purged_at=marker)
        )


def _parse(value: object) -> datetime:
    """The old marker's ISO time; an unreadable one still marks the purged claim (now)."""
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.now(UTC)


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(CLAIMS.c.id, CLAIMS.c.data, CLAIMS.c.purged_at).where(
            CLAIMS.c.purged_at.is_not(None)
        )
    ).all()
    for row in rows:
        data = dict(row.data or {})
        data["purged_at"] = row.purged_at.isoformat()
        conn.execute(CLAIMS.update().where(CLAIMS.c.id == row.id).values(data=data))
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("purged_at")
