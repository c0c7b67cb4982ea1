"""备份与保留期限: an encrypted backup and a data-key rotation (IT password asked again for each),
the retention policy, how to restore."""

from __future__ import annotations

import asyncio

import flet as ft

from views.admin.common import OutcomeLine, section, text_lines
from views.admin.presenter import AdminPresenter, Outcome
from views.widgets import caption, clear_when_edited


class BackupPanel:
    def __init__(self, presenter: AdminPresenter) -> None:
        self.presenter = presenter
        t = presenter.session.texts.t
        self.it_password = ft.TextField(label=t("admin.backup.it_password"), password=True, width=220)
        self.target = ft.TextField(label=t("admin.backup.target"), width=320)
        self.passphrase = ft.TextField(
            label=t("admin.backup.passphrase"), password=True, width=220, on_submit=self._backup
        )
        self.rekey_password = ft.TextField(
            label=t("admin.rekey.it_password"), password=True, width=220, on_submit=self._rotate
        )
        self.rekey_button = ft.OutlinedButton(t("admin.rekey.run"), icon=ft.Icons.KEY, on_click=self._rotate)
        self.rekey_progress = ft.ProgressRing(width=20, height=20, visible=False)
        self.days = ft.TextField(label=t("admin.retention.days"), width=180)
        self.retention = ft.Column(spacing=2)
        self.outcome = OutcomeLine()
        clear_when_edited(
            (self.it_password, self.target, self.passphrase, self.rekey_password, self.days),
            self.outcome.hide,
        )
        backup = ft.FilledTonalButton(t("admin.backup.run"), icon=ft.Icons.BACKUP, on_click=self._backup)
        save = ft.OutlinedButton(t("admin.retention.save"), icon=ft.Icons.SAVE, on_click=self._save_days)
        self.control = section(
            t("admin.backup"),
            [
                ft.Row([self.it_password, self.target, self.passphrase, backup], wrap=True),
                caption(t("admin.backup.restore_hint"), color=ft.Colors.ON_SURFACE_VARIANT),
                ft.Divider(),
                ft.Row([self.rekey_password, self.rekey_button, self.rekey_progress], wrap=True),
                caption(t("admin.rekey.hint"), color=ft.Colors.ON_SURFACE_VARIANT),
                ft.Divider(),
                self.retention,
                ft.Row([self.days, save]),
                self.outcome.control,
            ],
        )
        self.refresh()

    def refresh(self) -> None:
        line, failure = self.presenter.retention_line()
        self.retention.controls = text_lines([line] if line else [], failure)

    def _backup(self) -> None:
        outcome = self.presenter.backup(
            self.it_password.value or "", self.target.value or "", self.passphrase.value or ""
        )
        self.it_password.value = self.passphrase.value = ""  # secrets never linger on screen
        self._done(outcome)

    async def _rotate(self) -> None:
        """Re-encrypting a big database takes a while: run it off the page, the ring turning."""
        password = self.rekey_password.value or ""
        self.rekey_password.value = ""  # secrets never linger on screen
        self._rotating(True)
        try:
            outcome = await asyncio.to_thread(self.presenter.rotate_key, password)
        finally:
            self._rotating(False)
        self._done(outcome)

    def _rotating(self, on: bool) -> None:
        self.rekey_progress.visible = on
        self.rekey_button.disabled = on
        if on:
            self.outcome.show(Outcome(True, self.presenter.session.texts.t("admin.rekey.running")))
        self.control.update()

    def _save_days(self) -> None:
        self._done(self.presenter.set_retention(self.days.value or ""))

    def _done(self, outcome: Outcome) -> None:
        self.outcome.show(outcome)
        self.refresh()
        self.control.update()
