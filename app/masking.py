"""Masking of personal numbers for audit details, logs and crash output.

ID numbers keep their first 6 and last 4 characters (``370783********123X``), mobiles
their first 3 and last 4 (``138****5678``), as JR/T 0171-2020 asks of displays. The
``mask_text`` scanner finds such numbers inside free text; it accepts ASCII digits
only (``\\d`` would also match '①' and other scripts' digits).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])([0-9]{6})([0-9]{8})([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")
_ID_NUMBER_15 = re.compile(r"(?<![0-9A-Za-z])([0-9]{6})([0-9]{6})([0-9]{3})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")


def mask_id_number(value: str) -> str:
    """``370783199001011234`` -> ``370783********1234``; other lengths keep only the last 4."""
    text = value.strip()
    if len(text) >= 15:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    return "*" * max(len(text) - 4, 0) + text[-4:]


def mask_mobile(value: str) -> str:
    """``13812345678`` -> ``138****5678``."""
    text = value.strip()
    if len(text) >= 11:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    return "*" * max(len(text) - 4, 0) + text[-4:]


def mask_text(text: str) -> str:
    """Mask every ID number (18 or 15 digits) and mobile number found in ``text``."""
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 8 + m.group(3), text)
    text = _ID_NUMBER_15.sub(lambda m: m.group(1) + "*" * 6 + m.group(3), text)
    return _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def mask_value(value: Any) -> Any:
    """``mask_text`` applied to every string inside a JSON-like value (keys included)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, Mapping):
        return {mask_text(str(k)): mask_value(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return [mask_value(v) for v in value]
    return value


class MaskingFilter(logging.Filter):
    """A logging filter that masks personal numbers in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        return True
