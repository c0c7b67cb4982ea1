"""Text that prints otherwise than it reads: invisible controls and stacked combining marks.

A name carrying U+202E (RIGHT-TO-LEFT OVERRIDE) prints its characters in another order than they are
stored; U+200B (ZERO WIDTH SPACE) makes two names that look the same compare different; a letter
under a dozen combining marks covers the line above it on the form. None of these has a place in a
case, so an imported case holding one is refused, the problem naming the field and the character.

    hidden_text_problems(document)   every string of a JSON-like document, its path as the field

Refused: format characters (Unicode category Cf: the bidirectional controls U+202A-U+202E and
U+2066-U+2069, U+200B-U+200F, U+2060-U+2064, U+FEFF, U+00AD ...), control characters (Cc) other
than tab and line breaks, line and paragraph separators (U+2028, U+2029), and more than
``MAX_COMBINING`` combining marks on one character. Variation selectors (U+FE00-U+FE0F,
U+E0100-U+E01EF), which pick the glyph of a rare Chinese character (生僻字), are allowed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from app.validation.problems import Problem, error

MAX_COMBINING = 2  # 'ǘ' written decomposed carries two; more is stacking
_ALLOWED_CONTROLS = frozenset("\t\n\r")
_SEPARATORS = frozenset("\u2028\u2029")


def _is_variation_selector(char: str) -> bool:
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _hidden(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in _ALLOWED_CONTROLS
    return category == "Cf" or char in _SEPARATORS


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()


def text_problems(text: str, field: str) -> list[Problem]:
    """The first hidden character and the first stack of combining marks in ``text``, if any."""
    problems: list[Problem] = []
    hidden = next(((i, c) for i, c in enumerate(text) if _hidden(c)), None)
    if hidden is not None:
        position, char = hidden[0] + 1, _char_name(hidden[1])
        problems.append(
            error(
                "text.hidden_character",
                field,
                f"{field}：第{position}位含不可见的控制字符（{char}），打印出来会与实际内容不符；"
                "请删除该字符后重新导入。",
                f"{field}: an invisible control character ({char}) at position {position} would print "
                "otherwise than it reads; remove it and import again.",
            )
        )
    run, start = 0, 0
    for index, char in enumerate(text):
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            if _is_variation_selector(char):
                continue
            run, start = run + 1, start if run else index
            if run > MAX_COMBINING:
                problems.append(
                    error(
                        "text.stacked_marks",
                        field,
                        f"{field}：第{start}位的字符上叠加了多个组合符号，会遮挡表格上的其他内容；"
                        "请改用规范汉字或常规字母后重新导入。",
                        f"{field}: the character at position {start} carries stacked combining marks that "
                        "cover other text on the forms; use standard characters and import again.",
                    )
                )
                break
        else:
            run = 0
    return problems


def hidden_text_problems(document: object, path: str = "") -> list[Problem]:
    """``text_problems`` of every string in ``document`` (mappings and lists walked), by field path."""
    if isinstance(document, str):
        return text_problems(document, path or "(value)")
    if isinstance(document, Mapping):
        found: list[Problem] = []
        for key, value in document.items():
            found += hidden_text_problems(value, f"{path}.{key}" if path else str(key))
        return found
    if isinstance(document, Sequence) and not isinstance(document, (bytes, bytearray)):
        found = []
        for index, value in enumerate(document):
            found += hidden_text_problems(value, f"{path}[{index}]")
        return found
    return []
