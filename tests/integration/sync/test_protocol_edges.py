"""What docs/sync-protocol.md settles for an independent platform, shown on the reference sandbox
over loopback HTTP: sizes, media types, unknown routes, chunks past the end, keys first answered
invalid or retry_later, 503 and nonces, seq order, payload schemas and the platform's own graph."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.security.device import DeviceIdentity
from app.syncing.rules import content_sha256
from sync.sandbox.server import RunningSandbox
from sync.signing import ENROLL_KEY_ID
from tests.integration.sync.support import DONE_ELSEWHERE, enroll, new_device, sandbox, synthetic_payload
from tests.integration.sync.support import send as _send
from tests.integration.sync.support import signed as _signed

Desk = tuple[DeviceIdentity, str]


@pytest.fixture
def platform() -> Iterator[RunningSandbox]:
    running = sandbox(max_body_bytes=256 * 1024)
    yield running
    running.stop()


@pytest.fixture
def desk(platform: RunningSandbox) -> Desk:
    device = new_device()
    return device, enroll(platform.url, device).device_id


def _item(case_id: str, service: str, payload: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    body = payload if payload is not None else synthetic_payload(case_id, service)
    return {
        "idempotency_key": f"{case_id}:{service}:0123abcd",
        "case_id": case_id,
        "service": service,
        "content_sha256": content_sha256(body),
        "payload": body,
        **extra,
    }


def _submit(url: str, desk: Desk, *items: dict[str, Any]) -> list[dict[str, Any]]:
    response = _send(
        _signed(url, desk, "POST", "/v1/submissions/batch", json.dumps({"items": items}).encode())
    )
    assert response.status_code == 200, response.text
    return list(response.json()["results"])


def _problem(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return str(response.json()["code"])


def test_a_request_past_the_size_limit_is_refused_413(platform: RunningSandbox, desk: Desk) -> None:
    big = json.dumps({"items": [_item("case-big", "license")], "pad": "x" * 300_000}).encode()
    assert (
        _problem(_send(_signed(platform.url, desk, "POST", "/v1/submissions/batch", big)), 413) == "too_large"
    )


def test_a_wrong_content_type_is_refused_415(platform: RunningSandbox, desk: Desk) -> None:
    body = json.dumps({"items": [_item("case-ct", "license")]}).encode()
    request = _signed(
        platform.url, desk, "POST", "/v1/submissions/batch", body, {"content-type": "text/plain"}
    )
    assert _problem(_send(request), 415) == "unsupported_media_type"
    chunk = _signed(
        platform.url, desk, "PATCH", f"/v1/attachments/{'a' * 64}", b"abc", {"upload-offset": "0"}
    )
    assert _problem(_send(chunk), 415) == "unsupported_media_type"  # chunks are application/octet-stream


def test_an_unknown_path_is_404_and_a_wrong_method_405_with_allow(
    platform: RunningSandbox, desk: Desk
) -> None:
    assert _problem(_send(_signed(platform.url, desk, "GET", "/v1/no-such-thing")), 404) == "not_found"
    wrong = _send(_signed(platform.url, desk, "DELETE", "/v1/status"))
    assert _problem(wrong, 405) == "method_not_allowed"
    assert "GET" in wrong.headers["allow"]


def test_a_chunk_past_the_announced_end_is_409_size_mismatch(platform: RunningSandbox, desk: Desk) -> None:
    data = b"0123456789"
    sha = hashlib.sha256(data).hexdigest()
    headers = {
        "content-type": "application/octet-stream",
        "upload-offset": "0",
        "upload-length": "6",  # announced shorter than what is sent
    }
    response = _send(_signed(platform.url, desk, "PATCH", f"/v1/attachments/{sha}", data, headers))
    assert _problem(response, 409) == "size_mismatch"
    assert "upload-offset" not in response.headers  # not a resume point: the client must not loop


def test_a_key_first_answered_invalid_or_retry_later_is_judged_anew(
    platform: RunningSandbox, desk: Desk
) -> None:
    good = _item("case-k", "license")
    (first,) = _submit(platform.url, desk, {**good, "content_sha256": "0" * 64})
    assert first["outcome"] == "invalid"
    (second,) = _submit(platform.url, desk, good)  # same key, nothing was kept under it
    assert second["outcome"] == "accepted"
    seal = _item("case-k", "seal")
    (waiting,) = _submit(platform.url, desk, seal)
    assert (waiting["outcome"], waiting["reason"]) == ("retry_later", "waiting_for_dependency:license")
    (again,) = _submit(platform.url, desk, seal)
    assert again["outcome"] == "retry_later"  # never "duplicate": retry_later keeps nothing either


def test_a_503_before_the_signature_check_does_not_consume_the_nonce(
    platform: RunningSandbox, desk: Desk
) -> None:
    running = platform.app.state.platform
    calm = running.config
    body = json.dumps({"items": [_item("case-n", "license")]}).encode()
    request = _signed(platform.url, desk, "POST", "/v1/submissions/batch", body)
    running.config = dataclasses.replace(calm, fail_rate=1.0)  # overloaded: 503 before any check
    try:
        assert _problem(_send(request), 503) == "unavailable"
    finally:
        running.config = calm
    assert _send(request).status_code == 200  # the very same signed request: not a replay
    assert _problem(_send(request), 401) == "replay"  # checked this time, so its nonce is spent


def test_seq_rises_within_a_device_feed_with_gaps_for_other_devices(platform: RunningSandbox) -> None:
    desks = []
    for code in ("CODE-2", "CODE-3"):
        device = new_device()
        desks.append((device, enroll(platform.url, device, code=code).device_id))
    for i in range(3):
        for n, desk in enumerate(desks):
            _submit(platform.url, desk, _item(f"case-{n}-{i}", "license"))
    seqs = []
    for desk in desks:
        response = _send(_signed(platform.url, desk, "GET", "/v1/status?cursor=&limit=1000"))
        seqs.append([event["seq"] for event in response.json()["events"]])
    for mine in seqs:
        assert mine == sorted(set(mine))
        assert len(mine) >= 3
    assert any(b - a > 1 for mine in seqs for a, b in itertools.pairwise(mine))  # not contiguous


def test_a_payload_breaking_its_schema_is_invalid_with_the_field_named(
    platform: RunningSandbox, desk: Desk
) -> None:
    licence = synthetic_payload("case-s", "license")
    (unknown,) = _submit(platform.url, desk, _item("case-s", "license", {**licence, "junk": "x" * 1000}))
    assert unknown["outcome"] == "invalid"
    assert any(p["code"] == "schema_additionalProperties" for p in unknown["problems"])
    tax = synthetic_payload("case-t", "tax")
    (foreign,) = _submit(platform.url, desk, _item("case-t", "tax", {**tax, "service": "license"}))
    assert foreign["outcome"] == "invalid"
    assert foreign["problems"][0]["field"] == "service"


def test_dependencies_are_checked_on_the_platforms_own_graph(platform: RunningSandbox, desk: Desk) -> None:
    tax = synthetic_payload("case-d", "tax")
    (alone,) = _submit(platform.url, desk, _item("case-d", "tax", tax, depends_on=[]))  # claims none
    assert (alone["outcome"], alone["reason"]) == ("retry_later", "waiting_for_dependency:license")
    done_elsewhere = synthetic_payload("case-e", "tax", DONE_ELSEWHERE)
    (outside,) = _submit(platform.url, desk, _item("case-e", "tax", done_elsewhere, depends_on=[]))
    assert outside["outcome"] == "accepted"  # licence and account done elsewhere: their results travel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_a_batch_with_a_cursor_never_given_out_is_answered_without_the_feed(
    platform: RunningSandbox, desk: Desk
) -> None:
    body = {"items": [_item("case-f", "license")], "feed_cursor": "99999999"}
    response = _send(_signed(platform.url, desk, "POST", "/v1/submissions/batch", json.dumps(body).encode()))
    assert response.status_code == 200
    assert response.json()["results"][0]["outcome"] == "accepted"
    assert response.json()["feed"] is None or response.json()["feed"]["events"] == []
    bad = {"items": [_item("case-g", "license")], "feed_cursor": "not-a-cursor"}
    refused = _send(_signed(platform.url, desk, "POST", "/v1/submissions/batch", json.dumps(bad).encode()))
    assert refused.status_code == 200  # the items count; the feed is left out
    assert refused.json()["results"][0]["outcome"] == "accepted"
    assert refused.json()["feed"] is None


def test_a_device_label_with_a_control_character_is_refused_422_naming_the_field(
    platform: RunningSandbox,
) -> None:
    device = new_device()
    body = {
        "code": "CODE-2",
        "public_key": base64.b64encode(device.public_key).decode("ascii"),
        "branch_code": "B001",
        "division_code": "370783",
        "training": True,
        "label": "柜台\x001",  # PostgreSQL cannot store a NUL: refused alike on both backends
    }
    request = _signed(platform.url, (device, ENROLL_KEY_ID), "POST", "/v1/enroll", json.dumps(body).encode())
    response = _send(request)
    assert _problem(response, 422) == "invalid_request"
    assert [p["field"] for p in response.json()["problems"]] == ["body.label"]
    enroll(platform.url, device, code="CODE-2")  # the code is not spent: a printable label enrols
