"""系统管理's restore on real training profiles: the running desk goes on with the restored store, and
every refusal (role, password, another profile's, damaged, newer, missing file, wrong passphrase)
leaves what is stored as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from app.accounts.roles import PermissionDenied
from app.accounts.service import TRAINING_PASSWORD
from app.desk.local import LocalDesk
from app.errors import AuthError, BizdeskError
from app.paths import Profile
from app.services.backup import write_backup
from app.services.backup_errors import (
    BackupDamaged,
    BackupFileMissing,
    BackupFromNewerVersion,
    BackupOfAnotherProfile,
    BackupPassphraseWrong,
)
from app.services.case_search import SearchRequest
from app.training.seeding import seed_cases
from app.wiring.desk_runtime import page_desk
from app.wiring.profile import OpenedProfile, open_profile

BACKUP_PASSPHRASE = "备份口令 correct horse 2026"


class PauseLog:
    """Stands in for the desk's background sync: records when the store work held it."""

    def __init__(self) -> None:
        self.events: list[str] = []

    @contextmanager
    def paused(self) -> Iterator[None]:
        self.events.append("paused")
        yield
        self.events.append("resumed")


def _as(opened: OpenedProfile, username: str, pause: PauseLog | None = None) -> LocalDesk:
    desk = page_desk(opened, pause_sync=pause.paused) if pause else page_desk(opened)
    assert desk.login(username, TRAINING_PASSWORD).ok
    return desk


def _case_ids(opened: OpenedProfile) -> set[str]:
    found = _as(opened, "clerk").search_cases(SearchRequest())
    return {hit.case_id for hit in found.hits}


def test_it_restores_a_backup_and_the_running_desk_goes_on_with_the_restored_store(
    opened: OpenedProfile, tmp_path: Path
) -> None:
    with opened.store.unit_of_work() as uow:
        seed_cases(uow, 3, training=True, seed=5)
    earlier = _case_ids(opened)
    pause = PauseLog()
    it = _as(opened, "itadmin", pause)
    backup = tmp_path / "earlier.bdk"
    it.admin_backup(TRAINING_PASSWORD, str(backup), BACKUP_PASSPHRASE)
    with opened.store.unit_of_work() as uow:
        seed_cases(uow, 2, training=True, seed=6)
    it.admin_add_user("clerk9", "窗口人员九", "clerk", "Chuangkou-2026")
    assert len(_case_ids(opened)) == 5
    done = it.admin_restore(TRAINING_PASSWORD, str(backup), BACKUP_PASSPHRASE)
    assert pause.events == ["paused", "resumed"]
    assert done.cases == 3
    assert done.kept_old_profile is not None
    assert Path(done.kept_old_profile).is_dir()
    assert it.user is None  # signed out: the accounts are the backup's now
    assert _case_ids(opened) == earlier  # the same open profile, on the restored files
    assert not page_desk(opened).login("clerk9", "Chuangkou-2026").ok
    again = _as(opened, "itadmin")
    again.admin_add_user("clerk8", "窗口人员八", "clerk", "Chuangkou-2026")  # writes go to the restored store
    assert again.admin_verify_audit().ok
    opened.close()
    with open_profile(opened.profile) as reopened:  # the next start opens the restored store too
        assert _case_ids(reopened) == earlier
        assert page_desk(reopened).login("clerk8", "Chuangkou-2026").ok
        with reopened.store.read_unit_of_work() as uow:
            assert "restore" in [entry.action for entry in uow.audit_trail.entries()]
    with open_profile(Profile("training", Path(done.kept_old_profile))) as kept:
        assert len(_case_ids(kept)) == 5  # the replaced data is kept aside, untouched
        assert not page_desk(kept).login("clerk8", "Chuangkou-2026").ok


