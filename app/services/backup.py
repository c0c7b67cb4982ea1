"""Encrypted backups of a profile that restore on another machine.

A backup file is::

    b"BIZDESK-BACKUP/1\\n" | u32 header length | header JSON | chunk* (u32 length | AES-GCM sealed)

The header (no personal data) is a JSON object: ``format`` ("bizdesk.backup/1"),
``backup_id``, ``created_at``, ``profile`` (the profile it was taken of: "desk" or
"training"), ``training`` (true for the training profile; added later, readers take
``profile`` when it is absent), ``installation_id``, ``device_id`` and ``platform_device_id``
(where it was made: ``BackupOrigin``; restoring it on another installation is a device replacement,
refused unless IT says ``replace_device``) and ``wraps``, the backup key's wraps: by a passphrase
(Argon2id) and, when configured, by IT's recovery public key (HPKE). New header keys
are only ever added, so every reader of ``/1`` reads every ``/1`` file. The payload is
a tar stream — a snapshot of the SQLCipher database (still encrypted under the data
key), the attachment files (still sealed), and a manifest with the data key —
sealed in 1 MiB chunks under the backup key. Each chunk's nonce carries its number
and a last-chunk flag, and every chunk authenticates the header, so reordered,
dropped, truncated or changed chunks all fail to decrypt.

Restore refuses a backup of another profile before reading its payload (the header is
authenticated by every chunk, so a changed ``profile`` fails to decrypt), and a
database whose cases do not carry the profile's fictitious mark (app.security.profile_fit):
training and desk data never mix. It writes into a staging folder beside the profile,
checks the database (``DatabaseCheck``: it opens with the data key, passes its integrity check, has a
schema this bizdesk knows, holds cases of the profile's kind), wraps the data key for *this* machine
(keyring, passphrase, recovery key), then swaps the folders; an existing profile is kept aside as
``<profile>.before-restore-<time>``. Opening the restored profile is the composition root's part
(``app.wiring.restore``), which also hands over the store's check (``app.store.files.check_restored``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import shutil
import struct
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.clock import utc_now
from app.errors import InputRejected, ProfileError, WrittenByNewerVersion
from app.paths import DESK_PROFILE, TRAINING_PROFILE, Profile
from app.security import keyfile
from app.security.installation import installation_id, known_installation_id
from app.security.scan_check import DamagedScan, find_damaged_scans
from app.security.scratch import PARTIAL_SUFFIX, STAGING_PREFIX, hold_marker
from app.security.sealed_stream import CHUNK, OpeningReader, SealingWriter, StreamDamaged, open_chunks
from app.security.wrapping import (
    WrongPassphrase,
    b64,
    unb64,
    unwrap_with_passphrase,
    unwrap_with_recovery,
    wrap_for_recovery,
    wrap_with_passphrase,
)
from app.services.backup_errors import (
    BackupDamaged,
    BackupFileMissing,
    BackupFromNewerVersion,
    BackupOfAnotherDevice,
    BackupOfAnotherProfile,
    BackupPassphraseWrong,
    NotABackup,
)

if TYPE_CHECKING:
    from app.security.attachments import AttachmentStore
    from app.security.keyfile import KeyFile
    from app.security.profile_keys import KeySources
    from app.unit_of_work import UnitsOfWork

__all__ = [
    "BackupDamaged",
    "BackupKeySource",
    "BackupOfAnotherDevice",
    "BackupOfAnotherProfile",
    "BackupOrigin",
    "BackupPassphraseWrong",
    "BackupSource",
    "BackupSummary",
    "NotABackup",
    "read_backup",
    "restore_backup",
    "write_backup",
]

MAGIC = b"BIZDESK-BACKUP/1\n"
MIN_BACKUP_PASSPHRASE = 10
_BINARY = getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    cases: int
    attachments: int
    bytes_written: int
    damaged_scans: list[DamagedScan] = field(default_factory=list)  # copied as they are: take them again


@dataclass(frozen=True)
class BackupOrigin:
    """Where a backup was made: the installation (``app.security.installation``), the desk's own device
    id and the platform's number for it (None: not enrolled). Read from the header before the payload
    authenticates it; a changed header fails to decrypt."""

    installation_id: str | None = None
    device_id: str | None = None
    platform_device_id: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {
            "installation_id": self.installation_id,
            "device_id": self.device_id,
            "platform_device_id": self.platform_device_id,
        }


def _header(
    backup_key: bytes,
    passphrase: str,
    recovery_public_key: bytes | None,
    profile: str,
    origin: BackupOrigin = BackupOrigin(),
) -> bytes:
    backup_id = secrets.token_hex(16)
    aad = f"bizdesk.backup/1|{backup_id}".encode()
    wraps = [wrap_with_passphrase(backup_key, passphrase, aad)]
    if recovery_public_key is not None:
        wraps.append(wrap_for_recovery(backup_key, recovery_public_key, aad))
    header = {
        "format": "bizdesk.backup/1",
        "backup_id": backup_id,
        "profile": profile,
        "training": profile == TRAINING_PROFILE,
        "wraps": wraps,
        **origin.as_json(),
    }
    header["created_at"] = keyfile.now_text()
    return json.dumps(header, sort_keys=True).encode("utf-8")


def _add_file(archive: tarfile.TarFile, path: Path, name: str) -> None:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        archive.addfile(info, handle)


def _add_bytes(archive: tarfile.TarFile, data: bytes, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _write_payload(
    out: IO[bytes], header: bytes, backup_key: bytes, manifest: dict[str, Any], db: Path, files: list[Path]
) -> None:
    out.write(MAGIC + struct.pack(">I", len(header)) + header)
    writer = SealingWriter(out, backup_key, hashlib.sha256(header).digest())
    with tarfile.open(fileobj=writer, mode="w|") as archive:
        _add_bytes(archive, json.dumps(manifest).encode(), "manifest.json")
        _add_file(archive, db, "bizdesk.db")
        for path in files:
            _add_file(archive, path, f"attachments/{path.name}")
    writer.finish()
    out.flush()
    os.fsync(out.fileno())


class BackupSource(Protocol):
    """What a backup reads of an open profile: its folders, store, scans and the key that opens it."""

    @property
    def profile(self) -> Profile: ...

    @property
    def data_key(self) -> bytes: ...

    @property
    def key_file(self) -> KeyFile: ...

    @property
    def store(self) -> UnitsOfWork: ...

    @property
    def files(self) -> AttachmentStore: ...

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the live database (WAL included) at ``target``, still encrypted."""


