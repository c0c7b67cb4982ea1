"""IT devices: those enrolled with one of the platform operator's IT codes (``sync.sandbox.roles``).

Created only where missing: a sandbox that ran with ``create_all`` after IT codes came and before
the sandbox had migrations has the table already.

Revision ID: 0003_it_devices
Revises: 0002_feed_numbers
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_it_devices"
down_revision = "0002_feed_numbers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("it_devices"):
        return
    op.create_table(
        "it_devices",
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )


def downgrade() -> None:
    op.drop_table("it_devices")
