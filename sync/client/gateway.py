"""``HttpPlatformGateway``: the platform gateway over HTTPS (bizdesk platform API v1) with httpx.

TLS verification is always on (an optional pinned CA replaces the system store); plain HTTP is
allowed only to a loopback sandbox or from the training profile. Every request is signed with the
device key (``sync.signing``); bodies over 1 KiB are gzip-compressed. Every answer is checked before
it is believed: schema, one result per item in order, and the platform's signature on receipts.
"""

from __future__ import annotations

import datetime as dt
import gzip
import ipaddress
import json
import ssl
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from app.errors import BizdeskError, PlatformError, UsageError
from app.syncing.ports import (
    AttachmentRef,
    AttachmentSource,
    FieldProblem,
    ItemOutcome,
    OutgoingItem,
    StatusPage,
)
from sync.client.errors import malformed, refusal, skew, unreachable, wrong_mode
from sync.client.uploads import CHUNK_BYTES, Upload, checked, damaged, intact, next_parts, sized
from sync.client.wire_data import batch_json, status_page
from sync.protocol import models as wire
from sync.protocol.signed import document_is_authentic
from sync.signing import Signer, public_key_from_b64, sign_request

Model = TypeVar("Model", bound=BaseModel)
COMPRESS_FROM_BYTES = 1024
USER_AGENT = "bizdesk/0.1 (platform API v1)"
CLOCK_TOLERANCE_SECONDS = 240  # under the platform's 300 s: refuse here, with a clear message, first


def check_platform_url(url: str, *, training: bool) -> str:
    """The base URL without a trailing slash; refuses plain HTTP to anything but loopback outside training."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UsageError(
            f"平台地址无效：{url}。应形如 https://平台地址。",
            f"Not a platform URL: {url} (use https://host).",
        )
    if parts.scheme == "http" and not training and not _loopback(parts.hostname):
        raise UsageError(
            "正式平台必须使用 https 地址（明文 http 仅限本机沙箱或培训模式）。",
            "The real platform must be reached over https (plain http only for a local sandbox or training).",
        )
    return url.rstrip("/")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Verification always on: the system store, or only the pinned CA when one is given."""
    return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)


def http_client(
    base_url: str,
    *,
    ca_file: Path | None = None,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        verify=tls_context(ca_file),
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        transport=transport,
        headers={"user-agent": USER_AGENT},
        follow_redirects=False,
    )


def encode_json(value: Any) -> tuple[bytes, str]:
    """(body, content-encoding): compact JSON, gzip-compressed from ``COMPRESS_FROM_BYTES``."""
    return compressed(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def compressed(body: bytes) -> tuple[bytes, str]:
    """(body, content-encoding): gzip-compressed from ``COMPRESS_FROM_BYTES``."""
    if len(body) >= COMPRESS_FROM_BYTES:
        return gzip.compress(body, compresslevel=5, mtime=0), "gzip"
    return body, "identity"


class SignedSession:
    """An httpx client that signs every request with one key id, and reads answers strictly."""

    def __init__(self, client: httpx.Client, signer: Signer, key_id: str) -> None:
        self.client = client
        self._signer = signer
        self._key_id = key_id

    def send(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        json_text: bytes | None = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str | int] | None = None,
    ) -> httpx.Response:
        all_headers = dict(headers or {})
        body = b""
        if json_body is not None or json_text is not None:  # a value to encode, or encoded JSON
            body, encoding = encode_json(json_body) if json_text is None else compressed(json_text)
            all_headers |= {"content-type": "application/json", "content-encoding": encoding}
        elif raw is not None:
            body = raw
            all_headers |= {"content-type": "application/octet-stream", "content-encoding": "identity"}
        request = self.client.build_request(
            method, path, content=body or None, headers=all_headers, params=params
        )
        sign_request(
            request.method, str(request.url), request.headers, body, signer=self._signer, key_id=self._key_id
        )
        try:
            return self.client.send(request)
        except httpx.TransportError as error:
            raise unreachable(str(self.client.base_url), error) from error

    def expect(self, response: httpx.Response, model: type[Model], *, enrolling: bool = False) -> Model:
        return self.expect_raw(response, model, enrolling=enrolling)[0]

    def expect_raw(
        self, response: httpx.Response, model: type[Model], *, enrolling: bool = False
    ) -> tuple[Model, dict[str, Any]]:
        """The answer as ``model``, and as the JSON object it was read from (signatures cover the latter)."""
        if not 200 <= response.status_code < 300:
            raise refusal(response, enrolling=enrolling)
        try:
            raw = json.loads(response.content)
            return model.model_validate(raw), raw
        except (ValueError, ValidationError):
            raise malformed(f"{response.request.method} {response.request.url.path}") from None


