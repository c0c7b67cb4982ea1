"""The three wraps of a secret: keyring KEK, passphrase (Argon2id), IT recovery key (HPKE)."""

from __future__ import annotations

import secrets

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.security.wrapping import (
    Argon2Params,
    WrongKey,
    WrongPassphrase,
    unwrap_with_kek,
    unwrap_with_passphrase,
    unwrap_with_recovery,
    wrap_for_recovery,
    wrap_with_kek,
    wrap_with_passphrase,
)

SECRET = secrets.token_bytes(32)
AAD = b"bizdesk.dek/1|profile|1"


def test_kek_wrap_round_trip_and_refusals() -> None:
    kek = secrets.token_bytes(32)
    wrap = wrap_with_kek(SECRET, kek, AAD)
    assert SECRET.hex() not in str(wrap)
    assert unwrap_with_kek(wrap, kek, AAD) == SECRET
    with pytest.raises(WrongKey):
        unwrap_with_kek(wrap, secrets.token_bytes(32), AAD)
    with pytest.raises(WrongKey):
        unwrap_with_kek(wrap, kek, b"bizdesk.dek/1|other|1")


def test_passphrase_wrap_uses_owasp_argon2id_and_a_random_salt() -> None:
    first = wrap_with_passphrase(SECRET, "passphrase 2026!", AAD)
    second = wrap_with_passphrase(SECRET, "passphrase 2026!", AAD)
    assert first["kdf"] == {**first["kdf"], "name": "argon2id", "m": 19456, "t": 2, "p": 1}
    assert first["kdf"]["salt"] != second["kdf"]["salt"]
    assert unwrap_with_passphrase(first, "passphrase 2026!", AAD) == SECRET


def test_a_wrong_passphrase_is_a_clear_error_in_chinese_first() -> None:
    wrap = wrap_with_passphrase(SECRET, "passphrase 2026!", AAD, Argon2Params(memory_kib=1024, iterations=1))
    with pytest.raises(WrongPassphrase) as wrong:
        unwrap_with_passphrase(wrap, "Passphrase 2026!", AAD)
    assert wrong.value.message_zh.startswith("口令不正确")


def test_a_damaged_passphrase_wrap_is_refused_not_crashed() -> None:
    wrap = wrap_with_passphrase(SECRET, "passphrase 2026!", AAD, Argon2Params(memory_kib=1024, iterations=1))
    del wrap["kdf"]["salt"]
    with pytest.raises(WrongPassphrase):
        unwrap_with_passphrase(wrap, "passphrase 2026!", AAD)


def test_recovery_wrap_opens_only_with_the_private_key() -> None:
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    wrap = wrap_for_recovery(SECRET, public, AAD)
    assert unwrap_with_recovery(wrap, private, AAD) == SECRET
    with pytest.raises(WrongKey):
        unwrap_with_recovery(wrap, X25519PrivateKey.generate(), AAD)
    with pytest.raises(WrongKey):
        unwrap_with_recovery(wrap, private, b"another profile")
