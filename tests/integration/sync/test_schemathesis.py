"""schemathesis over docs/openapi.json, in-process against the sandbox's ASGI app: no server error.

Requests are signed like a desk's (the signing client below), so generated data goes past the
signature gate into the routes; unsigned fuzzing would only ever meet the 401 at the door. It runs
on both sandbox backends (the folder's autouse fixture): PostgreSQL refuses what SQLite lets through
(over-long strings, NUL characters), and that must be a 4xx too, never a 500.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import ASGIClient
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.security.device import DeviceIdentity
from app.syncing.ports import DeviceInfo
from sync.protocol.models import EnrollRequest
from sync.sandbox.config import SandboxConfig
from sync.sandbox.http_api import create_app, platform_of
from sync.signing import BODY_METHODS, ENROLL_KEY_ID, sign_request
from tests.sandbox_backends import Backend

DEVICE = DeviceIdentity.generate("desk-fuzz")
_info = DeviceInfo(DEVICE.public_key, "B001", "370783", True)


@dataclass
class Fuzzed:
    app: Any
    device_id: str


@pytest.fixture
def fuzzed(sandbox_backend: Backend) -> Iterator[Fuzzed]:
    """A sandbox app on the test's backend, with the fuzzing desk enrolled."""
    config = SandboxConfig(enroll_codes=("CODE-1",), decision_delay_s=0.0, **sandbox_backend.settings())
    app = create_app(config)
    enrolled = platform_of(app).enroll(
        EnrollRequest(
            code="CODE-1",
            public_key=base64.b64encode(DEVICE.public_key).decode(),
            branch_code=_info.branch_code,
            division_code=_info.division_code,
            training=True,
        )
    )
    yield Fuzzed(app, enrolled.device_id)
    platform_of(app).db.dispose()


# The operations to fuzz, read from an in-memory sandbox; each test sends them to its own ``fuzzed`` app.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(SandboxConfig()))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


class SigningClient(ASGIClient):
    """Signs each prepared request (the final bytes) with the enrolled device's key."""

    def __init__(self, fuzzed: Fuzzed) -> None:
        super().__init__(fuzzed.app)
        self.device_id = fuzzed.device_id

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        method = str(request.method)
        if method in BODY_METHODS:
            request.headers.setdefault("content-type", "application/json")
            request.headers.setdefault("content-encoding", "identity")
        key_id = ENROLL_KEY_ID if str(request.path_url).startswith("/v1/enroll") else self.device_id
        sign_request(
            method,
            str(request.url),
            request.headers,
            body,
            signer=DEVICE,
            key_id=key_id,
            created=dt.datetime.now(dt.UTC),
        )
        return super().send(request, **kwargs)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case, fuzzed: Fuzzed) -> None:
    case.call_and_validate(session=SigningClient(fuzzed), checks=CHECKS)
