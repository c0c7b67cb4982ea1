"""The OpenAPI 3.1 document of platform API v1, as served at ``/openapi.json`` and kept in docs/openapi.json.

FastAPI derives paths and schemas from the routes and wire models; this adds what it cannot know:
the RFC 9421 signature scheme, problem-details error answers, and the request headers the
signature covers. The copy in docs/openapi.json is written by ``sync.sandbox.openapi_export``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sync.protocol.models import AttachmentBatchManifest, Problem

DESCRIPTION = """\
The exchange between bizdesk desks (企业开办专区) and the government platform. Desks work offline
and submit in batches; every submission carries an idempotency key and is accepted at most once.
Read docs/sync-protocol.md for the flow, the signature and idempotency rules, and the ordering.

Every `/v1/` request except `GET /v1/health` carries an RFC 9421 HTTP message signature (label
`bizdesk`, tag `bizdesk-v1`, algorithm `ed25519`, key id = the device id, or `enroll` when
enrolling) covering `@method`, `@authority`, `@path`, `@query`, and for requests with a body
`content-type`, `content-encoding` and `content-digest` (RFC 9530, SHA-256 of the bytes as sent),
plus `upload-offset` on attachment chunks; `created` and a unique `nonce` are required.
Bodies may be gzip-compressed (`Content-Encoding: gzip`).
"""

SIGNATURE_SCHEME = {
    "type": "apiKey",
    "in": "header",
    "name": "Signature",
    "description": (
        "RFC 9421 HTTP message signature: headers `Signature-Input` and `Signature`, label `bizdesk`, "
        "tag `bizdesk-v1`, Ed25519 device key; see the API description for the covered components."
    ),
}

ERRORS = {
    "400": "Malformed request (bad cursor, bad gzip)",
    "401": "Signature missing or invalid, unknown device, replayed nonce, or clock skew (code clock_skew)",
    "403": "Wrong mode (training device on production or the reverse) or enrollment code refused",
    "404": "Not found",
    "405": "Method not allowed on this path (Allow lists those that are)",
    "409": (
        "Conflict (offset mismatch, chunk past the announced size, already enrolled, checkpoint conflict "
        "or not extending the last)"
    ),
    "413": "Request larger than 32 MiB (as sent or decompressed), or chunk too large",
    "415": "Unsupported content encoding, or a Content-Type the route does not take",
    "422": "The request does not match the schema, or an attachment's bytes do not match its address",
    "503": "Temporarily unavailable: nothing was done, send again (Retry-After)",
}
PUBLIC = {("/v1/health", "get"), ("/sandbox/stats", "get"), ("/openapi.json", "get")}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version="3.1.0",
        description=DESCRIPTION,
        routes=app.routes,
    )
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.update(Problem.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs", {}))
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    manifest = AttachmentBatchManifest.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(manifest.pop("$defs", {}))
    schemas["AttachmentBatchManifest"] = manifest  # opens the binary body of POST /v1/attachments/batch
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    components["securitySchemes"] = {"httpMessageSignature": SIGNATURE_SCHEME}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            _complete(path, method, operation)
    app.openapi_schema = document
    return document


def _complete(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)
    if (path, method) in PUBLIC:
        operation["security"] = []
        return
    operation["security"] = [{"httpMessageSignature": []}]
    for status, description in ERRORS.items():
        declared = responses.get(status, {}).get("description")  # a route's own meaning of the status
        responses[status] = _problem_response(f"{declared}. {description}" if declared else description)
    if method in ("post", "put", "patch"):
        operation.setdefault("parameters", []).append(
            {
                "name": "Content-Encoding",
                "in": "header",
                "required": False,
                "description": "gzip or identity (covered by the signature)",
                "schema": {"type": "string", "enum": ["gzip", "identity"]},
            }
        )