def test_a_sign_in_made_before_a_restore_ends_in_every_other_page(
    opened: OpenedProfile, tmp_path: Path
) -> None:
    """A clerk's page open beside IT's: after IT restores, that page's sign-in belonged to the data
    set aside, so its next call is refused with the reason and nothing it does reaches the store."""
    clerk = _as(opened, "clerk")
    idle = _as(opened, "trainer")
    idle.logout()  # its page is locked (idle): no one signed in, the sign-in's data remembered
    it = _as(opened, "itadmin")
    backup = tmp_path / "earlier.bdk"
    it.admin_backup(TRAINING_PASSWORD, str(backup), BACKUP_PASSPHRASE)
    assert not clerk.session_ended()
    it.admin_restore(TRAINING_PASSWORD, str(backup), BACKUP_PASSPHRASE)
    assert clerk.session_ended()
    assert idle.session_ended()  # the locked page is sent to the login too
    with opened.store.read_unit_of_work() as uow:
        before = len(list(uow.audit_trail.entries()))
    with pytest.raises(AuthError) as refused:
        clerk.search_cases(SearchRequest())
    assert refused.value.code == "auth.data_restored"
    assert "重新登录" in refused.value.message_zh
    assert clerk.user is None
    clerk.logout()  # the page's sign-out writes nothing for a person of the data set aside
    with opened.store.read_unit_of_work() as uow:
        assert len(list(uow.audit_trail.entries())) == before
    assert clerk.login("clerk", TRAINING_PASSWORD).ok  # signing in again works on the restored store
    assert not clerk.session_ended()
    assert clerk.search_cases(SearchRequest()).hits is not None


def _desk_backup(tmp_path: Path) -> Path:
    target = tmp_path / "real-desk.bdk"
    with open_profile(Profile("desk", tmp_path / "other" / "desk")) as desk:
        write_backup(desk, target, BACKUP_PASSPHRASE, actor=None)
    return target


def _newer_backup(tmp_path: Path) -> Path:
    target = tmp_path / "newer.bdk"
    with open_profile(Profile("training", tmp_path / "newer" / "training")) as newer:
        with newer.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
        write_backup(newer, target, BACKUP_PASSPHRASE, actor=None)
    return target


def _damaged_backup(opened: OpenedProfile, tmp_path: Path) -> Path:
    target = tmp_path / "damaged.bdk"
    write_backup(opened, target, BACKUP_PASSPHRASE, actor=None)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target


REFUSALS: dict[str, tuple[Callable[[OpenedProfile, Path], tuple[str, str, str]], type[BizdeskError], str]] = {
    "clerk": (
        lambda o, t: ("clerk", TRAINING_PASSWORD, str(_damaged_backup(o, t))),
        PermissionDenied,
        "无权",
    ),
    "wrong_it_password": (
        lambda o, t: ("itadmin", "not-the-password", str(_damaged_backup(o, t))),
        AuthError,
        "密码",
    ),
    "other_profile": (
        lambda o, t: ("itadmin", TRAINING_PASSWORD, str(_desk_backup(t))),
        BackupOfAnotherProfile,
        "培训",
    ),
    "damaged": (
        lambda o, t: ("itadmin", TRAINING_PASSWORD, str(_damaged_backup(o, t))),
        BackupDamaged,
        "损坏",
    ),
    "newer": (
        lambda o, t: ("itadmin", TRAINING_PASSWORD, str(_newer_backup(t))),
        BackupFromNewerVersion,
        "升级",
    ),
    "missing": (
        lambda o, t: ("itadmin", TRAINING_PASSWORD, str(t / "nowhere.bdk")),
        BackupFileMissing,
        "备份文件路径",
    ),
}


@pytest.mark.parametrize("refusal", sorted(REFUSALS))
def test_a_refused_restore_changes_nothing_stored(
    opened: OpenedProfile, tmp_path: Path, refusal: str
) -> None:
    with opened.store.unit_of_work() as uow:
        seed_cases(uow, 2, training=True, seed=7)
    before = _case_ids(opened)
    make, error, named = REFUSALS[refusal]
    username, password, source = make(opened, tmp_path)
    siblings = sorted(p.name for p in opened.profile.root.parent.iterdir())
    desk = _as(opened, username)
    with pytest.raises(error) as refused:
        desk.admin_restore(password, source, BACKUP_PASSPHRASE)
    assert named in refused.value.message_zh
    assert sorted(p.name for p in opened.profile.root.parent.iterdir()) == siblings  # nothing swapped
    assert _case_ids(opened) == before  # the desk goes on with its own store
    assert desk.user is not None  # still signed in: nothing happened


def test_the_wrong_backup_passphrase_names_the_backup(opened: OpenedProfile, tmp_path: Path) -> None:
    it = _as(opened, "itadmin")
    backup = tmp_path / "b.bdk"
    it.admin_backup(TRAINING_PASSWORD, str(backup), BACKUP_PASSPHRASE)
    with pytest.raises(BackupPassphraseWrong) as refused:
        it.admin_restore(TRAINING_PASSWORD, str(backup), "not the backup passphrase")
    assert "备份口令不正确" in refused.value.message_zh
    assert it.user is not None
