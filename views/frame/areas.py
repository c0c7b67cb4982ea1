"""The content of one desk area: a case list (今日受理, 案卷查询), the 同步中心, or a "coming soon" note."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views.case_page import CasePageScreen
from views.case_texts import case_id_in_route
from views.navigation import Area
from views.newcase import new_case_view
from views.search import SearchScreen
from views.session import DeskSession
from views.sync_centre import SyncCentre
from views.today import TodayScreen
from views.widgets import Actions

# Areas drawn by a package of their own (views.admin, views.training), registered by the composition
# root: a subpackage imported from here would import views back (a package cycle).
AreaBody = Callable[[DeskSession, Actions], ft.Control]
AREA_BODIES: dict[str, AreaBody] = {}


def register_area_body(key: str, body: AreaBody) -> None:
    AREA_BODIES[key] = body


def area_view(area: Area, session: DeskSession, actions: Actions) -> ft.Control:
    texts = session.texts
    heading = ft.Semantics(
        header=True,
        content=ft.Text(texts.t(f"area.{area.key}"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
    )
    intro = ft.Text(texts.t(f"area.{area.key}.intro"), color=ft.Colors.ON_SURFACE_VARIANT)
    body: ft.Control
    if area.key == "sync":
        body = SyncCentre(session).control
    elif area.key == "today":
        body = TodayScreen(session, actions).control
    elif area.key == "cases":
        body = cases_area(session, actions)
    elif area.key == "new":
        return new_case_view(session, actions)
    elif area.key in AREA_BODIES:
        body = AREA_BODIES[area.key](session, actions)
    else:
        body = case_list(area, session) if area.lists_cases else coming_soon(session)
    return ft.Column([heading, intro, ft.Divider(), body], expand=True, spacing=10)


def cases_area(session: DeskSession, actions: Actions) -> ft.Control:
    """案卷查询: the search, or the page of the case the route names (``/cases/<case_id>``)."""
    case_id = case_id_in_route(session.route)
    if case_id is not None:
        return CasePageScreen(session, actions, case_id).control
    return SearchScreen(session, actions).control


def coming_soon(session: DeskSession) -> ft.Control:
    return ft.Container(
        ft.Row([ft.Icon(ft.Icons.CONSTRUCTION), ft.Text(session.texts.t("area.coming_soon"))]),
        padding=16,
        border_radius=8,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )


def case_list(area: Area, session: DeskSession) -> ft.Control:
    rows, failure = session.case_rows(area)
    texts = session.texts
    if failure is not None:
        return ft.Text(texts.t("cases.load_failed") + failure.text(texts), color=ft.Colors.ERROR)
    if not rows:
        return ft.Text(texts.t("cases.empty"))
    tiles: list[ft.Control] = [
        ft.ListTile(
            leading=ft.Icon(ft.Icons.SCHOOL if row.fictitious else ft.Icons.DESCRIPTION),
            title=ft.Text(row.title),
            subtitle=ft.Text(row.subtitle),
        )
        for row in rows
    ]
    return ft.ListView(tiles, expand=True, spacing=2)
