"""Alembic environment of the sandbox: runs on the engine ``sync.sandbox.schema`` hands over.

On PostgreSQL the whole upgrade is one transaction (DDL is transactional there) under an advisory
lock, so two sandboxes started at once on one database migrate it once: the second waits, then
finds nothing to do. On SQLite the transaction's write lock does the same.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from sync.sandbox.schema import MIGRATION_LOCK
from sync.sandbox.tables import sandbox_metadata

engine = context.config.attributes["engine"]
assert isinstance(engine, Engine)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=sandbox_metadata(),
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=False,
    )
    with connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()
