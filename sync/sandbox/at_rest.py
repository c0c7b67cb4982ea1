"""What a sandbox that holds nothing personal keeps of a payload (``SandboxConfig.mask_personal``).

The training desk's embedded sandbox keeps its state in a plain SQLite file beside the training profile
(``sandbox.db`` and its ``-wal``), which the profile's encryption does not cover. With
``mask_personal`` it stores each payload masked: every resident ID and mobile number anywhere in it
(``app.masking``: ``370783********123X``, ``138****5678``), and the name and address of every person
(any object carrying an ``id_number``, ``mobile`` or ``id_type``). What the simulated agencies read (the
company's name and domicile, the seals) stays; idempotency compares ``content_sha256``, which is kept
as sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.masking import mask_value

PERSON_KEYS = frozenset({"id_number", "mobile", "id_type"})
PERSONAL_TEXT = ("name", "address")


def masked_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    masked = _people_masked(mask_value(dict(payload)))
    return masked if isinstance(masked, dict) else {}


def _people_masked(value: Any) -> Any:
    if isinstance(value, Mapping):
        person = bool(PERSON_KEYS & value.keys())
        return {
            key: _hidden(item) if person and key in PERSONAL_TEXT else _people_masked(item)
            for key, item in value.items()
        }
    if isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray):
        return [_people_masked(item) for item in value]
    return value


def _hidden(value: Any) -> Any:
    if not isinstance(value, str) or not value:
        return value
    return value[0] + "*" * min(len(value) - 1, 8)
