"""Key lifecycle on real files: keyring unlock, keyring enrolment, rotation, interrupted rotation."""

from __future__ import annotations

import pytest

from app.paths import Profile
from app.ports import CaseSummary
from app.security import keyfile
from app.services.rotation import PassphraseNeededForRotation, pending_path, rotate_data_key
from app.store.engine import WrongDataKey, make_engine
from app.wiring.profile import open_profile
from tests.integration.store.conftest import PASSPHRASE
from tests.unit.security.memory_keyring import MemoryKeyring


def _add_case(profile: Profile, **open_args: object) -> None:
    with open_profile(profile, **open_args) as opened, opened.store.unit_of_work() as uow:  # type: ignore[arg-type]
        uow.cases.add({"case_id": "SG-1"}, CaseSummary("SG-1", "寿光测试有限公司", "llc", "draft"), [])
        uow.commit()


def test_a_trusted_keyring_unlocks_without_passphrase(desk_profile: Profile) -> None:
    keyring = MemoryKeyring()
    _add_case(desk_profile, keyring_backend=keyring)
    with open_profile(desk_profile, keyring_backend=keyring) as opened:
        assert opened.unlocked_with == "kek"
        assert opened.key_file.methods() == ["kek"]
    assert len(keyring.secrets) == 1
    with pytest.raises(Exception, match="BIZDESK_PASSPHRASE"):
        open_profile(desk_profile, keyring_backend=MemoryKeyring())  # another machine's keyring


def test_passphrase_unlock_enrols_a_newly_available_keyring(desk_profile: Profile) -> None:
    _add_case(desk_profile, passphrase=PASSPHRASE)
    keyring = MemoryKeyring()
    with open_profile(desk_profile, passphrase=PASSPHRASE, keyring_backend=keyring) as opened:
        assert opened.unlocked_with == "passphrase"
        assert sorted(opened.key_file.methods()) == ["kek", "passphrase"]
    with open_profile(desk_profile, keyring_backend=keyring) as opened:
        assert opened.unlocked_with == "kek"


def test_rotation_rekeys_the_database_and_rewraps(desk_profile: Profile) -> None:
    _add_case(desk_profile, passphrase=PASSPHRASE)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        old_key = opened.data_key
        new_file = rotate_data_key(opened, by="itadmin")
        assert new_file.key_version == 2
        assert opened.data_key != old_key
        with opened.store.read_unit_of_work() as uow:
            assert uow.cases.get("SG-1") is not None
    old_engine = make_engine(desk_profile.database, old_key)
    with pytest.raises(WrongDataKey), old_engine.connect():
        pass
    old_engine.dispose()
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert opened.key_file.key_version == 2
        with opened.store.read_unit_of_work() as uow:
            assert uow.cases.count() == 1
    assert not pending_path(desk_profile.root).exists()


def test_rotation_of_a_passphrase_profile_needs_the_passphrase(desk_profile: Profile) -> None:
    keyring = MemoryKeyring()
    _add_case(desk_profile, passphrase=PASSPHRASE, keyring_backend=keyring)
    with (
        open_profile(desk_profile, keyring_backend=keyring) as opened,
        pytest.raises(PassphraseNeededForRotation),
    ):
        rotate_data_key(opened, by="itadmin")


def test_a_crash_between_rekey_and_key_file_swap_is_recovered(desk_profile: Profile) -> None:
    _add_case(desk_profile, passphrase=PASSPHRASE)
    current = keyfile.path_in(desk_profile.root)
    old_text = current.read_text()
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        rotate_data_key(opened, by="itadmin")
    # put the machine back to the moment after "PRAGMA rekey", before the key file was replaced
    pending_path(desk_profile.root).write_text(current.read_text())
    current.write_text(old_text)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert opened.key_file.key_version == 2
        with opened.store.read_unit_of_work() as uow:
            assert uow.cases.count() == 1
    assert not pending_path(desk_profile.root).exists()


def test_a_crash_before_the_rekey_leaves_the_old_key_in_force(desk_profile: Profile) -> None:
    _add_case(desk_profile, passphrase=PASSPHRASE)
    current = keyfile.path_in(desk_profile.root)
    pending_path(desk_profile.root).write_text(
        current.read_text().replace('"key_version": 1', '"key_version": 7')
    )
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        assert opened.key_file.key_version == 1
    assert not pending_path(desk_profile.root).exists()


def test_a_locked_keyring_falls_back_to_the_passphrase(desk_profile: Profile) -> None:
    keyring = MemoryKeyring()
    _add_case(desk_profile, passphrase=PASSPHRASE, keyring_backend=keyring)
    keyring.refuse = True
    with open_profile(desk_profile, passphrase=PASSPHRASE, keyring_backend=keyring) as opened:
        assert opened.unlocked_with == "passphrase"
    with pytest.raises(Exception, match="keyring refused"):
        open_profile(desk_profile, keyring_backend=keyring)
