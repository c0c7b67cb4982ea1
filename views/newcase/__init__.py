"""新办企业: the guided seven-step flow (one module per step, the decisions in ``presenter``).

Routes: ``/new`` starts a new draft; ``/new/<case_id>`` resumes a draft at its saved step and field;
``/new/<case_id>/<step>[?field=<key>]`` opens a step (and a field). Step keys are
``app.desk.flow_api.STEPS``.
"""

from __future__ import annotations

import flet as ft

from views.newcase.presenter import FlowPresenter, parse_route, step_route
from views.newcase.screen import NewCaseScreen
from views.session import DeskSession, attempt
from views.widgets import Actions


def new_case_view(session: DeskSession, actions: Actions) -> ft.Control:
    route = parse_route(session.route)
    desk = session.desk
    case_id = route.case_id
    if case_id is None:
        started, notice = attempt(desk.start_draft)
        if started is None:
            return _failed(session, notice.text(session.texts) if notice else "")
        # the shell moves the address bar there and draws that route (one screen, not two)
        session.route = step_route(started.case_id, "company")
        return ft.ProgressRing()
    draft, notice = attempt(lambda: desk.open_draft(case_id))
    if draft is None:
        return _failed(session, notice.text(session.texts) if notice else "")
    step = route.step or draft.step
    field = route.field or (draft.field if step == draft.step else "")
    return NewCaseScreen(session, actions, FlowPresenter(desk, draft, step, field)).control


def _failed(session: DeskSession, text: str) -> ft.Control:
    return ft.Text(session.texts.t("flow.open_failed") + text, color=ft.Colors.ERROR)
