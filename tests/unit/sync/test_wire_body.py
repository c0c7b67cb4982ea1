"""A batch request written from the outbox's canonical payload text is the request the models describe."""

from __future__ import annotations

import json

from app.syncing.ports import AttachmentRef, OutgoingItem
from app.syncing.rules import CanonicalPayload, canonical_json, content_sha256
from sync.client.wire_data import batch_json, wire_item
from sync.protocol.models import SubmitBatchRequest
from tests.integration.sync.support import DONE_ELSEWHERE, synthetic_payload


def _item(n: int, *, canonical: bool) -> OutgoingItem:
    payload = synthetic_payload(f"SG20261207-{n:08d}", "tax", DONE_ELSEWHERE)
    # quotes and backslashes travel intact
    payload["company"]["name"] = f'寿光市"引号"\\测试{n}蔬菜种植有限公司'
    text = canonical_json(payload).decode("utf-8")
    return OutgoingItem(
        idempotency_key=f"SG20261207-{n:08d}:tax:{n:04d}",
        case_id=f"SG20261207-{n:08d}",
        service="tax",
        content_sha256=content_sha256(payload),
        payload=CanonicalPayload(text) if canonical else payload,
        depends_on=("license", "bank_account"),
        attachments=(AttachmentRef("a" * 64, 10, "image/jpeg", "case", "doc"),),
    )


def test_the_body_from_canonical_text_equals_the_body_from_the_payloads() -> None:
    from_text = batch_json([_item(n, canonical=True) for n in range(3)], "42")
    from_values = batch_json([_item(n, canonical=False) for n in range(3)], "42")
    expected = {"items": [wire_item(_item(n, canonical=False)) for n in range(3)], "feed_cursor": "42"}
    assert json.loads(from_text) == json.loads(from_values) == expected
    request = SubmitBatchRequest.model_validate_json(from_text)
    assert [content_sha256(item.payload) for item in request.items] == [
        _item(n, canonical=False).content_sha256 for n in range(3)
    ]


def test_no_feed_cursor_no_feed_field() -> None:
    body = json.loads(batch_json([_item(1, canonical=True)], None))
    assert set(body) == {"items"}
    assert json.loads(batch_json([_item(1, canonical=True)], ""))["feed_cursor"] == ""


def test_a_canonical_payload_reads_like_its_value_and_hashes_its_text() -> None:
    payload = synthetic_payload("SG20261207-00000001", "license")
    stored = CanonicalPayload(canonical_json(payload).decode("utf-8"))
    assert dict(stored) == payload
    assert stored == payload
    assert stored["company"]["name"] == payload["company"]["name"]
    assert content_sha256(stored) == content_sha256(payload)
