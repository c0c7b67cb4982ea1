"""Canonical JSON, backoff, idempotency keys, RFC 9421 signing, and platform-signed documents."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from app.security.device import DeviceIdentity
from app.syncing.rules import backoff_seconds, canonical_json, content_sha256, new_idempotency_key
from sync.protocol.signed import document_is_authentic, sign_document
from sync.signing import SignatureRefused, sign_request, verify_request

NOW = dt.datetime.now(dt.UTC)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=6))
def test_content_hash_ignores_key_order_only(payload: dict[str, object]) -> None:
    reordered = dict(reversed(list(payload.items())))
    assert content_sha256(reordered) == content_sha256(payload)
    assert canonical_json(payload) == canonical_json(reordered)
    assert content_sha256({**payload, "\x00extra": 1}) != content_sha256(payload)


def test_canonical_json_is_compact_utf8() -> None:
    assert canonical_json({"b": 1, "a": "寿光"}) == '{"a":"寿光","b":1}'.encode()


@given(st.integers(min_value=1, max_value=60))
def test_backoff_stays_within_its_ceiling(attempt: int) -> None:
    wait = backoff_seconds(attempt, base=1.0, cap=300.0)
    assert 0.0 <= wait <= min(300.0, 2 ** (attempt - 1))


def test_backoff_jitters_and_grows() -> None:
    early = [backoff_seconds(1, base=1.0) for _ in range(200)]
    late = [backoff_seconds(8, base=1.0) for _ in range(200)]
    assert len(set(early)) > 150  # full jitter, not a fixed delay
    assert sum(late) / 200 > 10 * sum(early) / 200
    assert backoff_seconds(0) == 0.0


def test_idempotency_keys_are_new_per_submission_and_protocol_valid() -> None:
    keys = {new_idempotency_key("SG20261126-TV4JZG2B", "housing_fund") for _ in range(100)}
    assert len(keys) == 100
    assert all(k.startswith("SG20261126-TV4JZG2B:housing_fund:") and len(k) <= 160 for k in keys)


DEVICE = DeviceIdentity.generate("desk-1")


def _signed(
    method: str = "POST",
    url: str = "https://platform.example/v1/submissions/batch?x=1",
    body: bytes = b'{"items":[]}',
    created: dt.datetime | None = None,
) -> httpx.Request:
    headers = {"content-type": "application/json", "content-encoding": "identity"} if body else {}
    request = httpx.Request(method, url, content=body or None, headers=headers)
    sign_request(method, url, request.headers, body, signer=DEVICE, key_id="dev-1", created=created)
    return request


def _verify(request: httpx.Request, body: bytes, *, url: str | None = None, method: str | None = None) -> str:
    public_key = DEVICE.private_key.public_key()
    resolved = verify_request(
        method or request.method,
        url or str(request.url),
        request.headers,
        body,
        resolve_key=lambda kid: public_key if kid == "dev-1" else None,
        # the time of the check, not of the module's import: on a busy machine that can be minutes apart
        now=dt.datetime.now(dt.UTC),
    )
    return resolved.key_id


def test_a_signed_request_verifies() -> None:
    request = _signed()
    assert _verify(request, b'{"items":[]}') == "dev-1"
    assert "content-digest" in request.headers
    assert 'tag="bizdesk-v1"' in request.headers["signature-input"]
    get = _signed("GET", "https://platform.example/v1/status?cursor=5", b"")
    assert _verify(get, b"") == "dev-1"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"body": b'{"items":[1]}'}, "signature_invalid"),
        ({"url": "https://platform.example/v1/submissions/batch?x=2"}, "signature_invalid"),
        ({"url": "https://other.example/v1/submissions/batch?x=1"}, "signature_invalid"),
        ({"method": "PUT"}, "signature_invalid"),
    ],
)
def test_any_change_breaks_the_signature(change: dict[str, object], code: str) -> None:
    request = _signed()
    body = change.pop("body", b'{"items":[]}')
    with pytest.raises(SignatureRefused) as refused:
        _verify(request, body, **change)  # type: ignore[arg-type]
    assert refused.value.code == code


def test_unsigned_unknown_key_and_old_signatures_are_refused() -> None:
    plain = httpx.Request("GET", "https://platform.example/v1/status")
    with pytest.raises(SignatureRefused) as unsigned:
        _verify(plain, b"")
    assert unsigned.value.code == "signature_missing"
    request = _signed()
    with pytest.raises(SignatureRefused):
        verify_request(
            "POST", str(request.url), request.headers, b'{"items":[]}', resolve_key=lambda _k: None, now=NOW
        )
    old = _signed(created=NOW - dt.timedelta(hours=1))
    with pytest.raises(SignatureRefused) as skewed:
        _verify(old, b'{"items":[]}')
    assert skewed.value.code == "clock_skew"


def test_a_dropped_covered_header_is_refused() -> None:
    request = _signed()
    del request.headers["content-encoding"]
    with pytest.raises(SignatureRefused):
        _verify(request, b'{"items":[]}')


def test_platform_documents_verify_only_untouched() -> None:
    key = Ed25519PrivateKey.generate()
    document = sign_document(
        {"receipt_id": "r1", "idempotency_key": "k", "accepted_at": "2026-11-26T00:00:00Z"}, key
    )
    assert document_is_authentic(document, key.public_key())
    assert not document_is_authentic({**document, "idempotency_key": "k2"}, key.public_key())
    assert not document_is_authentic(document, Ed25519PrivateKey.generate().public_key())
    assert not document_is_authentic(
        {k: v for k, v in document.items() if k != "signature"}, key.public_key()
    )
