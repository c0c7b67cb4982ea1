"""Scan uploads of ``sync.client.gateway``: resumable chunks by content address, several scans per
signed ``POST /v1/attachments/batch``, two such requests in flight (the platform stores one batch
while the next arrives), each answered part by part.

The platform hashes every complete attachment against its address, so the desk does not hash a scan
before sending it (one pass less over every byte); when the platform answers ``hash_mismatch``, the
desk checks its own copy and reports a damaged one (never resent).
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from app.errors import BizdeskError, PlatformError
from app.syncing.ports import AttachmentRef, AttachmentSource
from sync.client.errors import malformed
from sync.client.session import SignedSession
from sync.protocol import models as wire

CHUNK_BYTES = 1024 * 1024
BATCH_BYTES = 8 * 1024 * 1024  # chunks per attachment batch request, under the platform's body limit
IN_FLIGHT = 2  # batch requests at once: the platform stores one while the next one arrives
Parts = list[tuple["Upload", bytes]]


@dataclass
class Upload:
    ref: AttachmentRef
    data: bytes
    offset: int


def next_parts(todo: dict[str, Upload], busy: frozenset[str] = frozenset()) -> Parts:
    """One chunk of each pending upload not ``busy`` (a chunk of it in flight), in order, until the
    batch is full (at least one, unless every pending upload is busy)."""
    parts: Parts = []
    size = 0
    for upload in todo.values():
        if upload.ref.sha256 in busy:
            continue
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


class ScanUploads:
    """The gateway's scans: what the platform holds completely, and uploads cut in this session."""

    def __init__(self, session: SignedSession) -> None:
        self._session = session
        self._uploaded: set[str] = set()  # the platform holds these completely
        self._interrupted: set[str] = set()  # uploads cut in this session: ask the offset before resuming

    def ensure_attachment(self, ref: AttachmentRef, source: AttachmentSource) -> None:
        """Upload unless already done: a new scan goes in one request (announced by its first chunk); an
        upload cut earlier in this session resumes from the platform's offset, learnt first."""
        if ref.sha256 in self._uploaded:
            return
        data = checked(ref, source)
        offset = self._status(ref).received if ref.sha256 in self._interrupted else 0
        self._interrupted.add(ref.sha256)
        while True:
            response = self._session.send(
                "PATCH",
                f"/v1/attachments/{ref.sha256}",
                raw=data[offset : offset + CHUNK_BYTES],
                headers={
                    "upload-offset": str(offset),
                    "upload-length": str(ref.size),
                    "upload-media-type": ref.media_type,
                },
            )
            if response.status_code == 409 and "upload-offset" in response.headers:
                offset = int(response.headers["upload-offset"])  # resume where the platform stands
                continue
            status = self._session.expect(response, wire.AttachmentStatus)
            if status.complete:
                break
            offset = status.received
        self._interrupted.discard(ref.sha256)
        self._uploaded.add(ref.sha256)

    def ensure_attachments(
        self, refs: Sequence[AttachmentRef], source: AttachmentSource
    ) -> dict[str, BizdeskError]:
        """Upload those the platform may not hold, several chunks per signed request, ``IN_FLIGHT``
        requests at once (answers taken in the order sent); returns the errors of those that could
        not be sent, by SHA-256. A failed request ends the upload: the next try asks the platform
        where each scan of it stands."""
        failed: dict[str, BizdeskError] = {}
        todo = self._todo(refs, source, failed)
        rounds = sum(len(u.data) // CHUNK_BYTES + 2 for u in todo.values()) + 4
        flights: deque[tuple[Parts, Future[wire.AttachmentBatchResponse]]] = deque()
        with ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="bizdesk-scans") as senders:
            while todo:
                busy = frozenset(u.ref.sha256 for parts, _ in flights for u, _ in parts)
                while len(flights) < IN_FLIGHT and rounds > 0 and (parts := next_parts(todo, busy)):
                    rounds -= 1
                    self._interrupted.update(u.ref.sha256 for u, _ in parts)
                    flights.append((parts, senders.submit(self._post, parts)))
                    busy |= {u.ref.sha256 for u, _ in parts}
                if not flights:
                    break
                parts, answer = flights.popleft()
                self._take(parts, answer.result(), todo, failed)
        for sha in todo:
            failed[sha] = malformed(f"attachment {sha} made no progress")
        return failed

    def _todo(
        self, refs: Sequence[AttachmentRef], source: AttachmentSource, failed: dict[str, BizdeskError]
    ) -> dict[str, Upload]:
        todo: dict[str, Upload] = {}
        for ref in refs:
            if ref.sha256 in self._uploaded or ref.sha256 in todo:
                continue
            try:
                data = sized(ref, source)  # its hash is checked by the platform, and here on a mismatch
            except BizdeskError as error:
                failed[ref.sha256] = error
                continue
            offset = 0
            if ref.sha256 in self._interrupted:  # cut earlier: learn what the platform holds first
                status = self._status(ref)
                # Learnt: a request failing further on must not make the next try ask again (with
                # hundreds of scans and a few failing requests in each try, it would never get through).
                # Until it is sent again, the platform's answer to a part corrects any offset.
                self._interrupted.discard(ref.sha256)
                if status.complete:
                    self._uploaded.add(ref.sha256)
                    continue
                offset = status.received
            todo[ref.sha256] = Upload(ref, data, offset)
        return todo

    def _post(self, parts: Parts) -> wire.AttachmentBatchResponse:
        """One batch request (runs in a sender thread: the network, nothing of the desk's state)."""
        manifest = {
            "parts": [
                {
                    "sha256": u.ref.sha256,
                    "offset": u.offset,
                    "length": len(chunk),
                    "size": u.ref.size,
                    "media_type": u.ref.media_type,
                }
                for u, chunk in parts
            ]
        }
        head = json.dumps(manifest, separators=(",", ":")).encode("utf-8")
        body = b"".join([len(head).to_bytes(4, "big"), head, *(chunk for _, chunk in parts)])
        answer = self._session.expect(
            self._session.send("POST", "/v1/attachments/batch", raw=body), wire.AttachmentBatchResponse
        )
        if [r.sha256 for r in answer.results] != [u.ref.sha256 for u, _ in parts]:
            raise malformed("attachment results do not match the parts sent")
        return answer

    def _take(
        self,
        parts: Parts,
        answer: wire.AttachmentBatchResponse,
        todo: dict[str, Upload],
        failed: dict[str, BizdeskError],
    ) -> None:
        for (upload, _), result in zip(parts, answer.results, strict=True):
            sha = upload.ref.sha256
            if result.complete:
                self._uploaded.add(sha)
                self._interrupted.discard(sha)
                del todo[sha]
            elif result.error == "hash_mismatch" and not intact(upload):
                failed[sha] = damaged()  # the desk's own copy does not match its address
                del todo[sha]
            elif result.error in (None, "offset_mismatch", "hash_mismatch"):
                upload.offset = result.received  # continue where the platform stands (0 after a mismatch)
            else:
                failed[sha] = PlatformError(
                    "政务平台未接收该附件，请联系IT支持。",
                    f"The platform refused attachment {sha[:12]}: {result.error}.",
                    code="attachment_refused",
                )
                del todo[sha]

    def _status(self, ref: AttachmentRef) -> wire.AttachmentStatus:
        response = self._session.send("GET", f"/v1/attachments/{ref.sha256}")
        if response.status_code == 404:  # never announced: start from the beginning
            return wire.AttachmentStatus(sha256=ref.sha256, size=ref.size, received=0, complete=False)
        return self._session.expect(response, wire.AttachmentStatus)
