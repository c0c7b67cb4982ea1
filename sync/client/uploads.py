"""Pieces of the attachment upload of ``sync.client.gateway``: scans chunked into batches, checked first."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.errors import PlatformError
from app.syncing.ports import AttachmentRef, AttachmentSource
from sync.protocol import models as wire

CHUNK_BYTES = 1024 * 1024
BATCH_BYTES = 8 * 1024 * 1024  # chunks per attachment batch request, under the platform's body limit


@dataclass
class Upload:
    ref: AttachmentRef
    data: bytes
    offset: int


def next_parts(todo: dict[str, Upload]) -> list[tuple[Upload, bytes]]:
    """One chunk of each pending upload, in order, until the batch is full (always at least one)."""
    parts: list[tuple[Upload, bytes]] = []
    size = 0
    for upload in todo.values():
        chunk = upload.data[upload.offset : upload.offset + CHUNK_BYTES]
        if parts and (size + len(chunk) > BATCH_BYTES or len(parts) >= wire.MAX_BATCH_PARTS):
            break
        parts.append((upload, chunk))
        size += len(chunk)
    return parts


def damaged() -> PlatformError:
    return PlatformError(
        "本机附件已损坏（内容与摘要不符），未上传。请重新扫描该材料。",
        "The local attachment is damaged (its content does not match its hash) and was not sent; "
        "scan it again.",
        code="attachment_damaged",
    )


def sized(ref: AttachmentRef, source: AttachmentSource) -> bytes:
    """The stored bytes, refused as damaged when their length is not the recorded size."""
    data = source.read(ref)
    if len(data) != ref.size:
        raise damaged()
    return data


def checked(ref: AttachmentRef, source: AttachmentSource) -> bytes:
    """The stored bytes, refused as damaged unless they hash to their address."""
    data = sized(ref, source)
    if hashlib.sha256(data).hexdigest() != ref.sha256:
        raise damaged()
    return data


def intact(upload: Upload) -> bool:
    return hashlib.sha256(upload.data).hexdigest() == upload.ref.sha256
