"""IT recovery of a desk whose passphrase (or keyring) is lost: IT's recovery private key opens the
data key's recovery wrap in ``keys.json``, and the data key is wrapped anew for this machine.

Nothing is decrypted or rewritten but the key file: the database and attachments keep their data
key, so no data is lost. The new key file is written atomically and only after the recovered key is
seen to open the database, so a wrong or foreign recovery key changes nothing.

``lost_key(profile, error)`` says whether a start-up failure is such a case (the desk then shows
its recovery screen rather than a dead end); ``recover_data_key`` is the one intent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.errors import BizdeskError, InputRejected, ProfileError
from app.paths import Profile
from app.security import keyfile, profile_keys
from app.security.profile_keys import KeySources
from app.security.recovery import load_private_key, private_key_from_text
from app.security.wrapping import unwrap_with_recovery

# Start-up failures meaning "the key that unlocks this desk is gone": no passphrase or keyring, a
# wrong passphrase, a keyring that refuses. A damaged key file or database is not mended here.
LOST_KEY_CODES = frozenset({"profile.locked", "profile.wrong_passphrase", "profile.keyring"})
KeyCheck = Callable[[Path, bytes], bool]  # does this key open that database (``app.store.files.opens_with``)


class NoRecoveryWrap(ProfileError):
    code = "recovery.not_configured"

    def __init__(self) -> None:
        super().__init__(
            "本机数据没有用IT恢复密钥加密（未配置恢复密钥），无法用恢复私钥解锁；"
            "请IT从备份恢复（bizdesk restore）。",
            "This desk's data key was never wrapped to IT's recovery key, so the recovery key cannot unlock "
            "it; IT restores it from a backup (bizdesk restore).",
        )


class RecoveryKeyMismatch(ProfileError):
    code = "recovery.wrong_key"

    def __init__(self) -> None:
        super().__init__(
            "IT恢复私钥与本机不匹配，无法解锁；请确认使用的是本机配置的恢复密钥对应的私钥文件（及其密码）。",
            "The IT recovery private key does not fit this desk; use the private key matching the recovery "
            "key this desk was set up with (and its password).",
        )


@dataclass(frozen=True)
class Recovered:
    """The data key is wrapped anew: by these methods (e.g. "passphrase", "recovery"), at this version."""

    key_version: int
    methods: tuple[str, ...]


def lost_key(profile: Profile, error: BizdeskError) -> bool:
    """True when ``error`` (opening ``profile`` failed) is a lost key the recovery key can mend."""
    if error.code not in LOST_KEY_CODES:
        return False
    path = keyfile.path_in(profile.root)
    try:
        return path.is_file() and keyfile.load(path).wrap("recovery") is not None
    except ProfileError:  # a damaged key file: not a lost key
        return False


def recovery_private_key(key_path: str, key_text: str, password: str | None) -> X25519PrivateKey:
    """IT's private key from its file path or its pasted PEM text (exactly one of them)."""
    path, pasted = key_path.strip(), key_text.strip()
    if bool(path) == bool(pasted):
        raise InputRejected(
            "IT恢复私钥：请填写私钥文件路径或粘贴私钥内容，二者只填一项。",
            "IT recovery private key: give its file path or paste its text, exactly one of the two.",
            code="recovery.key_missing",
        )
    if path:
        return load_private_key(Path(path).expanduser(), password or None)
    return private_key_from_text(pasted, password or None)


def recover_data_key(
    profile: Profile, private_key: X25519PrivateKey, sources: KeySources, *, opens: KeyCheck
) -> Recovered:
    """Unwrap the data key with IT's ``private_key`` and wrap it for ``sources`` (the new passphrase,
    the keyring); the recovery wrap stays. Refused (nothing written) for a key file without a
    recovery wrap, a key that does not fit (``opens``: the database opens with it), or a new
    passphrase that is too short."""
    path = keyfile.path_in(profile.root)
    key_file = keyfile.load(path)
    wrap = key_file.wrap("recovery")
    if wrap is None:
        raise NoRecoveryWrap()
    try:
        data_key = unwrap_with_recovery(wrap, private_key, key_file.aad())
    except ProfileError:
        raise RecoveryKeyMismatch() from None
    if not opens(
        profile.database, data_key
    ):  # a wrap left over from an older key: never write one that fails
        raise RecoveryKeyMismatch()
    fresh = profile_keys.wraps_for(data_key, key_file, sources)  # refuses a short passphrase first
    remade = {wrap["method"] for wrap in fresh}
    kept = [old for old in key_file.wraps if old.get("method") not in remade | {"kek"}]
    updated = key_file.with_wraps(kept + fresh)
    keyfile.save(path, updated)
    return Recovered(updated.key_version, tuple(updated.methods()))
