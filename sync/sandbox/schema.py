"""The sandbox's schema, migrated by its own Alembic scripts (``sync/sandbox/migrations``) on every start.

One path for every database: ``upgrade`` runs the revisions not yet applied. The first revision
(``0001_baseline``) is the schema ``create_all`` made before the sandbox had migrations, and it creates
only the tables a database lacks: a sandbox data folder from before (no ``alembic_version`` table, the
tables in place) is adopted as it is, then upgraded like any other. A database whose revision this
bizdesk does not know was migrated by a newer one: it is refused, never touched.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.errors import PlatformError
from app.store.revisions import alembic_config, current_revision, head_of, is_known

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key of the sandbox's migrations ("bizdesk" in ASCII, as a 64-bit number).
MIGRATION_LOCK = int.from_bytes(b"bizdesk\x01", "big") >> 1


def head_revision() -> str:
    return head_of(MIGRATIONS)


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema; raises ``PlatformError`` for a newer database."""
    current = current_revision(engine)
    scripts = ScriptDirectory(str(MIGRATIONS))
    if current is not None and current == scripts.get_current_head():
        return  # the usual start: nothing to run, so no Alembic environment to load
    if current is not None and not is_known(scripts, current):
        raise PlatformError(
            f"沙箱数据库由更新版本的bizdesk迁移过（版本 {current}），本程序不能使用；请安装最新版本。",
            f"The sandbox database was migrated by a newer bizdesk (revision {current}); install the "
            "latest bizdesk to serve it.",
            code="sandbox.database_newer",
        )
    command.upgrade(alembic_config(MIGRATIONS, engine), "head")
