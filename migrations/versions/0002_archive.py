"""archive: batches, files, pages, documents and claims of bulk scans

Revision ID: 0002_archive
Revises: 0001
Create Date: 2026-11-22 00:20:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_archive"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "archive_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("root", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("grouped_at", TZ, nullable=True),
        sa.Column("grouped_files", sa.Integer(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
    )
    op.create_table(
        "archive_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("archive_batches.id"), nullable=False),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pages_total", sa.Integer(), nullable=False),
        sa.Column("pages_done", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("enqueued", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.String(120), nullable=True),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.Column("worker", sa.String(200), nullable=True),
        sa.Column("peak_rss_kb", sa.Integer(), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("started_at", TZ, nullable=True),
        sa.Column("heartbeat_at", TZ, nullable=True),
        sa.Column("finished_at", TZ, nullable=True),
        sa.UniqueConstraint("batch_id", "path"),
    )
    op.create_index("ix_archive_files_batch_id", "archive_files", ["batch_id"])
    op.create_index("ix_archive_files_sha256", "archive_files", ["sha256"])
    op.create_table(
        "archive_pages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("file_id", sa.Integer(), sa.ForeignKey("archive_files.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("readable", sa.Boolean(), nullable=False),
        sa.Column("rotation", sa.Integer(), nullable=False),
        sa.Column("quality", sa.Float(), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("document_position", sa.Integer(), nullable=True),
        sa.UniqueConstraint("file_id", "number"),
    )
    op.create_index("ix_archive_pages_file_id", "archive_pages", ["file_id"])
    op.create_table(
        "archive_documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("archive_batches.id"), nullable=False),
        sa.Column("file_id", sa.Integer(), sa.ForeignKey("archive_files.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("first_page", sa.Integer(), nullable=False),
        sa.Column("separator_before", sa.Boolean(), nullable=False),
        sa.Column("doc_type", sa.String(40), nullable=False),
        sa.Column("readable", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("claim_key", sa.String(40), nullable=True),
        sa.Column("assignment_reason", sa.String(200), nullable=True),
        sa.UniqueConstraint("file_id", "position"),
    )
    op.create_index("ix_archive_documents_batch_id", "archive_documents", ["batch_id"])
    op.create_index("ix_archive_documents_file_id", "archive_documents", ["file_id"])
    op.create_table(
        "archive_claims",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("archive_batches.id"), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("claim_type", sa.String(40), nullable=True),
        sa.Column("insured_ic", sa.String(14), nullable=True),
        sa.Column("document_ids", sa.JSON(), nullable=False),
        sa.Column("claim_data", sa.JSON(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("verdict", sa.String(16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint("batch_id", "key"),
    )
    op.create_index("ix_archive_claims_batch_id", "archive_claims", ["batch_id"])
    op.create_index("ix_archive_claims_insured_ic", "archive_claims", ["insured_ic"])


def downgrade() -> None:
    op.drop_table("archive_claims")
    op.drop_table("archive_documents")
    op.drop_table("archive_pages")
    op.drop_table("archive_files")
    op.drop_table("archive_batches")
