"""Key rotation: a new data key, ``PRAGMA rekey`` of the database, fresh wraps.

Crash safety: the new key file is first written beside the old one as
``keys.json.pending``; then the database is re-keyed; then the pending file replaces
``keys.json``. Whatever the crash point, one of the two files opens the database
(``finish_interrupted_rotation``, when the profile opens, keeps the one that does).
Attachment files are not touched: their per-case keys live inside the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from app.errors import ProfileError
from app.paths import Profile
from app.security import keyfile, profile_keys
from app.security.atomic import fsync_folder
from app.security.profile_keys import KeySources
from app.services.key_recovery import KeyCheck
from app.unit_of_work import UnitsOfWork

PENDING_SUFFIX = ".pending"


class PassphraseNeededForRotation(ProfileError):
    code = "profile.rotation_passphrase"

    def __init__(self) -> None:
        super().__init__(
            "本机数据有口令保护，更换密钥时须提供口令（BIZDESK_PASSPHRASE）以重新加密新密钥；请设置后重试。",
            "This profile is passphrase-protected: give the passphrase (BIZDESK_PASSPHRASE) to wrap the new "
            "key, then try again.",
        )


def pending_path(root: Path) -> Path:
    path = keyfile.path_in(root)
    return path.with_name(path.name + PENDING_SUFFIX)


class RekeyableProfile(Protocol):
    """What a rotation needs of an open profile: its folder, key file, key sources, store and database."""

    @property
    def profile(self) -> Profile: ...

    @property
    def key_file(self) -> keyfile.KeyFile: ...

    @property
    def key_sources(self) -> KeySources: ...

    @property
    def store(self) -> UnitsOfWork: ...

    def rekey(self, data_key: bytes) -> None:
        """Re-encrypt the database under ``data_key`` (``PRAGMA rekey``) and go on with it."""

    def replace_keys(self, data_key: bytes, key_file: keyfile.KeyFile) -> None:
        """Reopen the database under ``data_key`` and keep ``key_file`` as the current one."""


def rotate_data_key(opened: RekeyableProfile, *, by: str | None) -> keyfile.KeyFile:
    """Re-key the database under a new data key and re-wrap it, audited as ``by``; the new key file."""
    sources = opened.key_sources
    had_passphrase = opened.key_file.wrap("passphrase") is not None
    if had_passphrase and not sources.passphrase and not sources.training:
        raise PassphraseNeededForRotation()
    new_key = profile_keys.new_data_key()
    new_file = profile_keys.rewrapped(opened.key_file, new_key, sources, new_version=True)
    pending = pending_path(opened.profile.root)
    keyfile.save(pending, new_file)
    opened.rekey(new_key)
    pending.replace(keyfile.path_in(opened.profile.root))
    fsync_folder(opened.profile.root)
    opened.replace_keys(new_key, new_file)
    with opened.store.unit_of_work() as uow:
        uow.audit.append("key.rotate", actor=by, details={"key_version": new_file.key_version})
        uow.commit()
    return new_file


def finish_interrupted_rotation(
    profile: Profile, sources: KeySources, data_key: bytes, key_file: keyfile.KeyFile, *, opens: KeyCheck
) -> tuple[bytes, keyfile.KeyFile]:
    """A rotation that crashed left ``keys.json.pending``: the key (and key file) that opens the database."""
    pending = pending_path(profile.root)
    if not pending.exists():
        return data_key, key_file
    if opens(profile.database, data_key):
        pending.unlink()  # the crash came before the re-key: the current key file is right
        return data_key, key_file
    key_file = keyfile.load(pending)
    data_key, _ = profile_keys.unlock(key_file, sources)
    pending.replace(keyfile.path_in(profile.root))
    return data_key, key_file
