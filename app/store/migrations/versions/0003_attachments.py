"""Attachments under per-case keys, and the completion time that drives the retention policy.

Adds ``cases.completed_at`` in batch mode (SQLite rebuilds the table).

Revision ID: 0003_attachments
Revises: 0002_accounts
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_attachments"
down_revision = "0002_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # keep the large document column last (see 0001_core)
    with op.batch_alter_table(
        "cases", recreate="always", partial_reordering=[("completed_at", "document")]
    ) as batch:
        batch.add_column(sa.Column("completed_at", sa.String(32), nullable=True))
        batch.create_index("ix_cases_completed_at", ["completed_at"])
    op.create_table(
        "case_keys",
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("key", sa.LargeBinary(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.case_id"], name=op.f("fk_case_keys_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_keys")),
    )
    op.create_table(
        "attachments",
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(80), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.case_id"], name=op.f("fk_attachments_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "document_id", name=op.f("pk_attachments")),
    )


def downgrade() -> None:
    op.drop_table("attachments")
    op.drop_table("case_keys")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_completed_at")
        batch.drop_column("completed_at")