class DatabaseCheck(Protocol):
    def __call__(self, database: Path, data_key: bytes, *, training: bool) -> None:
        """Refuse a restored database that does not open with ``data_key``, is damaged, was written by a
        newer bizdesk (``WrittenByNewerVersion``) or holds cases of the other profile."""


def write_backup(opened: BackupSource, target: Path, passphrase: str, *, actor: str | None) -> BackupSummary:
    """Write an encrypted backup of ``opened`` to ``target`` (replaced atomically).

    The audit entry is written once the file is complete: a failed or killed backup records nothing.
    Its scratch files (``tmp/backup-*.db``, ``.NAME.partial``) are the owner's only (0600) and are
    removed here, or by ``app.security.scratch.clean_stale_scratch`` at the next start after a kill.
    """
    if len(passphrase) < MIN_BACKUP_PASSPHRASE:
        raise InputRejected(
            f"备份口令至少需要{MIN_BACKUP_PASSPHRASE}个字符；请设置更长的口令。",
            f"A backup passphrase needs at least {MIN_BACKUP_PASSPHRASE} characters.",
        )
    with opened.store.unit_of_work() as uow:  # damaged scans are copied as they are, but said so
        cases = uow.cases.count()
        damaged = find_damaged_scans(uow, opened.files)
        enrolled = uow.outbox.state().enrolled
        origin = BackupOrigin(
            installation_id(opened.profile.root.parent),
            uow.device().device_id,
            None if enrolled is None else enrolled.device_id,
        )
        uow.commit()
    scratch = f"{STAGING_PREFIX}{secrets.token_hex(6)}"
    staging = opened.profile.tmp / f"{scratch}.db"
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    files = sorted(opened.profile.attachments.glob("*.bza"))
    marker, lock = hold_marker(opened.profile.tmp, scratch, partial)
    try:
        opened.snapshot(staging)
        backup_key = secrets.token_bytes(32)
        header = _header(
            backup_key, passphrase, opened.key_file.recovery_public_key, opened.profile.name, origin
        )
        recovery = opened.key_file.recovery_public_key
        manifest = {
            "data_key": b64(opened.data_key),
            "profile": opened.profile.name,
            "cases": cases,
            "recovery_public_key": None if recovery is None else b64(recovery),
        }
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o600), "wb") as out:
            _write_payload(out, header, backup_key, manifest, staging, files)
        partial.replace(target)
    finally:
        staging.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
        os.close(lock)
    with opened.store.unit_of_work() as uow:
        uow.audit.append("backup", actor=actor, details={"file": target.name})
        uow.commit()
    return BackupSummary(target, cases, len(files), target.stat().st_size, damaged)


