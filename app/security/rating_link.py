"""The 好差评 link of a case: the platform page where the founder rates the desk's service.

The receipt (受理回执) prints it as a QR code; the platform's rating page (docs/sync-protocol.md,
section 13) opens it::

    <platform url>/rate/<device id>/<case id>?t=<token>
    https://yichuangtong.example/rate/dsk-0007/SG20261126-TEST0001?t=Zm9v...

``device id`` is the id the platform gave the desk at enrollment; ``token`` is the desk's Ed25519
signature over ``bizdesk.rating/1\\n<device id>\\n<case id>`` (UTF-8), base64url without padding
(86 characters). The platform checks it with the public key the desk enrolled, so only a desk's own
receipts open a rating of its cases, and a link cannot be edited into another case's. Ed25519 is
deterministic: every reprint of a receipt carries the same link.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from urllib.parse import quote

from app.security.device import verify_signature

RATING_LABEL = "bizdesk.rating/1"
RATING_PATH = "/rate"


def rating_message(device_id: str, case_id: str) -> bytes:
    """The bytes the desk signs for the rating link of ``case_id``."""
    return f"{RATING_LABEL}\n{device_id}\n{case_id}".encode()


def rating_url(platform_url: str, device_id: str, case_id: str, sign: Callable[[bytes], bytes]) -> str:
    """The rating link of ``case_id``, signed by ``sign`` (the desk identity's Ed25519 ``sign``)."""
    token = base64.urlsafe_b64encode(sign(rating_message(device_id, case_id))).rstrip(b"=").decode()
    base = platform_url.rstrip("/")
    return f"{base}{RATING_PATH}/{quote(device_id, safe='')}/{quote(case_id, safe='')}?t={token}"


def rating_token_valid(public_key: bytes, device_id: str, case_id: str, token: str) -> bool:
    """Whether ``token`` is the desk's signature for the rating of ``case_id`` (the platform's check)."""
    try:
        signature = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return False
    return verify_signature(public_key, signature, rating_message(device_id, case_id))
