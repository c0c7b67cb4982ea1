"""Between the wire models (``sync.protocol.models``) and the port's plain data (``app.syncing.ports``)."""

from __future__ import annotations

from typing import Any

from app.syncing.ports import OutgoingItem, StatusEvent, StatusPage
from sync.protocol import models as wire


def wire_item(item: OutgoingItem) -> dict[str, Any]:
    return {
        "idempotency_key": item.idempotency_key,
        "case_id": item.case_id,
        "service": item.service,
        "content_sha256": item.content_sha256,
        "payload": dict(item.payload),
        "depends_on": list(item.depends_on),
        "attachments": [
            {"sha256": a.sha256, "size": a.size, "media_type": a.media_type} for a in item.attachments
        ],
    }


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
