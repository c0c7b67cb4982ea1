"""The IT commands end to end on real profiles (in-process CLI, secrets from the environment)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.paths import Profile
from app.services.branch import read_branch
from app.wiring.profile import open_profile
from tests.integration.store.conftest import IT, PASSPHRASE


def test_first_it_account_then_users_need_an_it_login(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("user", "add", "wang", BIZDESK_NEW_PASSWORD="Clerk12345x")
    assert code == 2
    assert "BIZDESK_USER" in err
    code, out, _ = run("user", "add", "wang", "--name", "王", BIZDESK_NEW_PASSWORD="Clerk12345x", **IT)
    assert code == 0
    assert "wang" in out
    code, _, err = run("user", "list", BIZDESK_USER="boss", BIZDESK_USER_PASSWORD="wrong password 1")
    assert code == 1
    assert "用户名或密码不正确" in err
    code, _, err = run("user", "list", BIZDESK_USER="wang", BIZDESK_USER_PASSWORD="Clerk12345x")
    assert code == 1
    assert "无权" in err
    code, _, err = run("user", "add", "li", "--role", "boss", **IT)
    assert code == 2


def test_lock_list_and_unlock(run) -> None:  # type: ignore[no-untyped-def]
    run("user", "add", "wang", BIZDESK_NEW_PASSWORD="Clerk12345x", **IT)
    for _ in range(5):
        run("user", "passwd", "wang", BIZDESK_USER="wang", BIZDESK_USER_PASSWORD="wrong password 1")
    code, out, _ = run("user", "list", "--json", **IT)
    listed = {u["username"]: u for u in json.loads(out)}
    assert code == 0
    assert listed["wang"]["locked_seconds"] > 0
    assert run("user", "unlock", "wang", **IT)[0] == 0
    code, out, _ = run("user", "list", "--json", **IT)
    assert {u["username"]: u for u in json.loads(out)}["wang"]["locked_seconds"] == 0
    code, _, _ = run(
        "user",
        "passwd",
        "wang",
        BIZDESK_USER="wang",
        BIZDESK_USER_PASSWORD="Clerk12345x",
        BIZDESK_NEW_PASSWORD="Newer12345x",
    )
    assert code == 0
    code, _, err = run("user", "passwd", "wang", BIZDESK_NEW_PASSWORD="weak", **IT)
    assert code == 1
    assert "密码不符合要求" in err


def test_db_commands(run, desk_profile: Profile) -> None:  # type: ignore[no-untyped-def]
    for inspect in (("db", "status"), ("db", "check")):  # no sign-in, no look at the database
        code, _, err = run(*inspect)
        assert code == 2
        assert "BIZDESK_USER" in err
    code, out, _ = run("db", "status", "--json", **IT)
    status = json.loads(out)
    assert code == 0
    assert status["current"] == status["head"]
    assert status["pending"] == []
    assert status["wraps"] == ["passphrase"]
    assert run("db", "upgrade")[0] == 0
    assert run("db", "check", **IT)[0] == 0
    assert run("db", "set", "idle_lock_seconds", "120", **IT)[0] == 0
    code, _, err = run("db", "set", "idle_lock_seconds", "-1", **IT)
    assert code == 2
    assert "No such option" not in err
    assert "idle_lock_seconds" in err
    assert "60 到 3600 之间的整数" in err
    assert run("db", "set", "idle_lock_seconds", "5", **IT)[0] == 1
    assert run("db", "set", "colour", "5", **IT)[0] == 2
    assert run("db", "set", "idle_lock_seconds", "two minutes", **IT)[0] == 2
    assert run("db", "set", "branch.address", "寿光市圣城街道农圣东街1号", **IT)[0] == 0
    assert run("db", "set", "branch.supervision_phone", "0536-12345", **IT)[0] == 0
    code, _, err = run("db", "set", "branch.phone", "电话", **IT)
    assert code == 1
    assert "咨询电话" in err
    code, out, _ = run("db", "rekey", **IT)
    assert code == 0
    assert "第2版" in out
    assert run("db", "purge", **IT)[0] == 0
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert opened.desk().idle_lock_seconds() == 120
        with opened.store.read_unit_of_work() as uow:
            branch = read_branch(uow.settings, training=False)
        assert (branch.address, branch.supervision_phone, branch.phone) == (
            "寿光市圣城街道农圣东街1号",
            "0536-12345",
            "",
        )
        assert opened.key_file.key_version == 2


def test_backup_and_restore_on_another_machine(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "desk.bizdesk-backup"
    code, _, err = run("backup", str(backup), BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1")
    assert code == 2
    assert "BIZDESK_USER" in err
    assert run("backup", str(backup), BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1", **IT)[0] == 0
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "new-pc"))
    code, _, err = run("restore", str(backup), BIZDESK_BACKUP_PASSPHRASE="wrong passphrase 1")
    assert code == 1
    assert "口令不正确" in err
    code, _, err = run("restore", str(backup), BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1")
    assert code == 1  # another PC's backup: a device replacement, which IT says explicitly
    assert "更换设备" in err
    assert "--replace-device" in err
    code, out, _ = run(
        "restore", str(backup), "--replace-device", BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1"
    )
    assert code == 0
    assert "已恢复" in out
    code, out, _ = run("audit", "verify", **IT)
    assert code == 0
    assert "完好" in out
    again = ("restore", str(backup), "--replace-device")
    code, _, _ = run(*again, BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1")
    assert code == 2  # the restored profile exists now: IT must log in first
    assert run(*again, BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1", **IT)[0] == 0
    assert len(list((tmp_path / "new-pc").glob("desk.before-restore-*"))) == 1


def test_recovery_key_set_up_and_restore_with_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    private, public = tmp_path / "it-recovery.pem", tmp_path / "it-recovery.pub.pem"
    assert (
        run(
            "db", "recovery-keygen", str(private), str(public), BIZDESK_RECOVERY_KEY_PASSWORD="it password 1"
        )[0]
        == 0
    )
    assert run("db", "recovery-key", str(public), **IT)[0] == 0
    code, out, _ = run("db", "status", "--json", **IT)
    assert json.loads(out)["wraps"] == ["passphrase", "recovery"]
    backup = tmp_path / "b.bin"
    assert run("backup", str(backup), BIZDESK_BACKUP_PASSPHRASE="backup passphrase 1", **IT)[0] == 0
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "new-pc"))
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "passphrase of the new pc")
    code, _, _ = run(
        "restore",
        str(backup),
        "--recovery-key",
        str(private),
        "--replace-device",
        BIZDESK_RECOVERY_KEY_PASSWORD="it password 1",
    )
    assert code == 0
    code, out, _ = run("db", "status", "--json", **IT)
    assert json.loads(out)["wraps"] == ["passphrase", "recovery"]


def test_db_recover_unlocks_a_desk_whose_passphrase_is_lost(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private, public = tmp_path / "it-recovery.pem", tmp_path / "it-recovery.pub.pem"
    key_password = {"BIZDESK_RECOVERY_KEY_PASSWORD": "it password 1"}
    assert run("db", "recovery-keygen", str(private), str(public), **key_password)[0] == 0
    assert run("db", "recovery-key", str(public), **IT)[0] == 0
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "the passphrase nobody remembers")
    code, _, err = run("user", "list", **IT)
    assert code == 1
    assert "口令不正确" in err
    code, _, err = run(
        "db", "recover", "--recovery-key", str(private), BIZDESK_RECOVERY_KEY_PASSWORD="wrong 1"
    )
    assert code == 1
    assert "无法读取恢复密钥文件" in err
    code, out, _ = run(
        "db", "recover", "--recovery-key", str(private), **key_password
    )  # sets this passphrase
    assert code == 0
    assert "已用IT恢复密钥解锁" in out
    code, out, _ = run("user", "list", **IT)
    assert code == 0
    assert "boss" in out


def test_an_invented_name_locks_at_the_fifth_try_as_a_real_one(  # type: ignore[no-untyped-def]
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``bizdesk`` command is a process of its own: the failures of a name with no account are
    counted in the store, so that it locks at the same try as a real account (no user enumeration)."""
    from app.accounts import service
    from app.accounts.unknown_names import UnknownNames

    run("user", "add", "wang", BIZDESK_NEW_PASSWORD="Clerk12345x", **IT)

    def tries(name: str) -> list[str]:
        said = []
        for _ in range(6):
            monkeypatch.setattr(service, "UNKNOWN_NAMES", UnknownNames())  # as a new process starts
            code, _, err = run("case", "list", BIZDESK_USER=name, BIZDESK_USER_PASSWORD="wrong password 1")
            assert code == 1
            said.append(re.sub(r"\d+", "N", err.strip().splitlines()[0]))  # the seconds left run on
        return said

    real, invented = tries("wang"), tries("nobody-here")
    assert invented == real
    assert real[4].startswith("账户已被暂时锁定")  # the fifth failure locks
    assert real[3].startswith("用户名或密码不正确")