@dataclass(frozen=True)
class BackupKeySource:
    """How to open a backup: its passphrase, or IT's recovery private key."""

    passphrase: str | None = None
    recovery_private_key: X25519PrivateKey | None = None


def _read_header(source: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise NotABackup()
    size_bytes = source.read(4)
    if len(size_bytes) != 4:
        raise BackupDamaged()
    raw = source.read(struct.unpack(">I", size_bytes)[0])
    try:
        return json.loads(raw), raw
    except ValueError:
        raise BackupDamaged() from None


def _backup_key(header: dict[str, Any], keys: BackupKeySource) -> bytes:
    aad = f"bizdesk.backup/1|{header.get('backup_id')}".encode()
    wraps = {w.get("method"): w for w in header.get("wraps", [])}
    if keys.recovery_private_key is not None and "recovery" in wraps:
        return unwrap_with_recovery(wraps["recovery"], keys.recovery_private_key, aad)
    if keys.passphrase is not None and "passphrase" in wraps:
        try:
            return unwrap_with_passphrase(wraps["passphrase"], keys.passphrase, aad)
        except WrongPassphrase:  # its own sentence names the profile: this is the backup's passphrase
            raise BackupPassphraseWrong() from None
    raise ProfileError(
        "打开此备份需要备份口令或IT恢复私钥；请提供其中之一。",
        "Opening this backup needs its passphrase or IT's recovery private key; give one of them.",
    )


def _is_attachment_name(name: str) -> bool:
    folder, _, file_name = name.partition("/")
    return (
        folder == "attachments" and bool(file_name) and "/" not in file_name and not file_name.startswith(".")
    )


def _extract(source: IO[bytes], key: bytes, aad: bytes, staging: Path) -> dict[str, Any]:
    """Unpack the payload into ``staging``; returns the manifest (kept in memory only)."""
    manifest: dict[str, Any] | None = None
    staging.mkdir(mode=0o700, parents=True)
    (staging / "attachments").mkdir(mode=0o700)
    reader = OpeningReader(open_chunks(source, key, aad))
    with tarfile.open(fileobj=reader, mode="r|") as archive:
        for member in archive:
            handle = archive.extractfile(member)
            if handle is None:
                continue
            if member.name == "manifest.json":
                manifest = json.loads(handle.read())
            elif member.name == "bizdesk.db" or _is_attachment_name(member.name):
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
                with os.fdopen(os.open(staging / member.name, flags, 0o600), "wb") as out:
                    shutil.copyfileobj(handle, out, CHUNK)
            else:
                raise BackupDamaged()
    while reader.read(CHUNK):  # to the last chunk: checks nothing was cut off or appended
        pass
    if manifest is None or not (staging / "bizdesk.db").exists():
        raise BackupDamaged()
    return manifest


def backup_profile(header: dict[str, Any]) -> str | None:
    """The profile a backup header names ("desk" or "training"), or None when it names none."""
    named = header.get("profile")
    if named in (DESK_PROFILE, TRAINING_PROFILE):
        training = header.get("training", named == TRAINING_PROFILE)
        return str(named) if training is (named == TRAINING_PROFILE) else None
    return None


def backup_origin(header: dict[str, Any]) -> BackupOrigin:
    def text(key: str) -> str | None:
        value = header.get(key)
        return value if isinstance(value, str) and value else None

    return BackupOrigin(text("installation_id"), text("device_id"), text("platform_device_id"))


def read_origin(path: Path) -> BackupOrigin:
    """The origin a backup's header names (not yet authenticated: ``read_backup`` does that)."""
    if not path.is_file():
        raise BackupFileMissing(str(path))
    with path.open("rb") as source:
        header, _ = _read_header(source)
    return backup_origin(header) if isinstance(header, dict) else BackupOrigin()


def read_backup(
    path: Path,
    keys: BackupKeySource,
    staging: Path,
    *,
    profile: str,
) -> tuple[bytes, bytes | None, BackupOrigin]:
    """Decrypt ``path`` into ``staging`` (database, attachments); returns the data key, recovery key and
    the backup's origin (authenticated by then: every chunk carried the header's hash).

    Refuses (``BackupOfAnotherProfile``) a backup whose header or manifest names another ``profile``.
    """
    if not path.is_file():
        raise BackupFileMissing(str(path))
    try:
        with path.open("rb") as source:
            header, raw = _read_header(source)
            if not isinstance(header, dict):
                raise BackupDamaged()
            if backup_profile(header) != profile:
                raise BackupOfAnotherProfile(backup_profile(header), profile)
            backup_key = _backup_key(header, keys)
            manifest = _extract(source, backup_key, hashlib.sha256(raw).digest(), staging)
    except (tarfile.TarError, EOFError, ValueError, KeyError, StreamDamaged):
        raise BackupDamaged() from None
    if manifest.get("profile") != profile:
        raise BackupOfAnotherProfile(manifest.get("profile"), profile)
    recovery = manifest.get("recovery_public_key")
    return unb64(manifest["data_key"]), None if recovery is None else unb64(recovery), backup_origin(header)


def restore_backup(
    backup: Path,
    keys: BackupKeySource,
    target_root: Path,
    sources: KeySources,
    *,
    recovery_public_key: bytes | None,
    profile: str,
    check_database: DatabaseCheck,
    replace_device: bool = False,
) -> Path | None:
    """Replace the profile at ``target_root`` (a ``profile``: desk or training) with the backup; returns
    where the old profile was kept. Refuses a backup of the other profile and one whose database
    ``check_database`` refuses (damaged, newer, holding a case whose fictitious mark does not fit), and
    (``BackupOfAnotherDevice``, last) one made on another installation, or naming none (made before
    backups named it), unless ``replace_device``: IT's explicit device replacement."""
    from app.security import profile_keys

    staging = target_root.with_name(f".{target_root.name}.restore-{secrets.token_hex(4)}")
    try:
        data_key, backed_up_recovery, origin = read_backup(backup, keys, staging, profile=profile)
        try:
            check_database(staging / "bizdesk.db", data_key, training=profile == TRAINING_PROFILE)
        except WrittenByNewerVersion as newer:  # worded for the backup, not "the local database"
            raise BackupFromNewerVersion(str(newer.data.get("revision"))) from None
        here = known_installation_id(target_root.parent)  # none yet: no backup was made here
        if (origin.installation_id is None or origin.installation_id != here) and not replace_device:
            raise BackupOfAnotherDevice(origin.platform_device_id or origin.device_id)
        key_file = keyfile.KeyFile(
            profile_id=keyfile.new_profile_id(),
            key_version=1,
            created_at=keyfile.now_text(),
            recovery_public_key=recovery_public_key or backed_up_recovery,
        )
        key_file = key_file.with_wraps(profile_keys.wraps_for(data_key, key_file, sources))
        keyfile.save(keyfile.path_in(staging), key_file)
        kept = _swap(staging, target_root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return kept


def _swap(staging: Path, target_root: Path) -> Path | None:
    kept = None
    if target_root.exists():
        stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
        kept = target_root.with_name(f"{target_root.name}.before-restore-{stamp}")
        target_root.rename(kept)
    staging.rename(target_root)
    for folder in ("backups", "logs", "tmp"):
        (target_root / folder).mkdir(exist_ok=True)
    return kept
