"""Signed releases for the update tests: a platform key, pack and app documents, a settings store."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.reference.data import PACK_FILES, SHIPPED_PACKS
from sync.protocol.signed import sign_document

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


class MemorySettings:
    """The settings store of a unit of work, in memory (values round-trip through JSON like the real one)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get_json(self, key: str) -> Any:
        return json.loads(self.values[key]) if key in self.values else None

    def set_json(self, key: str, value: Any) -> None:
        self.values[key] = json.dumps(value)


class Platform:
    """A platform key that signs releases; ``public`` is what a desk pins at enrollment."""

    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.public = base64.b64encode(
            self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        ).decode()

    def pack(self, version: str, **fields: Any) -> dict[str, Any]:
        document = {
            "kind": "bizdesk.reference-pack/1",
            "version": version,
            "issued_at": "2026-11-01T00:00:00Z",
            "packs": shipped_packs(),
            "form_versions": {"SQ-01": version},
            "key_id": "platform-1",
            **fields,
        }
        return sign_document(document, self.key)

    def app(self, version: str, **fields: Any) -> dict[str, Any]:
        document = {
            "kind": "bizdesk.app-manifest/1",
            "version": version,
            "issued_at": "2026-11-01T00:00:00Z",
            "notes_zh": "修复若干问题。",
            "notes_en": "Fixes.",
            "wheels": [{"name": f"bizdesk-{version}-py3-none-any.whl", "sha256": "ab" * 32, "size": 1000}],
            "key_id": "platform-1",
            **fields,
        }
        return sign_document(document, self.key)


def shipped_packs() -> dict[str, Any]:
    return {
        name: json.loads((SHIPPED_PACKS / file).read_text(encoding="utf-8"))
        for name, file in PACK_FILES.items()
    }
