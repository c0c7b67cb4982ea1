"""The desk store's Alembic migrations (configured in code: ``app.store.revisions``).

``migrate_with_backup`` runs on start and by ``bizdesk db upgrade``: an existing database is first
copied to ``profile/backups``, then ``upgrade`` brings it to head. A database whose revision this
bizdesk does not know was written by a newer version: it is refused, never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.clock import Clock, utc_now
from app.errors import WrittenByNewerVersion
from app.paths import Profile
from app.store.engine import snapshot
from app.store.revisions import alembic_config, current_revision, head_of, is_known

__all__ = [
    "SchemaStatus",
    "WrittenByNewerVersion",
    "current_revision",
    "downgrade",
    "head_revision",
    "migrate_with_backup",
    "status",
    "upgrade",
]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # None: empty database
    head: str
    pending: tuple[str, ...]  # revisions upgrade would apply, oldest first

    @property
    def up_to_date(self) -> bool:
        return not self.pending


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def head_revision() -> str:
    return head_of(MIGRATIONS)


def status(engine: Engine) -> SchemaStatus:
    """Where the database stands; raises ``WrittenByNewerVersion`` for an unknown revision."""
    scripts = _scripts()
    current = current_revision(engine)
    head = head_revision()
    if current is not None and not is_known(scripts, current):
        raise WrittenByNewerVersion(current)
    pending = [s.revision for s in scripts.iterate_revisions(head, current or "base")]
    return SchemaStatus(current=current, head=head, pending=tuple(reversed(pending)))


def upgrade(engine: Engine, target: str = "head") -> None:
    status(engine)  # refuses a newer database before anything runs
    command.upgrade(alembic_config(MIGRATIONS, engine), target)


def downgrade(engine: Engine, target: str) -> None:
    """For tests and IT repair only: bizdesk never downgrades on its own."""
    status(engine)
    command.downgrade(alembic_config(MIGRATIONS, engine), target)


def migrate_with_backup(
    profile: Profile, engine: Engine, data_key: bytes, clock: Clock = utc_now
) -> Path | None:
    """Bring the schema to head; an existing database is first copied to ``profile/backups``."""
    found = status(engine)
    if found.up_to_date:
        return None
    copy = None
    if found.current is not None:
        stamp = clock().strftime("%Y%m%dT%H%M%SZ")
        copy = profile.backups / f"bizdesk-{found.current}-{stamp}.db"
        snapshot(engine, data_key, copy)
    upgrade(engine)
    return copy
