"""IT's recovery key pair (X25519): the public half goes on every desk, the private half stays offline.

Both are PEM files. The private key file may be protected with a password (PKCS#8,
``BestAvailableEncryption``); IT keeps it on a USB stick in the safe.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from app.errors import ProfileError
from app.security.atomic import write_atomic


class RecoveryKeyUnreadable(ProfileError):
    code = "profile.recovery_key"

    def __init__(self, path: Path | None) -> None:
        name = path.name if path is not None else "（粘贴的内容）"
        name_en = path.name if path is not None else "(pasted text)"
        super().__init__(
            f"无法读取恢复密钥文件 {name}（不存在、格式不对或密码错误）；请检查文件和密码。",
            f"The recovery key file {name_en} cannot be read (missing, wrong format or wrong password); "
            "check the file and its password.",
        )


def generate(private_path: Path, public_path: Path, password: str | None = None) -> bytes:
    """Write a new key pair; returns the raw public key."""
    private = X25519PrivateKey.generate()
    encryption = BestAvailableEncryption(password.encode("utf-8")) if password else NoEncryption()
    write_atomic(private_path, private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, encryption))
    public = private.public_key()
    write_atomic(
        public_path, public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo), mode=0o644
    )
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def load_public_key(path: Path) -> bytes:
    try:
        key = load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as error:
        raise RecoveryKeyUnreadable(path) from error
    if not isinstance(key, X25519PublicKey):
        raise RecoveryKeyUnreadable(path)
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def load_private_key(path: Path, password: str | None = None) -> X25519PrivateKey:
    try:
        pem = path.read_bytes()
    except OSError as error:
        raise RecoveryKeyUnreadable(path) from error
    return _private_key(pem, password, path)


def private_key_from_text(pem: str, password: str | None = None) -> X25519PrivateKey:
    """The private key pasted as PEM text (the file's content), as ``load_private_key`` reads a file."""
    return _private_key(pem.strip().encode("utf-8") + b"\n", password, None)


def _private_key(pem: bytes, password: str | None, path: Path | None) -> X25519PrivateKey:
    try:
        key = load_pem_private_key(pem, password.encode("utf-8") if password else None)
    except (ValueError, TypeError) as error:
        raise RecoveryKeyUnreadable(path) from error
    if not isinstance(key, X25519PrivateKey):
        raise RecoveryKeyUnreadable(path)
    return key
