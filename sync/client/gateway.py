"""``HttpPlatformGateway``: the platform gateway over HTTPS (bizdesk platform API v1) with httpx.

Requests go through ``sync.client.session`` (TLS policy, RFC 9421 signatures, gzip bodies) and scans
through ``sync.client.uploads``. Every answer is checked before it is believed: schema, one result
per item in order, and the platform's signature on receipts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from app.errors import BizdeskError
from app.syncing.ports import (
    AttachmentRef,
    AttachmentSource,
    FieldProblem,
    ItemOutcome,
    OutgoingItem,
    StatusPage,
)
from sync.client.errors import malformed, skew, unreachable, wrong_mode
from sync.client.session import Model, SignedSession, http_client
from sync.client.uploads import ScanUploads
from sync.client.wire_data import batch_json, status_page
from sync.protocol import models as wire
from sync.protocol.signed import document_is_authentic
from sync.signing import Signer, public_key_from_b64

CLOCK_TOLERANCE_SECONDS = 240  # under the platform's 300 s: refuse here, with a clear message, first


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
        self._scans = ScanUploads(self._session)

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
        self._scans.ensure_attachment(ref, source)

    def ensure_attachments(
        self, refs: Sequence[AttachmentRef], source: AttachmentSource
    ) -> dict[str, BizdeskError]:
        return self._scans.ensure_attachments(refs, source)

    def reference_pack(self) -> wire.ReferencePack:
        return self._authentic(self._session.send("GET", "/v1/reference-data"), wire.ReferencePack)

    def app_manifest(self) -> wire.AppManifest:
        return self._authentic(self._session.send("GET", "/v1/app-version"), wire.AppManifest)

    def last_checkpoint(self) -> dict[str, Any] | None:
        """``app.syncing.ports.AuditCheckpoints``: the platform's signed receipt of this device's last
        checkpoint, checked; None when the platform keeps none (404 ``no_checkpoint``)."""
        response = self._session.send("GET", "/v1/audit-checkpoints/last")
        if response.status_code == 404 and _problem_code(response) == "no_checkpoint":
            return None
        answer = self._authentic(response, wire.CheckpointReceipt)
        if answer.device_id != self.device_id:
            raise malformed("checkpoint receipt of another device")
        return answer.model_dump()

    def checkpoint(
        self, seq: int, head_hash: str, signed_at: str, extends: tuple[int, str] | None = None
    ) -> dict[str, Any]:
        """``app.syncing.ports.AuditCheckpoints``: the platform-signed receipt, checked."""
        body: dict[str, Any] = {"seq": seq, "head_hash": head_hash, "signed_at": signed_at}
        if extends is not None:
            body["extends"] = {"seq": extends[0], "head_hash": extends[1]}
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


def _problem_code(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("code", "")) if isinstance(body, dict) else ""
