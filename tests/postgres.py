"""A throwaway PostgreSQL server for the tests: Debian's binaries, a scratch folder, no system service.

``PostgresServer.start()`` runs ``initdb`` into a fresh folder and ``pg_ctl start`` on a free
127.0.0.1 port (no Unix socket, trust authentication for the one superuser ``bizdesk``), with
durability switched off (fsync, synchronous commit, full-page writes): the tests need a real
server, not a crash-safe one. ``stop()`` shuts it down and removes the folder.

PostgreSQL refuses to run as root. Under root (CI containers), the folder is made in the system
temporary directory, handed to an unprivileged uid (``nobody``) and the server processes run as that
uid; no account is created and nothing outside the folder is touched.

``find_binaries()`` returns None where PostgreSQL is not installed; callers skip with
``MISSING_MESSAGE`` (``./dev test`` installs Debian's ``postgresql`` package, so in CI it is there).
Waits are hang guards only (``pg_ctl -t``), long enough for any load.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MISSING_MESSAGE = (
    "PostgreSQL is not installed here (Debian package `postgresql`; `./dev test` installs it): "
    "the PostgreSQL variant of these tests cannot run"
)
SUPERUSER = "bizdesk"
# pg_ctl's own wait for start-up and shut-down: a hang guard, not a performance limit.
HANG_GUARD_SECONDS = 1800
_NOBODY = 65534
_SETTINGS = (
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=300",
    "shared_buffers=64MB",
    "unix_socket_directories=''",
    "listen_addresses='127.0.0.1'",
)


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/N/bin, or PATH."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for folder in reversed(debian):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """One running server; ``url(database)`` gives a SQLAlchemy URL for a database on it."""

    binaries: Path
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="bizdesk-pg-")))
    port: int = 0
    _as_nobody: bool = field(default=False, init=False)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres", driver: str = "psycopg") -> str:
        return f"postgresql+{driver}://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        user = _NOBODY if self._as_nobody else None
        return subprocess.run(
            list(args),
            user=user,
            group=user,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
            stdin=subprocess.DEVNULL,
        )

    def _checked(self, args: Sequence[str], what: str) -> None:
        done = self._run(args)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""
            raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def start(self) -> PostgresServer:
        self._as_nobody = os.geteuid() == 0
        if self._as_nobody:
            os.chown(self.root, _NOBODY, _NOBODY)
        self._checked(
            [
                str(self.binaries / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            "initdb",
        )
        for attempt in range(5):
            self.port = _free_port()
            options = " ".join(f"-c {setting}" for setting in (*_SETTINGS, f"port={self.port}"))
            done = self._run(
                [
                    str(self.binaries / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.log),
                    "-w",
                    "-t",
                    str(HANG_GUARD_SECONDS),
                    "-o",
                    options,
                    "start",
                ]
            )
            if done.returncode == 0:
                return self
            if attempt == 4 or "could not bind" not in self.log.read_text(errors="replace"):
                raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()}")
        raise AssertionError("unreachable")

    def create_database(self, name: str) -> str:
        """Create an empty database (UTF-8) and return its SQLAlchemy URL."""
        self._checked(
            [
                str(self.binaries / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                name,
            ],
            f"createdb {name}",
        )
        return self.url(name)

    def stop(self) -> None:
        if self.data.exists():
            self._run(
                [
                    str(self.binaries / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    str(HANG_GUARD_SECONDS),
                    "stop",
                ]
            )
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def running_postgres() -> Iterator[PostgresServer | None]:
    """A started server for the block, or None where PostgreSQL is not installed."""
    binaries = find_binaries()
    if binaries is None:
        yield None
        return
    server = PostgresServer(binaries)
    try:
        yield server.start()
    finally:
        server.stop()
