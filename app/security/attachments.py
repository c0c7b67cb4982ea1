"""Attachment files (ID card scans and other documents), each sealed with AES-256-GCM.

The key is the case's 32-byte key held in the encrypted database (``case_keys``);
the associated data binds the file to its case and document, so a file swapped to
another case, or any changed byte, fails to open with ``AttachmentDamaged``.
Deleting the case key (case deletion, retention purge) shreds every file of the
case even before the files themselves are removed. File names are random: no
personal data in names either.

File layout: ``BZA1`` magic, 12-byte nonce, ciphertext with the 16-byte tag.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import NotFound, ProfileError
from app.ports import AttachmentInfo, AttachmentKeys
from app.security.atomic import write_atomic

MAGIC = b"BZA1"
NONCE_BYTES = 12
SUFFIX = ".bza"


class AttachmentDamaged(ProfileError):
    code = "attachment.damaged"

    def __init__(self) -> None:
        super().__init__(
            "附件文件校验失败（被改动、损坏或不属于此案卷），未打开；请重新扫描上传该材料。",
            "The attachment failed its integrity check (changed, damaged or not of this case) and was not "
            "opened; scan and attach the document again.",
        )


class AttachmentMissing(NotFound):
    code = "attachment.missing"

    def __init__(self) -> None:
        super().__init__(
            "找不到该附件（可能已按保留期限清除）；请重新扫描上传。",
            "The attachment is not there (it may have been purged by the retention policy); scan it again.",
        )


def _aad(case_id: str, document_id: str) -> bytes:
    return f"bizdesk.attachment/1|{case_id}|{document_id}".encode()


@dataclass(frozen=True)
class AttachmentStore:
    """The ``profile/attachments`` folder."""

    folder: Path

    def write(self, case_id: str, document_id: str, key: bytes, data: bytes) -> str:
        """Seal ``data`` into a new randomly named file; returns the file name."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = secrets.token_hex(16) + SUFFIX
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(key).encrypt(nonce, data, _aad(case_id, document_id))
        write_atomic(self.folder / name, MAGIC + nonce + sealed)
        return name

    def read(self, case_id: str, document_id: str, key: bytes, file_name: str) -> bytes:
        path = self.folder / Path(file_name).name
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise AttachmentMissing() from None
        if not blob.startswith(MAGIC):
            raise AttachmentDamaged()
        nonce, sealed = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES], blob[len(MAGIC) + NONCE_BYTES :]
        try:
            return AESGCM(key).decrypt(nonce, sealed, _aad(case_id, document_id))
        except InvalidTag:
            raise AttachmentDamaged() from None

    def delete(self, file_name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.folder / Path(file_name).name).unlink()

    def purge_orphans(self, known_names: Iterable[str]) -> int:
        """Remove files no attachment row names (their key is gone: they are already unreadable)."""
        known = set(known_names)
        removed = 0
        for path in self.folder.glob(f"*{SUFFIX}"):
            if path.name not in known:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


class AttachmentUnitOfWork(Protocol):
    @property
    def attachment_keys(self) -> AttachmentKeys: ...

    @property
    def clock(self) -> Callable[[], dt.datetime]: ...


def save_attachment(
    uow: AttachmentUnitOfWork,
    files: AttachmentStore,
    case_id: str,
    document_id: str,
    data: bytes,
    media_type: str,
) -> AttachmentInfo:
    """Seal ``data`` as the case's ``document_id`` (replacing an older file) in the caller's transaction."""
    key = uow.attachment_keys.key_for(case_id, create=True)
    assert key is not None
    previous = uow.attachment_keys.get(case_id, document_id)
    name = files.write(case_id, document_id, key, data)
    info = AttachmentInfo(case_id, document_id, name, media_type, len(data), uow.clock())
    uow.attachment_keys.record(info)
    if previous is not None:
        files.delete(
            previous.file_name
        )  # the old file; if the commit fails, the orphan sweep removes the new
    return info


def load_attachment(
    uow: AttachmentUnitOfWork, files: AttachmentStore, case_id: str, document_id: str
) -> bytes:
    info = uow.attachment_keys.get(case_id, document_id)
    key = uow.attachment_keys.key_for(case_id, create=False)
    if info is None or key is None:
        raise AttachmentMissing()
    return files.read(case_id, document_id, key, info.file_name)
