"""The scenarios to practise: one card each, opening the scenario's screen."""

from __future__ import annotations

import flet as ft

from views.admin.common import section, text_lines
from views.training.presenter import TrainingPresenter
from views.widgets import Actions, caption


def scenario_list(presenter: TrainingPresenter, actions: Actions) -> ft.Control:
    t = presenter.session.texts.t
    cards, failure = presenter.cards()
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Column(
                    [caption(card.title, weight=ft.FontWeight.BOLD), caption(card.summary)],
                    expand=True,
                    tight=True,
                ),
                ft.FilledTonalButton(
                    t("training.open", title=card.title),
                    icon=ft.Icons.PLAY_ARROW,
                    on_click=lambda _, route=card.route: actions.go(route),
                ),
            ]
        )
        for card in cards
    ]
    return section(t("training.scenarios"), rows + text_lines([], failure))
