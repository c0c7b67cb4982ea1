"""Sync: the transactional outbox and the sync engine's state.

Revision ID: 0004_sync
Revises: 0003_attachments
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_sync"
down_revision = "0003_attachments"
branch_labels = None
depends_on = None

UTC_TEXT = sa.String(32)  # app.store.tables_core.UtcDateTime stores fixed-width ISO text


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("idempotency_key", sa.String(160), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("case_revision", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("payload_bytes", sa.Integer(), nullable=False),
        sa.Column("depends_on", sa.Text(), nullable=False),
        sa.Column("attachments", sa.Text(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC_TEXT, nullable=False),
        sa.Column("last_attempt_at", UTC_TEXT, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("receipt", sa.Text(), nullable=True),
        sa.Column("problems", sa.Text(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("results", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.Column("updated_at", UTC_TEXT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_sync_outbox_idempotency_key")),
    )
    op.create_index("ix_sync_outbox_state_next", "sync_outbox", ["state", "next_attempt_at"])
    op.create_index("ix_sync_outbox_case_service", "sync_outbox", ["case_id", "service"])
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("platform_url", sa.String(300), nullable=True),
        sa.Column("platform_key_id", sa.String(64), nullable=True),
        sa.Column("platform_public_key", sa.String(64), nullable=True),
        sa.Column("mode", sa.String(16), nullable=True),
        sa.Column("enrolled_at", UTC_TEXT, nullable=True),
        sa.Column("cursor", sa.String(64), nullable=False),
        sa.Column("last_attempt_at", UTC_TEXT, nullable=True),
        sa.Column("last_success_at", UTC_TEXT, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_code", sa.String(64), nullable=True),
        sa.Column("next_attempt_at", UTC_TEXT, nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_index("ix_sync_outbox_case_service", table_name="sync_outbox")
    op.drop_index("ix_sync_outbox_state_next", table_name="sync_outbox")
    op.drop_table("sync_outbox")
