"""The case page: header, people, and one card per service with its results, the agency's words
and its history; the 补正 form on a service that needs correction; reprint and export below."""

from __future__ import annotations

import flet as ft

from views.case_actions import CorrectionForm, ExportPanel, ReprintPanel
from views.case_page_state import CasePagePresenter, ServiceSection
from views.case_texts import SEARCH_ROUTE
from views.session import DeskSession
from views.widgets import Actions, caption


class CasePageScreen:
    def __init__(self, session: DeskSession, actions: Actions, case_id: str) -> None:
        self.session, self.actions = session, actions
        self.presenter = CasePagePresenter(session, case_id)
        self.presenter.load()
        self.body = ft.Column(spacing=10, scroll=ft.ScrollMode.AUTO, expand=True)
        self.notice_line = ft.Column(spacing=0, tight=True)
        self.control = ft.Column([self._bar(), self.notice_line, self.body], spacing=8, expand=True)
        self.draw()
        actions.keys.listen(self._key)

    def _bar(self) -> ft.Control:
        texts = self.session.texts
        back = ft.TextButton(texts.t("case.back"), icon=ft.Icons.ARROW_BACK, on_click=self._back)
        hint = caption(texts.t("case.keys"), size=12, color=ft.Colors.ON_SURFACE_VARIANT)
        return ft.Row([back, hint], spacing=16)

    def draw(self) -> None:
        """(Re)build the body from the presenter (after loading, and after a resubmission)."""
        texts, lines = self.session.texts, self.presenter.lines
        if lines is None:
            failure = self.presenter.failure
            reason = failure.text(texts) if failure else ""
            self.body.controls = [caption(texts.t("case.load_failed") + reason, color=ft.Colors.ERROR)]
            return
        notice = self.presenter.notice  # outside the scrolled body: seen wherever the clerk scrolled to
        self.notice_line.controls = (
            [caption(notice.text(texts), color=ft.Colors.PRIMARY, weight=ft.FontWeight.BOLD)]
            if notice
            else []
        )
        controls: list[ft.Control] = [
            caption(lines.title, theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Row([caption(line) for line in lines.header], spacing=24, wrap=True),
            caption(texts.t("case.people"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            *[caption(line) for line in lines.people],
            caption(texts.t("case.services"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            *[self._service(section) for section in lines.services],
            ft.Divider(),
            ReprintPanel(self.session, self.presenter).control,
            ExportPanel(self.session, self.presenter).control,
        ]
        self.body.controls = controls

    def _service(self, section: ServiceSection) -> ft.Control:
        texts = self.session.texts
        parts: list[ft.Control] = [caption(section.title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)]
        if section.reasons:
            parts.append(caption(section.reasons, color=ft.Colors.ERROR))
        parts += [caption(texts.t("case.results"), weight=ft.FontWeight.BOLD)]
        parts += [caption(line) for line in section.results]
        parts += [caption(texts.t("case.timeline"), weight=ft.FontWeight.BOLD)]
        parts += [caption(line, size=12, color=ft.Colors.ON_SURFACE_VARIANT) for line in section.history]
        if section.correctable and self.presenter.lines is not None:
            parts.append(CorrectionForm(self.session, self.presenter, section, on_done=self._refresh).control)
        return ft.Card(content=ft.Container(ft.Column(parts, spacing=4), padding=16))

    def _refresh(self) -> None:
        self.draw()
        self.control.update()

    def _back(self) -> None:
        self.actions.go(SEARCH_ROUTE)

    def _key(self, key: str) -> None:
        if key == "Escape":
            self._back()
