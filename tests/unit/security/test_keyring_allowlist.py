"""Only allowlisted keyring backends hold the key-encryption key; the rest are refused clearly."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import chainer, fail, null

from app.security.keyring_store import KeyringSlot, KeyringUnavailable, backend_name, refusal, trusted_backend
from tests.unit.security.memory_keyring import MemoryKeyring, PlaintextKeyring


def test_allowlisted_backend_is_used() -> None:
    backend = MemoryKeyring()
    assert trusted_backend(backend) is backend


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()], ids=backend_name)
def test_untrusted_backends_are_refused(backend: object) -> None:
    assert trusted_backend(backend) is None
    message = refusal(backend)
    assert isinstance(message, KeyringUnavailable)
    assert "BIZDESK_PASSPHRASE" in message.message_zh
    assert backend_name(backend) in message.message_en


def test_a_chainer_is_judged_by_the_backend_it_writes_to(monkeypatch: pytest.MonkeyPatch) -> None:
    good, bad = MemoryKeyring(), PlaintextKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [good, bad])
    assert trusted_backend(chainer.ChainerBackend()) is good
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [bad, good])
    assert trusted_backend(chainer.ChainerBackend()) is None


def test_the_system_keyring_is_consulted_when_none_is_given() -> None:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        assert trusted_backend() is backend
        keyring.set_keyring(fail.Keyring())
        assert trusted_backend() is None
    finally:
        keyring.set_keyring(previous)


def test_slot_round_trip_and_damaged_values() -> None:
    backend = MemoryKeyring()
    slot = KeyringSlot(backend, "profile-1/kek")
    assert slot.load() is None
    slot.store(b"k" * 32)
    assert slot.load() == b"k" * 32
    backend.secrets[("bizdesk", "profile-1/kek")] = "not base64!"
    assert slot.load() is None
    slot.delete()
    assert slot.load() is None


def test_a_locked_keyring_is_a_clear_error() -> None:
    backend = MemoryKeyring()
    backend.refuse = True
    with pytest.raises(KeyringUnavailable) as locked:
        KeyringSlot(backend, "p/kek").load()
    assert "解锁" in locked.value.message_zh
