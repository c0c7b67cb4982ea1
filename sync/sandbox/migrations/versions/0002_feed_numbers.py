"""Status-feed numbers handed out by the ``feed_seq`` counter row in the committing transaction.

Before, ``events.seq`` came from the database's own numbering (SQLite's rowid, a PostgreSQL serial).
A PostgreSQL sequence hands out numbers at insert time, not in commit order, so a desk reading the feed
after its cursor could pass a number whose transaction had not committed yet and never see that event.
From now on the sandbox numbers events itself (``sync.sandbox.counters.number_events``); the counter
starts where the events already given out end, and the serial's default goes.

Revision ID: 0002_feed_numbers
Revises: 0001_baseline
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_feed_numbers"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

FEED_COUNTER = "feed_seq"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE events ALTER COLUMN seq DROP DEFAULT")
        op.execute("DROP SEQUENCE IF EXISTS events_seq_seq")
    bind.execute(sa.text("DELETE FROM counters WHERE name = :name"), {"name": FEED_COUNTER})
    bind.execute(
        sa.text("INSERT INTO counters (name, value) SELECT :name, COALESCE(MAX(seq), 0) FROM events"),
        {"name": FEED_COUNTER},
    )


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM counters WHERE name = :name"), {"name": FEED_COUNTER})
    if bind.dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE events_seq_seq OWNED BY events.seq")
        op.execute("SELECT setval('events_seq_seq', COALESCE((SELECT MAX(seq) FROM events), 0) + 1, false)")
        op.execute("ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq')")
