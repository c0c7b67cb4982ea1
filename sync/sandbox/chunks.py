"""Where the sandbox keeps attachment bytes: in files beside its database when it has a data folder
(``<data>/attachments/<device>/<sha256>``), else as database rows (an in-memory sandbox).

Files avoid writing every byte twice (SQLite's WAL, then the database) and keep large blobs out of
the database pages. The database row ``Attachment.received`` stays the truth: a chunk is written at
its offset before the transaction that counts it commits, so a rolled-back chunk is only bytes past
``received`` that the next chunk at that offset overwrites. Files are readable by the owner only.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.sandbox.db import AttachmentChunk

READ_BLOCK = 1024 * 1024


class ChunkStore(Protocol):
    def write(
        self, session: Session, device_id: str, sha256: str, offset: int, data: bytes | memoryview
    ) -> None: ...

    def digest(self, session: Session, device_id: str, sha256: str, size: int) -> str:
        """Hex SHA-256 of the first ``size`` bytes held."""

    def discard(self, session: Session, device_id: str, sha256: str) -> None: ...

    def read(self, session: Session, device_id: str, sha256: str, size: int) -> bytes: ...


class RowChunks:
    """Chunks as rows of ``attachment_chunks``, in the caller's transaction."""

    def write(
        self, session: Session, device_id: str, sha256: str, offset: int, data: bytes | memoryview
    ) -> None:
        session.add(AttachmentChunk(device_id=device_id, sha256=sha256, offset=offset, data=bytes(data)))

    def read(self, session: Session, device_id: str, sha256: str, size: int) -> bytes:
        session.flush()
        query = (
            select(AttachmentChunk.data)
            .where(AttachmentChunk.device_id == device_id, AttachmentChunk.sha256 == sha256)
            .order_by(AttachmentChunk.offset)
        )
        return b"".join(session.scalars(query))[:size]

    def digest(self, session: Session, device_id: str, sha256: str, size: int) -> str:
        return hashlib.sha256(self.read(session, device_id, sha256, size)).hexdigest()

    def discard(self, session: Session, device_id: str, sha256: str) -> None:
        session.execute(
            delete(AttachmentChunk).where(
                AttachmentChunk.device_id == device_id, AttachmentChunk.sha256 == sha256
            )
        )


class FileChunks:
    """One file per attachment, written at each chunk's offset."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, device_id: str, sha256: str) -> Path:
        return self.folder / device_id / sha256

    def write(
        self, session: Session, device_id: str, sha256: str, offset: int, data: bytes | memoryview
    ) -> None:
        path = self.path(device_id, sha256)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            os.pwrite(descriptor, data, offset)
        finally:
            os.close(descriptor)

    def read(self, session: Session, device_id: str, sha256: str, size: int) -> bytes:
        with self.path(device_id, sha256).open("rb") as held:
            return held.read(size)

    def digest(self, session: Session, device_id: str, sha256: str, size: int) -> str:
        digest = hashlib.sha256()
        left = size
        with self.path(device_id, sha256).open("rb") as held:
            while left > 0 and (block := held.read(min(READ_BLOCK, left))):
                digest.update(block)
                left -= len(block)
        return digest.hexdigest()

    def discard(self, session: Session, device_id: str, sha256: str) -> None:
        self.path(device_id, sha256).unlink(missing_ok=True)


def chunk_store(data_dir: Path | None) -> ChunkStore:
    return FileChunks(data_dir / "attachments") if data_dir is not None else RowChunks()
