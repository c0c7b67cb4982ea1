"""Attachments by content address (SHA-256), uploaded in resumable chunks, stored once per device.

``PUT`` announces (size, media type) and answers what is held; ``PATCH`` appends one chunk at the
offset the platform reports (``Upload-Offset``), and with ``Upload-Length`` at offset 0 announces a
new attachment in the same request (one request for a new scan); a chunk at any other offset is
refused with the right offset, so a cut upload resumes where the platform stopped. When the last
byte arrives the whole content is hashed: a mismatch discards it and says so.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.protocol.models import MAX_CHUNK_BYTES, AttachmentCreate, AttachmentStatus
from sync.sandbox.db import Attachment, AttachmentChunk
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.problems import ApiProblem


def _status(row: Attachment) -> AttachmentStatus:
    return AttachmentStatus(sha256=row.sha256, size=row.size, received=row.received, complete=row.complete)


def _not_announced() -> ApiProblem:
    return ApiProblem(
        404,
        "not_found",
        "Not found",
        "Announce the attachment with PUT first.",
        title_zh="未找到",
        detail_zh="平台没有该附件，请先登记再上传。",
    )


def get_status(platform: Platform, device: DeviceContext, sha256: str) -> AttachmentStatus:
    with platform.db.transaction() as session:
        row = session.get(Attachment, (device.device_id, sha256))
        if row is None:
            raise _not_announced()
        return _status(row)


def announce(
    platform: Platform, device: DeviceContext, sha256: str, body: AttachmentCreate
) -> AttachmentStatus:
    with platform.db.transaction() as session:
        row = session.get(Attachment, (device.device_id, sha256))
        if row is None:
            row = Attachment(
                device_id=device.device_id,
                sha256=sha256,
                size=body.size,
                media_type=body.media_type,
                received=0,
                complete=False,
                created_at=platform.now(),
            )
            session.add(row)
            session.flush()
            if body.size == 0 and sha256 == hashlib.sha256(b"").hexdigest():
                row.complete = True
        elif row.size != body.size and not row.complete:
            raise ApiProblem(
                409,
                "size_mismatch",
                "Size mismatch",
                "Announced before with another size.",
                title_zh="附件大小不符",
                detail_zh="该附件此前登记的大小不同。",
            )
        return _status(row)


def append_chunk(
    platform: Platform,
    device: DeviceContext,
    sha256: str,
    offset: int,
    chunk: bytes,
    announce: AttachmentCreate | None = None,
) -> AttachmentStatus:
    """Store one chunk at ``offset``. With ``announce`` (``Upload-Length``) at offset 0, an attachment the
    platform does not hold is created by this same request; one it holds completely is not stored again."""
    if len(chunk) > MAX_CHUNK_BYTES:
        raise ApiProblem(
            413,
            "chunk_too_large",
            "Chunk too large",
            f"Send at most {MAX_CHUNK_BYTES} bytes per chunk.",
            title_zh="分块过大",
            detail_zh="单个分块过大。",
        )
    with platform.db.transaction() as session:
        row = session.get(Attachment, (device.device_id, sha256))
        if row is None and announce is not None and offset == 0:
            row = Attachment(
                device_id=device.device_id,
                sha256=sha256,
                size=announce.size,
                media_type=announce.media_type,
                received=0,
                complete=False,
                created_at=platform.now(),
            )
            session.add(row)
        if row is None:
            raise _not_announced()
        if row.complete:
            return _status(row)
        if offset != row.received or offset + len(chunk) > row.size or not chunk:
            raise ApiProblem(
                409,
                "offset_mismatch",
                "Offset mismatch",
                f"The platform holds {row.received} bytes; continue from there.",
                title_zh="续传位置不符",
                detail_zh=f"平台已收到 {row.received} 字节，请从该位置续传。",
                headers={"Upload-Offset": str(row.received)},
            )
        whole = offset == 0 and len(chunk) == row.size
        if whole and hashlib.sha256(chunk).hexdigest() != sha256:
            intact = False  # checked in memory: nothing stored
        else:
            session.add(AttachmentChunk(device_id=device.device_id, sha256=sha256, offset=offset, data=chunk))
            row.received = offset + len(chunk)
            intact = True if whole else (_finish(session, row) if row.received == row.size else True)
            row.complete = row.complete or whole
        answer = _status(row)
    if not intact:  # raised after the commit, so a reset to offset 0 is kept
        raise ApiProblem(
            422,
            "hash_mismatch",
            "Content does not match its SHA-256",
            "The uploaded bytes do not hash to the attachment's address; upload again.",
            title_zh="附件内容校验失败",
            detail_zh="上传内容与附件摘要不符，请重新上传。",
        )
    return answer


def _finish(session: Session, row: Attachment) -> bool:
    """Hash the whole content: complete when it matches its address, else start over from zero."""
    session.flush()
    digest = hashlib.sha256()
    for data in session.scalars(
        select(AttachmentChunk.data)
        .where(AttachmentChunk.device_id == row.device_id, AttachmentChunk.sha256 == row.sha256)
        .order_by(AttachmentChunk.offset)
    ):
        digest.update(data)
    if digest.hexdigest() == row.sha256:
        row.complete = True
        return True
    session.execute(
        delete(AttachmentChunk).where(
            AttachmentChunk.device_id == row.device_id, AttachmentChunk.sha256 == row.sha256
        )
    )
    row.received = 0
    return False
