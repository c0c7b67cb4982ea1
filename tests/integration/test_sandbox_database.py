"""``bizdesk sandbox --database-url`` on PostgreSQL: the URL people type, and one clear sentence at
start-up when the database cannot be used (a server that does not answer, a login refused, a
database not created yet), never a traceback and never a sandbox half started."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.errors import PlatformError
from app.syncing.enrollment_qr import parse_enrollment_payload
from sync.sandbox.connect import normalized_url
from sync.sandbox.db import Database
from tests.integration.sync.support import end_process
from tests.postgres import PostgresServer


def test_a_postgresql_url_means_the_locked_psycopg_driver() -> None:
    assert normalized_url("postgresql://u:p@db.example:5432/sandbox").drivername == "postgresql+psycopg"
    assert normalized_url("postgres://u@db/sandbox").drivername == "postgresql+psycopg"
    assert normalized_url("postgresql+psycopg://u@db/sandbox").drivername == "postgresql+psycopg"
    assert normalized_url("sqlite:///x.db").drivername == "sqlite"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again: nothing listens there


def _refusal(url: str) -> PlatformError:
    with pytest.raises(PlatformError) as refused:
        Database(url)
    return refused.value


def test_a_server_that_does_not_answer_is_told_at_start() -> None:
    refused = _refusal(f"postgresql://bizdesk:secret@127.0.0.1:{_free_port()}/sandbox")
    assert refused.code == "sandbox.database_unreachable"
    assert "无法连接沙箱数据库" in refused.message_zh
    assert "secret" not in refused.message_zh + refused.message_en  # the password is never echoed


def test_a_refused_login_and_a_missing_database_are_told_apart(postgres_server: PostgresServer) -> None:
    port = postgres_server.port
    assert _refusal(f"postgresql://nobody_here:pw@127.0.0.1:{port}/postgres").code == "sandbox.database_login"
    assert _refusal(f"postgresql://bizdesk@127.0.0.1:{port}/not_created").code == "sandbox.database_missing"


def test_the_command_says_it_in_chinese_and_english_and_exits_1(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    url = f"postgresql://nobody_here:pw@127.0.0.1:{postgres_server.port}/postgres"
    command = [sys.executable, "-m", "app", "sandbox", "--port", "0", "--data", str(tmp_path)]
    done = subprocess.run(
        [*command, "--database-url", url],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "沙箱数据库拒绝登录" in done.stderr
    assert "refused the login" in done.stderr
    assert "Traceback" not in done.stderr
    assert "pw@" not in done.stderr


def test_the_command_serves_on_postgresql_and_prints_what_desks_enrol_with(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    url = postgres_server.create_database("served").replace("postgresql+psycopg://", "postgresql://")
    command = [sys.executable, "-m", "app", "sandbox", "--port", "0", "--data", str(tmp_path)]
    process = subprocess.Popen(
        [*command, "--database-url", url, "--enroll-code", "ROOM-0101"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        listening = process.stdout.readline()  # a line, or "" when it ended: no deadline
        payload = process.stdout.readline().split(": ", 1)[-1].strip()
        found = re.search(r"http://127\.0\.0\.1:\d+", listening)
        assert found is not None, listening
        enrolment = parse_enrollment_payload(payload)
        assert (enrolment.platform_url, enrolment.code) == (found.group(0), "ROOM-0101")
        health = httpx.get(f"{found.group(0)}/sandbox/stats", timeout=None)
        assert health.status_code == 200
        assert health.json()["devices"] == 0
    finally:
        end_process(process)
