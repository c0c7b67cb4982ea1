"""The one renderer: lays out every form of the packet on A4 pages and draws them into one PDF, in memory.

Two passes. Layout places each form's blocks top to bottom (``forms.blocks``), starting every form on
a new page and breaking tables and text between pages; a page is a list of drawing operations. Then,
knowing how many pages each form has, drawing adds to every page its header (case number), footer
(第 x 页 共 y 页, numbered per form, as each agency keeps its own form) and, in training, the diagonal
watermark 培训样本 SPECIMEN plus the same words in the header, where text extraction finds them.

The output is deterministic (reportlab's invariant mode: no dates or random ids in the file), so the
same case, options and time give the same bytes, and goldens compare exactly.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.services.receipt_steps import DESK_NAME
from forms.blocks import layout_block
from forms.catalog.layout import FormSpec
from forms.facts import Facts
from forms.fonts import FontSet
from forms.page import BOTTOM, LEFT, PAGE_HEIGHT, PAGE_WIDTH, RIGHT, TOP, Flow, Page
from forms.text import draw_centred, draw_right, draw_text, fill

WATERMARK = "培训样本 SPECIMEN"


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    forms: tuple[str, ...]


def render_forms(
    specs: Sequence[FormSpec], facts: Facts, fonts: FontSet, *, training: bool, footer: str
) -> Rendered:
    """Lay out and draw ``specs`` in order; ``footer`` goes at the bottom right of every page."""
    pages: list[Page] = []
    for spec in specs:
        flow = Flow(fonts, facts, spec.title)
        flow.new_page(continued=False)
        _title(flow, spec)
        for block in spec.blocks:
            layout_block(flow, block)
        pages += flow.pages
    pdf = _draw(pages, fonts, facts, training=training, footer=footer)
    return Rendered(pdf, len(pages), tuple(spec.title for spec in specs))


def _title(flow: Flow, spec: FormSpec) -> None:
    fonts, y = flow.fonts, flow.y
    flow.add(lambda c: draw_centred(c, fonts, PAGE_WIDTH / 2, y - 18, spec.title, 17))
    flow.y -= 30
    if spec.note:
        note_y, note = flow.y, fill(spec.note, flow.facts.values)
        flow.add(lambda c: _grey(c, lambda: draw_centred(c, fonts, PAGE_WIDTH / 2, note_y - 8, note, 8.5)))
        flow.y -= 16
    flow.y -= 6


def _draw(pages: list[Page], fonts: FontSet, facts: Facts, *, training: bool, footer: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=fonts.primary, initialFontSize=10
    )
    canvas.setTitle(f"{facts.value('company.name')} 开办材料")
    canvas.setAuthor(DESK_NAME)
    canvas.setCreator("bizdesk")
    counts: dict[str, int] = {}
    for page in pages:
        counts[page.form] = counts.get(page.form, 0) + 1
    seen: dict[str, int] = {}
    for page in pages:
        seen[page.form] = seen.get(page.form, 0) + 1
        for op in page.ops:
            op(canvas)
        _furniture(canvas, fonts, facts, page.form, (seen[page.form], counts[page.form]), footer)
        if training:
            _watermark(canvas, fonts)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _furniture(
    canvas: Any, fonts: FontSet, facts: Facts, form: str, number: tuple[int, int], footer: str
) -> None:
    """Header (desk, case number) and footer (form, 第 x 页 共 y 页, footer text)."""
    canvas.setLineWidth(0.4)
    canvas.line(LEFT, TOP + 4, RIGHT, TOP + 4)
    draw_text(canvas, fonts, LEFT, TOP + 8, f"{DESK_NAME} · 一表填报", 8)
    draw_right(canvas, fonts, RIGHT, TOP + 8, f"案卷编号 {facts.value('case.id')}", 8)
    canvas.line(LEFT, BOTTOM - 6, RIGHT, BOTTOM - 6)
    draw_text(canvas, fonts, LEFT, BOTTOM - 16, form, 8)
    draw_centred(canvas, fonts, PAGE_WIDTH / 2, BOTTOM - 16, f"第 {number[0]} 页 共 {number[1]} 页", 9)
    draw_right(canvas, fonts, RIGHT, BOTTOM - 16, footer, 8)


def _watermark(canvas: Any, fonts: FontSet) -> None:
    canvas.saveState()
    canvas.setFillGray(0.45)
    canvas.setFillAlpha(0.18)
    draw_centred(canvas, fonts, PAGE_WIDTH / 2, TOP + 8, WATERMARK, 8)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(52)
    draw_centred(canvas, fonts, 0, -20, WATERMARK, 64)
    canvas.restoreState()


def _grey(canvas: Any, draw: Callable[[], None]) -> None:
    canvas.saveState()
    canvas.setFillGray(0.35)
    draw()
    canvas.restoreState()
