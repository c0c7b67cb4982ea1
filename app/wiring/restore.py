"""Restoring a profile from a backup and opening it once: the file work is ``app.services.backup``'s,
opening (migrating an older backup, auditing the restore) is the composition root's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.paths import Profile
from app.security import keyfile
from app.services.backup import BackupKeySource, restore_backup
from app.wiring.profile import configured_recovery_key, key_sources, open_profile


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
) -> RestoreSummary:
    """Restore ``backup`` as ``profile`` on this machine and open it once (migrating an older backup).

    ``passphrase`` protects the restored profile where no trusted keyring exists; the IT
    recovery key stays configured if the old profile, ``BIZDESK_RECOVERY_PUBLIC_KEY`` or the
    backup had one.
    """
    recovery = configured_recovery_key()
    existing = keyfile.path_in(profile.root)
    if existing.exists():
        recovery = keyfile.load(existing).recovery_public_key or recovery
    sources = key_sources(profile, passphrase, keyring_backend)
    kept = restore_backup(
        backup, keys, profile.root, sources, recovery_public_key=recovery, profile=profile.name
    )
    with open_profile(profile, passphrase=passphrase, keyring_backend=keyring_backend) as opened:
        with opened.unit_of_work() as uow:
            uow.audit.append("restore", actor=actor, details={"file": backup.name})
            uow.commit()
            cases = uow.cases.count()
        unlocked_with = opened.key_file.methods()
    return RestoreSummary(profile.root, kept, cases, unlocked_with)
