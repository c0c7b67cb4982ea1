"""Identifiers the simulated agencies issue: valid in form, fictitious in fact."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from app.validation.uscc import USCC_CHARS, org_code_check_char, uscc_check_char

_DIGITS = "0123456789"


def _draw(alphabet: str, length: int) -> str:
    # One read of the OS generator per identifier; a slight modulo bias is harmless in fictitious numbers.
    return "".join(alphabet[byte % len(alphabet)] for byte in secrets.token_bytes(length))


def new_uscc(division_code: str) -> str:
    """A USCC of a company registered by market regulation (9), enterprise (1), in ``division_code``.

    The organisation-code body starts with MA like every code issued since 2015, and carries its
    own GB 11714 check; the 18th character is the GB 32100 check.
    """
    body = "MA" + _draw(USCC_CHARS, 6)
    first17 = f"91{division_code}{body}{org_code_check_char(body)}"
    return first17 + uscc_check_char(first17)


def new_license_number(division_code: str, when: dt.datetime) -> str:
    return f"{division_code}{when:%Y}{_draw(_DIGITS, 7)}"


def new_seal_codes(division_code: str, count: int = 4) -> list[str]:
    """One filing code per engraved seal, in the order requested (the four free seals by default)."""
    return [f"{division_code}{_draw(_DIGITS, 7)}" for _ in range(count)]


def new_account_number() -> str:
    return "6" + _draw(_DIGITS, 18)


def new_account_permit_number() -> str:
    return "J" + _draw(_DIGITS, 13)


def new_unit_number(prefix: str, length: int) -> str:
    return prefix + _draw(_DIGITS, length - len(prefix))


def share(seed: str, purpose: str, case_id: str) -> float:
    """A stable number in [0, 1) per case: the same case always draws the same lot."""
    digest = hashlib.sha256(f"{seed}:{purpose}:{case_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64
