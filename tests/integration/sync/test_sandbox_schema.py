"""The sandbox's schema comes from its own Alembic migrations, on SQLite and PostgreSQL alike (the
folder's fixture runs each test on both): a new database migrated to the newest revision is exactly
what the models declare, and a database ``create_all`` made before the sandbox had migrations is
adopted and upgraded, its data and its feed numbering kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text

from app.errors import PlatformError
from sync.sandbox.connect import create_sandbox_engine
from sync.sandbox.counters import FEED_COUNTER
from sync.sandbox.db import Counter, Database, Event, SandboxBase
from sync.sandbox.schema import current_revision, head_revision
from sync.sandbox.tables import sandbox_metadata
from tests.sandbox_backends import Backend


def _differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, sandbox_metadata()))


def test_a_new_database_migrated_to_head_is_exactly_the_models(
    sandbox_backend: Backend, tmp_path: Path
) -> None:
    database = Database(sandbox_backend.empty_database_url(tmp_path))
    try:
        assert current_revision(database.engine) == head_revision()
        assert _differences(database.engine) == []
    finally:
        database.dispose()


def test_a_database_create_all_made_before_migrations_is_adopted_and_upgraded(
    sandbox_backend: Backend, tmp_path: Path
) -> None:
    url = sandbox_backend.empty_database_url(tmp_path)
    old = create_sandbox_engine(url)
    tables = sandbox_metadata().tables
    # the sandbox of before: create_all, no alembic_version, a feed numbered by the database; this
    # one older still, from before the fleet listing (no fleet_reports table); IT devices came after
    # the migrations (0003)
    later = ("fleet_reports", "it_devices")
    SandboxBase.metadata.create_all(old, tables=[t for name, t in tables.items() if name not in later])
    at = dt.datetime(2026, 11, 1, tzinfo=dt.UTC).replace(tzinfo=None)
    with old.begin() as connection:
        for seq in (1, 2, 3):
            connection.execute(
                text(
                    "INSERT INTO events (seq, device_id, submission_id, status, reasons, results, at) "
                    "VALUES (:seq, 'dev-old', :seq, 'accepted', '[]', '{}', :at)"
                ),
                {"seq": seq, "at": at},
            )
    old.dispose()

    database = Database(url)
    try:
        assert current_revision(database.engine) == head_revision()
        assert _differences(database.engine) == []
        assert {"fleet_reports", "it_devices"} <= set(inspect(database.engine).get_table_names())
        with database.transaction() as session:
            assert session.get(Counter, FEED_COUNTER).value == 3  # type: ignore[union-attr]
            assert list(session.scalars(select(Event.seq).order_by(Event.seq))) == [1, 2, 3]
    finally:
        database.dispose()


def test_a_database_from_a_newer_bizdesk_is_refused_untouched(
    sandbox_backend: Backend, tmp_path: Path
) -> None:
    url = sandbox_backend.empty_database_url(tmp_path)
    Database(url).dispose()
    engine = create_sandbox_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(PlatformError) as refused:
        Database(url)
    assert refused.value.code == "sandbox.database_newer"
