"""Composition root of the store: open (or create) a profile, once per process, and hand out its ports.

    opened = open_profile(profile)              # unlock, migrate (after a backup copy), ready
    with opened.store.unit_of_work() as uow:    # one transaction (``opened.store``: the services' units)
        ...; uow.commit()
    desk = opened.desk()                        # app.desk.api.DeskApi for the UI
    opened.close()

Where the key comes from is ``app.security.profile_keys.unlock_or_create``; a rotation that crashed is
finished by ``app.services.rotation.finish_interrupted_rotation``; the schema is brought to head by
``app.store.migrate.migrate_with_backup``; a new profile's device identity is made by
``app.store.uow.profile_device`` and the profile filled in by ``app.services.profile_setup``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import Engine

from app.clock import Clock, utc_now
from app.paths import Profile
from app.security.attachments import AttachmentStore
from app.security.device import DeviceIdentity
from app.security.keyfile import KeyFile
from app.security.keyring_store import trusted_backend
from app.security.profile_keys import KeySources, unlock_or_create
from app.security.scratch import clean_stale_scratch
from app.services.profile_setup import set_up_profile
from app.services.rotation import finish_interrupted_rotation
from app.store.engine import make_engine, snapshot
from app.store.files import opens_with, rekey
from app.store.migrate import migrate_with_backup
from app.store.uow import SqlStore, existing_device, profile_device

if TYPE_CHECKING:
    from app.desk.local import LocalDesk

PASSPHRASE_ENV = "BIZDESK_PASSPHRASE"  # noqa: S105 - the variable name, not a secret
RECOVERY_KEY_ENV = "BIZDESK_RECOVERY_PUBLIC_KEY"


@dataclass
class OpenedProfile:
    """An unlocked, migrated profile. Close it (or use ``with``) when done."""

    profile: Profile
    engine: Engine
    key_file: KeyFile
    device: DeviceIdentity
    unlocked_with: str  # "created", "kek" or "passphrase"
    clock: Clock = utc_now
    _data_key: bytes = field(default=b"", repr=False)
    _sources: KeySources = field(default_factory=KeySources, repr=False)

    def __post_init__(self) -> None:
        # the services' units of work: the same object for the life of the process, re-bound when a
        # rotation or a restore replaces the engine under it; and the profile's sealed scans
        self.store = SqlStore(self.engine, device=self.device, clock=self.clock, training=self.training)
        self.files = AttachmentStore(self.profile.attachments)

    def desk(self, **tools: Any) -> LocalDesk:
        """A desk session over this profile's store and scans; ``tools`` are ``reader=`` (ID card
        reader), ``face_checker=`` (人证核验 camera), ``renderer=`` (packet), ``syncing=`` and
        ``operations=``."""
        from app.desk.local import LocalDesk

        return LocalDesk(self.store, self.files, **tools)

    @property
    def training(self) -> bool:
        return self.profile.training

    @property
    def data_key(self) -> bytes:
        """For re-keying and backups only (app.services.rotation, app.services.backup)."""
        return self._data_key

    @property
    def key_sources(self) -> KeySources:
        return self._sources

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the database at ``target``, still encrypted (for a backup)."""
        snapshot(self.engine, self._data_key, target)

    def rekey(self, data_key: bytes) -> None:
        """The database re-encrypted under ``data_key``, for a rotation (``replace_keys`` follows)."""
        rekey(self.engine, data_key)

    def replace_keys(self, data_key: bytes, key_file: KeyFile) -> None:
        """After a rotation (the database is re-keyed): new engine, new sessions, new key file."""
        self.engine.dispose()
        self._data_key, self.key_file = data_key, key_file
        self.engine = make_engine(self.profile.database, data_key)
        self.store.connect(self.engine, self.device)

    def reopen(self) -> None:
        """After a restore swapped the profile's files: unlock and open them in place of the old ones,
        with the same key sources, so every holder of this object (pages, the sync) goes on with the
        restored store and nothing more is written to the one set aside."""
        self.engine.dispose()
        fresh = _open_unlocked(self.profile, self._sources, self.clock, upgrade=True)
        self.engine, self.key_file, self.device = fresh.engine, fresh.key_file, fresh.device
        self.unlocked_with, self._data_key = fresh.unlocked_with, fresh.data_key
        self.store.connect(self.engine, self.device, replaced=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def key_sources(profile: Profile, passphrase: str | None, keyring_backend: Any | None) -> KeySources:
    chosen = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV) or None
    return KeySources(passphrase=chosen, keyring=trusted_backend(keyring_backend), training=profile.training)


def configured_recovery_key() -> bytes | None:
    """IT's recovery public key from ``BIZDESK_RECOVERY_PUBLIC_KEY`` (a PEM file), if set."""
    configured = os.environ.get(RECOVERY_KEY_ENV, "").strip()
    if not configured:
        return None
    from app.security.recovery import load_public_key

    return load_public_key(Path(configured))


def open_profile(
    profile: Profile,
    *,
    passphrase: str | None = None,
    keyring_backend: Any | None = None,
    clock: Clock = utc_now,
    upgrade: bool = True,
) -> OpenedProfile:
    """Unlock (or create) ``profile``, migrate it after a backup copy, and return it ready to use.

    ``upgrade=False`` (``bizdesk db status``/``db upgrade``) only unlocks: no migration, no set-up,
    no retention purge. ``keyring_backend`` replaces the system keyring (tests, or IT's choice).
    """
    return _open_unlocked(profile, key_sources(profile, passphrase, keyring_backend), clock, upgrade=upgrade)


def _open_unlocked(profile: Profile, sources: KeySources, clock: Clock, *, upgrade: bool) -> OpenedProfile:
    profile.ensure()
    clean_stale_scratch(profile.tmp)  # a backup killed mid-way left copies of the database
    recovery = configured_recovery_key()
    data_key, key_file, method = unlock_or_create(profile, sources, recovery_public_key=recovery)
    data_key, key_file = finish_interrupted_rotation(profile, sources, data_key, key_file, opens=opens_with)
    engine = make_engine(profile.database, data_key)
    try:
        if upgrade:
            migrate_with_backup(profile, engine, data_key, clock)
            set_up = partial(set_up_profile, name=profile.name)
            device = profile_device(engine, clock=clock, training=profile.training, set_up=set_up)
        else:
            device = existing_device(engine)
    except BaseException:
        engine.dispose()
        raise
    opened = OpenedProfile(profile, engine, key_file, device, method, clock, data_key, sources)
    if upgrade:
        from app.services.retention import purge_expired

        purge_expired(opened.store, opened.files)
    return opened
