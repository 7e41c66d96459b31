"""portal fields: Claim.sampling_checked and the fingerprints table of cross-claim signals

Revision ID: 0003_portal_fields
Revises: 0002_archive
Create Date: 2026-11-22 00:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_portal_fields"
down_revision: str | Sequence[str] | None = "0002_archive"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sampling_checked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # the portal kept the flag in claims.progress until now: carry it over
    claims = sa.table(
        "claims",
        sa.column("id", sa.Integer()),
        sa.column("progress", sa.JSON()),
        sa.column("sampling_checked", sa.Boolean()),
    )
    conn = op.get_bind()
    checked = [
        row.id
        for row in conn.execute(sa.select(claims.c.id, claims.c.progress))
        if isinstance(row.progress, dict) and row.progress.get("sampling_checked")
    ]
    if checked:
        conn.execute(claims.update().where(claims.c.id.in_(checked)).values(sampling_checked=True))
    op.create_table(
        "fingerprints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"]),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fingerprints", schema=None) as batch_op:
        batch_op.create_index("ix_fingerprints_claim_id", ["claim_id"], unique=False)
        batch_op.create_index("ix_fingerprints_kind_value", ["kind", "value"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fingerprints", schema=None) as batch_op:
        batch_op.drop_index("ix_fingerprints_kind_value")
        batch_op.drop_index("ix_fingerprints_claim_id")
    op.drop_table("fingerprints")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("sampling_checked")
