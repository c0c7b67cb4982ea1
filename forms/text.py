"""Chinese text on the page: line wrapping by measured width, and drawing in per-character font runs.

Wrapping breaks between any two CJK characters, but never inside what a reader takes as one word:

- runs of Latin letters and digits (ID numbers, USCC, phone numbers) stay whole; one wider than the
  line is split only when nothing else can be done (``fit_size`` shrinks the text first, so a table
  cell never splits an identifier);
- a date breaks only after its year (2026年 / 12月7日), a time or a span of hours stays whole
  (13:30-17:30), an amount stays with its unit (5000万股, 100万元, 60.00%), a short bracketed group
  stays whole (（万元）, （盖章）) and so does an organisation form at the end of a name (有限公司,
  股份有限公司, 合伙企业) and a short item of a list (财务负责人、联络员);
- no line starts with closing punctuation (，。、；：）” ...), which hangs at the end of the previous one;
- no line after the first holds a single character (…股份有限公 / 司): it takes one more token from
  the line before.
"""

from __future__ import annotations

import re
from typing import Any

from forms.fonts import FontSet

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)+)\}")
_TOKEN = re.compile(
    r"[0-9]{4}年(?=[0-9]{1,2}月)"  # a date's year: the only place a date may break
    r"|[0-9]{1,2}月[0-9]{1,2}日"
    r"|[0-9][0-9.]*(?:万元|万股|元|股|%|人|份|枚|个|年|类|月)"
    r"|[0-9]{1,2}:[0-9]{2}(?:-[0-9]{1,2}:[0-9]{2})?"  # a time, or a span of hours: 13:30-17:30
    r"|[A-Za-z0-9.\-@_%×/]+"
    r"|（[^（）]{1,6}）"
    r"|[\u4e00-\u9fff]{2,6}(?=、)|(?<=、)[\u4e00-\u9fff]{2,6}$"  # a short list item: 联络员
    r"|股份有限公司|有限责任公司|有限公司|合伙企业"
    r"|.",
    re.DOTALL,
)
_NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)%")
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{5,}")
_WHOLE = re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[A-Za-z0-9][A-Za-z0-9.\-@_%×/]*[A-Za-z0-9%]")
MIN_SIZE = 6.0


def fill(template: str, values: Any) -> str:
    """``template`` with every ``{key}`` replaced by its fact (blank when unknown)."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), template)


def wrap(fonts: FontSet, text: str, width: float, size: float, *, first_indent: float = 0.0) -> list[str]:
    """The lines of ``text`` (already one paragraph) fitting ``width`` points at ``size``."""
    lines: list[list[str]] = []
    line: list[str] = []
    used, room = 0.0, width - first_indent
    for piece in _TOKEN.findall(text):
        token, token_width = piece, fonts.width(piece, size)
        if line and used + token_width > room and token[0] not in _NO_LINE_START:
            lines.append(line)
            line, used, room = [], 0.0, width
        while not line and token_width > room and len(token) > 1:
            head, token = _split_long(fonts, token, room, size)
            lines.append([head])
            room, token_width = width, fonts.width(token, size)
        line.append(token)
        used += token_width
    if line or not lines:
        lines.append(line)
    _no_widow(fonts, lines, width, size)
    return ["".join(tokens) for tokens in lines]


def _no_widow(fonts: FontSet, lines: list[list[str]], width: float, size: float) -> None:
    """A line of one character (closing punctuation aside) takes the previous line's last token,
    from the last line up (the first line may stay short: it follows a label or an indent)."""
    for index in range(len(lines) - 1, 0, -1):
        line, before = lines[index], lines[index - 1]
        visible = "".join(line).rstrip("".join(_NO_LINE_START))
        if len(visible) != 1 or len(before) < 2 or before[-1] in _NO_LINE_START:
            continue
        moved = [before[-1], *line]
        if fonts.width("".join(moved), size) <= width:
            lines[index - 1], lines[index] = before[:-1], moved


def fit_size(fonts: FontSet, text: str, width: float, size: float) -> float:
    """The largest size up to ``size`` at which every identifier in ``text`` fits ``width`` whole."""
    widest = max((fonts.width(m.group(0), 1.0) for m in _IDENTIFIER.finditer(text)), default=0.0)
    if widest * size <= width:
        return size
    return max(MIN_SIZE, width / widest) if widest else size


def unbreakable_width(fonts: FontSet, text: str, size: float) -> float:
    """The width of the widest run of ``text`` a reader wants on one line: an identifier, a number with
    its unit or a whole date (which may still break after its year when the room is lacking)."""
    return max((fonts.width(m.group(0), size) for m in _WHOLE.finditer(text)), default=0.0)


def _split_long(fonts: FontSet, token: str, room: float, size: float) -> tuple[str, str]:
    """A token wider than a line: as many characters as fit, and the rest (never one character alone
    at the end of a word of three or more: 股份有限公 / 司 becomes 股份有限 / 公司)."""
    used = 0.0
    for index, char in enumerate(token):
        used += fonts.char_width(char) * size
        if used > room and index > 0:
            if len(token) - index == 1 and index > 1:
                index -= 1
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