class HttpPlatformGateway:
    """``app.syncing.ports.PlatformGateway`` over HTTPS."""

    def __init__(
        self,
        base_url: str,
        *,
        signer: Signer,
        device_id: str,
        platform_public_key: str,
        training: bool,
        ca_file: Path | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.base_url = base_url
        self._clock = clock
        self._session = SignedSession(
            http_client(base_url, ca_file=ca_file, timeout=timeout, transport=transport), signer, device_id
        )
        self._platform_key = public_key_from_b64(platform_public_key)
        self.device_id = device_id
        self.training = training
        self._uploaded: set[str] = set()  # the platform holds these completely
        self._interrupted: set[str] = set()  # uploads cut in this session: ask the offset before resuming

    def close(self) -> None:
        self._session.client.close()

    def health(self) -> wire.Health:
        try:
            response = self._session.client.get("/v1/health")
        except httpx.TransportError as error:
            raise unreachable(self.base_url, error) from error
        return self._session.expect(response, wire.Health)

    def check(self) -> None:
        """Reachable, of the mode this desk expects, with a clock in step (refused before sending)."""
        health = self.health()
        expected = "training" if self.training else "production"
        if health.mode != expected:
            raise wrong_mode(expected, health.mode)
        gap = abs((health.server_time - self._clock()).total_seconds())
        if gap > CLOCK_TOLERANCE_SECONDS:
            raise skew(f"{gap:.0f} s")

    def submit_batch(self, items: Sequence[OutgoingItem]) -> list[ItemOutcome]:
        return self._submit(items, None)[0]

    def submit_batch_with_feed(
        self, items: Sequence[OutgoingItem], cursor: str
    ) -> tuple[list[ItemOutcome], StatusPage | None]:
        """``app.syncing.ports.FeedInAnswers``: the outcomes and the feed page after ``cursor``."""
        return self._submit(items, cursor)

    def _submit(
        self, items: Sequence[OutgoingItem], cursor: str | None
    ) -> tuple[list[ItemOutcome], StatusPage | None]:
        body = batch_json(items, cursor)
        answer, raw = self._session.expect_raw(
            self._session.send("POST", "/v1/submissions/batch", json_text=body), wire.SubmitBatchResponse
        )
        if [r.idempotency_key for r in answer.results] != [i.idempotency_key for i in items]:
            raise malformed("results do not match the items sent")
        receipts = [entry.get("receipt") for entry in raw["results"]]
        outcomes = [
            self._outcome(result, item, receipt)
            for result, item, receipt in zip(answer.results, items, receipts, strict=True)
        ]
        return outcomes, None if answer.feed is None else status_page(answer.feed)

    def _outcome(
        self, result: wire.ItemResult, item: OutgoingItem, receipt: dict[str, Any] | None
    ) -> ItemOutcome:
        if receipt is not None and not self._receipt_ok(receipt, item):
            raise malformed(f"receipt for {item.idempotency_key} is not authentic")
        if (
            result.outcome in ("accepted", "duplicate")
            and receipt is None
            and result.original_outcome != "rejected"
        ):
            raise malformed(f"acceptance of {item.idempotency_key} without a receipt")
        return ItemOutcome(
            idempotency_key=result.idempotency_key,
            outcome=result.outcome,
            receipt=receipt,
            problems=tuple(
                FieldProblem(p.field, p.code, p.message_zh, p.message_en) for p in result.problems
            ),
            reason=result.reason,
            retry_after_seconds=result.retry_after_seconds,
        )

    def _receipt_ok(self, receipt: dict[str, Any], item: OutgoingItem) -> bool:
        return (
            receipt.get("idempotency_key") == item.idempotency_key
            and receipt.get("content_sha256") == item.content_sha256
            and receipt.get("device_id") == self.device_id
            and document_is_authentic(receipt, self._platform_key)
        )

    def fetch_status(self, cursor: str, limit: int) -> StatusPage:
        page = self._session.expect(
            self._session.send("GET", "/v1/status", params={"cursor": cursor, "limit": limit}),
            wire.StatusPage,
        )
        return status_page(page)

    def ensure_attachment(self, ref: AttachmentRef, source: AttachmentSource) -> None:
        """Upload unless already done: a new scan goes in one request (announced by its first chunk); an
        upload cut earlier in this session resumes from the platform's offset, learnt first."""
        if ref.sha256 in self._uploaded:
            return
        data = checked(ref, source)
        offset = self._attachment_status(ref).received if ref.sha256 in self._interrupted else 0
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
        """Upload those the platform may not hold, several chunks per signed request (``POST
        /v1/attachments/batch``); returns the errors of those that could not be sent, by SHA-256.

        The platform hashes every complete attachment against its address, so the desk does not hash
        a scan before sending it (one pass less over every byte); when the platform answers
        ``hash_mismatch``, the desk checks its own copy and reports a damaged one (never resent)."""
        failed: dict[str, BizdeskError] = {}
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
                status = self._attachment_status(ref)
                # Learnt: a request failing further on must not make the next try ask again (with
                # hundreds of scans and a few failing requests in each try, it would never get through).
                # Until it is sent again, the platform's answer to a part corrects any offset.
                self._interrupted.discard(ref.sha256)
                if status.complete:
                    self._uploaded.add(ref.sha256)
                    continue
                offset = status.received
            todo[ref.sha256] = Upload(ref, data, offset)
        rounds = sum(len(u.data) // CHUNK_BYTES + 2 for u in todo.values()) + 4
        while todo and rounds > 0:
            rounds -= 1
            self._send_parts(next_parts(todo), todo, failed)
        for sha in todo:
            failed[sha] = malformed(f"attachment {sha} made no progress")
        return failed

    def _send_parts(
        self, parts: list[tuple[Upload, bytes]], todo: dict[str, Upload], failed: dict[str, BizdeskError]
    ) -> None:
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
        self._interrupted.update(u.ref.sha256 for u, _ in parts)
        answer = self._session.expect(
            self._session.send("POST", "/v1/attachments/batch", raw=body), wire.AttachmentBatchResponse
        )
        if [r.sha256 for r in answer.results] != [u.ref.sha256 for u, _ in parts]:
            raise malformed("attachment results do not match the parts sent")
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

    def _attachment_status(self, ref: AttachmentRef) -> wire.AttachmentStatus:
        response = self._session.send("GET", f"/v1/attachments/{ref.sha256}")
        if response.status_code == 404:  # never announced: start from the beginning
            return wire.AttachmentStatus(sha256=ref.sha256, size=ref.size, received=0, complete=False)
        return self._session.expect(response, wire.AttachmentStatus)

    def reference_pack(self) -> wire.ReferencePack:
        return self._authentic(self._session.send("GET", "/v1/reference-data"), wire.ReferencePack)

    def app_manifest(self) -> wire.AppManifest:
        return self._authentic(self._session.send("GET", "/v1/app-version"), wire.AppManifest)

    def checkpoint(self, seq: int, head_hash: str, signed_at: str) -> dict[str, Any]:
        """``app.syncing.ports.AuditCheckpoints``: the platform-signed receipt, checked."""
        body = {"seq": seq, "head_hash": head_hash, "signed_at": signed_at}
        answer = self._authentic(
            self._session.send("POST", "/v1/audit-checkpoints", json_body=body), wire.CheckpointReceipt
        )
        if answer.seq != seq or answer.head_hash != head_hash or answer.device_id != self.device_id:
            raise malformed("checkpoint receipt for another head")
        return answer.model_dump()

    def _authentic(self, response: httpx.Response, model: type[Model]) -> Model:
        document, raw = self._session.expect_raw(response, model)
        if not document_is_authentic(raw, self._platform_key):
            raise malformed(f"{model.__name__} signature")
        return document
