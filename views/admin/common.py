"""Pieces every 系统管理 panel uses: a titled section and the line that tells how an action went."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

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
        # the line stays in the page, empty when there is no news (see views.widgets.NoticeLine)
        self.control = ft.Semantics(content=self.text, live_region=True)

    def show(self, outcome: Outcome) -> None:
        self.text.value = outcome.text
        self.text.color = None if outcome.ok else ft.Colors.ERROR

    def hide(self) -> None:
        """The person typed again in the panel: the last action's outcome is no longer news."""
        if self.text.value:
            self.text.value = ""
            self.control.update()


class KeptFresh(ft.Column):
    """A column that, while it is on the page, runs ``refresh`` every ``seconds`` (a list that changes
    underneath: a clerk locked out meanwhile shows without leaving the page). ``refresh`` returns
    whether anything changed; the column is redrawn only then, so nothing flickers or loses its place."""

    def __init__(
        self, controls: list[ft.Control], refresh: Callable[[], Awaitable[bool]], seconds: float
    ) -> None:
        super().__init__(controls, spacing=4)
        self.refresh, self.seconds, self.shown = refresh, seconds, False

    def did_mount(self) -> None:
        self.shown = True
        self.page.run_task(self._keep_fresh)

    def will_unmount(self) -> None:
        self.shown = False

    async def _keep_fresh(self) -> None:
        while self.shown:
            await asyncio.sleep(self.seconds)
            if self.shown and await self.refresh() and self.shown:
                self.update()
