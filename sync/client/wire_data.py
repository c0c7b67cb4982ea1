"""Between the wire models (``sync.protocol.models``) and the port's plain data (``app.syncing.ports``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from app.syncing.ports import OutgoingItem, StatusEvent, StatusPage
from app.syncing.rules import CanonicalPayload
from sync.protocol import models as wire


def wire_item(item: OutgoingItem) -> dict[str, Any]:
    return {**_item_fields(item), "payload": dict(item.payload)}


def _item_fields(item: OutgoingItem) -> dict[str, Any]:
    return {
        "idempotency_key": item.idempotency_key,
        "case_id": item.case_id,
        "service": item.service,
        "content_sha256": item.content_sha256,
        "depends_on": list(item.depends_on),
        "attachments": [
            {"sha256": a.sha256, "size": a.size, "media_type": a.media_type} for a in item.attachments
        ],
    }


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def batch_json(items: Sequence[OutgoingItem], feed_cursor: str | None) -> bytes:
    """The ``SubmitBatchRequest`` JSON of ``items`` (and the feed cursor, if any), as UTF-8.

    A payload the outbox handed out as its canonical text (``CanonicalPayload``) is written into the
    request as it is: no parse and no re-encoding per item (they were a third of the desk's work on a
    batch). Other payloads are encoded here."""
    parts = []
    for item in items:
        payload = item.payload
        text = payload.text if isinstance(payload, CanonicalPayload) else _json_text(dict(payload))
        parts.append(f'{_json_text(_item_fields(item))[:-1]},"payload":{text}}}')
    cursor = "" if feed_cursor is None else f',"feed_cursor":{_json_text(feed_cursor)}'
    return f'{{"items":[{",".join(parts)}]{cursor}}}'.encode()


def status_page(page: wire.StatusPage) -> StatusPage:
    events = tuple(
        StatusEvent(
            seq=e.seq,
            idempotency_key=e.idempotency_key,
            case_id=e.case_id,
            service=e.service,
            status=e.status,
            reasons=tuple(e.reasons),
            results=e.results.model_dump(mode="json", exclude_none=True),
            at=e.at,
        )
        for e in page.events
    )
    return StatusPage(events=events, next_cursor=page.next_cursor, has_more=page.has_more)
