"""The tests' throwaway PostgreSQL server (tests/postgres.py) starts, serves and goes away."""

from __future__ import annotations

import subprocess

import pytest

from tests.postgres import MISSING_MESSAGE, SUPERUSER, PostgresServer, find_binaries, running_postgres


def test_server_serves_a_fresh_database_and_stops_cleanly(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database("selftest")
    assert url.endswith(f"@127.0.0.1:{postgres_server.port}/selftest")
    psql = find_binaries()
    assert psql is not None
    done = subprocess.run(
        [
            str(psql / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(postgres_server.port),
            "-U",
            SUPERUSER,
            "-d",
            "selftest",
            "-Atc",
            "select current_database(), current_setting('fsync')",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "selftest|off"


def test_stop_removes_the_scratch_folder() -> None:
    with running_postgres() as server:
        if server is None:
            pytest.skip(MISSING_MESSAGE)
        root = server.root
        assert (root / "data" / "PG_VERSION").exists()
    assert not root.exists()
