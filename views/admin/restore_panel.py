"""从备份恢复: IT replaces this desk's data with a backup (IT password asked again, the replacement
confirmed, a ring while it runs); afterwards the page goes back to the login screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from views.admin.common import OutcomeLine, section
from views.admin.presenter import AdminPresenter, Outcome
from views.widgets import caption, clear_when_edited


class RestorePanel:
    def __init__(self, presenter: AdminPresenter, on_signed_out: Callable[[], None]) -> None:
        self.presenter, self.on_signed_out = presenter, on_signed_out
        t = presenter.session.texts.t
        self.it_password = ft.TextField(label=t("admin.restore.it_password"), password=True, width=220)
        self.source = ft.TextField(label=t("admin.restore.source"), width=320)
        self.passphrase = ft.TextField(
            label=t("admin.restore.passphrase"), password=True, width=220, on_submit=self._restore
        )
        self.confirm = ft.Checkbox(label=t("admin.restore.confirm"), value=False)
        self.button = ft.FilledTonalButton(
            t("admin.restore.run"), icon=ft.Icons.RESTORE, on_click=self._restore
        )
        self.progress = ft.ProgressRing(width=20, height=20, visible=False)
        self.outcome = OutcomeLine()
        clear_when_edited((self.it_password, self.source, self.passphrase, self.confirm), self.outcome.hide)
        self.control = section(
            t("admin.restore"),
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.ERROR),
                        caption(t("admin.restore.warning")),
                    ],
                    wrap=True,
                ),
                ft.Row([self.it_password, self.source, self.passphrase], wrap=True),
                self.confirm,
                ft.Row([self.button, self.progress]),
                self.outcome.control,
            ],
        )

    async def _restore(self) -> None:
        """A restore copies and checks the whole store: run it off the page, the ring turning."""
        password, source, passphrase = (
            self.it_password.value or "",
            self.source.value or "",
            self.passphrase.value or "",
        )
        confirmed = bool(self.confirm.value)
        problem = self.presenter.restore_problem(password, source, passphrase, confirmed=confirmed)
        if problem is not None:  # said at once, the fields kept for the next try
            self.outcome.show(problem)
            self.control.update()
            return
        self.it_password.value = self.passphrase.value = ""  # secrets never linger on screen
        self._running(True)
        try:
            outcome = await asyncio.to_thread(
                self.presenter.restore, password, source, passphrase, confirmed=True
            )
        finally:
            self._running(False)
        if self.presenter.signed_out:
            self.on_signed_out()  # the login screen says the data was restored
            return
        self.outcome.show(outcome)
        self.control.update()

    def _running(self, on: bool) -> None:
        self.progress.visible = on
        self.button.disabled = on
        if on:
            self.outcome.show(Outcome(True, self.presenter.session.texts.t("admin.restore.running")))
        self.control.update()
