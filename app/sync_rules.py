"""Rules of submitting to the platform that need no network and no database.

- which service waits for which (the licence first; the housing-fund direct debit after the bank account);
- the canonical JSON form of a payload and its SHA-256 (what the idempotency promise is about);
- the idempotency key of one (case, service, content revision);
- truncated exponential backoff with full jitter.

``sync/`` (protocol, client, sandbox) imports these so both ends agree byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from typing import Any, Final

SERVICE_CODES: Final[tuple[str, ...]] = (
    "license",
    "seal",
    "bank_account",
    "tax",
    "social_security",
    "medical_insurance",
    "housing_fund",
)

# service -> the services whose submission must be accepted by the platform first.
# The licence yields the USCC every other service needs; the housing fund's direct debit
# needs the basic bank account.
DEPENDS_ON: Final[Mapping[str, tuple[str, ...]]] = {
    "license": (),
    "seal": ("license",),
    "bank_account": ("license",),
    "tax": ("license",),
    "social_security": ("license",),
    "medical_insurance": ("license",),
    "housing_fund": ("license", "bank_account"),
}

# The order in which services of one case are sent when nothing else decides.
SERVICE_RANK: Final[Mapping[str, int]] = {code: index for index, code in enumerate(SERVICE_CODES)}

# Which result fields each agency owns: a status update may write these, nothing else.
AGENCY_RESULT_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "license": ("uscc", "license_number"),
    "seal": ("seal_codes",),
    "bank_account": ("account_number", "account_permit_number"),
    "tax": ("tax_registration_number",),
    "social_security": ("social_security_unit_number",),
    "medical_insurance": ("medical_insurance_unit_number",),
    "housing_fund": ("housing_fund_unit_number",),
}


def dependencies(service: str, submitted: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The services ``service`` waits for among those submitted for the same case."""
    return tuple(dep for dep in DEPENDS_ON.get(service, ()) if dep in submitted)


def canonical_json(value: Any) -> bytes:
    """One byte form per JSON value: sorted keys, no spaces, UTF-8 (both ends hash this)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_sha256(payload: Mapping[str, Any]) -> str:
    """Hex SHA-256 of the canonical JSON of a submission payload."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def idempotency_key(case_id: str, service: str, revision: int, content_hash: str) -> str:
    """The key of one submission: stable across resends, new for new content.

    The content hash is part of the key, so a corrected case never reuses the key of
    its first attempt (the peer failure "same id, different content -> 409 forever").
    """
    return f"{case_id}:{service}:r{revision}:{content_hash[:16]}"


_RNG = secrets.SystemRandom()


def backoff_seconds(attempt: int, *, base: float = 1.0, cap: float = 300.0) -> float:
    """Full-jitter backoff: uniform in [0, min(cap, base * 2**(attempt-1))]."""
    if attempt <= 0:
        return 0.0
    ceiling = min(cap, base * (2 ** min(attempt - 1, 30)))
    return _RNG.uniform(0.0, ceiling)
