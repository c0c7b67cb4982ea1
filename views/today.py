"""今日受理: today's cases, each with its seven services' states and the working time against the
half working day; the queue depth and last successful sync on top. Arrow keys choose, Enter opens."""

from __future__ import annotations

import flet as ft

from views.case_list import CaseList
from views.case_texts import Said
from views.session import DeskSession
from views.today_state import BoardRow, TodayPresenter
from views.widgets import Actions, caption


class TodayScreen:
    def __init__(self, session: DeskSession, actions: Actions) -> None:
        self.session, self.actions = session, actions
        self.presenter = TodayPresenter(session)
        self.presenter.load()
        self.list: CaseList[BoardRow] = CaseList(actions, self.presenter, _subtitle, spacing=4)
        self.control = ft.Column([*self._top(), self.list.control], spacing=8, expand=True)
        lines = self.presenter.lines  # None: the load failed, and the top says why
        empty = caption(session.texts.t("today.empty")) if lines is not None else None
        self.list.show(lines.rows if lines else (), empty=empty)

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


def _subtitle(row: BoardRow) -> ft.Control:
    chips = ft.Row([_chip(c.text, warn=c.attention) for c in row.services], wrap=True, spacing=4)
    clock = caption(row.elapsed, color=ft.Colors.ERROR if row.late else ft.Colors.ON_SURFACE_VARIANT)
    return ft.Column([ft.Text(row.status), clock, chips], spacing=2, tight=True)


def _chip(text: str, *, warn: bool) -> ft.Control:
    return ft.Container(
        ft.Text(text, size=12, color=ft.Colors.ON_ERROR_CONTAINER if warn else ft.Colors.ON_SURFACE),
        padding=ft.Padding.symmetric(vertical=2, horizontal=8),
        border_radius=10,
        bgcolor=ft.Colors.ERROR_CONTAINER if warn else ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )
