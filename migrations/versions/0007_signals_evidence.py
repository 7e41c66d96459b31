"""Cross-claim MC signals rest on evidence: drop the look-alike ones and the image hashes

"The same medical certificate" was raised when two MCs' pages had a close perceptual hash,
which two clinics' identical templates have: it accused different people. The signal now rests
on the same file or the same content (``semak.signals``); the old ``same_document`` signals
(no ``basis`` in their detail) are deleted, and so are every fingerprint row but the
``compared`` markers: a claim's fingerprint is taken again from its current report (now with
its MCs' file and content) the next time a new claim is compared with it. Claims keep their
``compared`` marker, so two claims both compared before this are not compared with each other
again (a true duplicate between them is found when one of them gets a new report).

Revision ID: 0007_signals_evidence
Revises: 0006_input_corrections
Create Date: 2026-12-07 14:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_signals_evidence"
down_revision: str | Sequence[str] | None = "0006_input_corrections"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    signals = sa.table(
        "signals", sa.column("id", sa.Integer), sa.column("kind"), sa.column("detail", sa.JSON)
    )
    rows = bind.execute(
        sa.select(signals.c.id, signals.c.detail).where(signals.c.kind == "same_document")
    )
    stale = [row.id for row in rows if "basis" not in (row.detail or {})]
    if stale:
        bind.execute(sa.delete(signals).where(signals.c.id.in_(stale)))
    fingerprints = sa.table("fingerprints", sa.column("kind", sa.String))
    bind.execute(sa.delete(fingerprints).where(fingerprints.c.kind != "compared"))


def downgrade() -> None:
    """Nothing to restore: the deleted signals were false."""
