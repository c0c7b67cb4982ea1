"""Which case screen an area shows: 今日受理 the board; 案卷查询 the search, or a case's page when
the route names one (``/cases/<case_id>``)."""

from __future__ import annotations

import flet as ft

from views.cases.common import case_id_in_route
from views.cases.page import CasePageScreen
from views.cases.search import SearchScreen
from views.session import DeskSession
from views.today import TodayScreen
from views.widgets import Actions


def today_area(session: DeskSession, actions: Actions) -> ft.Control:
    return TodayScreen(session, actions).control


def cases_area(session: DeskSession, actions: Actions) -> ft.Control:
    case_id = case_id_in_route(session.route)
    if case_id is not None:
        return CasePageScreen(session, actions, case_id).control
    return SearchScreen(session, actions).control
