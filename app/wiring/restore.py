"""Restoring a profile from a backup: the file work is ``app.services.backup``'s, opening (migrating an
older backup, auditing the restore) is the composition root's.

``restore_profile`` restores a closed profile (``bizdesk restore``); ``restore_opened`` restores the
running desk's own profile (系统管理) and reopens it in place, so the desk never writes to the files
it set aside. Its caller keeps the background sync paused meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.paths import Profile
from app.security import keyfile
from app.security.installation import known_installation_id
from app.services.backup import BackupKeySource, read_origin, restore_backup
from app.store.files import check_restored
from app.wiring.profile import OpenedProfile, configured_recovery_key, key_sources, open_profile

SANDBOX_FOLDER = "sandbox"  # the training profile's built-in platform: not the desk's data, never restored


@dataclass(frozen=True)
class RestoreSummary:
    root: Path
    kept_old_profile: Path | None
    cases: int
    wraps: list[str]


def restore_profile(
    profile: Profile,
    backup: Path,
    keys: BackupKeySource,
    *,
    passphrase: str | None,
    keyring_backend: Any | None = None,
    actor: str | None = None,
    replace_device: bool = False,
) -> RestoreSummary:
    """Restore ``backup`` as ``profile`` on this machine and open it once (migrating an older backup).

    ``passphrase`` protects the restored profile where no trusted keyring exists; the IT
    recovery key stays configured if the old profile, ``BIZDESK_RECOVERY_PUBLIC_KEY`` or the
    backup had one. A backup made on another installation is refused unless ``replace_device`` (IT's
    explicit device replacement, recorded as ``device.replace`` in the restored trail).
    """
    recovery = configured_recovery_key()
    existing = keyfile.path_in(profile.root)
    if existing.exists():
        recovery = keyfile.load(existing).recovery_public_key or recovery
    sources = key_sources(profile, passphrase, keyring_backend)
    origin = read_origin(backup)
    here = known_installation_id(profile.root.parent)
    foreign = origin.installation_id is None or origin.installation_id != here
    kept = restore_backup(
        backup,
        keys,
        profile.root,
        sources,
        recovery_public_key=recovery,
        profile=profile.name,
        check_database=check_restored,
        replace_device=replace_device,
    )
    with open_profile(profile, passphrase=passphrase, keyring_backend=keyring_backend) as opened:
        with opened.store.unit_of_work() as uow:
            if foreign:  # only reached with replace_device: this PC now is the backup's desk
                details = {**origin.as_json(), "file": backup.name}
                uow.audit.append("device.replace", actor=actor, details=details)
            uow.audit.append("restore", actor=actor, details={"file": backup.name})
            uow.commit()
            cases = uow.cases.count()
        unlocked_with = opened.key_file.methods()
    return RestoreSummary(profile.root, kept, cases, unlocked_with)


def restore_opened(
    opened: OpenedProfile, backup: Path, keys: BackupKeySource, *, actor: str
) -> RestoreSummary:
    """Replace the running desk's profile with ``backup`` and reopen ``opened`` on the restored files.

    Every check (the file, its passphrase, its profile, damage, a newer version) runs on a staging copy
    before anything is swapped: a refusal leaves the profile as it was and ``opened`` usable. The data
    key is wrapped with the sources the desk was opened with, so the next start unlocks it the same way.
    """
    recovery = opened.key_file.recovery_public_key or configured_recovery_key()
    opened.engine.dispose()  # no pooled connection is left on the files about to be set aside
    kept = restore_backup(
        backup,
        keys,
        opened.profile.root,
        opened.key_sources,
        recovery_public_key=recovery,
        profile=opened.profile.name,
        check_database=check_restored,
    )
    if kept is not None and (kept / SANDBOX_FOLDER).is_dir():  # the platform goes on as it was
        (kept / SANDBOX_FOLDER).rename(opened.profile.root / SANDBOX_FOLDER)
    opened.reopen()
    with opened.store.unit_of_work() as uow:
        uow.audit.append("restore", actor=actor, details={"file": backup.name})
        uow.commit()
        cases = uow.cases.count()
    return RestoreSummary(opened.profile.root, kept, cases, opened.key_file.methods())
