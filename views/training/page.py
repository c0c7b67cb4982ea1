"""The 培训 area: on a real desk where training runs; on the training desk the scenario list (with
the trainer's panel for a trainer), or one scenario's screen (``/training/<id>``); for an account that
does no case work (IT) a locked note."""

from __future__ import annotations

import flet as ft

from views.session import DeskSession
from views.training.presenter import TrainingPresenter, scenario_in_route
from views.training.scenario_list import scenario_list
from views.training.scenario_screen import ScenarioScreen
from views.training.trainer_panel import TrainerPanel
from views.widgets import Actions, caption


def training_area(session: DeskSession, actions: Actions) -> ft.Control:
    presenter = TrainingPresenter(session)
    if presenter.mode == "elsewhere":
        return elsewhere(presenter)
    if presenter.mode == "locked":
        return locked(presenter)
    scenario_id = scenario_in_route(session.route)
    if scenario_id is not None:
        return ScenarioScreen(presenter, actions, scenario_id).control
    parts = [scenario_list(presenter, actions)]
    if presenter.mode == "trainer":
        parts.append(TrainerPanel(presenter, actions).control)
    return ft.Column(parts, spacing=12, expand=True, scroll=ft.ScrollMode.AUTO)


def locked(presenter: TrainingPresenter) -> ft.Control:
    """An account that does no case work (IT): why the area is closed to it, and whom it is for."""
    return ft.Container(
        ft.Row([ft.Icon(ft.Icons.LOCK), caption(presenter.session.texts.t("training.locked"))], wrap=True),
        padding=16,
        border_radius=8,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )


def elsewhere(presenter: TrainingPresenter) -> ft.Control:
    """A real desk: what training is and how to start it, instead of a dead end."""
    t = presenter.session.texts.t
    return ft.Container(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.SCHOOL),
                        caption(t("training.elsewhere.title"), weight=ft.FontWeight.BOLD),
                    ]
                ),
                caption(t("training.elsewhere.body")),
                ft.Semantics(
                    container=True,
                    content=ft.Text("bizdesk --training run", selectable=True, font_family="monospace"),
                ),
                caption(t("training.elsewhere.accounts")),
            ],
            spacing=8,
            tight=True,
        ),
        padding=16,
        border_radius=8,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )
