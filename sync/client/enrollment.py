"""Enrolling a desk with the platform: a one-time code and the device's public key.

The request is signed by the key being enrolled (key id ``enroll``), which proves the desk holds
it. Enrolling the same key with the same code again answers the same device id, so a lost answer is
simply asked again. A training desk refuses a production platform and the reverse, whatever the
platform says.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from app.syncing.ports import DeviceInfo, Enrollment, EnrollmentRefused, PlatformUnavailable
from app.syncing.rules import backoff_seconds
from sync.client.session import SignedSession, check_platform_url, http_client
from sync.protocol import models as wire
from sync.signing import ENROLL_KEY_ID, Signer


def enroll_device(
    url: str,
    code: str,
    device: DeviceInfo,
    signer: Signer,
    *,
    ca_file: Path | None = None,
    transport: httpx.BaseTransport | None = None,
    attempts: int = 8,
    sleep: Callable[[float], None] = time.sleep,
) -> Enrollment:
    base_url = check_platform_url(url, training=device.training)
    body = {
        "code": code,
        "public_key": base64.b64encode(device.public_key).decode("ascii"),
        "branch_code": device.branch_code,
        "division_code": device.division_code,
        "training": device.training,
        "label": device.label,
        "app_version": device.app_version,
    }
    with http_client(base_url, ca_file=ca_file, transport=transport) as client:
        session = SignedSession(client, signer, ENROLL_KEY_ID)
        for attempt in range(1, attempts + 1):
            try:
                answer = session.expect(
                    session.send("POST", "/v1/enroll", json_body=body), wire.EnrollResponse, enrolling=True
                )
                break
            except PlatformUnavailable:
                if attempt == attempts:
                    raise
                sleep(backoff_seconds(attempt, base=0.5, cap=8.0))
    expected = "training" if device.training else "production"
    if answer.mode != expected:
        raise EnrollmentRefused(
            "培训模式只能连接培训平台（沙箱），正式模式只能连接正式平台。请核对平台地址。",
            f"A {expected} desk may only enroll with a {expected} platform; this one is {answer.mode}. "
            "Check the platform URL.",
            code="enrollment_refused.mode",
        )
    return Enrollment(
        device_id=answer.device_id,
        platform_url=base_url,
        platform_key_id=answer.platform_key_id,
        platform_public_key=answer.platform_public_key,
        mode=answer.mode,
    )
