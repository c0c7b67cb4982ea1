"""Encrypted backups restore on a new machine with the passphrase or IT's recovery key."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.paths import Profile
from app.ports import CaseSummary
from app.security import keyfile, profile_keys, recovery
from app.security.attachments import load_attachment, save_attachment
from app.security.wrapping import WrongKey
from app.services.backup import (
    BackupDamaged,
    BackupKeySource,
    BackupOfAnotherDevice,
    BackupPassphraseWrong,
    NotABackup,
    write_backup,
)
from app.wiring.profile import open_profile
from app.wiring.restore import restore_profile
from tests.integration.store.conftest import PASSPHRASE
from tests.unit.security.memory_keyring import MemoryKeyring

BACKUP_PASSPHRASE = "backup passphrase 2026"
ID_NUMBER = "11010519491231002X"
SCAN = b"scan of an ID card " * 2000


def _populate(profile: Profile) -> None:
    with open_profile(profile, passphrase=PASSPHRASE) as opened:
        files = opened.files
        with opened.store.unit_of_work() as uow:
            for i in range(3):
                summary = CaseSummary(f"SG-{i}", "寿光测试有限公司", "llc", "draft")
                uow.cases.add(
                    {"case_id": summary.case_id, "id": ID_NUMBER}, summary, [("id_number", ID_NUMBER)]
                )
            save_attachment(uow, files, "SG-0", "id_front", SCAN, "image/png")
            uow.commit()


def _backup(profile: Profile, target: Path) -> None:
    with open_profile(profile, passphrase=PASSPHRASE) as opened:
        summary = write_backup(opened, target, BACKUP_PASSPHRASE, actor="boss")
        with opened.store.read_unit_of_work() as uow:  # recorded once the file is complete, so not inside it
            assert [e.action for e in uow.audit_trail.entries()][-1] == "backup"
    assert (summary.cases, summary.attachments) == (3, 1)


def _check_restored(profile: Profile, passphrase: str | None = None, keyring: object | None = None) -> None:
    opened = open_profile(profile, passphrase=passphrase, keyring_backend=keyring)
    with opened, opened.store.read_unit_of_work() as uow:
        assert uow.cases.count() == 3
        assert uow.cases.find("id_number", ID_NUMBER) == ["SG-0", "SG-1", "SG-2"]
        assert load_attachment(uow, opened.files, "SG-0", "id_front") == SCAN
        assert uow.audit_trail.verify().ok
        actions = [e.action for e in uow.audit_trail.entries()]
        assert actions[-1] == "restore"
        assert "backup" not in actions  # the backup's own entry follows the finished file


def test_round_trip_to_a_new_machine_with_the_passphrase(desk_profile: Profile, tmp_path: Path) -> None:
    _populate(desk_profile)
    backup = tmp_path / "desk.bizdesk-backup"
    _backup(desk_profile, backup)
    assert ID_NUMBER.encode() not in backup.read_bytes()
    new_machine = Profile("desk", tmp_path / "other-pc" / "desk")
    keyring = MemoryKeyring()
    summary = restore_profile(
        new_machine,
        backup,
        BackupKeySource(passphrase=BACKUP_PASSPHRASE),
        passphrase=None,
        keyring_backend=keyring,
        replace_device=True,  # another PC: IT replaces the desk's hardware
    )
    assert summary.kept_old_profile is None
    assert summary.wraps == ["kek"]  # re-wrapped for the new machine's keyring
    _check_restored(new_machine, keyring=keyring)


def test_round_trip_with_the_it_recovery_key(desk_profile: Profile, tmp_path: Path) -> None:
    public_raw = recovery.generate(tmp_path / "it.pem", tmp_path / "it.pub.pem", password="it key password")
    _populate(desk_profile)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        updated = profile_keys.with_recovery_key(opened.key_file, opened.data_key, public_raw)
        keyfile.save(keyfile.path_in(desk_profile.root), updated)
    backup = tmp_path / "b.bin"
    _backup(desk_profile, backup)
    private = recovery.load_private_key(tmp_path / "it.pem", "it key password")
    new_machine = Profile("desk", tmp_path / "other-pc" / "desk")
    restore_profile(
        new_machine,
        backup,
        BackupKeySource(recovery_private_key=private),
        passphrase="new passphrase 1",
        replace_device=True,
    )
    _check_restored(new_machine, passphrase="new passphrase 1")


def test_restoring_over_a_profile_keeps_the_old_one_aside(desk_profile: Profile, tmp_path: Path) -> None:
    _populate(desk_profile)
    backup = tmp_path / "b.bin"
    _backup(desk_profile, backup)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened, opened.store.unit_of_work() as uow:
        uow.cases.delete("SG-1")
        uow.commit()
    summary = restore_profile(
        desk_profile, backup, BackupKeySource(passphrase=BACKUP_PASSPHRASE), passphrase=PASSPHRASE
    )
    assert summary.kept_old_profile is not None
    assert (summary.kept_old_profile / "bizdesk.db").exists()
    _check_restored(desk_profile, passphrase=PASSPHRASE)


def test_wrong_passphrase_or_recovery_key_is_refused(desk_profile: Profile, tmp_path: Path) -> None:
    _populate(desk_profile)
    backup = tmp_path / "b.bin"
    _backup(desk_profile, backup)
    target = Profile("desk", tmp_path / "x" / "desk")
    with pytest.raises(BackupPassphraseWrong):
        restore_profile(target, backup, BackupKeySource(passphrase="wrong passphrase"), passphrase=PASSPHRASE)
    recovery.generate(tmp_path / "k.pem", tmp_path / "k.pub")
    with pytest.raises(Exception, match="passphrase or IT's recovery"):
        restore_profile(
            target,
            backup,
            BackupKeySource(recovery_private_key=recovery.load_private_key(tmp_path / "k.pem")),
            passphrase=PASSPHRASE,
        )
    assert not target.root.exists()
    assert not list((tmp_path / "x").glob(".desk.restore-*"))


@pytest.mark.parametrize("where", ["header", "middle", "end", "truncate", "append"])
def test_a_damaged_backup_is_refused(desk_profile: Profile, tmp_path: Path, where: str) -> None:
    _populate(desk_profile)
    backup = tmp_path / "b.bin"
    _backup(desk_profile, backup)
    data = bytearray(backup.read_bytes())
    if where == "truncate":
        data = data[: len(data) - 100]
    elif where == "append":
        data += b"\0" * 16
    else:
        offset = {"header": 40, "middle": len(data) // 2, "end": len(data) - 5}[where]
        data[offset] ^= 0x01
    backup.write_bytes(bytes(data))
    with pytest.raises((BackupDamaged, BackupPassphraseWrong)):
        restore_profile(
            Profile("desk", tmp_path / "x" / "desk"),
            backup,
            BackupKeySource(passphrase=BACKUP_PASSPHRASE),
            passphrase=PASSPHRASE,
        )


def test_a_failed_backup_records_nothing_and_leaves_nothing(desk_profile: Profile, tmp_path: Path) -> None:
    _populate(desk_profile)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        with opened.store.read_unit_of_work() as uow:
            before = [e.action for e in uow.audit_trail.entries()]
        with pytest.raises(FileNotFoundError):
            write_backup(opened, tmp_path / "no such folder" / "b.bin", BACKUP_PASSPHRASE, actor="boss")
        with opened.store.read_unit_of_work() as uow:
            assert [e.action for e in uow.audit_trail.entries()] == before
    assert list(desk_profile.tmp.iterdir()) == []


def test_the_wrong_backup_passphrase_names_the_backup(desk_profile: Profile, tmp_path: Path) -> None:
    _populate(desk_profile)
    backup = tmp_path / "b.bin"
    _backup(desk_profile, backup)
    with pytest.raises(BackupPassphraseWrong) as refused:
        restore_profile(
            Profile("desk", tmp_path / "x" / "desk"),
            backup,
            BackupKeySource(passphrase="wrong passphrase"),
            passphrase=PASSPHRASE,
        )
    assert "备份口令不正确" in refused.value.message_zh
    assert "本机数据" not in refused.value.message_zh


def test_a_file_that_is_no_backup_is_named_so(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(NotABackup):
        restore_profile(
            Profile("desk", tmp_path / "x" / "desk"),
            other,
            BackupKeySource(passphrase="x"),
            passphrase=PASSPHRASE,
        )


def test_recovery_key_file_with_a_wrong_password_is_a_clear_error(tmp_path: Path) -> None:
    recovery.generate(tmp_path / "k.pem", tmp_path / "k.pub", password="right password")
    with pytest.raises(recovery.RecoveryKeyUnreadable):
        recovery.load_private_key(tmp_path / "k.pem", "wrong password")
    assert isinstance(WrongKey("a", "b"), Exception)


def test_another_desks_backup_is_a_device_replacement_refused_unless_it_says_so(
    desk_profile: Profile, tmp_path: Path
) -> None:
    """Issue 20: desk D4's backup restored on desk D1 made D1 into D4 silently."""
    _populate(desk_profile)  # D4
    backup = tmp_path / "d4.bin"
    _backup(desk_profile, backup)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened, opened.store.read_unit_of_work() as uow:
        d4 = uow.device().device_id
    d1 = Profile("desk", tmp_path / "d1-pc" / "desk")
    with open_profile(d1, passphrase=PASSPHRASE) as opened, opened.store.read_unit_of_work() as uow:
        d1_device = uow.device().device_id
    with pytest.raises(BackupOfAnotherDevice) as refused:
        restore_profile(d1, backup, BackupKeySource(passphrase=BACKUP_PASSPHRASE), passphrase=PASSPHRASE)
    assert "更换设备" in refused.value.message_zh
    assert "--replace-device" in refused.value.message_en
    with open_profile(d1, passphrase=PASSPHRASE) as opened, opened.store.read_unit_of_work() as uow:
        assert uow.device().device_id == d1_device  # D1 is still D1
        assert uow.cases.count() == 0
    restore_profile(
        d1, backup, BackupKeySource(passphrase=BACKUP_PASSPHRASE), passphrase=PASSPHRASE, replace_device=True
    )
    with open_profile(d1, passphrase=PASSPHRASE) as opened, opened.store.read_unit_of_work() as uow:
        assert uow.device().device_id == d4
        [replaced] = [e for e in uow.audit_trail.entries() if e.action == "device.replace"]
        assert replaced.details["device_id"] == d4
    restore_profile(  # D4's own backup on D4's own installation needs no confirmation
        desk_profile, backup, BackupKeySource(passphrase=BACKUP_PASSPHRASE), passphrase=PASSPHRASE
    )
