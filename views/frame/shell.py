"""The routed shell after login: the navigation rail of the six desk areas and the current area."""

from __future__ import annotations

import flet as ft

from views.frame.areas import area_view
from views.navigation import AREAS, Area, index_of
from views.session import DeskSession
from views.widgets import Actions, language_toggle

ICONS: dict[str, tuple[ft.IconData, ft.IconData]] = {
    "today": (ft.Icons.TODAY_OUTLINED, ft.Icons.TODAY),
    "new": (ft.Icons.ADD_BUSINESS_OUTLINED, ft.Icons.ADD_BUSINESS),
    "cases": (ft.Icons.SEARCH_OUTLINED, ft.Icons.SEARCH),
    "sync": (ft.Icons.SYNC_OUTLINED, ft.Icons.SYNC),
    "training": (ft.Icons.SCHOOL_OUTLINED, ft.Icons.SCHOOL),
    "admin": (ft.Icons.ADMIN_PANEL_SETTINGS_OUTLINED, ft.Icons.ADMIN_PANEL_SETTINGS),
}


class ShellScreen:
    def __init__(self, session: DeskSession, actions: Actions, area: Area) -> None:
        self.session, self.actions = session, actions
        rail = ft.NavigationRail(
            selected_index=index_of(area),
            label_type=ft.NavigationRailLabelType.ALL,
            min_width=96,
            destinations=[self._destination(each) for each in AREAS],
            on_change=self._area_chosen,
        )
        main = ft.Column(
            [
                self._top_bar(),
                ft.Divider(height=1),
                ft.Container(area_view(area, session, actions), expand=True),
            ],
            expand=True,
            spacing=8,
        )
        self.control = ft.Row(
            [rail, ft.VerticalDivider(width=1), ft.Container(main, expand=True, padding=16)],
            expand=True,
            spacing=0,
        )

    def _destination(self, area: Area) -> ft.NavigationRailDestination:
        icon, selected = ICONS[area.key]
        label = self.session.texts.t(f"area.{area.key}")
        return ft.NavigationRailDestination(icon=icon, selected_icon=selected, label=label)

    def _area_chosen(self, event: ft.Event[ft.NavigationRail]) -> None:
        self.actions.activity()
        index = event.control.selected_index
        if index is not None:
            self.actions.go(AREAS[index].route)

    def _top_bar(self) -> ft.Control:
        texts, user = self.session.texts, self.session.user
        who = (
            texts.t("shell.signed_in_as", name=user.display_name, role=texts.t(f"role.{user.role}"))
            if user
            else ""
        )
        return ft.Row(
            [
                ft.Text(texts.t("app.title"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                ft.Text(texts.t("shell.shortcuts"), size=12, color=ft.Colors.ON_SURFACE_VARIANT, expand=True),
                ft.Icon(ft.Icons.ACCOUNT_CIRCLE),
                ft.Text(who),
                language_toggle(self.session, self.actions),
                ft.TextButton(texts.t("shell.lock"), icon=ft.Icons.LOCK, on_click=self._lock),
                ft.TextButton(texts.t("shell.logout"), icon=ft.Icons.LOGOUT, on_click=self._sign_out),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )

    def _lock(self) -> None:
        self.session.lock()
        self.actions.rerender()

    def _sign_out(self) -> None:
        self.session.sign_out()
        self.actions.rerender()
