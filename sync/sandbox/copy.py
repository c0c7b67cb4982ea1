"""Copy a sandbox's state from one database to another: a training centre that began on the embedded
SQLite file moves to PostgreSQL (``bizdesk sandbox-copy``) and keeps its enrolled desks, their
submissions, feed, checkpoints, fleet reports and the platform key (so desks keep trusting it).

Both databases are migrated to the newest schema first. The target must hold no sandbox data: a copy
never merges into a platform that already has desks. The source is read in one transaction (one
consistent picture, even if a sandbox were still serving it; stop it first all the same) and the
target is written in one: it holds the whole copy or nothing. Attachment bytes live in files under
the data folder (``sync/sandbox/chunks.py``), not in either database: the copied platform is started
with the same ``--data`` folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, delete, func, insert, select, text

from app.errors import PlatformError
from sync.sandbox import fleet, roles
from sync.sandbox.db import Database, SandboxBase

# Every model's table is in SandboxBase.metadata only once its module is imported: these two hold one
# each (fleet reports, IT devices); a table left out here would be silently not copied.
TABLE_MODULES = (fleet, roles)

BATCH_ROWS = 1000
SEEDED = "counters"  # the one table a migration fills (the feed counter, at 0): replaced, not merged


@dataclass(frozen=True)
class CopyDone:
    rows: dict[str, int]  # rows copied, by table, in the order they were copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_sandbox(
    source_url: str, target_url: str, progress: Callable[[str, int], None] | None = None
) -> CopyDone:
    """Copy every table of the sandbox at ``source_url`` into the empty one at ``target_url``;
    ``progress(table, rows)`` after each table. Raises ``PlatformError`` for an unreachable or newer
    database, or a target that holds data already (nothing is written to it then)."""
    source, target = Database(source_url), Database(target_url)  # both connected and migrated
    try:
        with source.engine.connect() as reading, reading.begin(), target.engine.begin() as writing:
            _require_empty(writing, target_url)
            rows: dict[str, int] = {}
            for table in SandboxBase.metadata.sorted_tables:  # parents before the rows that name them
                if table.name == SEEDED:
                    writing.execute(delete(table))  # the migration's starting values give way to the source's
                rows[table.name] = _copy_table(table, reading, writing)
                if progress is not None:
                    progress(table.name, rows[table.name])
            if writing.dialect.name == "postgresql":
                _advance_sequences(writing)
        return CopyDone(rows)
    finally:
        source.dispose()
        target.dispose()


def _require_empty(writing: Connection, target_url: str) -> None:
    held = [
        table.name
        for table in SandboxBase.metadata.sorted_tables
        if table.name != SEEDED and writing.scalar(select(func.count()).select_from(table))
    ]
    if held:
        from sqlalchemy.engine import make_url

        where = make_url(target_url).render_as_string(hide_password=True)
        raise PlatformError(
            f"目标数据库 {where} 已有沙箱数据（{'、'.join(held)}），不会合并：请指定一个新建的空数据库。",
            f"The target database {where} already holds sandbox data ({', '.join(held)}); a copy never "
            "merges: name a new, empty database.",
            code="sandbox.copy_target_not_empty",
        )


def _copy_table(table: Table, reading: Connection, writing: Connection) -> int:
    copied = 0
    result = reading.execution_options(stream_results=True).execute(select(table))
    for batch in result.mappings().partitions(BATCH_ROWS):
        writing.execute(insert(table), [dict(row) for row in batch])
        copied += len(batch)
    return copied


def _advance_sequences(writing: Connection) -> None:
    """PostgreSQL numbers new rows from a sequence that the copied ids did not move: set each past
    the highest id copied, so the next submission or checkpoint does not collide with one."""
    for table in SandboxBase.metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        writing.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "  # noqa: S608 - names from the models
                f"COALESCE(MAX({column.name}), 1), MAX({column.name}) IS NOT NULL) FROM {table.name}"
            )
        )
