"""QR code blocks: one code with its caption beside it across the page, or several side by side.

Each code is drawn as one filled path of its dark module runs (error correction M), so no image and
no extra font goes into the PDF. A code's caption may name facts (``{receipt.supervision_phone}``).
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

from reportlab.graphics.barcode import qrencoder

from forms.catalog.layout import QrCode, QrRow, applies
from forms.page import LEFT, WIDTH, Flow
from forms.text import draw_text, fill, wrap

SIZE = 10.0
LEADING = 14.0
QR_SIZE = 104.0
ROW_QR_SIZE = 84.0
GAP = 12.0


def layout_qr(flow: Flow, block: QrCode) -> None:
    """The code at the left margin, its caption (and value) beside it."""
    flow.ensure(QR_SIZE + 8)
    flow.add(_code_op(flow, block, LEFT, flow.y, QR_SIZE, WIDTH))
    flow.y -= QR_SIZE + 8


def layout_qr_row(flow: Flow, block: QrRow) -> None:
    """The codes whose flags hold, in equal columns, each with its caption beside it."""
    codes = [code for code in block.codes if applies(code.when, (), flow.facts.flags)]
    if not codes:
        return
    flow.ensure(ROW_QR_SIZE + 8)
    width = WIDTH / len(codes)
    for index, code in enumerate(codes):
        flow.add(_code_op(flow, code, LEFT + index * width, flow.y, ROW_QR_SIZE, width))
    flow.y -= ROW_QR_SIZE + 8


def _code_op(flow: Flow, block: QrCode, x: float, top: float, size: float, width: float) -> Any:
    value = flow.facts.value(block.key)
    fonts = flow.fonts
    room = width - size - GAP - 4
    caption = [
        line
        for paragraph in fill(block.caption, flow.facts.values).split("\n")
        for line in wrap(fonts, paragraph, room, SIZE)
    ]
    code = wrap(fonts, value, room, 8) if block.show_value else []

    def op(c: Any) -> None:
        if value:
            draw_qr(c, value, x, top - size, size)
        for index, line in enumerate(caption):
            draw_text(c, fonts, x + size + GAP, top - 16 - index * LEADING, line, SIZE)
        for index, line in enumerate(code):
            draw_text(c, fonts, x + size + GAP, top - 24 - (len(caption) + index) * LEADING, line, 8)

    return op


@functools.lru_cache(maxsize=256)
def qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The dark modules of the QR code of ``value`` (error correction M), row by row.

    reportlab's encoder tries all eight mask patterns in pure Python: about 40 ms for the
    verification text and 90 ms for the rating link on the shared test machine. A case's rating
    link is the same on every print, and the print step renders its preview and then the print:
    the matrices are kept per text (a few kB each)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return tuple(tuple(bool(module) for module in row) for row in code.modules)


def draw_qr(c: Any, value: str, x: float, y: float, size: float, border: int = 2) -> None:
    """The QR code (error correction M) as one filled path of its dark module runs."""
    modules = qr_modules(value)
    box = size / (len(modules) + 2 * border)
    path = c.beginPath()
    for row_index, row in enumerate(modules):
        column = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                top = y + size - (row_index + border + 1) * box
                path.rect(x + (column + border) * box, top, length * box, box)
            column += length
    c.saveState()
    c.setFillGray(0)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
