"""A sandbox that began on its SQLite file is copied into a new database (PostgreSQL, or another SQLite
file on the folder's SQLite run) and goes on there: the desk it enrolled is still trusted, what it
accepted is still accepted once, new submissions and checkpoints get new numbers, and the feed and
fleet carry over. A target holding data is refused untouched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from app.cli import main
from app.errors import PlatformError
from app.syncing.rules import content_sha256
from sync.sandbox.copy import CopyDone, copy_sandbox
from sync.sandbox.db import RACE_ATTEMPTS, Database, SandboxBase
from sync.sandbox.http_api import platform_of
from tests.integration.sync.support import enroll, new_device, sandbox, send, signed, synthetic_payload
from tests.sandbox_backends import Backend


def _empty(backend: Backend, folder: Path) -> str:
    folder.mkdir()
    return backend.empty_database_url(folder)


def _licence(case_id: str) -> dict[str, Any]:
    payload = synthetic_payload(case_id, "license")
    return {
        "idempotency_key": f"{case_id}:license:0123abcd",
        "case_id": case_id,
        "service": "license",
        "content_sha256": content_sha256(payload),
        "payload": payload,
    }


def _outcome(url: str, desk: tuple[Any, str], case_id: str) -> str:
    body = json.dumps({"items": [_licence(case_id)]}).encode()
    answer = send(signed(url, desk, "POST", "/v1/submissions/batch", body))
    assert answer.status_code == 200, answer.text
    return str(answer.json()["results"][0]["outcome"])


def _checkpoint(url: str, desk: tuple[Any, str], seq: int, extends: int | None = None) -> int:
    checkpoint: dict[str, Any] = {"seq": seq, "head_hash": f"{seq:064x}", "signed_at": "2026-11-28T08:00:00Z"}
    if extends is not None:  # the platform's last checkpoint, which a new one must extend
        checkpoint["extends"] = {"seq": extends, "head_hash": f"{extends:064x}"}
    body = json.dumps(checkpoint).encode()
    return send(signed(url, desk, "POST", "/v1/audit-checkpoints", body)).status_code


def test_a_sqlite_sandbox_goes_on_in_its_copy(tmp_path: Path, sandbox_backend: Backend) -> None:
    data = tmp_path / "data"
    data.mkdir()
    first = sandbox(data_dir=data, database_url=None)  # the embedded default: SQLite in the data folder
    device = new_device()
    desk = (device, enroll(first.url, device).device_id)
    before = [f"case-before-{n}" for n in range(RACE_ATTEMPTS + 2)]  # more ids than a retry would skip
    for case_id in before:
        assert _outcome(first.url, desk, case_id) == "accepted"
    assert _checkpoint(first.url, desk, 5) == 200
    key = platform_of(first.app).public_key_b64
    first.stop()

    target = _empty(sandbox_backend, tmp_path / "target")
    seen: list[str] = []
    done = copy_sandbox(f"sqlite:///{data / 'sandbox.db'}", target, lambda table, _rows: seen.append(table))
    assert (done.rows["devices"], done.rows["submissions"], done.rows["checkpoints"]) == (1, len(before), 1)
    assert done.rows["sandbox_meta"] >= 1  # the platform key among them
    assert seen == list(done.rows)

    moved = sandbox(data_dir=data, database_url=target)
    try:
        assert platform_of(moved.app).public_key_b64 == key  # desks keep trusting the platform
        assert all(
            _outcome(moved.url, desk, c) == "duplicate" for c in before
        )  # exactly once across the move
        assert _outcome(moved.url, desk, "case-after") == "accepted"  # a new id past the copied ones
        assert _checkpoint(moved.url, desk, 5) == 200  # the same checkpoint: its receipt again
        assert _checkpoint(moved.url, desk, 6) == 409  # not extending the copied one
        assert _checkpoint(moved.url, desk, 6, extends=5) == 200
        assert _checkpoint(moved.url, desk, 4) == 409  # before the copied one: refused, as before
        feed = send(signed(moved.url, desk, "GET", "/v1/status?limit=100")).json()
        assert [event["case_id"] for event in feed["events"]][: len(before) + 1] == [*before, "case-after"]
    finally:
        moved.stop()


def test_a_target_holding_data_is_refused_untouched(tmp_path: Path, sandbox_backend: Backend) -> None:
    data = tmp_path / "data"
    data.mkdir()
    first = sandbox(data_dir=data, database_url=None)
    enroll(first.url, new_device())
    first.stop()
    source = f"sqlite:///{data / 'sandbox.db'}"
    target = _empty(sandbox_backend, tmp_path / "target")
    assert copy_sandbox(source, target).rows["devices"] == 1
    with pytest.raises(PlatformError) as refused:
        copy_sandbox(source, target)
    assert refused.value.code == "sandbox.copy_target_not_empty"
    assert "devices" in refused.value.message_zh
    held = Database(target)
    try:
        with held.transaction() as session:
            assert session.execute(SandboxBase.metadata.tables["devices"].select()).all().__len__() == 1
    finally:
        held.dispose()


def test_every_table_of_the_migrated_schema_is_copied(tmp_path: Path, sandbox_backend: Backend) -> None:
    """A table a migration adds must be in the models the copy walks (else it would not be copied)."""
    target = _empty(sandbox_backend, tmp_path / "schema")
    database = Database(target)
    try:
        tables = set(inspect(database.engine).get_table_names()) - {"alembic_version"}
    finally:
        database.dispose()
    assert tables == set(CopyDone({t.name: 0 for t in SandboxBase.metadata.sorted_tables}).rows)


def test_the_command_copies_the_data_folder_and_names_a_missing_one(
    tmp_path: Path, sandbox_backend: Backend, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    first = sandbox(data_dir=data, database_url=None)
    enroll(first.url, new_device())
    first.stop()
    target = _empty(sandbox_backend, tmp_path / "target")
    assert main(["sandbox-copy", "--data", str(tmp_path / "nowhere"), "--to", target]) == 2
    assert "--data" in capsys.readouterr().err
    assert main(["sandbox-copy", "--from", f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}", "--to", target]) == 1
    assert "无法打开沙箱数据库文件" in capsys.readouterr().err  # the file's folder named, not a server
    assert main(["sandbox-copy", "--data", str(data), "--to", target]) == 0
    said = capsys.readouterr().out
    assert "devices: 1" in said
    assert "已复制" in said
