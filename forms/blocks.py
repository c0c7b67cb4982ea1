"""How each kind of block (``forms.catalog.layout``) is laid out: measure, break pages, queue drawing ops.

Every function takes the layout cursor (``forms.page.Flow``) and one block, moves the cursor down by
what the block used and appends the drawing operations to the current page. Nothing is drawn here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forms.catalog.layout import (
    Block,
    BoxKind,
    Bullets,
    Fields,
    Heading,
    QrCode,
    QrRow,
    Signatures,
    SignBox,
    Steps,
    Table,
    Text,
    applies,
)
from forms.columns import column_widths
from forms.fonts import FontSet
from forms.lists import layout_bullets, layout_steps
from forms.page import LEFT, RIGHT, WIDTH, Flow, Op
from forms.qr import layout_qr, layout_qr_row
from forms.text import draw_centred, draw_right, draw_text, fill, fit_size, wrap

SIZE = 10.0
LEADING = 14.0
TABLE_SIZE = 9.0  # tables are dense: an 18-digit ID number fits its column on one line
TABLE_LEADING = 12.5
PAD = 4.0
LABEL_WIDTH = 92.0  # eight characters at 10 pt: 统一社会信用代码
NUMBER_WIDTH = 32.0


def layout_block(flow: Flow, block: Block) -> None:
    """Place ``block`` (skipped when its ``when``/``unless`` flags say so)."""
    if applies(block.when, getattr(block, "unless", ()), flow.facts.flags):
        _LAYOUTS[type(block)](flow, block)


def _heading(flow: Flow, block: Heading) -> None:
    flow.ensure(60)
    y, fonts = flow.y, flow.fonts
    text = fill(block.text, flow.facts.values)

    def op(c: Any) -> None:
        draw_text(c, fonts, LEFT, y - 14, text, 12)
        c.setLineWidth(0.8)
        c.line(LEFT, y - 19, RIGHT, y - 19)

    flow.add(op)
    flow.y -= 26


def _fields(flow: Flow, block: Fields) -> None:
    for row in block.rows:
        total = sum(f.span for f in row)
        cells = []
        x = LEFT
        for field in row:
            width = WIDTH * field.span / total
            value = flow.facts.value(field.key)
            label = fill(field.label, flow.facts.values)
            label_lines = wrap(flow.fonts, label, LABEL_WIDTH - 2 * PAD, SIZE)
            value_cell = _cell(flow.fonts, value, width - LABEL_WIDTH - 2 * PAD, SIZE)
            cells.append((x, width, label_lines, value_cell))
            x += width
        height = max(max(len(c[2]), len(c[3].lines)) for c in cells) * LEADING + 2 * PAD + 2
        flow.ensure(height)
        flow.add(_row_op(flow, flow.y, height, cells))
        flow.y -= height
    flow.y -= 8 if block.gap else 0


@dataclass(frozen=True)
class Cell:
    """A cell's wrapped lines and their size (smaller than the block's when an identifier needs it)."""

    lines: list[str]
    size: float


def _cell(fonts: FontSet, text: str, width: float, size: float) -> Cell:
    fitted = fit_size(fonts, text, width, size)
    return Cell(wrap(fonts, text, width, fitted), fitted)


def _row_op(flow: Flow, top: float, height: float, cells: list[tuple[float, float, list[str], Cell]]) -> Any:
    fonts = flow.fonts

    def op(c: Any) -> None:
        c.setLineWidth(0.6)
        for x, width, label_lines, value in cells:
            c.setFillGray(0.92)
            c.rect(x, top - height, LABEL_WIDTH, height, stroke=1, fill=1)
            c.setFillGray(0)
            c.rect(x + LABEL_WIDTH, top - height, width - LABEL_WIDTH, height, stroke=1, fill=0)
            _lines(c, fonts, x + PAD, top, label_lines)
            _lines(c, fonts, x + LABEL_WIDTH + PAD, top, value.lines, value.size)

    return op


def _lines(
    c: Any, fonts: Any, x: float, top: float, lines: list[str], size: float = SIZE, leading: float = LEADING
) -> None:
    for index, line in enumerate(lines):
        draw_text(c, fonts, x, top - PAD - size - 1 - index * leading, line, size)


def _table(flow: Flow, block: Table) -> None:
    header = ["序号"] + [fill(col.header, flow.facts.values) for col in block.columns]
    rows = [
        [str(i + 1)] + [entry.get(col.key, "") for col in block.columns]
        for i, entry in enumerate(flow.facts.tables.get(block.source, []))
    ]
    body = [[row[index + 1] for row in rows] for index in range(len(block.columns))]
    weights = [col.weight for col in block.columns]
    fitted = column_widths(
        flow.fonts, weights, body, WIDTH - NUMBER_WIDTH, header[1:], size=TABLE_SIZE, padding=2 * PAD + 1
    )
    widths = [NUMBER_WIDTH, *fitted]
    rows += [[""] * len(header)] * max(0, block.min_rows - len(rows))
    header_cells = _measure(flow, header, widths)
    flow.ensure(_height(header_cells) + 2 * LEADING)
    _table_row(flow, header_cells, widths, shaded=True)
    for row in rows:
        cells = _measure(flow, row, widths)
        if _height(cells) > flow.room():
            flow.new_page()
            _table_row(flow, header_cells, widths, shaded=True)
        _table_row(flow, cells, widths, shaded=False)
    flow.y -= 8


def _measure(flow: Flow, texts: list[str], widths: list[float]) -> list[Cell]:
    pairs = zip(texts, widths, strict=True)
    return [_cell(flow.fonts, text, width - 2 * PAD, TABLE_SIZE) for text, width in pairs]


def _height(cells: list[Cell]) -> float:
    return max(len(cell.lines) for cell in cells) * TABLE_LEADING + 2 * PAD + 3


def _table_row(flow: Flow, cells: list[Cell], widths: list[float], *, shaded: bool) -> None:
    top, height, fonts = flow.y, _height(cells), flow.fonts

    def op(c: Any) -> None:
        c.setLineWidth(0.6)
        x = LEFT
        for cell, width in zip(cells, widths, strict=True):
            c.setFillGray(0.92 if shaded else 1)
            c.rect(x, top - height, width, height, stroke=1, fill=1)
            c.setFillGray(0)
            _lines(c, fonts, x + PAD, top, cell.lines, cell.size, TABLE_LEADING)
            x += width

    flow.add(op)
    flow.y -= height


def _text(flow: Flow, block: Text) -> None:
    leading = block.size * 1.55
    indent = 2 * block.size if block.indent else 0.0
    for paragraph in fill(block.template, flow.facts.values).split("\n"):
        lines = wrap(flow.fonts, paragraph, WIDTH, block.size, first_indent=indent)
        for index, line in enumerate(lines):
            flow.ensure(leading)
            x = LEFT + (indent if index == 0 else 0.0)
            flow.add(_line_op(flow.fonts, x, flow.y - block.size, line, block.size))
            flow.y -= leading
    flow.y -= 4


def _line_op(fonts: FontSet, x: float, y: float, line: str, size: float) -> Op:
    return lambda c: draw_text(c, fonts, x, y, line, size)


def _signatures(flow: Flow, block: Signatures) -> None:
    height = block.height
    flow.ensure(height + 6)
    top, width = flow.y, WIDTH / len(block.boxes)
    for index, box in enumerate(block.boxes):
        label = fill(box.label, flow.facts.values)
        flow.add(_box_op(flow, SignBox(label, box.kind), LEFT + index * width, top, width, height))
    flow.y -= height + 8


def _box_op(flow: Flow, box: SignBox, x: float, top: float, width: float, height: float) -> Any:
    fonts = flow.fonts

    def op(c: Any) -> None:
        c.setLineWidth(0.6)
        c.rect(x, top - height, width, height)
        draw_text(c, fonts, x + PAD, top - 14, box.label, SIZE)
        draw_right(c, fonts, x + width - PAD, top - height + 8, "年    月    日", SIZE)
        c.saveState()
        c.setDash(2, 2)
        c.setStrokeGray(0.5)
        c.setFillGray(0.5)
        if box.kind is BoxKind.FINGERPRINT:
            c.rect(x + width - 50, top - 70, 40, 46)
            draw_centred(c, fonts, x + width - 30, top - 51, "指印", 8)
        elif box.kind is BoxKind.SEAL:
            c.circle(x + width / 2, top - 46, 26)
            draw_centred(c, fonts, x + width / 2, top - 49, "（盖章）", 8)
        c.restoreState()

    return op


_LAYOUTS: dict[type[Any], Callable[[Flow, Any], None]] = {
    Fields: _fields,
    Table: _table,
    Heading: _heading,
    Text: _text,
    Signatures: _signatures,
    QrCode: layout_qr,
    QrRow: layout_qr_row,
    Bullets: layout_bullets,
    Steps: layout_steps,
}
