"""IT devices: the devices enrolled with one of the platform operator's IT codes (``sync.sandbox.roles``).

A table of its own beside ``devices``: only IT devices may read the fleet (``GET /v1/fleet``). Devices
enrolled before it are branch desks.

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
    op.create_table(
        "it_devices",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),  # UtcDateTime: naive UTC
        sa.PrimaryKeyConstraint("device_id"),
    )


def downgrade() -> None:
    op.drop_table("it_devices")
