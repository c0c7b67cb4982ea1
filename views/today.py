"""今日受理: today's cases, each with its seven services' states and the working time against the
half working day; the queue depth and last successful sync on top. Arrow keys choose, Enter opens."""

from __future__ import annotations

import flet as ft

from views.case_texts import Said
from views.session import DeskSession
from views.today_state import BoardRow, TodayPresenter
from views.widgets import Actions, caption, case_tile, follow_list_keys


class TodayScreen:
    def __init__(self, session: DeskSession, actions: Actions) -> None:
        self.session, self.actions = session, actions
        self.presenter = TodayPresenter(session)
        self.presenter.load()
        self.list = ft.ListView(spacing=4, expand=True)
        self.control = ft.Column([*self._top(), self.list], spacing=8, expand=True)
        self._fill()
        actions.keys.listen(self._key)

    def _top(self) -> list[ft.Control]:
        texts, lines = self.session.texts, self.presenter.lines
        failure: Said | None = self.presenter.failure
        if failure is not None:
            return [caption(texts.t("today.load_failed") + failure.text(texts), color=ft.Colors.ERROR)]
        if lines is None:
            return []
        muted = ft.Colors.ON_SURFACE_VARIANT
        return [
            ft.Row([caption(lines.queue), caption(lines.last_sync)], spacing=24, wrap=True),
            caption(lines.hours, size=12, color=muted),
            caption(texts.t("today.keys"), size=12, color=muted),
        ]

    def _fill(self) -> None:
        lines = self.presenter.lines
        if lines is not None and not lines.rows:
            self.list.controls = [caption(self.session.texts.t("today.empty"))]
            return
        rows = lines.rows if lines else ()
        chosen = self.presenter.selection.index
        self.list.controls = [self._tile(row, index == chosen) for index, row in enumerate(rows)]

    def _tile(self, row: BoardRow, chosen: bool) -> ft.Control:
        chips = ft.Row([_chip(c.text, warn=c.attention) for c in row.services], wrap=True, spacing=4)
        clock = caption(row.elapsed, color=ft.Colors.ERROR if row.late else ft.Colors.ON_SURFACE_VARIANT)
        subtitle = ft.Column([ft.Text(row.status), clock, chips], spacing=2, tight=True)
        return case_tile(
            row.title,
            subtitle,
            fictitious=row.fictitious,
            chosen=chosen,
            on_click=lambda: self.actions.go(row.route),
        )

    def _key(self, key: str) -> None:
        follow_list_keys(self.presenter.key(key), key, self.actions, self._redraw)

    def _redraw(self) -> None:
        self._fill()
        self.list.update()


def _chip(text: str, *, warn: bool) -> ft.Control:
    return ft.Container(
        ft.Text(text, size=12, color=ft.Colors.ON_ERROR_CONTAINER if warn else ft.Colors.ON_SURFACE),
        padding=ft.Padding.symmetric(vertical=2, horizontal=8),
        border_radius=10,
        bgcolor=ft.Colors.ERROR_CONTAINER if warn else ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )
