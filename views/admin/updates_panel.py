"""更新: what the desk runs and what is pending; check, install, roll back."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views.admin.common import OutcomeLine, section, text_lines
from views.admin.presenter import AdminPresenter, Outcome


class UpdatesPanel:
    def __init__(self, presenter: AdminPresenter) -> None:
        self.presenter = presenter
        t = presenter.session.texts.t
        self.lines = ft.Column(spacing=2)
        self.outcome = OutcomeLine()
        buttons = ft.Row(
            [
                ft.OutlinedButton(
                    t("admin.updates.check"),
                    icon=ft.Icons.CLOUD_SYNC,
                    on_click=self._run(presenter.check_updates),
                ),
                ft.FilledTonalButton(
                    t("admin.updates.apply"),
                    icon=ft.Icons.SYSTEM_UPDATE,
                    on_click=self._run(presenter.apply_update),
                ),
                ft.TextButton(
                    t("admin.updates.rollback"),
                    icon=ft.Icons.UNDO,
                    on_click=self._run(presenter.rollback_update),
                ),
                ft.TextButton(
                    t("admin.updates.rollback_app"),
                    icon=ft.Icons.RESTORE,
                    on_click=self._run(presenter.rollback_app),
                ),
            ],
            wrap=True,
        )
        self.control = section(t("admin.updates"), [self.lines, buttons, self.outcome.control])
        self.refresh()

    def refresh(self) -> None:
        self.lines.controls = text_lines(*self.presenter.update_lines())

    def _run(self, action: Callable[[], Outcome]) -> Callable[[], None]:
        def run() -> None:
            self.outcome.show(action())
            self.refresh()
            self.control.update()

        return run
