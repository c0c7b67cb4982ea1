"""The key file: atomic, owner-only, no secrets in clear, damage reported clearly."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pytest

from app.security import keyfile, profile_keys
from app.security.keyfile import KeyFileDamaged
from app.security.profile_keys import KeySources, NoWayToUnlock, PassphraseTooShort
from app.security.wrapping import WrongPassphrase
from tests.unit.security.memory_keyring import MemoryKeyring

PASSPHRASE = "desk passphrase 2026"


def test_create_wraps_with_what_the_machine_offers_and_unlocks(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    dek, key_file = profile_keys.create(KeySources(passphrase=PASSPHRASE, keyring=backend))
    assert key_file.methods() == ["kek", "passphrase"]
    path = keyfile.path_in(tmp_path)
    keyfile.save(path, key_file)
    loaded = keyfile.load(path)
    assert loaded == key_file
    assert profile_keys.unlock(loaded, KeySources(keyring=backend)) == (dek, "kek")
    assert profile_keys.unlock(loaded, KeySources(passphrase=PASSPHRASE)) == (dek, "passphrase")
    text = path.read_text()
    assert dek.hex() not in text
    assert PASSPHRASE not in text


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_key_file_is_owner_only(tmp_path: Path) -> None:
    _, key_file = profile_keys.create(KeySources(passphrase=PASSPHRASE))
    keyfile.save(keyfile.path_in(tmp_path), key_file)
    assert keyfile.path_in(tmp_path).stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["keys.json"]  # no temporary file left


def test_nothing_to_unlock_with_is_a_clear_error() -> None:
    _, key_file = profile_keys.create(KeySources(passphrase=PASSPHRASE))
    with pytest.raises(NoWayToUnlock) as locked:
        profile_keys.unlock(key_file, KeySources())
    assert "BIZDESK_PASSPHRASE" in locked.value.message_zh
    with pytest.raises(WrongPassphrase):
        profile_keys.unlock(key_file, KeySources(passphrase="another passphrase"))


def test_short_passphrases_and_no_protection_are_refused() -> None:
    with pytest.raises(PassphraseTooShort):
        profile_keys.create(KeySources(passphrase="short"))
    with pytest.raises(Exception, match="keyring"):
        profile_keys.create(KeySources())


def test_training_profile_opens_with_the_builtin_passphrase() -> None:
    dek, key_file = profile_keys.create(KeySources(training=True))
    assert profile_keys.unlock(key_file, KeySources(training=True)) == (dek, "passphrase")
    with pytest.raises(NoWayToUnlock):
        profile_keys.unlock(key_file, KeySources(training=False))


def test_a_wrap_does_not_move_to_another_profile() -> None:
    _, first = profile_keys.create(KeySources(passphrase=PASSPHRASE))
    _, second = profile_keys.create(KeySources(passphrase=PASSPHRASE))
    moved = second.with_wraps(list(first.wraps))
    with pytest.raises(WrongPassphrase):
        profile_keys.unlock(moved, KeySources(passphrase=PASSPHRASE))


def test_rewrap_without_a_new_version_keeps_what_it_cannot_remake() -> None:
    dek, key_file = profile_keys.create(KeySources(passphrase=PASSPHRASE))
    backend = MemoryKeyring()
    enrolled = profile_keys.rewrapped(key_file, dek, KeySources(keyring=backend), new_version=False)
    assert sorted(enrolled.methods()) == ["kek", "passphrase"]
    rotated_key = secrets.token_bytes(32)
    rotated = profile_keys.rewrapped(enrolled, rotated_key, KeySources(keyring=backend), new_version=True)
    assert rotated.methods() == ["kek"]
    assert rotated.key_version == 2
    assert profile_keys.unlock(rotated, KeySources(keyring=backend)) == (rotated_key, "kek")


@pytest.mark.parametrize(
    "content", ["", "{}", '{"format": "other"}', json.dumps({"format": "bizdesk.keys/1", "wraps": []})]
)
def test_a_damaged_key_file_is_reported(tmp_path: Path, content: str) -> None:
    path = keyfile.path_in(tmp_path)
    path.write_text(content)
    with pytest.raises(KeyFileDamaged) as damaged:
        keyfile.load(path)
    assert "keys.json" in damaged.value.message_zh


def test_training_ignores_a_passphrase_set_for_the_desk() -> None:
    dek, key_file = profile_keys.create(KeySources(passphrase="set for the CI desk", training=True))
    assert profile_keys.unlock(key_file, KeySources(training=True)) == (dek, "passphrase")
    assert profile_keys.unlock(key_file, KeySources(passphrase="something else 1", training=True))[0] == dek
