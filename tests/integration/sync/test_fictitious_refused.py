"""A production platform refuses any payload marked fictitious (issue 13, point 1: belt and braces)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from app.syncing.rules import content_sha256
from sync.sandbox.server import RunningSandbox
from sync.signing import sign_request
from tests.integration.sync.support import enroll, new_device, sandbox, synthetic_payload


@pytest.fixture
def production() -> Iterator[RunningSandbox]:
    running = sandbox(mode="production")
    yield running
    running.stop()


def _submit(url: str, fictitious: bool) -> dict[str, object]:
    device = new_device()
    enrolled = enroll(url, device, code="CODE-2" if fictitious else "CODE-3", training=False)
    case_id = f"case-real-{fictitious}"
    payload = dict(synthetic_payload(case_id, "license"), fictitious=fictitious)
    item = {
        "idempotency_key": f"{case_id}:license:0123abcd",
        "case_id": case_id,
        "service": "license",
        "content_sha256": content_sha256(payload),
        "payload": payload,
    }
    body = json.dumps({"items": [item]}).encode()
    request = httpx.Request(
        "POST",
        f"{url}/v1/submissions/batch",
        content=body,
        headers={"content-type": "application/json", "content-encoding": "identity"},
    )
    sign_request("POST", str(request.url), request.headers, body, signer=device, key_id=enrolled.device_id)
    with httpx.Client() as client:
        response = client.send(request)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()["results"][0]
    return result


def test_a_production_platform_rejects_a_payload_marked_fictitious(production: RunningSandbox) -> None:
    refused = _submit(production.url, fictitious=True)
    assert refused["outcome"] == "rejected"
    assert [p["field"] for p in refused["problems"]] == ["fictitious"]  # type: ignore[attr-defined]
    accepted = _submit(production.url, fictitious=False)
    assert accepted["outcome"] == "accepted"


def test_deep_json_is_a_documented_400_not_a_500(production: RunningSandbox) -> None:
    """Issue 13, point 13: the answer is one of the documented codes."""
    from sync.sandbox.openapi_doc import ERRORS

    deep = b'{"items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with httpx.Client() as client:
        answer = client.post(
            f"{production.url}/v1/enroll", content=deep, headers={"content-type": "application/json"}
        )
    assert answer.status_code == 400
    assert str(answer.status_code) in ERRORS
    assert answer.json()["code"] == "too_deep"


def test_production_stats_need_a_signature(production: RunningSandbox) -> None:
    with httpx.Client() as client:
        answer = client.get(f"{production.url}/sandbox/stats")
    assert answer.status_code == 401
    assert answer.json()["code"] == "signature_missing"
    training = sandbox()
    try:
        assert httpx.get(f"{training.url}/sandbox/stats").status_code == 200
    finally:
        training.stop()
