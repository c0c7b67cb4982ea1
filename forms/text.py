"""Chinese text on the page: line wrapping by measured width, and drawing in per-character font runs.

Wrapping breaks between any two CJK characters, keeps runs of Latin letters and digits (ID numbers,
USCC, phone numbers) whole unless they alone exceed the line, and never starts a line with closing
punctuation (，。、；：）” ...), which stays at the end of the previous line instead.
"""

from __future__ import annotations

import re
from typing import Any

from forms.fonts import FontSet

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)+)\}")
_TOKEN = re.compile(r"[A-Za-z0-9.\-@_%×/]+|.", re.DOTALL)
_NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)%")


def fill(template: str, values: Any) -> str:
    """``template`` with every ``{key}`` replaced by its fact (blank when unknown)."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), template)


def wrap(fonts: FontSet, text: str, width: float, size: float, *, first_indent: float = 0.0) -> list[str]:
    """The lines of ``text`` (already one paragraph) fitting ``width`` points at ``size``."""
    lines: list[str] = []
    line, used, room = "", 0.0, width - first_indent
    for piece in _TOKEN.findall(text):
        token, token_width = piece, fonts.width(piece, size)
        if line and used + token_width > room and token[0] not in _NO_LINE_START:
            lines.append(line)
            line, used, room = "", 0.0, width
        while not line and token_width > room and len(token) > 1:
            head, token = _split_long(fonts, token, room, size)
            lines.append(head)
            room, token_width = width, fonts.width(token, size)
        line, used = line + token, used + token_width
    if line or not lines:
        lines.append(line)
    return lines


def _split_long(fonts: FontSet, token: str, room: float, size: float) -> tuple[str, str]:
    """A token wider than a line: as many characters as fit, and the rest."""
    used = 0.0
    for index, char in enumerate(token):
        used += fonts.char_width(char) * size
        if used > room and index > 0:
            return token[:index], token[index:]
    return token, ""


def draw_text(canvas: Any, fonts: FontSet, x: float, y: float, text: str, size: float) -> None:
    """Draw ``text`` with its baseline at ``y``, each character in the first font that has it."""
    if not text:
        return
    obj = canvas.beginText(x, y)
    for font, piece in fonts.runs(text):
        obj.setFont(font, size)
        obj.textOut(piece)
    canvas.drawText(obj)


def draw_centred(canvas: Any, fonts: FontSet, x: float, y: float, text: str, size: float) -> None:
    draw_text(canvas, fonts, x - fonts.width(text, size) / 2, y, text, size)


def draw_right(canvas: Any, fonts: FontSet, x: float, y: float, text: str, size: float) -> None:
    draw_text(canvas, fonts, x - fonts.width(text, size), y, text, size)
