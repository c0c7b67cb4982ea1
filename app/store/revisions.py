"""Alembic in code, for the two migration sets: the desk store's (``app.store.migrate``) and the
platform sandbox's (``sync.sandbox.schema``). No alembic.ini at run time: the scripts folder and the
engine are handed in."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def alembic_config(scripts: Path, engine: Engine) -> Config:
    """A configuration running the migrations in ``scripts`` on ``engine`` (its env.py reads it)."""
    config = Config()
    config.set_main_option("script_location", str(scripts))
    config.attributes["engine"] = engine
    return config


def head_of(scripts: Path) -> str:
    head = ScriptDirectory(str(scripts)).get_current_head()
    if head is None:  # pragma: no cover - the package ships its migrations
        raise RuntimeError(f"no migrations found in {scripts}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision (None: never migrated), read without changing anything."""
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        connection.rollback()
    return revision


def is_known(scripts: ScriptDirectory, revision: str) -> bool:
    """Whether ``revision`` is one of ``scripts``' (else a newer bizdesk wrote it)."""
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False
