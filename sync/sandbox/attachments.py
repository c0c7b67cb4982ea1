"""Attachments by content address (SHA-256), uploaded in resumable chunks, stored once per device.

``PUT`` announces (size, media type) and answers what is held; ``PATCH`` appends one chunk at the
offset the platform reports (``Upload-Offset``), and with ``Upload-Length`` at offset 0 announces a
new attachment in the same request (one request for a new scan); a chunk at any other offset is
refused with the right offset, so a cut upload resumes where the platform stopped. When the last
byte arrives the whole content is hashed: a mismatch discards it and says so. ``POST .../batch``
carries several such chunks (whole scans, usually) in one signed request, each answered on its own.

Concurrent uploads of one attachment (a desk resending while its first request still runs, on
PostgreSQL truly at once): every write locks the attachment's row first (``FOR UPDATE``; SQLite has
one writer anyway), so the second chunk at an offset waits, then finds the offset taken and answers
``offset_mismatch`` with where to continue. Two requests creating one attachment: the primary key
lets one in and ``Database.run`` answers the other from its row. The bytes are written only after
the row is locked or inserted, so a request that loses never writes over what the winner stored.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.models import (
    BATCH_MANIFEST_PREFIX,
    MAX_CHUNK_BYTES,
    AttachmentBatchManifest,
    AttachmentBatchResponse,
    AttachmentCreate,
    AttachmentPartResult,
    AttachmentStatus,
)
from sync.sandbox.db import Attachment
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
    return platform.db.run(lambda session: _announce(platform, session, device, sha256, body))


def _announce(
    platform: Platform, session: Session, device: DeviceContext, sha256: str, body: AttachmentCreate
) -> AttachmentStatus:
    row = session.get(Attachment, (device.device_id, sha256), with_for_update=True)
    if row is None:
        row = _create(platform, session, device, sha256, body)
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


def _create(
    platform: Platform, session: Session, device: DeviceContext, sha256: str, announced: AttachmentCreate
) -> Attachment:
    """A new, empty attachment row, inserted at once: a concurrent creator of the same one wins or
    loses here (``Database.run`` then answers the loser), before any byte is written."""
    row = Attachment(
        device_id=device.device_id,
        sha256=sha256,
        size=announced.size,
        media_type=announced.media_type,
        received=0,
        complete=False,
        created_at=platform.now(),
    )
    session.add(row)
    session.flush()
    return row


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
    answer, intact = platform.db.run(
        lambda session: _store(platform, session, device, sha256, offset, chunk, announce)
    )
    if not intact:  # raised after the commit, so a reset to offset 0 is kept
        raise _hash_mismatch()
    return answer


def append_batch(platform: Platform, device: DeviceContext, body: bytes) -> AttachmentBatchResponse:
    """Several chunks (of one or more attachments) in one request, stored in one transaction; each part
    is answered on its own, like a ``PATCH`` of it alone would be."""
    manifest, chunks = _split(body)
    return AttachmentBatchResponse(
        results=platform.db.run(lambda session: _store_batch(platform, session, device, manifest, chunks))
    )


def _store_batch(
    platform: Platform,
    session: Session,
    device: DeviceContext,
    manifest: AttachmentBatchManifest,
    chunks: list[memoryview],
) -> list[AttachmentPartResult]:
    results: list[AttachmentPartResult] = []
    with session.no_autoflush:
        held = {  # every part's row in one read (locked, in one order), not one query per part
            row.sha256: row
            for row in session.scalars(
                select(Attachment)
                .where(
                    Attachment.device_id == device.device_id,
                    Attachment.sha256.in_({part.sha256 for part in manifest.parts}),
                )
                .order_by(Attachment.sha256)
                .with_for_update()
            )
        }
        _create_announced(platform, session, device, manifest, held)
        for part, chunk in zip(manifest.parts, chunks, strict=True):
            announce = AttachmentCreate(size=part.size, media_type=part.media_type)
            try:
                status, intact = _store(
                    platform, session, device, part.sha256, part.offset, chunk, announce, held
                )
            except ApiProblem as problem:
                row = held.get(part.sha256)
                received = row.received if row is not None else 0
                results.append(_part(part.sha256, part.size, received, False, problem.body.code))
                continue
            error = None if intact else "hash_mismatch"
            results.append(_part(status.sha256, status.size, status.received, status.complete, error))
    return results


def _create_announced(
    platform: Platform,
    session: Session,
    device: DeviceContext,
    manifest: AttachmentBatchManifest,
    held: dict[str, Attachment],
) -> None:
    """The rows of the attachments the batch announces (parts at offset 0 the platform does not
    hold), inserted in one flush before any byte is written (one flush per part was a tenth of a
    batch's cost); a concurrent creator of one of them wins or loses here, as in ``_create``."""
    now = platform.now()
    created = {
        part.sha256: Attachment(
            device_id=device.device_id,
            sha256=part.sha256,
            size=part.size,
            media_type=part.media_type,
            received=0,
            complete=False,
            created_at=now,
        )
        for part in manifest.parts
        if part.offset == 0 and part.sha256 not in held and part.length <= MAX_CHUNK_BYTES
    }
    if created:
        session.add_all(created.values())
        session.flush()
        held.update(created)


def _part(sha256: str, size: int, received: int, complete: bool, error: str | None) -> AttachmentPartResult:
    return AttachmentPartResult(sha256=sha256, size=size, received=received, complete=complete, error=error)


def _split(body: bytes) -> tuple[AttachmentBatchManifest, list[memoryview]]:
    """The manifest (length-prefixed JSON) and the parts' bytes that follow it (views into ``body``:
    hashed and written without a copy of each part)."""
    head = BATCH_MANIFEST_PREFIX
    size = int.from_bytes(body[:head], "big") if len(body) >= head else -1
    try:
        if size < 0 or len(body) < head + size:
            raise ValueError("truncated")
        manifest = AttachmentBatchManifest.model_validate_json(body[head : head + size])
    except ValueError:
        raise _bad_batch("The body must open with a 4-byte length and a valid JSON manifest.") from None
    view = memoryview(body)
    chunks, cursor = [], head + size
    for part in manifest.parts:
        chunks.append(view[cursor : cursor + part.length])
        cursor += part.length
    if cursor != len(body):
        raise _bad_batch("The bytes after the manifest must add up to the parts' lengths.")
    return manifest, chunks


def _bad_batch(detail: str) -> ApiProblem:
    return ApiProblem(
        422,
        "invalid_request",
        "Invalid attachment batch",
        detail,
        title_zh="附件批次格式不符",
        detail_zh="附件批次的格式不符合接口要求。",
    )


def _hash_mismatch() -> ApiProblem:
    return ApiProblem(
        422,
        "hash_mismatch",
        "Content does not match its SHA-256",
        "The uploaded bytes do not hash to the attachment's address; upload again.",
        title_zh="附件内容校验失败",
        detail_zh="上传内容与附件摘要不符，请重新上传。",
    )


def _store(
    platform: Platform,
    session: Session,
    device: DeviceContext,
    sha256: str,
    offset: int,
    chunk: bytes | memoryview,
    announce: AttachmentCreate | None,
    held: dict[str, Attachment] | None = None,
) -> tuple[AttachmentStatus, bool]:
    """Store one chunk in ``session``: (status, whether the content is intact so far). ``held``: the
    rows of this device already read, by SHA-256 (a batch reads them at once)."""
    if len(chunk) > MAX_CHUNK_BYTES:
        raise ApiProblem(
            413,
            "chunk_too_large",
            "Chunk too large",
            f"Send at most {MAX_CHUNK_BYTES} bytes per chunk.",
            title_zh="分块过大",
            detail_zh="单个分块过大。",
        )
    row = (
        held.get(sha256)
        if held is not None
        else session.get(Attachment, (device.device_id, sha256), with_for_update=True)
    )
    if row is None and announce is not None and offset == 0:
        row = _create(platform, session, device, sha256, announce)
        if held is not None:
            held[sha256] = row
    if row is None:
        raise _not_announced()
    if row.complete:
        return _status(row), True
    if offset == row.received and chunk and offset + len(chunk) > row.size:
        raise ApiProblem(
            409,
            "size_mismatch",
            "Chunk past the end",
            f"The chunk would end at byte {offset + len(chunk)} of an attachment announced with {row.size}.",
            title_zh="附件大小不符",
            detail_zh="上传内容超出该附件登记的大小。",
        )
    if offset != row.received or not chunk:
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
        return _status(row), False  # checked in memory: nothing stored
    platform.chunks.write(session, device.device_id, sha256, offset, chunk)
    row.received = offset + len(chunk)
    intact = True if whole else (_finish(platform, session, row) if row.received == row.size else True)
    row.complete = row.complete or whole
    return _status(row), intact


def _finish(platform: Platform, session: Session, row: Attachment) -> bool:
    """Hash the whole content: complete when it matches its address, else start over from zero."""
    if platform.chunks.digest(session, row.device_id, row.sha256, row.size) == row.sha256:
        row.complete = True
        return True
    platform.chunks.discard(session, row.device_id, row.sha256)
    row.received = 0
    return False
