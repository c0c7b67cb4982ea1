"""案卷查询: one box for any key, the opening-date range and the state; the results below.
Enter searches; arrow keys choose a result and Enter opens it (a draft resumes in 新办企业)."""

from __future__ import annotations

import flet as ft

from views.case_list import CaseList
from views.search_state import ResultRow, SearchPresenter
from views.session import DeskSession
from views.widgets import Actions, caption


class SearchScreen:
    def __init__(self, session: DeskSession, actions: Actions) -> None:
        self.session, self.actions = session, actions
        self.presenter = SearchPresenter(session)
        texts = session.texts
        self.key = ft.TextField(
            label=texts.t("search.key"),
            autofocus=True,
            expand=True,
            on_submit=self._submitted,
            on_change=self._typed,
        )
        self.opened_from = ft.TextField(label=texts.t("search.from"), width=230, on_submit=self._submitted)
        self.opened_until = ft.TextField(label=texts.t("search.until"), width=230, on_submit=self._submitted)
        self.status = ft.Dropdown(
            label=texts.t("search.status"),
            tooltip=texts.t("search.status"),
            width=180,
            value="",
            options=[
                ft.DropdownOption(key=value, text=label) for value, label in self.presenter.status_options()
            ],
        )
        self.progress = ft.ProgressBar(visible=False)
        self.summary = ft.Column(spacing=2)
        self.results: CaseList[ResultRow] = CaseList(actions, self.presenter, _detail, spacing=2)
        button = ft.FilledButton(texts.t("search.submit"), icon=ft.Icons.SEARCH, on_click=self._run)
        self.control = ft.Column(
            [
                ft.Row([self.key, button], spacing=12),
                ft.Row([self.opened_from, self.opened_until, self.status], spacing=12, wrap=True),
                caption(texts.t("search.keys"), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                self.progress,
                self.summary,
                self.results.control,
            ],
            spacing=10,
            expand=True,
        )
        self._search(update=False)  # the most recent cases, so the screen never starts empty

    def _typed(self) -> None:
        self.actions.activity()
        self.presenter.typed()

    async def _submitted(self, event: ft.Event[ft.TextField]) -> None:
        if not self.presenter.armed:  # after an arrow key, Enter opens the case (see _key)
            self._run()
            # Flutter takes the focus off a box on Enter: give it back, so the next search is typed
            # straight away (an async handler: Flet awaits it, so the focus really moves)
            await event.control.focus()  # type: ignore[no-untyped-call]

    def _run(self) -> None:
        self.progress.visible = True
        self.progress.update()
        self._search(update=True)

    def _search(self, *, update: bool) -> None:
        self.actions.activity()
        self.presenter.search(
            self.key.value or "",
            self.opened_from.value or "",
            self.opened_until.value or "",
            self.status.value or "",
        )
        self.progress.visible = False
        self._show()
        if update:
            self.control.update()

    def _show(self) -> None:
        texts, presenter = self.session.texts, self.presenter
        if presenter.failure is not None:
            self.summary.controls = [caption(presenter.failure.text(texts), color=ft.Colors.ERROR)]
            return
        self.summary.controls = [caption(line) for line in presenter.summary]
        self.results.show(presenter.rows)


def _detail(row: ResultRow) -> ft.Control:
    return ft.Text(row.detail)
