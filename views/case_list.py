"""The list of cases 今日受理 and 案卷查询 share: rows the arrow keys choose from and Enter (or a click)
opens, the chosen one highlighted, a fictitious case marked. Each screen draws its own subtitle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

import flet as ft

from views.case_texts import Selection
from views.widgets import Actions


class CaseRow(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def fictitious(self) -> bool: ...

    @property
    def route(self) -> str: ...


Row = TypeVar("Row", bound=CaseRow)


class ListPresenter(Protocol):
    selection: Selection

    def key(self, key: str) -> str | None:
        """Read an arrow key or Enter; the route Enter chose, if any."""


class CaseList(Generic[Row]):
    def __init__(
        self,
        actions: Actions,
        presenter: ListPresenter,
        subtitle: Callable[[Row], ft.Control],
        *,
        spacing: int,
    ) -> None:
        self._actions, self._presenter, self._subtitle = actions, presenter, subtitle
        self._rows: Sequence[Row] = ()
        self._empty: ft.Control | None = None
        self.control = ft.ListView(spacing=spacing, expand=True)
        actions.keys.listen(self._key)

    def show(self, rows: Sequence[Row], *, empty: ft.Control | None = None) -> None:
        """Draw ``rows`` (``empty`` in their place when there are none), the chosen one highlighted."""
        self._rows, self._empty = rows, empty
        if not rows and empty is not None:
            self.control.controls = [empty]
            return
        chosen = self._presenter.selection.index
        self.control.controls = [self._tile(row, index == chosen) for index, row in enumerate(rows)]

    def _tile(self, row: Row, chosen: bool) -> ft.Control:
        return ft.ListTile(
            leading=ft.Icon(ft.Icons.SCHOOL if row.fictitious else ft.Icons.DESCRIPTION),
            title=ft.Text(row.title),
            subtitle=self._subtitle(row),
            selected=chosen,
            selected_tile_color=ft.Colors.SECONDARY_CONTAINER,
            on_click=lambda: self._actions.go(row.route),
        )

    def _key(self, key: str) -> None:
        """Go where Enter chose, or redraw the list when an arrow key moved the selection."""
        route = self._presenter.key(key)
        if route is not None:
            self._actions.go(route)
        elif key in ("Arrow Down", "Arrow Up"):
            self.show(self._rows, empty=self._empty)
            self.control.update()
