"""Sync: the scans the platform holds completely, so that no sync process uploads one again.

Revision ID: 0006_sync_uploads
Revises: 0005_case_search
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_sync_uploads"
down_revision = "0005_case_search"
branch_labels = None
depends_on = None

UTC_TEXT = sa.String(32)  # app.store.tables_core.UtcDateTime stores fixed-width ISO text


def upgrade() -> None:
    op.create_table(
        "sync_uploads",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_at", UTC_TEXT, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_sync_uploads")),
    )


def downgrade() -> None:
    op.drop_table("sync_uploads")
