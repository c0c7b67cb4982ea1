"""Documents the platform signs with its Ed25519 key: receipts, reference packs, manifests, checkpoints.

The signature covers the canonical JSON (``app.syncing.rules.canonical_json``) of every field but
``signature``; ``key_id`` names the platform key, learnt at enrollment.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.syncing.rules import canonical_json


def signed_bytes(document: Mapping[str, Any]) -> bytes:
    return canonical_json({key: value for key, value in document.items() if key != "signature"})


def sign_document(document: Mapping[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """``document`` with its ``signature`` field set."""
    signature = base64.b64encode(key.sign(signed_bytes(document))).decode("ascii")
    return {**document, "signature": signature}


def document_is_authentic(document: Mapping[str, Any], key: Ed25519PublicKey) -> bool:
    signature = document.get("signature")
    if not isinstance(signature, str):
        return False
    try:
        key.verify(base64.b64decode(signature, validate=True), signed_bytes(document))
    except (InvalidSignature, ValueError):
        return False
    return True
