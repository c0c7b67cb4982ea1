"""Helpers shared by the validators: character sets, wrong-type and empty-value problems, messages."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from app.validation.problems import Problem, error

ASCII_DIGITS = frozenset("0123456789")
ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# How many offending characters a message lists before it says "and N more".
_MAX_LISTED = 5


def describe_char(char: str, lang: str = "zh") -> str:
    """A character as a clerk can recognise it: ``「I」``, ``「①」(U+2460)``, ``空格(U+3000)``."""
    code = f"U+{ord(char):04X}"
    if char.isspace():
        return f"空格({code})" if lang == "zh" else f"a space ({code})"
    if not char.isprintable():
        return f"不可见字符({code})" if lang == "zh" else f"an invisible character ({code})"
    return f"「{char}」" if char.isascii() else f"「{char}」({code})"


def find_bad_chars(text: str, allowed: frozenset[str]) -> list[tuple[int, str]]:
    """1-based positions and characters of ``text`` that are not in ``allowed``."""
    return [(index + 1, char) for index, char in enumerate(text) if char not in allowed]


def list_bad_chars_zh(bad: list[tuple[int, str]]) -> str:
    listed = "、".join(f"第{pos}位{describe_char(char)}" for pos, char in bad[:_MAX_LISTED])
    more = f"等{len(bad)}处" if len(bad) > _MAX_LISTED else ""
    return listed + more


def list_bad_chars_en(bad: list[tuple[int, str]]) -> str:
    listed = ", ".join(f"{describe_char(char, 'en')} at position {pos}" for pos, char in bad[:_MAX_LISTED])
    more = f" and {len(bad) - _MAX_LISTED} more" if len(bad) > _MAX_LISTED else ""
    return listed + more


def digit_lookalike_hint(bad: list[tuple[int, str]]) -> tuple[str, str]:
    """A hint when a rejected character is a digit of another script ('①', Arabic-Indic '٣')."""
    lookalikes = [
        char for _, char in bad if not char.isascii() and unicodedata.numeric(char, None) is not None
    ]
    if not lookalikes:
        return "", ""
    shown_zh = "、".join(describe_char(c) for c in dict.fromkeys(lookalikes))
    shown_en = ", ".join(describe_char(c, "en") for c in dict.fromkeys(lookalikes))
    return (
        f"（{shown_zh}不是数字 0-9，请用半角数字重新输入）",
        f" ({shown_en}: a non-digit character that only looks like one; type the digits 0-9)",
    )


def not_text(prefix: str, label_zh: str, label_en: str, value: object) -> Problem:
    """The problem for a value that is not a string: None is a missing value, anything else a wrong type.

    Numbers typically come from spreadsheets, which drop leading zeros and the trailing X.
    """
    if value is None:
        return empty(prefix, label_zh, label_en)
    kind = type(value).__name__
    return error(
        f"{prefix}.type",
        "",
        f"{label_zh}必须作为文字填写（收到的是 {kind} 类型的值），请按证件原样重新输入。",
        f"The {label_en} must be entered as text (got a value of type {kind}); "
        "type it again exactly as on the document.",
    )


def empty(prefix: str, label_zh: str, label_en: str) -> Problem:
    return error(f"{prefix}.empty", "", f"请填写{label_zh}。", f"Please enter the {label_en}.")


def errors_first(problems: Iterable[Problem]) -> list[Problem]:
    """Errors before warnings, each group in the order found (what the clerk must fix comes first)."""
    found = list(problems)
    return [p for p in found if p.severity == "error"] + [p for p in found if p.severity != "error"]
