"""The sandbox schema as ``create_all`` made it before the sandbox had migrations.

Each table is created only where it is missing: a sandbox database from before Alembic (its tables in
place, no ``alembic_version``) is adopted as it is, and one made before a table existed gets it.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None

UTC = sa.DateTime()  # sync.sandbox.db.UtcDateTime: naive UTC in a plain timestamp column


def _missing(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    if _missing("sandbox_meta"):
        op.create_table(
            "sandbox_meta",
            sa.Column("key", sa.String(64), nullable=False),
            sa.Column("value", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("key"),
        )
    if _missing("devices"):
        op.create_table(
            "devices",
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("public_key", sa.String(64), nullable=False),
            sa.Column("branch_code", sa.String(20), nullable=False),
            sa.Column("division_code", sa.String(6), nullable=False),
            sa.Column("training", sa.Boolean(), nullable=False),
            sa.Column("label", sa.String(100), nullable=False),
            sa.Column("enroll_code_hash", sa.String(64), nullable=False),
            sa.Column("enrolled_at", UTC, nullable=False),
            sa.PrimaryKeyConstraint("device_id"),
            sa.UniqueConstraint("enroll_code_hash"),
            sa.UniqueConstraint("public_key"),
        )
    if _missing("nonces"):
        op.create_table(
            "nonces",
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("nonce", sa.String(128), nullable=False),
            sa.Column("seen_at", UTC, nullable=False),
            sa.PrimaryKeyConstraint("device_id", "nonce"),
        )
        op.create_index("ix_nonces_seen_at", "nonces", ["seen_at"])
    _submissions_and_events()
    _attachments()
    _checkpoints_counters_fleet()


def _submissions_and_events() -> None:
    if _missing("submissions"):
        op.create_table(
            "submissions",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("idempotency_key", sa.String(160), nullable=False),
            sa.Column("case_id", sa.String(64), nullable=False),
            sa.Column("service", sa.String(32), nullable=False),
            sa.Column("content_sha256", sa.String(64), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
            sa.Column("depends_on", sa.JSON(), nullable=False),
            sa.Column("outcome", sa.String(16), nullable=False),
            sa.Column("problems", sa.JSON(), nullable=False),
            sa.Column("receipt", sa.JSON(), nullable=True),
            sa.Column("receipt_id", sa.String(40), nullable=True),
            sa.Column("state", sa.String(20), nullable=False),
            sa.Column("results", sa.JSON(), nullable=False),
            sa.Column("received_at", UTC, nullable=False),
            sa.Column("decide_at", UTC, nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("device_id", "idempotency_key", name="uq_submissions_device_key"),
            sa.UniqueConstraint("receipt_id"),
        )
        op.create_index("ix_submissions_case", "submissions", ["device_id", "case_id", "service"])
        op.create_index("ix_submissions_state_decide", "submissions", ["state", "decide_at"])
    if _missing("events"):
        op.create_table(
            "events",
            sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("submission_id", sa.Integer(), nullable=False),
            sa.Column("status", sa.String(20), nullable=False),
            sa.Column("reasons", sa.JSON(), nullable=False),
            sa.Column("results", sa.JSON(), nullable=False),
            sa.Column("at", UTC, nullable=False),
            sa.PrimaryKeyConstraint("seq"),
        )
        op.create_index("ix_events_device_seq", "events", ["device_id", "seq"])


def _attachments() -> None:
    if _missing("attachments"):
        op.create_table(
            "attachments",
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("size", sa.BigInteger(), nullable=False),
            sa.Column("media_type", sa.String(100), nullable=False),
            sa.Column("received", sa.BigInteger(), nullable=False),
            sa.Column("complete", sa.Boolean(), nullable=False),
            sa.Column("created_at", UTC, nullable=False),
            sa.PrimaryKeyConstraint("device_id", "sha256"),
        )
    if _missing("attachment_chunks"):
        op.create_table(
            "attachment_chunks",
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("offset", sa.BigInteger(), autoincrement=False, nullable=False),
            sa.Column("data", sa.LargeBinary(), nullable=False),
            sa.PrimaryKeyConstraint("device_id", "sha256", "offset"),
        )


def _checkpoints_counters_fleet() -> None:
    if _missing("checkpoints"):
        op.create_table(
            "checkpoints",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("seq", sa.BigInteger(), nullable=False),
            sa.Column("head_hash", sa.String(64), nullable=False),
            sa.Column("receipt", sa.JSON(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("device_id", "seq", name="uq_checkpoints_device_seq"),
        )
    if _missing("counters"):
        op.create_table(
            "counters",
            sa.Column("name", sa.String(32), nullable=False),
            sa.Column("value", sa.BigInteger(), nullable=False),
            sa.PrimaryKeyConstraint("name"),
        )
    if _missing("fleet_reports"):
        op.create_table(
            "fleet_reports",
            sa.Column("device_id", sa.String(64), nullable=False),
            sa.Column("reported_at", UTC, nullable=False),
            sa.Column("app_version", sa.String(40), nullable=False),
            sa.Column("pack_version", sa.String(40), nullable=False),
            sa.Column("queue_depth", sa.Integer(), nullable=False),
            sa.Column("last_success_at", UTC, nullable=True),
            sa.Column("recent_error_codes", sa.JSON(), nullable=False),
            sa.PrimaryKeyConstraint("device_id"),
        )


def downgrade() -> None:
    for table in (
        "fleet_reports",
        "counters",
        "checkpoints",
        "attachment_chunks",
        "attachments",
        "events",
        "submissions",
        "nonces",
        "devices",
        "sandbox_meta",
    ):
        op.drop_table(table)
