"""The audit trail in the database: edits, removals, reorders and truncation made with SQL are found."""

from __future__ import annotations

import pytest

from app.cli import main
from app.paths import Profile
from app.wiring.profile import OpenedProfile, open_profile
from tests.cli_accounts import DESK_IT, create_desk_accounts, use_login
from tests.integration.store.conftest import PASSPHRASE


def _append(opened: OpenedProfile, n: int) -> None:
    with opened.store.unit_of_work() as uow:
        for i in range(n):
            uow.audit.append(
                "case.edit", actor="clerk", subject=f"SG-{i}", details={"field": "name", "id": i}
            )
        uow.commit()


def _sql(opened: OpenedProfile, *statements: str) -> None:
    with opened.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


def _kinds(opened: OpenedProfile) -> list[tuple[str, int]]:
    with opened.store.read_unit_of_work() as uow:
        return [(f.kind, f.seq) for f in uow.audit_trail.verify().findings]


def test_appends_chain_and_sign_the_head(opened: OpenedProfile) -> None:
    _append(opened, 5)
    with opened.store.read_unit_of_work() as uow:
        entries = list(uow.audit_trail.entries(batch=2))
        head = uow.audit_trail.head()
        assert uow.audit_trail.verify().ok
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert head is not None
    assert (head.seq, head.hash) == (entries[-1].seq, entries[-1].hash)
    assert head.device_id == opened.device.device_id


def test_an_edit_is_found(opened: OpenedProfile) -> None:
    _append(opened, 5)
    _sql(opened, "UPDATE audit_log SET actor = 'someone' WHERE seq = 3")
    assert _kinds(opened) == [("edited", 3)]


def test_a_removal_is_found(opened: OpenedProfile) -> None:
    _append(opened, 5)
    _sql(opened, "DELETE FROM audit_log WHERE seq = 4")
    assert _kinds(opened) == [("removed", 4)]


def test_a_reorder_is_found(opened: OpenedProfile) -> None:
    _append(opened, 5)
    _sql(
        opened,
        "UPDATE audit_log SET seq = -1 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = -1",
    )
    assert _kinds(opened) == [("reordered", 3), ("reordered", 4)]


def test_truncation_is_found(opened: OpenedProfile) -> None:
    _append(opened, 5)
    with opened.store.read_unit_of_work() as uow:
        last = uow.audit_trail.head()
    assert last is not None
    _sql(opened, f"DELETE FROM audit_log WHERE seq > {last.seq - 2}")
    assert _kinds(opened) == [("truncated", last.seq - 1)]


def test_cli_reports_tampering_with_exit_1(
    desk_profile: Profile, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", PASSPHRASE)
    create_desk_accounts(desk_profile)
    use_login(monkeypatch, DESK_IT)  # audit verify is IT's (tests/cli_accounts.py)
    with open_profile(desk_profile) as opened:
        _append(opened, 3)
    assert main(["audit", "verify"]) == 0
    assert "完好" in capsys.readouterr().out
    with open_profile(desk_profile) as opened:
        _sql(opened, "UPDATE audit_log SET details = '{}' WHERE seq = 2")
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "审计日志校验未通过" in err
    assert "第2条记录被修改" in err
