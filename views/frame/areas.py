"""One desk area's content: 今日受理, 新办企业, 案卷查询 (search or case page), 同步中心, 培训, 系统管理."""

from __future__ import annotations

import flet as ft

from views.admin.page import admin_area
from views.case_page import CasePageScreen
from views.case_texts import case_id_in_route
from views.navigation import Area
from views.newcase import new_case_view
from views.search import SearchScreen
from views.session import DeskSession
from views.sync_centre import SyncCentre
from views.today import TodayScreen
from views.training.page import training_area
from views.widgets import Actions


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
    elif area.key == "training":
        body = training_area(session, actions)
    else:  # the six areas of views.navigation.AREAS: this is 系统管理
        body = admin_area(session, actions)
    return ft.Column([heading, intro, ft.Divider(), body], expand=True, spacing=10)


def cases_area(session: DeskSession, actions: Actions) -> ft.Control:
    """案卷查询: the search, or the page of the case the route names (``/cases/<case_id>``)."""
    case_id = case_id_in_route(session.route)
    if case_id is not None:
        return CasePageScreen(session, actions, case_id).control
    return SearchScreen(session, actions).control
