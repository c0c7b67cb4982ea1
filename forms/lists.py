"""List blocks of the guides (服务大礼包): bulleted items, and the flow chart of numbered steps.

A bullet item's wrapped lines hang under its text. A step is a box (number, title in bold size,
detail wrapped inside) with an arrow down to the next; a box never splits between pages, and the
arrow is drawn only between boxes on the same page.
"""

from __future__ import annotations

from typing import Any

from forms.catalog.layout import Bullets, Steps
from forms.page import LEFT, WIDTH, Flow
from forms.text import draw_centred, draw_text, fill, wrap

BULLET = "•"
BOX_PAD = 8.0
TITLE_SIZE = 11.5
DETAIL_SIZE = 10.0
DETAIL_LEADING = 15.0
NUMBER_WIDTH = 30.0
ARROW = 18.0


def layout_bullets(flow: Flow, block: Bullets) -> None:
    leading = block.size * 1.55
    hang = block.size * 1.4
    for item in block.items:
        lines = wrap(flow.fonts, fill(item, flow.facts.values), WIDTH - hang, block.size)
        for index, line in enumerate(lines):
            flow.ensure(leading)
            flow.add(_item_line_op(flow, line, (flow.y - block.size, hang, block.size), bullet=index == 0))
            flow.y -= leading
        flow.y -= 2
    flow.y -= 4


def _item_line_op(flow: Flow, line: str, place: tuple[float, float, float], *, bullet: bool) -> Any:
    """One line of an item at (baseline, hanging indent, size); its first line has the bullet."""
    fonts = flow.fonts
    y, hang, size = place

    def op(c: Any) -> None:
        if bullet:
            draw_text(c, fonts, LEFT + 2, y, BULLET, size)
        draw_text(c, fonts, LEFT + hang, y, line, size)

    return op


def layout_steps(flow: Flow, block: Steps) -> None:
    inner = WIDTH - NUMBER_WIDTH - 2 * BOX_PAD
    previous_page = None
    for number, (title, detail) in enumerate(block.items, start=1):
        lines = wrap(flow.fonts, fill(detail, flow.facts.values), inner, DETAIL_SIZE) if detail else []
        height = 2 * BOX_PAD + TITLE_SIZE + 4 + len(lines) * DETAIL_LEADING
        flow.ensure(height + ARROW)
        if previous_page is flow.pages[-1]:
            flow.add(_arrow_op(flow.y + ARROW, flow.y))
        flow.add(_box_op(flow, number, fill(title, flow.facts.values), lines, flow.y, height))
        previous_page = flow.pages[-1]
        flow.y -= height + ARROW
    flow.y += ARROW - 12  # no arrow after the last box: a paragraph's gap


def _box_op(flow: Flow, number: int, title: str, lines: list[str], top: float, height: float) -> Any:
    fonts = flow.fonts

    def op(c: Any) -> None:
        c.setLineWidth(0.8)
        c.roundRect(LEFT, top - height, WIDTH, height, 6)
        c.saveState()
        c.setFillGray(0.9)
        c.roundRect(LEFT, top - height, NUMBER_WIDTH, height, 6, stroke=1, fill=1)
        c.restoreState()
        draw_centred(c, fonts, LEFT + NUMBER_WIDTH / 2, top - height / 2 - 5, str(number), 14)
        x = LEFT + NUMBER_WIDTH + BOX_PAD
        draw_text(c, fonts, x, top - BOX_PAD - TITLE_SIZE, title, TITLE_SIZE)
        for index, line in enumerate(lines):
            y = top - BOX_PAD - TITLE_SIZE - 4 - (index + 1) * DETAIL_LEADING + 3
            draw_text(c, fonts, x, y, line, DETAIL_SIZE)

    return op


def _arrow_op(start: float, end: float) -> Any:
    middle = LEFT + WIDTH / 2

    def op(c: Any) -> None:
        c.setLineWidth(1.2)
        c.line(middle, start, middle, end + 5)
        path = c.beginPath()
        path.moveTo(middle - 5, end + 6)
        path.lineTo(middle + 5, end + 6)
        path.lineTo(middle, end)
        path.close()
        c.saveState()
        c.setFillGray(0)
        c.drawPath(path, stroke=0, fill=1)
        c.restoreState()

    return op
