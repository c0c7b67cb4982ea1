"""One scenario: its steps, hints one at a time on request, 开始练习, and 检查结果 with per-point results."""

from __future__ import annotations

import flet as ft

from views.admin.common import OutcomeLine, section, text_lines
from views.admin.presenter import Outcome
from views.training.presenter import TRAINING_ROUTE, CheckView, TrainingPresenter
from views.widgets import Actions, caption


class ScenarioScreen:
    def __init__(self, presenter: TrainingPresenter, actions: Actions, scenario_id: str) -> None:
        self.presenter, self.actions, self.scenario_id = presenter, actions, scenario_id
        t = presenter.session.texts.t
        back = ft.TextButton(
            t("training.back"), icon=ft.Icons.ARROW_BACK, on_click=lambda _: actions.go(TRAINING_ROUTE)
        )
        scenario, failure = presenter.scenario(scenario_id)
        if scenario is None:
            self.control: ft.Control = ft.Column([back, *text_lines([], failure)])
            return
        self.scenario, self.shown_hints = scenario, 0
        self.hints = ft.Column(spacing=4)
        self.more_hint = ft.OutlinedButton(
            t("training.hint"), icon=ft.Icons.LIGHTBULB, on_click=lambda _: self._hint()
        )
        self.outcome = OutcomeLine()
        self.choice = ft.RadioGroup(
            value="",
            content=ft.Column(
                [ft.Radio(value=v, label=label) for v, label in presenter.case_choices(scenario_id)]
            ),
        )
        self.results = ft.Column(spacing=4)
        start = ft.FilledButton(
            t("training.start"), icon=ft.Icons.PLAY_ARROW, on_click=lambda _: self._start()
        )
        check = ft.FilledButton(
            t("training.check"), icon=ft.Icons.FACT_CHECK, on_click=lambda _: self._check()
        )
        self.network = ft.Column(spacing=4)
        self.control = ft.Column(
            [
                back,
                section(
                    presenter.pick(scenario.title),
                    [
                        caption(presenter.pick(scenario.summary)),
                        *[caption(s) for s in presenter.steps(scenario)],
                        start,
                        self.network,
                    ],
                ),
                section(t("training.hints"), [self.hints, self.more_hint]),
                section(
                    t("training.check.title"),
                    [
                        caption(t("training.check.which")),
                        self.choice,
                        check,
                        self.outcome.control,
                        self.results,
                    ],
                ),
            ],
            spacing=12,
            expand=True,
            scroll=ft.ScrollMode.AUTO,
        )
        self._draw_network()

    def _draw_network(self) -> None:
        """A scenario that cuts the network: where it stands, and the button that changes it."""
        if not self.scenario.offline:
            return
        offline, line = self.presenter.network()
        t = self.presenter.session.texts.t
        button = ft.OutlinedButton(
            t("training.network.restore" if offline else "training.network.cut_button"),
            icon=ft.Icons.WIFI if offline else ft.Icons.WIFI_OFF,
            on_click=lambda _: self._switch_network(offline=not offline),
        )
        self.network.controls = [ft.Row([caption(line), button], wrap=True)]

    def _switch_network(self, *, offline: bool) -> None:
        outcome = self.presenter.set_network(offline=offline)
        self._draw_network()
        self._say(outcome)

    def _hint(self) -> None:
        self.shown_hints += 1
        lines, more = self.presenter.hints(self.scenario, self.shown_hints)
        self.hints.controls = [caption(f"💡 {line}") for line in lines]
        self.more_hint.visible = more
        self.control.update()

    def _start(self) -> None:
        route, outcome = self.presenter.start(self.scenario_id)
        if route is not None:
            self.actions.go(route)
            return
        self._say(outcome)

    def _check(self) -> None:
        view, outcome = self.presenter.check(self.scenario_id, self.choice.value or "")
        self._show(view)
        self._say(outcome)

    def _show(self, view: CheckView | None) -> None:
        if view is None:
            self.results.controls = []
            return
        headline = caption(
            view.headline, weight=ft.FontWeight.BOLD, color=None if view.passed else ft.Colors.ERROR
        )
        lines = [caption(p.text, color=None if p.ok else ft.Colors.ERROR) for p in view.points]
        self.results.controls = [headline, *lines]

    def _say(self, outcome: Outcome) -> None:
        self.outcome.show(outcome)
        self.control.update()
