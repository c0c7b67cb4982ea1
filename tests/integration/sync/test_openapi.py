"""docs/openapi.json is what the sandbox serves: regenerate it and compare, so the two never drift."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from sync.sandbox.openapi_export import document_text
from tests.integration.sync.support import sandbox

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_the_kept_document_is_the_served_one() -> None:
    assert DOCUMENT.read_text(encoding="utf-8") == document_text(), (
        "docs/openapi.json is stale: run  python -m sync.sandbox.openapi_export"
    )


def test_the_sandbox_serves_it() -> None:
    running = sandbox()
    try:
        served = httpx.get(f"{running.url}/openapi.json").json()
    finally:
        running.stop()
    assert served == json.loads(DOCUMENT.read_text(encoding="utf-8"))


def test_the_document_is_complete_for_an_outside_implementer() -> None:
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.1")
    assert "httpMessageSignature" in document["components"]["securitySchemes"]
    paths = document["paths"]
    expected = {
        "/v1/health",
        "/v1/enroll",
        "/v1/submissions/batch",
        "/v1/status",
        "/v1/attachments/{sha256}",
        "/v1/reference-data",
        "/v1/app-version",
        "/v1/audit-checkpoints",
        "/v1/audit-checkpoints/last",
        "/v1/receipts/{receipt_id}",
        "/sandbox/stats",
    }
    assert expected <= set(paths)
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "200" in responses, (path, method)
            if path.startswith("/v1/") and path != "/v1/health":
                assert operation["security"] == [{"httpMessageSignature": []}]
                problem = responses["401"]["content"]["application/problem+json"]["schema"]
                assert problem == {"$ref": "#/components/schemas/Problem"}
    outcomes = document["components"]["schemas"]["ItemResult"]["properties"]["outcome"]["enum"]
    assert set(outcomes) == {"accepted", "duplicate", "rejected", "conflict", "invalid", "retry_later"}
