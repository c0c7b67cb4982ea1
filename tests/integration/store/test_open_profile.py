"""open_profile on real SQLCipher files: create, reopen, refuse without the key, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.errors import ProfileError
from app.paths import Profile
from app.ports import CaseSummary, StaleRevision
from app.security.profile_keys import KeysMissing
from app.security.wrapping import WrongPassphrase
from app.store.engine import WrongDataKey
from app.wiring.profile import open_profile
from tests.integration.store.conftest import PASSPHRASE

ID_NUMBER = "11010519491231002X"


def _summary(case_id: str, status: str = "draft") -> CaseSummary:
    return CaseSummary(case_id, company_name="寿光测试科技有限公司", company_type="llc", status=status)


def test_a_new_desk_profile_needs_a_keyring_or_a_passphrase(desk_profile: Profile) -> None:
    with pytest.raises(ProfileError) as refused:
        open_profile(desk_profile)
    assert "BIZDESK_PASSPHRASE" in refused.value.message_zh


def test_cases_survive_a_reopen_and_are_found_by_exact_key(desk_profile: Profile) -> None:
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert opened.unlocked_with == "created"
        with opened.store.unit_of_work() as uow:
            uow.cases.add({"case_id": "SG-1", "n": 1}, _summary("SG-1"), [("id_number", ID_NUMBER)])
            uow.commit()
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert opened.unlocked_with == "passphrase"
        with opened.store.read_unit_of_work() as uow:
            stored = uow.cases.get("SG-1")
            assert stored is not None
            assert stored.document == {"case_id": "SG-1", "n": 1}
            assert uow.cases.find("id_number", ID_NUMBER) == ["SG-1"]
            assert uow.cases.find("id_number", ID_NUMBER[:-1] + "0") == []


def test_uncommitted_work_is_rolled_back(opened: object) -> None:
    from app.wiring.profile import OpenedProfile

    assert isinstance(opened, OpenedProfile)
    with opened.store.unit_of_work() as uow:
        uow.cases.add({"case_id": "SG-2"}, _summary("SG-2"), [])
    with opened.store.read_unit_of_work() as uow:
        assert uow.cases.get("SG-2") is None


def test_replace_checks_the_revision(opened: object) -> None:
    from app.wiring.profile import OpenedProfile

    assert isinstance(opened, OpenedProfile)
    with opened.store.unit_of_work() as uow:
        uow.cases.add({"v": 1}, _summary("SG-3"), [("uscc", "91370783MA3C0X1234")])
        uow.commit()
    with opened.store.unit_of_work() as uow:
        assert uow.cases.replace({"v": 2}, _summary("SG-3", "ready"), [], expected_revision=1) == 2
        uow.commit()
    with opened.store.unit_of_work() as uow:
        with pytest.raises(StaleRevision):
            uow.cases.replace({"v": 3}, _summary("SG-3"), [], expected_revision=1)
        stored = uow.cases.get("SG-3")
        assert stored is not None
        assert (stored.revision, stored.summary.status) == (2, "ready")
        assert uow.cases.find("uscc", "91370783MA3C0X1234") == []


def test_wrong_passphrase_is_a_clear_error(desk_profile: Profile) -> None:
    open_profile(desk_profile, passphrase=PASSPHRASE).close()
    with pytest.raises(WrongPassphrase) as wrong:
        open_profile(desk_profile, passphrase="not the passphrase 1")
    assert "口令不正确" in wrong.value.message_zh
    assert "not a database" not in wrong.value.message_en


def test_plain_sqlite_cannot_read_the_database(opened: object, desk_profile: Profile) -> None:
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(desk_profile.database).execute("SELECT * FROM sqlite_master").fetchall()


def test_training_profile_opens_on_a_fresh_machine_with_its_accounts(training_profile: Profile) -> None:
    with open_profile(training_profile) as opened:
        desk = opened.desk()
        assert desk.training
        assert {a.username for a in desk.training_accounts()} == {"trainer", "clerk", "itadmin"}
        account = desk.training_accounts()[0]
        assert desk.login(account.username, account.password).ok
        assert not desk.needs_first_it_account()


def test_a_wrong_data_key_is_a_clear_error(desk_profile: Profile, tmp_path: Path) -> None:
    other = Profile("desk", tmp_path / "other-pc" / "desk")
    open_profile(desk_profile, passphrase=PASSPHRASE).close()
    open_profile(other, passphrase=PASSPHRASE).close()
    other_keys = (other.root / "keys.json").read_bytes()
    (desk_profile.root / "keys.json").write_bytes(other_keys)
    with pytest.raises(WrongDataKey) as wrong:
        open_profile(desk_profile, passphrase=PASSPHRASE)
    assert "密钥不正确" in wrong.value.message_zh
    assert "file is not a database" not in wrong.value.message_en


def test_a_database_without_its_key_file_is_refused(desk_profile: Profile) -> None:
    open_profile(desk_profile, passphrase=PASSPHRASE).close()
    (desk_profile.root / "keys.json").unlink()
    with pytest.raises(KeysMissing) as missing:
        open_profile(desk_profile, passphrase=PASSPHRASE)
    assert "keys.json" in missing.value.message_zh
    assert desk_profile.database.exists()
