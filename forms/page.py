"""Page geometry and the layout cursor shared by the block layouts and the renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from forms.facts import Facts
from forms.fonts import FontSet
from forms.text import draw_text

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 20 * mm
RIGHT = PAGE_WIDTH - 20 * mm
TOP = PAGE_HEIGHT - 20 * mm
BOTTOM = 20 * mm
WIDTH = RIGHT - LEFT

Op = Callable[[Any], None]  # draws on a reportlab canvas


@dataclass
class Page:
    form: str
    ops: list[Op] = field(default_factory=list)


@dataclass
class Flow:
    """The cursor of the layout pass: where the next block goes, on which page of which form."""

    fonts: FontSet
    facts: Facts
    title: str
    pages: list[Page] = field(default_factory=list)
    y: float = TOP

    def new_page(self, *, continued: bool = True) -> None:
        self.pages.append(Page(self.title))
        self.y = TOP
        if continued:
            title, fonts = f"{self.title}（续）", self.fonts
            self.add(lambda c: draw_text(c, fonts, LEFT, TOP - 10, title, 10))
            self.y -= 20

    def room(self) -> float:
        return float(self.y - BOTTOM)

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit on this one."""
        if height > self.room() and self.y < TOP - 30:
            self.new_page()

    def add(self, op: Op) -> None:
        self.pages[-1].ops.append(op)
