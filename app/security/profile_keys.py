"""The data key of a profile: created, unlocked, re-wrapped.

Unlock order: the OS keyring's key-encryption key (when a trusted keyring holds it),
then the passphrase (argument or ``BIZDESK_PASSPHRASE``). The training profile uses
the built-in training passphrase instead (``TRAINING_PASSPHRASE`` below, public on
purpose: training data is fictitious), so ``bizdesk --training run`` works on a fresh
machine. A real desk with no trusted keyring and no passphrase is refused with a
message telling IT what to set up.

``unlock_or_create`` is where a profile's key comes from when it opens: a new profile gets a random
data key (wrapped by the keyring, the passphrase and IT's recovery key, as available); an existing one
is unlocked, never started afresh over a database whose key file is gone, nor over a key file whose
database is gone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.errors import ProfileError
from app.paths import Profile
from app.security import keyfile
from app.security.keyfile import KeyFile
from app.security.keyring_store import KeyringSlot, KeyringUnavailable, refusal
from app.security.wrapping import (
    unwrap_with_kek,
    unwrap_with_passphrase,
    wrap_for_recovery,
    wrap_with_kek,
    wrap_with_passphrase,
)

DATA_KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10
# Public by design (see the module docstring): the training profile holds fictitious data only.
TRAINING_PASSPHRASE = "bizdesk-training-peixun"  # noqa: S105 - public by design


@dataclass(frozen=True)
class KeySources:
    """What this machine offers to wrap or unwrap the data key."""

    passphrase: str | None = None
    keyring: Any | None = None  # a trusted keyring backend (see keyring_store.trusted_backend)
    training: bool = False


class PassphraseTooShort(ProfileError):
    code = "profile.passphrase_short"

    def __init__(self) -> None:
        super().__init__(
            f"口令太短：至少需要{MIN_PASSPHRASE_LENGTH}个字符；请设置更长的口令。",
            f"The passphrase is too short: use at least {MIN_PASSPHRASE_LENGTH} characters.",
        )


class NoWayToUnlock(ProfileError):
    code = "profile.locked"

    def __init__(self) -> None:
        super().__init__(
            "本机数据已加密，但此电脑的系统钥匙串中没有它的密钥，也没有提供口令；请输入口令"
            "（或设置 BIZDESK_PASSPHRASE），或请IT用恢复密钥恢复。",
            "The profile is encrypted and neither this machine's keyring holds its key nor was a passphrase "
            "given; enter the passphrase (or set BIZDESK_PASSPHRASE), or ask IT to recover it.",
        )


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def _effective_passphrase(sources: KeySources) -> str | None:
    """A training profile always uses the public training passphrase: it opens anywhere (its
    data is fictitious), whatever ``BIZDESK_PASSPHRASE`` a CI machine or trainer has set."""
    return TRAINING_PASSPHRASE if sources.training else sources.passphrase


def wraps_for(dek: bytes, key_file: KeyFile, sources: KeySources) -> list[dict[str, Any]]:
    """Every wrap this machine can make for ``dek`` (keyring, passphrase, recovery)."""
    aad = key_file.aad()
    wraps: list[dict[str, Any]] = []
    if sources.keyring is not None:
        slot = KeyringSlot(sources.keyring, f"{key_file.profile_id}/kek")
        kek = slot.load() or secrets.token_bytes(32)
        slot.store(kek)
        wraps.append({**wrap_with_kek(dek, kek, aad), "account": slot.account})
    passphrase = _effective_passphrase(sources)
    if passphrase is not None:
        if passphrase != TRAINING_PASSPHRASE and len(passphrase) < MIN_PASSPHRASE_LENGTH:
            raise PassphraseTooShort()
        wraps.append(wrap_with_passphrase(dek, passphrase, aad))
    if key_file.recovery_public_key is not None:
        wraps.append(wrap_for_recovery(dek, key_file.recovery_public_key, aad))
    if not any(w["method"] in ("kek", "passphrase") for w in wraps):
        raise refusal(sources.keyring)
    return wraps


def create(sources: KeySources, *, recovery_public_key: bytes | None = None) -> tuple[bytes, KeyFile]:
    """A new data key and the key file holding its wraps."""
    dek = new_data_key()
    key_file = KeyFile(
        profile_id=keyfile.new_profile_id(),
        key_version=1,
        created_at=keyfile.now_text(),
        recovery_public_key=recovery_public_key,
    )
    return dek, key_file.with_wraps(wraps_for(dek, key_file, sources))


def unlock(key_file: KeyFile, sources: KeySources) -> tuple[bytes, str]:
    """The data key and the method that unwrapped it ("kek" or "passphrase")."""
    aad = key_file.aad()
    kek_wrap = key_file.wrap("kek")
    keyring_error: KeyringUnavailable | None = None
    if kek_wrap is not None and sources.keyring is not None:
        try:
            kek = KeyringSlot(sources.keyring, str(kek_wrap.get("account"))).load()
        except KeyringUnavailable as locked:  # a locked keyring: the passphrase may still open
            kek, keyring_error = None, locked
        if kek is not None:
            return unwrap_with_kek(kek_wrap, kek, aad), "kek"
    passphrase_wrap = key_file.wrap("passphrase")
    passphrase = _effective_passphrase(sources)
    if passphrase_wrap is not None and passphrase is not None:
        return unwrap_with_passphrase(passphrase_wrap, passphrase, aad), "passphrase"
    raise keyring_error or NoWayToUnlock()


def rewrapped(key_file: KeyFile, dek: bytes, sources: KeySources, *, new_version: bool) -> KeyFile:
    """The key file with fresh wraps of ``dek``.

    With ``new_version`` (after a rotation) every old wrap is dropped: it wraps the old key.
    Without, wraps this machine cannot remake (a passphrase not given now) are kept.
    """
    if new_version:
        updated = replace(key_file, key_version=key_file.key_version + 1, rotated_at=keyfile.now_text())
        return updated.with_wraps(wraps_for(dek, updated, sources))
    fresh = wraps_for(dek, key_file, sources)
    remade = {w["method"] for w in fresh}
    kept = [w for w in key_file.wraps if w.get("method") not in remade]
    return key_file.with_wraps(kept + fresh)


def with_recovery_key(key_file: KeyFile, dek: bytes, public_key: bytes) -> KeyFile:
    """IT configured (or changed) the recovery key: add its wrap, keep the others."""
    updated = replace(key_file, recovery_public_key=public_key)
    others = [w for w in key_file.wraps if w.get("method") != "recovery"]
    return updated.with_wraps([*others, wrap_for_recovery(dek, public_key, updated.aad())])


class KeysMissing(ProfileError):
    code = "profile.keys_missing"

    def __init__(self) -> None:
        super().__init__(
            "找到了本机数据库但缺少密钥文件（keys.json），无法解锁；请联系IT支持从备份恢复。",
            "The local database exists but its key file (keys.json) is missing; call IT support to restore "
            "from a backup.",
        )


class DatabaseMissing(ProfileError):
    code = "profile.database_missing"

    def __init__(self, empty: bool) -> None:
        what_zh, what_en = ("是空文件（0字节）", "is empty (0 bytes)") if empty else ("不见了", "is missing")
        super().__init__(
            f"本机数据库文件 bizdesk.db {what_zh}，但密钥文件还在：数据已损坏或被删除，未新建空档案；"
            "请IT人员用 bizdesk restore 备份文件 从备份恢复。",
            f"The local database bizdesk.db {what_en} while its key file exists: the data was damaged "
            "or deleted, and no empty profile was started over it; IT restores it with "
            "bizdesk restore BACKUP_FILE.",
        )


def unlock_or_create(
    profile: Profile, sources: KeySources, *, recovery_public_key: bytes | None
) -> tuple[bytes, KeyFile, str]:
    """The data key, its key file and how it was unlocked ("created", "kek" or "passphrase")."""
    path = keyfile.path_in(profile.root)
    if not path.exists():
        if profile.database.exists():
            raise KeysMissing()
        dek, key_file = create(sources, recovery_public_key=recovery_public_key)
        keyfile.save(path, key_file)
        return dek, key_file, "created"
    if not profile.database.is_file() or profile.database.stat().st_size == 0:
        raise DatabaseMissing(empty=profile.database.is_file())  # never a fresh start over a profile
    key_file = keyfile.load(path)
    dek, method = unlock(key_file, sources)
    if method == "passphrase" and sources.keyring is not None:
        key_file = _enrol_keyring(path, key_file, dek, sources)
    return dek, key_file, method


def _enrol_keyring(path: Path, key_file: KeyFile, dek: bytes, sources: KeySources) -> KeyFile:
    """Unlocked by passphrase on a machine with a trusted keyring: let the keyring unlock next time."""
    try:
        updated = rewrapped(key_file, dek, sources, new_version=False)
    except KeyringUnavailable:  # the keyring refused (locked): try again next time
        return key_file
    keyfile.save(path, updated)
    return updated
