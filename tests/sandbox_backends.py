"""The sandbox's two backends in the tests: SQLite (its embedded default) and PostgreSQL.

A test (or a whole folder, by an autouse fixture in its conftest) asks for the ``sandbox_backend``
fixture (tests/conftest.py), parametrized over ``BACKENDS``; every sandbox the test then starts
through the helpers (``tests.integration.sync.support.sandbox``, ``sandbox_process``, the embedded
sandbox with ``**active().settings()``) keeps its state on that backend: for PostgreSQL a fresh
database on the worker's throwaway server (tests/postgres.py), one per sandbox started, copied from a
template migrated once (``CREATE DATABASE ... TEMPLATE``: milliseconds, where migrating each would
cost a second), and dropped when the test ends.

On both backends: tests/integration/sync (the protocol, its edges, exactly-once, the kill test,
concurrent writers, schemathesis, the schema's migrations) and tests/integration/updates. On SQLite
only, because what they test is SQLite's or the desk's own: the embedded training sandbox's private
files (store/test_profiles_apart), diagnostics and QR enrolment of a desk (ops/, whose sandbox side the
sync folder covers on both), and the browser tests (e2e/: the desk's embedded sandbox is always SQLite).
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.postgres import SUPERUSER, PostgresServer

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "bizdesk_sandbox_template"
_names = itertools.count(1)


def _admin(server: PostgresServer) -> Any:
    import psycopg

    return psycopg.connect(
        host="127.0.0.1", port=server.port, user=SUPERUSER, dbname="postgres", autocommit=True
    )


def _template(server: PostgresServer) -> str:
    """The migrated template database of ``server`` (made on first use)."""
    if getattr(server, "sandbox_template", None) is None:
        from sync.sandbox.connect import create_sandbox_engine
        from sync.sandbox.schema import upgrade

        url = server.create_database(TEMPLATE)
        engine = create_sandbox_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        server.sandbox_template = TEMPLATE  # type: ignore[attr-defined]
    return TEMPLATE


@dataclass
class Backend:
    """Where the sandboxes of the running test keep their state."""

    name: str
    server: PostgresServer | None = None
    created: list[str] = field(default_factory=list)
    last_url: str | None = None  # the database of the newest sandbox started (None: SQLite)

    @property
    def postgres(self) -> bool:
        return self.name == "postgresql"

    def database_url(self) -> str | None:
        """A fresh, migrated database for one sandbox (None on SQLite: the sandbox's own default)."""
        if self.server is None:
            return None
        template = _template(self.server)
        name = f"sandbox_{os.getpid()}_{next(_names)}"
        with _admin(self.server) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self.created.append(name)
        # The plain postgresql:// a person types: the sandbox maps it to the locked psycopg driver.
        self.last_url = self.server.url(name).replace("postgresql+psycopg://", "postgresql://")
        return self.last_url

    def empty_database_url(self, folder: Path) -> str:
        """A database with no tables at all (migrations tests): a SQLite file in ``folder``, or a new
        database on the server."""
        if self.server is None:
            return f"sqlite:///{folder / 'sandbox.db'}"
        name = f"empty_{os.getpid()}_{next(_names)}"
        self.created.append(name)
        return self.server.create_database(name)

    def settings(self) -> dict[str, Any]:
        """``SandboxConfig`` settings for one sandbox on this backend."""
        url = self.database_url()
        return {} if url is None else {"database_url": url}

    def cli_options(self) -> list[str]:
        """``bizdesk sandbox`` options for one sandbox on this backend."""
        url = self.database_url()
        return [] if url is None else ["--database-url", url]

    def drop_databases(self) -> None:
        """Drop what this test created (connections a stopped sandbox left are ended)."""
        if self.server is None or not self.created:
            return
        with _admin(self.server) as admin:
            for name in self.created:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


_active = Backend("sqlite")


def active() -> Backend:
    """The backend of the running test (SQLite outside a ``sandbox_backend`` test)."""
    return _active


def activate(backend: Backend) -> Backend:
    """Make ``backend`` the active one; returns the one it replaces."""
    global _active
    previous, _active = _active, backend
    return previous
