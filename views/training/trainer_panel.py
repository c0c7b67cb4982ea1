"""The trainer's panel: each trainee's attempts, CSV export, new trainee accounts, the reset."""

from __future__ import annotations

from pathlib import Path

import flet as ft

from views.admin.common import OutcomeLine, section, text_lines
from views.admin.presenter import Outcome
from views.training.presenter import TrainingPresenter
from views.widgets import Actions, caption, clear_when_edited


class TrainerPanel:
    def __init__(self, presenter: TrainingPresenter, actions: Actions) -> None:
        self.presenter, self.actions = presenter, actions
        t = presenter.session.texts.t
        self.lines = ft.Column(spacing=4)
        self.path = ft.TextField(
            label=t("training.export.path"),
            value=str(Path.home() / "bizdesk-exports" / "培训记录.csv"),
            width=420,
        )
        self.username = ft.TextField(label=t("training.trainee.username"), width=180)
        self.display_name = ft.TextField(label=t("training.trainee.name"), width=180)
        self.password = ft.TextField(  # Enter in it creates the account, as in 系统管理's user form
            label=t("training.trainee.password"), password=True, width=200, on_submit=lambda _: self._add()
        )
        self.outcome = OutcomeLine()
        clear_when_edited((self.path, self.username, self.display_name, self.password), self.outcome.hide)
        export = ft.OutlinedButton(
            t("training.export"),
            icon=ft.Icons.DOWNLOAD,
            on_click=lambda _: self._done(presenter.export(self.path.value or "")),
        )
        add = ft.FilledButton(
            t("training.trainee.add"), icon=ft.Icons.PERSON_ADD, on_click=lambda _: self._add()
        )
        reset = ft.OutlinedButton(
            t("training.reset"), icon=ft.Icons.RESTART_ALT, on_click=lambda _: self._done(presenter.reset())
        )
        self.control = section(
            t("training.trainer"),
            [
                self.lines,
                ft.Row([self.path, export], wrap=True),
                ft.Row([self.username, self.display_name, self.password, add], wrap=True),
                ft.Row([reset, caption(t("training.reset.note"))], wrap=True),
                self.outcome.control,
            ],
        )
        self.refresh()

    def refresh(self) -> None:
        trainees, attempts, failure = self.presenter.trainees()
        t = self.presenter.session.texts.t
        shown: list[ft.Control] = [caption(line.text, weight=ft.FontWeight.BOLD) for line in trainees]
        shown += [caption(line) for line in attempts[:30]]
        if not trainees and failure is None:
            shown.append(caption(t("training.attempts.none")))
        self.lines.controls = shown + text_lines([], failure)

    def _add(self) -> None:
        outcome = self.presenter.add_trainee(
            self.username.value or "", self.display_name.value or "", self.password.value or ""
        )
        if outcome.ok:
            self.username.value = self.display_name.value = self.password.value = ""
        self._done(outcome)

    def _done(self, outcome: Outcome) -> None:
        self.outcome.show(outcome)
        self.refresh()
        self.control.update()
