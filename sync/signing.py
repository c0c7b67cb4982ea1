"""RFC 9421 HTTP message signatures for bizdesk platform API v1, on ``http-message-signatures``.

Every request is signed with the device's Ed25519 key (label ``bizdesk``, tag ``bizdesk-v1``,
key id = device id; ``enroll`` for the enrollment request, signed by the key being enrolled).
Covered components:

- always: ``@method``, ``@authority``, ``@path``, ``@query``;
- requests with a body: ``content-type``, ``content-encoding``, ``content-digest`` (RFC 9530 SHA-256
  of the bytes as sent, compressed or not);
- attachment chunks: ``upload-offset``, and ``upload-length`` and ``upload-media-type`` when sent.

Signature parameters ``created``, ``keyid``, ``alg`` and a random ``nonce`` are required. The
verifier refuses a ``created`` more than ``MAX_SKEW_SECONDS`` away from its clock (clock skew, with
the server time in the answer) and a nonce seen before (replay); keeping nonces is the caller's job.

This module knows no HTTP library: it signs and checks any message given as method, URL and headers.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature as CryptoInvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    algorithms,
)
from http_message_signatures.exceptions import HTTPMessageSignaturesException

SIGNATURE_LABEL = "bizdesk"
SIGNATURE_TAG = "bizdesk-v1"
ENROLL_KEY_ID = "enroll"
BASE_COMPONENTS = ("@method", "@authority", "@path", "@query")
BODY_COMPONENTS = ("content-type", "content-encoding", "content-digest")
UPLOAD_HEADERS = ("upload-offset", "upload-length", "upload-media-type")
MAX_SKEW_SECONDS = 300
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class Signer(Protocol):
    """The device key: signs bytes with Ed25519 (the private key never leaves its owner)."""

    def sign(self, data: bytes) -> bytes: ...


class SignatureRefused(Exception):
    """Why a request's signature was refused: a stable code and an English detail."""

    def __init__(self, code: str, detail: str, *, key_id: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.key_id = key_id


@dataclass(frozen=True)
class Verified:
    key_id: str
    nonce: str
    created: dt.datetime


class _Headers(Protocol):
    def items(self) -> Iterable[tuple[str, str]]: ...
    def __iter__(self) -> Iterator[str]: ...
    def __contains__(self, name: object) -> bool: ...


@dataclass
class _Message:
    method: str
    url: str
    headers: Any


def required_components(method: str, headers: _Headers) -> tuple[str, ...]:
    """What a request of ``method`` must cover."""
    components: tuple[str, ...] = BASE_COMPONENTS
    if method.upper() in BODY_METHODS:
        components += BODY_COMPONENTS
    components += tuple(name for name in UPLOAD_HEADERS if name in headers)
    return components


def sign_request(
    method: str,
    url: str,
    headers: Any,
    body: bytes,
    *,
    signer: Signer,
    key_id: str,
    created: dt.datetime | None = None,
) -> None:
    """Add Content-Digest (for body methods), Signature-Input and Signature to ``headers`` in place."""
    message = _Message(method.upper(), url, headers)
    has_body = method.upper() in BODY_METHODS
    prepared = HTTPMessageSigner(signature_algorithm=algorithms.ED25519).prepare(
        message,
        key_id=key_id,
        created=created or dt.datetime.now(dt.UTC),
        nonce=secrets.token_urlsafe(18),
        label=SIGNATURE_LABEL,
        tag=SIGNATURE_TAG,
        covered_component_ids=required_components(method, headers),
        body=body if has_body else None,
    )
    HTTPMessageSigner(signature_algorithm=algorithms.ED25519).apply(
        message, prepared, signer.sign(prepared.signature_base)
    )


class _Resolver(HTTPSignatureKeyResolver):
    def __init__(self, resolve: Callable[[str], Ed25519PublicKey | None]) -> None:
        self._resolve = resolve

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey | None:
        return self._resolve(key_id)

    def resolve_private_key(self, key_id: str) -> Any:  # pragma: no cover - verification only
        raise KeyError(key_id)


class _TimelessVerifier(HTTPMessageVerifier):
    # Time is checked by ``verify_request`` itself, to answer clock skew with its own code.
    max_clock_skew = dt.timedelta(days=36500)


def verify_request(
    method: str,
    url: str,
    headers: _Headers,
    body: bytes,
    *,
    resolve_key: Callable[[str], Ed25519PublicKey | None],
    now: dt.datetime,
) -> Verified:
    """Check the bizdesk signature of a request; raises ``SignatureRefused``."""
    if "signature" not in headers or "signature-input" not in headers:
        raise SignatureRefused("signature_missing", "The request is not signed (RFC 9421 Signature headers).")
    message = _Message(method.upper(), url, headers)
    verifier = _TimelessVerifier(signature_algorithm=algorithms.ED25519, key_resolver=_Resolver(resolve_key))
    try:
        results = verifier.verify(
            message,
            max_age=None,
            expect_tag=SIGNATURE_TAG,
            require_components=required_components(method, headers),
            body=body if method.upper() in BODY_METHODS else None,
        )
    except (HTTPMessageSignaturesException, CryptoInvalidSignature, ValueError, TypeError) as refused:
        raise SignatureRefused("signature_invalid", f"Signature check failed: {refused}") from refused
    result = results[0]
    key_id = str(result.parameters.get("keyid", ""))
    nonce = result.nonce
    if not nonce or len(nonce) > 128:
        raise SignatureRefused("nonce_missing", "The signature carries no usable nonce.", key_id=key_id)
    created = dt.datetime.fromtimestamp(int(result.parameters["created"]), dt.UTC)
    if abs((now - created).total_seconds()) > MAX_SKEW_SECONDS:
        raise SignatureRefused(
            "clock_skew",
            f"Signature created at {created.isoformat()}, server time {now.isoformat()}.",
            key_id=key_id,
        )
    return Verified(key_id=key_id, nonce=nonce, created=created)


def public_key_from_b64(value: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(value, validate=True))


def public_key_b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
