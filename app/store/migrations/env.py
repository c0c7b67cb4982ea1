"""Alembic environment: runs on the engine handed over by ``app.store.migrate`` (no alembic.ini).

Foreign keys are switched off while migrating: batch mode rebuilds tables on SQLite,
and dropping a referenced table with foreign keys on would cascade deletes. The
foreign key check runs before the commit instead. The pragma only takes effect
outside a transaction, so it goes straight to the driver connection, and is switched
back on once every transaction on the connection has ended (the pooled connection
is reused by the application afterwards).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from app.store.base import load_all_tables

engine = context.config.attributes["engine"]
assert isinstance(engine, Engine)
target_metadata = load_all_tables()

with engine.connect() as connection:
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with connection.begin():
            context.run_migrations()
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration left {len(problems)} broken foreign keys")
        if connection.in_transaction():
            connection.commit()
    finally:
        if connection.in_transaction():
            connection.rollback()
        driver.execute("PRAGMA foreign_keys = ON")
        if driver.execute("PRAGMA foreign_keys").fetchone() != (1,):
            connection.invalidate()  # never hand a connection without foreign keys back to the pool
