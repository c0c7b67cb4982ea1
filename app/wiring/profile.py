"""Composition root of the store: open (or create) a profile and hand out units of work.

    opened = open_profile(profile)              # unlock, migrate (after a backup copy), ready
    with opened.store.unit_of_work() as uow:    # one transaction (``opened.store``: the services' units)
        ...; uow.commit()
    desk = opened.desk()                        # app.desk.api.DeskApi for the UI
    opened.close()

A new profile gets a random data key (wrapped by the OS keyring, the passphrase and
IT's recovery key, as available), its schema, an Ed25519 device identity and — in the
training profile — the ready-made training accounts.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import sessionmaker

from app.clock import Clock, utc_now
from app.errors import ProfileError
from app.paths import Profile
from app.security import keyfile, profile_keys
from app.security.attachments import AttachmentStore
from app.security.device import DeviceIdentity
from app.security.keyfile import KeyFile
from app.security.keyring_store import KeyringUnavailable, trusted_backend
from app.security.profile_keys import KeySources
from app.security.scratch import clean_stale_scratch
from app.store import migrate
from app.store.device_repo import load_device
from app.store.engine import WrongDataKey, make_engine, snapshot
from app.store.files import rekey
from app.store.uow import SqlStore, SqlUnitOfWork

if TYPE_CHECKING:
    from app.desk.local import LocalDesk

PASSPHRASE_ENV = "BIZDESK_PASSPHRASE"  # noqa: S105 - the variable name, not a secret
RECOVERY_KEY_ENV = "BIZDESK_RECOVERY_PUBLIC_KEY"


class KeysMissing(ProfileError):
    code = "profile.keys_missing"

    def __init__(self) -> None:
        super().__init__(
            "找到了本机数据库但缺少密钥文件（keys.json），无法解锁；请联系IT支持从备份恢复。",
            "The local database exists but its key file (keys.json) is missing; call IT support to restore "
            "from a backup.",
        )


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

    @property
    def generation(self) -> int:
        """How many times the store was replaced under this object (a restore)."""
        return self.store.generation

    def desk(self, **tools: Any) -> LocalDesk:
        """A desk session over this profile's store and scans; ``tools`` are ``reader=`` (ID card
        reader), ``renderer=`` (packet), ``syncing=`` and ``operations=``."""
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


def _unlock_or_create(profile: Profile, sources: KeySources) -> tuple[bytes, KeyFile, str]:
    path = keyfile.path_in(profile.root)
    if not path.exists():
        if profile.database.exists():
            raise KeysMissing()
        dek, key_file = profile_keys.create(sources, recovery_public_key=configured_recovery_key())
        keyfile.save(path, key_file)
        return dek, key_file, "created"
    if not profile.database.is_file() or profile.database.stat().st_size == 0:
        raise DatabaseMissing(empty=profile.database.is_file())  # never a fresh start over a profile
    key_file = keyfile.load(path)
    dek, method = profile_keys.unlock(key_file, sources)
    if method == "passphrase" and sources.keyring is not None:
        key_file = _enrol_keyring(path, key_file, dek, sources)
    return dek, key_file, method


def _enrol_keyring(path: Path, key_file: KeyFile, dek: bytes, sources: KeySources) -> KeyFile:
    """Unlocked by passphrase on a machine with a trusted keyring: let the keyring unlock next time."""
    try:
        updated = profile_keys.rewrapped(key_file, dek, sources, new_version=False)
    except KeyringUnavailable:  # the keyring refused (locked): try again next time
        return key_file
    keyfile.save(path, updated)
    return updated


def migrate_with_backup(
    profile: Profile, engine: Engine, data_key: bytes, clock: Clock = utc_now
) -> Path | None:
    """Bring the schema to head; an existing database is first copied to ``profile/backups``."""
    status = migrate.status(engine)
    if status.up_to_date:
        return None
    copy = None
    if status.current is not None:
        stamp = clock().strftime("%Y%m%dT%H%M%SZ")
        copy = profile.backups / f"bizdesk-{status.current}-{stamp}.db"
        snapshot(engine, data_key, copy)
    migrate.upgrade(engine)
    return copy


def _first_run(engine: Engine, profile: Profile, clock: Clock) -> DeviceIdentity:
    """The device identity (created with the profile) and, in training, the training accounts."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as session:
        existing = load_device(session)
    if existing is not None:
        return existing
    device = DeviceIdentity.generate(f"desk-{uuid.uuid4()}")
    try:
        with SqlUnitOfWork(sessions, device=device, clock=clock, training=profile.training) as uow:
            uow.keep_device(device)
            uow.audit.append("profile.create", actor=None, details={"profile": profile.name})
            if profile.training:
                from app.accounts.service import create_training_accounts

                create_training_accounts(uow)
            uow.commit()
    except IntegrityError:  # another process set the profile up at the same moment: use its identity
        with sessions() as session:
            existing = load_device(session)
        if existing is None:
            raise
        return existing
    return device


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
    data_key, key_file, method = _unlock_or_create(profile, sources)
    engine, data_key, key_file = _finish_interrupted_rotation(profile, sources, data_key, key_file)
    try:
        if upgrade:
            migrate_with_backup(profile, engine, data_key, clock)
            device = _first_run(engine, profile, clock)
        else:
            device = _existing_device(engine)
    except BaseException:
        engine.dispose()
        raise
    opened = OpenedProfile(profile, engine, key_file, device, method, clock, data_key, sources)
    if upgrade:
        from app.services.retention import purge_expired

        purge_expired(opened.store, opened.files)
    return opened


def _existing_device(engine: Engine) -> DeviceIdentity:
    """Without migrating (``db status``): the device identity, or a throw-away one for a blank database."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    try:
        with sessions() as session:
            device = load_device(session)
    except OperationalError:  # no tables yet
        device = None
    return device or DeviceIdentity.generate("unset")


def _finish_interrupted_rotation(
    profile: Profile, sources: KeySources, data_key: bytes, key_file: KeyFile
) -> tuple[Engine, bytes, KeyFile]:
    """A rotation that crashed left ``keys.json.pending``: keep whichever key opens the database."""
    from app.services.rotation import pending_path

    engine = make_engine(profile.database, data_key)
    pending = pending_path(profile.root)
    if not pending.exists():
        return engine, data_key, key_file
    try:
        with engine.connect():
            pass
    except WrongDataKey:
        engine.dispose()
        key_file = keyfile.load(pending)
        data_key, _ = profile_keys.unlock(key_file, sources)
        pending.replace(keyfile.path_in(profile.root))
        return make_engine(profile.database, data_key), data_key, key_file
    pending.unlink()  # the crash came before the re-key: the current key file is right
    return engine, data_key, key_file
