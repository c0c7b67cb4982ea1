"""Pieces every 系统管理 panel uses: a titled section and the line that tells how an action went."""

from __future__ import annotations

import flet as ft

from views.admin.presenter import Outcome
from views.widgets import caption


def section(title: str, controls: list[ft.Control]) -> ft.Control:
    column = ft.Column(
        [caption(title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM), *controls], spacing=8, tight=True
    )
    return ft.Card(content=ft.Container(column, padding=16))


def text_lines(lines: list[str], failure: str | None) -> list[ft.Control]:
    shown: list[ft.Control] = [caption(line) for line in lines]
    if failure:
        shown.append(caption(failure, color=ft.Colors.ERROR))
    return shown


class OutcomeLine:
    """Says how the last action went; read out when it changes, hidden before the first one."""

    def __init__(self) -> None:
        self.text = ft.Text("")
        self.control = ft.Semantics(content=self.text, live_region=True, visible=False)

    def show(self, outcome: Outcome) -> None:
        self.text.value = outcome.text
        self.text.color = None if outcome.ok else ft.Colors.ERROR
        self.control.visible = bool(outcome.text)

    def hide(self) -> None:
        """The person typed again in the panel: the last action's outcome is no longer news."""
        if self.control.visible:
            self.text.value = ""
            self.control.visible = False
            self.control.update()
