"""Wrapping a secret (the data key, a backup key) three ways, as JSON-ready dicts.

- ``kek``: AES-256-GCM under a 32-byte key-encryption key held in the OS keyring;
- ``passphrase``: AES-256-GCM under an Argon2id key (OWASP minimum: 19 MiB, t=2, p=1,
  random 16-byte salt; the parameters travel with the wrap so they can grow later);
- ``recovery``: HPKE (RFC 9180: X25519, HKDF-SHA256, AES-256-GCM) to IT's recovery
  public key, whose private half stays offline.

Every wrap binds ``aad`` (which profile, which key version), so a wrap cannot be
moved to another profile or key. A wrong KEK, passphrase or private key gives the
same clear ``WrongPassphrase``/``WrongKey`` error, never garbage.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.errors import ProfileError

NONCE_BYTES = 12
SALT_BYTES = 16
RECOVERY_SUITE = "hpke-x25519-hkdf-sha256-aes256gcm"


@dataclass(frozen=True)
class Argon2Params:
    memory_kib: int = 19 * 1024
    iterations: int = 2
    lanes: int = 1


class WrongPassphrase(ProfileError):
    code = "profile.wrong_passphrase"

    def __init__(self) -> None:
        super().__init__(
            "口令不正确，无法解锁本机数据；请核对口令（注意大小写）后重试，忘记口令请联系IT支持用恢复密钥恢复。",
            "The passphrase is wrong and the data stays locked; check it (case matters) and try again, "
            "or call IT support to recover with the recovery key.",
        )


class WrongKey(ProfileError):
    code = "profile.wrong_key"

    def __init__(self, what_zh: str, what_en: str) -> None:
        super().__init__(
            f"{what_zh}不正确，无法解开数据密钥；请确认使用的是本机（或本备份）对应的密钥，或联系IT支持。",
            f"The {what_en} is wrong and cannot unwrap the data key; check it belongs to this desk "
            "(or backup), or call IT support.",
        )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _seal(key: bytes, secret: bytes, aad: bytes) -> dict[str, Any]:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return {"nonce": b64(nonce), "ciphertext": b64(AESGCM(key).encrypt(nonce, secret, aad))}


def _open(key: bytes, wrap: dict[str, Any], aad: bytes) -> bytes:
    return AESGCM(key).decrypt(unb64(wrap["nonce"]), unb64(wrap["ciphertext"]), aad)


def wrap_with_kek(secret: bytes, kek: bytes, aad: bytes) -> dict[str, Any]:
    return {"method": "kek", **_seal(kek, secret, aad)}


def unwrap_with_kek(wrap: dict[str, Any], kek: bytes, aad: bytes) -> bytes:
    try:
        return _open(kek, wrap, aad)
    except (InvalidTag, ValueError, KeyError):
        raise WrongKey("系统钥匙串中的密钥", "key in the OS keyring") from None


def passphrase_key(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    kdf = Argon2id(
        salt=salt, length=32, iterations=params.iterations, lanes=params.lanes, memory_cost=params.memory_kib
    )
    return kdf.derive(passphrase.encode("utf-8"))


def wrap_with_passphrase(
    secret: bytes, passphrase: str, aad: bytes, params: Argon2Params | None = None
) -> dict[str, Any]:
    params = params or Argon2Params()
    salt = secrets.token_bytes(SALT_BYTES)
    key = passphrase_key(passphrase, salt, params)
    kdf = {
        "name": "argon2id",
        "m": params.memory_kib,
        "t": params.iterations,
        "p": params.lanes,
        "salt": b64(salt),
    }
    return {"method": "passphrase", "kdf": kdf, **_seal(key, secret, aad)}


class KdfParamsImpossible(ProfileError):
    code = "profile.kdf_params"

    def __init__(self) -> None:
        super().__init__(
            "密钥文件（或备份文件）中的口令派生参数不合理，文件已损坏或被改动，未尝试解锁；"
            "请联系IT支持用恢复密钥或另一份备份恢复。",
            "The passphrase derivation parameters in the key file (or backup) are impossible: the file is "
            "damaged or was changed, so no unlock was tried; call IT support to recover with the recovery "
            "key or another backup.",
        )


# What a wrap this program wrote can hold (it writes 19 MiB, t=2, p=1); anything else is damage, and
# a huge value would make Argon2 take the machine's memory or hours.
_MEMORY_KIB, _ITERATIONS, _LANES = range(8, 1024 * 1024 + 1), range(1, 17), range(1, 17)


def _params(kdf: dict[str, Any]) -> Argon2Params:
    values = (kdf.get("m"), kdf.get("t"), kdf.get("p"))
    if not all(type(v) is int for v in values):
        raise KdfParamsImpossible()
    memory, iterations, lanes = (int(v) for v in values)  # type: ignore[arg-type]
    if (
        memory not in _MEMORY_KIB
        or iterations not in _ITERATIONS
        or lanes not in _LANES
        or memory < 8 * lanes
    ):
        raise KdfParamsImpossible()
    return Argon2Params(memory_kib=memory, iterations=iterations, lanes=lanes)


def unwrap_with_passphrase(wrap: dict[str, Any], passphrase: str, aad: bytes) -> bytes:
    kdf = wrap.get("kdf")
    params = _params(kdf if isinstance(kdf, dict) else {})
    try:
        key = passphrase_key(passphrase, unb64(kdf["salt"]), params)  # type: ignore[index]
        return _open(key, wrap, aad)
    except (InvalidTag, ValueError, KeyError, TypeError):
        raise WrongPassphrase() from None


def _suite() -> hpke.Suite:
    return hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


def wrap_for_recovery(secret: bytes, public_key: bytes, aad: bytes) -> dict[str, Any]:
    recipient = X25519PublicKey.from_public_bytes(public_key)
    sealed = _suite().encrypt(secret, recipient, info=aad)
    return {
        "method": "recovery",
        "suite": RECOVERY_SUITE,
        "public_key": b64(public_key),
        "sealed": b64(sealed),
    }


def unwrap_with_recovery(wrap: dict[str, Any], private_key: X25519PrivateKey, aad: bytes) -> bytes:
    try:
        return _suite().decrypt(unb64(wrap["sealed"]), private_key, info=aad)
    except Exception:  # cryptography raises several types for a wrong key or damaged wrap
        raise WrongKey("恢复私钥", "recovery private key") from None
