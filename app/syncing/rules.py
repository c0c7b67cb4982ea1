"""Rules of submitting to the platform that need no network and no database.

- the canonical JSON form of a payload and its SHA-256 (what the idempotency promise is about);
- a new idempotency key for one submission of one service of one case;
- truncated exponential backoff with full jitter.

Which service waits for which is the case model's ``app.case.payload.DEPENDENCIES``: a service is
sent once the services it needs are completed, because its payload carries their results (the USCC,
the account number). ``sync/`` (protocol, client, sandbox) imports these rules so both ends agree.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator, Mapping
from typing import Any

_RNG = secrets.SystemRandom()


def canonical_json(value: Any) -> bytes:
    """One byte form per JSON value: sorted keys, no spaces, UTF-8 (both ends hash this)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_sha256(payload: Mapping[str, Any]) -> str:
    """Hex SHA-256 of the canonical JSON of a submission payload."""
    if isinstance(payload, CanonicalPayload):
        return hashlib.sha256(payload.text.encode("utf-8")).hexdigest()
    return hashlib.sha256(canonical_json(payload)).hexdigest()


class CanonicalPayload(Mapping[str, Any]):
    """A frozen payload as the outbox stores it: its canonical JSON text, parsed on first read.

    Sending a batch reads no payload: the gateway writes ``text`` into the request as it is (the very
    bytes ``content_sha256`` hashes), so a batch costs no JSON parse and no re-encoding per item."""

    __slots__ = ("_parsed", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._parsed: dict[str, Any] | None = None

    def _value(self) -> dict[str, Any]:
        if self._parsed is None:
            self._parsed = json.loads(self.text)
        return self._parsed

    def __getitem__(self, key: str) -> Any:
        return self._value()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._value())

    def __len__(self) -> int:
        return len(self._value())

    def __repr__(self) -> str:
        return f"CanonicalPayload({self.text[:60]!r}...)"


def new_idempotency_key(case_id: str, service: str) -> str:
    """The key of one submission, fixed when it is queued and kept across every resend.

    A corrected case is a new submission with a new key, never the old key with new content (the
    peer failure "same id, different content -> 409 forever").
    """
    return f"{case_id}:{service}:{secrets.token_hex(8)}"


def backoff_seconds(attempt: int, *, base: float = 1.0, cap: float = 300.0) -> float:
    """Full-jitter backoff: uniform in [0, min(cap, base * 2**(attempt-1))]."""
    if attempt <= 0:
        return 0.0
    ceiling = min(cap, base * (2 ** min(attempt - 1, 30)))
    return _RNG.uniform(0.0, ceiling)
