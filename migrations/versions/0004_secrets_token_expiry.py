"""secrets: api_tokens.expires_at (NULL: a token that does not expire)

Revision ID: 0004_secrets_token_expiry
Revises: 0003_portal_fields
Create Date: 2026-12-07 13:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_secrets_token_expiry"
down_revision: str | Sequence[str] | None = "0003_portal_fields"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
