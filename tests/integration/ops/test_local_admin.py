"""系统管理 on a real training profile, with the composition root's operations: backup, key rotation,
retention, audit, device (the accounts' use cases run on the in-memory store: tests/unit/desk)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.accounts.roles import PermissionDenied
from app.accounts.service import TRAINING_PASSWORD
from app.desk.local import LocalDesk
from app.errors import AuthError, InputRejected
from app.services.case_search import SearchRequest
from app.training.seeding import seed_cases
from app.wiring.desk_runtime import page_desk
from app.wiring.profile import OpenedProfile, open_profile


def _as(opened: OpenedProfile, username: str, password: str = TRAINING_PASSWORD) -> LocalDesk:
    desk = page_desk(opened)
    assert desk.login(username, password).ok
    return desk


def test_backup_retention_audit_and_device(opened: OpenedProfile, tmp_path: Path) -> None:
    it = _as(opened, "itadmin")
    target = tmp_path / "desk.bdk"
    with pytest.raises(AuthError):
        it.admin_backup("not-the-password", str(target), "备份口令 correct horse 2026")
    assert not target.exists()
    done = it.admin_backup(TRAINING_PASSWORD, str(target), "备份口令 correct horse 2026")
    assert target.is_file()
    assert done.bytes_written == target.stat().st_size
    assert it.admin_retention_days() == 180
    with pytest.raises(InputRejected):
        it.admin_set_retention_days(5)
    assert it.admin_set_retention_days(365) == 365
    assert it.admin_retention_days() == 365
    check = it.admin_verify_audit()
    assert check.ok
    assert check.entries > 0
    device = it.admin_device()
    assert not device.enrolled
    assert device.device_id == opened.device.device_id
    assert it.admin_updates().pack_source == "shipped"
    bundle = Path(it.admin_diagnostics(str(tmp_path / "diag.zip")))
    with zipfile.ZipFile(bundle) as packed:
        assert "sync.json" in packed.namelist()


def test_it_rotates_the_data_key_and_the_desk_reopens_with_its_cases(opened: OpenedProfile) -> None:
    with opened.store.unit_of_work() as uow:
        seed_cases(uow, 5, training=True, seed=3)
    before = _case_keys(opened)
    assert len(before) == 5
    old_key, old_version = opened.data_key, opened.key_file.key_version
    with pytest.raises(PermissionDenied):
        _as(opened, "clerk").admin_rotate_key(TRAINING_PASSWORD)
    it = _as(opened, "itadmin")
    with pytest.raises(AuthError):
        it.admin_rotate_key("not-the-password")
    assert opened.key_file.key_version == old_version  # refused: nothing changed
    done = it.admin_rotate_key(TRAINING_PASSWORD)
    assert done.key_version == old_version + 1
    assert opened.data_key != old_key
    assert _case_keys(opened) == before  # the open desk goes on under the new key
    opened.close()
    with open_profile(opened.profile) as reopened:
        assert reopened.key_file.key_version == done.key_version
        assert reopened.data_key != old_key
        assert _case_keys(reopened) == before
        with reopened.store.read_unit_of_work() as uow:
            assert uow.audit_trail.verify().ok


def _case_keys(opened: OpenedProfile) -> set[str]:
    found = _as(opened, "clerk").search_cases(SearchRequest())
    assert not found.more
    return {hit.case_id for hit in found.hits}
