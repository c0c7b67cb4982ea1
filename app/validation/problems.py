"""A problem found by a validator: what is wrong, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding. ``field`` is a path such as ``people[1].id_number`` (empty for a bare value)."""

    severity: Severity
    code: str
    field: str
    message_zh: str
    message_en: str

    def at(self, path: str) -> Problem:
        """The same problem placed under ``path`` (a bare value's problem put into a case)."""
        joined = path if not self.field else f"{path}.{self.field}" if path else self.field
        return Problem(self.severity, self.code, joined, self.message_zh, self.message_en)

    def as_dict(self) -> dict[str, str]:
        return {
            "severity": self.severity,
            "code": self.code,
            "field": self.field,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


def error(code: str, field: str, message_zh: str, message_en: str) -> Problem:
    return Problem("error", code, field, message_zh, message_en)


def warning(code: str, field: str, message_zh: str, message_en: str) -> Problem:
    return Problem("warning", code, field, message_zh, message_en)


def is_valid(problems: Iterable[Problem]) -> bool:
    """Valid means: no problem of severity ``error``."""
    return not any(p.severity == "error" for p in problems)
