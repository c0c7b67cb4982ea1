"""Refusals over real loopback HTTP: unsigned, tampered, replayed, wrong mode, skewed clock."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import httpx
import pytest

from app.errors import PlatformError, UsageError
from app.security.device import DeviceIdentity
from app.syncing.ports import ClockSkew, DeviceInfo, EnrollmentRefused
from app.syncing.rules import content_sha256
from sync.client.enrollment import enroll_device
from sync.client.gateway import HttpPlatformGateway
from sync.sandbox.http_api import platform_of
from sync.sandbox.server import RunningSandbox
from sync.signing import sign_request
from tests.integration.sync.support import (
    enroll,
    gateway,
    new_device,
    record_device,
    sandbox,
    synthetic_payload,
)


@pytest.fixture
def training() -> Iterator[RunningSandbox]:
    running = sandbox()
    yield running
    running.stop()


@pytest.fixture
def production() -> Iterator[RunningSandbox]:
    running = sandbox(mode="production")
    yield running
    running.stop()


def _batch_body(case_id: str = "case-sec-1") -> bytes:
    payload = synthetic_payload(case_id, "license")
    item = {
        "idempotency_key": f"{case_id}:license:0123abcd",
        "case_id": case_id,
        "service": "license",
        "content_sha256": content_sha256(payload),
        "payload": payload,
    }
    return json.dumps({"items": [item]}).encode()


def _signed_request(
    url: str, device: DeviceIdentity, key_id: str, body: bytes, created: dt.datetime | None = None
) -> httpx.Request:
    request = httpx.Request(
        "POST",
        f"{url}/v1/submissions/batch",
        content=body,
        headers={"content-type": "application/json", "content-encoding": "identity"},
    )
    sign_request(
        "POST", str(request.url), request.headers, body, signer=device, key_id=key_id, created=created
    )
    return request


def _code(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json")
    return str(response.json()["code"])


def test_a_signed_request_is_accepted_once_and_its_replay_refused(training: RunningSandbox) -> None:
    device = new_device()
    enrolled = enroll(training.url, device)
    request = _signed_request(training.url, device, enrolled.device_id, _batch_body())
    with httpx.Client() as client:
        first = client.send(request)
        assert first.status_code == 200
        assert first.json()["results"][0]["outcome"] == "accepted"
        replay = client.send(request)  # byte for byte the same request, nonce included
    assert replay.status_code == 401
    assert _code(replay) == "replay"


def test_unsigned_and_tampered_requests_are_refused(training: RunningSandbox) -> None:
    device = new_device()
    enrolled = enroll(training.url, device)
    body = _batch_body()
    with httpx.Client() as client:
        unsigned = client.post(
            f"{training.url}/v1/submissions/batch", content=body, headers={"content-type": "application/json"}
        )
        tampered = _signed_request(training.url, device, enrolled.device_id, body)
        tampered.stream = httpx.ByteStream(body.replace(b"case-sec-1", b"case-sec-2"))
        changed = client.send(tampered)
        stranger = client.send(_signed_request(training.url, new_device(), enrolled.device_id, body))
        nobody = client.send(_signed_request(training.url, device, "dev-unknown", body))
    assert (unsigned.status_code, _code(unsigned)) == (401, "signature_missing")
    assert (changed.status_code, _code(changed)) == (401, "signature_invalid")
    assert (stranger.status_code, _code(stranger)) == (401, "signature_invalid")  # someone else's key
    assert (nobody.status_code, _code(nobody)) == (401, "unknown_device")
    assert platform_of(training.app).db is not None
    stats = httpx.get(f"{training.url}/sandbox/stats").json()
    assert stats["deliveries"] == 0  # nothing refused ever reached the submissions


def test_a_skewed_clock_is_refused_with_its_own_message(training: RunningSandbox) -> None:
    device = new_device()
    enrolled = enroll(training.url, device)
    late = _signed_request(
        training.url,
        device,
        enrolled.device_id,
        _batch_body(),
        created=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=20),
    )
    with httpx.Client() as client:
        response = client.send(late)
    assert (response.status_code, _code(response)) == (401, "clock_skew")
    assert "校准" in response.json()["detail_zh"]


def test_the_client_refuses_before_sending_when_the_clock_is_off(training: RunningSandbox) -> None:
    device = new_device()
    enrolled = enroll(training.url, device)
    late = HttpPlatformGateway(
        enrolled.platform_url,
        signer=device,
        device_id=enrolled.device_id,
        platform_public_key=enrolled.platform_public_key,
        training=True,
        clock=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(minutes=30),
    )
    with pytest.raises(ClockSkew) as skewed:
        late.check()
    late.close()
    assert "校准" in skewed.value.message_zh


def test_a_production_platform_refuses_training_desks(production: RunningSandbox) -> None:
    device = new_device()
    with pytest.raises(EnrollmentRefused) as refused:
        enroll(production.url, device, training=True)
    assert "training_device_refused" in refused.value.code
    # even a training device that got into its records (say, by an operator's mistake) cannot submit
    record_device(production, device, "dev-sneaky", training=True)
    with httpx.Client() as client:
        response = client.send(_signed_request(production.url, device, "dev-sneaky", _batch_body()))
    assert (response.status_code, _code(response)) == (403, "training_device_refused")


def test_a_training_desk_refuses_a_production_platform(production: RunningSandbox) -> None:
    device = new_device()
    production_desk = enroll(production.url, device, code="CODE-2", training=False)
    assert production_desk.mode == "production"
    training_view = gateway(production_desk, device, training=True)  # the profile says training
    with pytest.raises(PlatformError) as refused:
        training_view.check()
    assert refused.value.code == "platform.mode_mismatch"
    training_view.close()


def test_a_production_desk_refuses_a_training_platform_at_enrollment(training: RunningSandbox) -> None:
    info = DeviceInfo(new_device().public_key, "B001", "370783", training=False)
    with pytest.raises(EnrollmentRefused):
        enroll_device(training.url, "CODE-1", info, new_device())


def test_plain_http_to_a_remote_host_is_refused_for_a_real_desk() -> None:
    info = DeviceInfo(new_device().public_key, "B001", "370783", training=False)
    with pytest.raises(UsageError) as refused:
        enroll_device("http://platform.example.cn", "X", info, new_device())
    assert "https" in refused.value.message_zh
