"""Migrations on real SQLCipher files: first revision to head and back, data kept, newer refused."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.paths import Profile
from app.store import migrate
from app.store.base import load_all_tables
from app.store.engine import make_engine
from app.store.migrate import WrittenByNewerVersion
from app.wiring.profile import open_profile
from tests.integration.store.conftest import PASSPHRASE


def _revisions() -> list[str]:
    scripts = ScriptDirectory(str(migrate.MIGRATIONS))
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


def test_history_is_linear_and_starts_with_the_core() -> None:
    scripts = ScriptDirectory(str(migrate.MIGRATIONS))
    assert len(scripts.get_heads()) == 1
    assert _revisions()[:3] == ["0001_core", "0002_accounts", "0003_attachments"]


def test_every_step_up_then_down_to_base(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db", secrets.token_bytes(32))
    try:
        for revision in _revisions():
            migrate.upgrade(engine, revision)
            assert migrate.current_revision(engine) == revision
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), load_all_tables()) == []
        for revision in reversed(_revisions()[:-1]):
            migrate.downgrade(engine, revision)
            assert migrate.current_revision(engine) == revision
        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
    finally:
        engine.dispose()


def test_data_of_the_first_revision_survives_the_upgrade(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db", secrets.token_bytes(32))
    try:
        migrate.upgrade(engine, "0001_core")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO cases (case_id, document, revision, company_name, company_type, status, "
                "services, created_at, updated_at, created_by, fictitious) VALUES ('SG-1', '{}', 3, "
                "'寿光测试有限公司', 'llc', 'completed', '{}', '2026-01-01T00:00:00.000000+00:00', "
                "'2026-01-02T00:00:00.000000+00:00', NULL, 0)"
            )
            connection.exec_driver_sql(
                "INSERT INTO case_lookup (case_id, kind, value) VALUES ('SG-1', 'uscc', 'X')"
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            row = connection.exec_driver_sql("SELECT revision, completed_at FROM cases").one()
            lookups = connection.exec_driver_sql("SELECT count(*) FROM case_lookup").scalar()
        assert tuple(row) == (3, None)
        assert lookups == 1  # the batch rebuild of "cases" did not cascade into its lookup keys
    finally:
        engine.dispose()


def test_opening_an_older_profile_backs_it_up_first(desk_profile: Profile) -> None:
    open_profile(desk_profile, passphrase=PASSPHRASE).close()
    with open_profile(desk_profile, passphrase=PASSPHRASE, upgrade=False) as opened:
        migrate.downgrade(opened.engine, "0002_accounts")
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert migrate.current_revision(opened.engine) == migrate.head_revision()
    copies = list(desk_profile.backups.glob("bizdesk-0002_accounts-*.db"))
    assert len(copies) == 1
    engine = make_engine(copies[0], opened.data_key)
    try:
        assert migrate.current_revision(engine) == "0002_accounts"
    finally:
        engine.dispose()


def test_a_database_from_a_newer_bizdesk_is_refused_untouched(desk_profile: Profile) -> None:
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened, opened.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_future'")
    before = desk_profile.database.read_bytes()
    with pytest.raises(WrittenByNewerVersion) as refused:
        open_profile(desk_profile, passphrase=PASSPHRASE)
    assert "更新版本" in refused.value.message_zh
    assert "0099_future" in refused.value.message_en
    assert desk_profile.database.read_bytes() == before
