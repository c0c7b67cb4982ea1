"""Identifier validators in one import: USCC, organisation code, resident ID, mobile number.

Each lives in its own module (``uscc``, ``resident_id``, ``mobile``); this module only gathers them.
"""

from __future__ import annotations

from app.validation.mobile import KNOWN_MOBILE_PREFIXES, validate_mobile
from app.validation.resident_id import (
    resident_id_birth_date,
    resident_id_check_char,
    resident_id_sex,
    validate_resident_id,
)
from app.validation.uscc import (
    USCC_AUTHORITIES,
    USCC_CHARS,
    org_code_check_char,
    uscc_check_char,
    validate_org_code,
    validate_uscc,
)

__all__ = [
    "KNOWN_MOBILE_PREFIXES",
    "USCC_AUTHORITIES",
    "USCC_CHARS",
    "org_code_check_char",
    "resident_id_birth_date",
    "resident_id_check_char",
    "resident_id_sex",
    "uscc_check_char",
    "validate_mobile",
    "validate_org_code",
    "validate_resident_id",
    "validate_uscc",
]
