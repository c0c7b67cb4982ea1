"""Signing a release body with a release key (``bizdesk release``): the platform's signing function."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from app.errors import UsageError


def sign_release(body: dict[str, Any], key_pem: bytes, key_id: str) -> dict[str, Any]:
    """``body`` with ``key_id`` and its Ed25519 ``signature`` (over every field but ``signature``)."""
    from sync.protocol.signed import sign_document

    try:
        loaded = load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError):
        loaded = None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise UsageError(
            "签名密钥不是无口令的Ed25519私钥（PEM，PKCS#8）；请使用发布密钥。",
            "The signing key is not an unencrypted Ed25519 private key (PEM, PKCS#8); use the release key.",
            code="release.key",
        )
    return sign_document({**body, "key_id": key_id}, loaded)
