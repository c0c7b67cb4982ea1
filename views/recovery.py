"""The IT recovery screen: shown instead of a dead end when the desk's store did not unlock because its
passphrase is lost. IT gives the recovery private key (file path or pasted text) and a new passphrase;
once the core has unlocked the store, the page becomes the desk."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from app.desk.recovery_api import RecoveryApi
from views.recovery_state import RecoveryOutcome, RecoveryPresenter
from views.theme import apply_theme
from views.widgets import caption, clear_when_edited, form_card


def recovery_app(
    api: RecoveryApi, *, language: str, open_desk: Callable[[ft.Page], None]
) -> Callable[[ft.Page], None]:
    """A Flet ``main`` drawing the recovery form; ``open_desk(page)`` turns the page into the desk."""

    def main(page: ft.Page) -> None:
        apply_theme(page)
        screen = RecoveryScreen(RecoveryPresenter(api, language=language), lambda: open_desk(page))
        page.title = screen.presenter.t("recovery.title")
        page.controls = [ft.Container(screen.control, expand=True, alignment=ft.Alignment.CENTER)]
        page.update()

    return main


class RecoveryScreen:
    def __init__(self, presenter: RecoveryPresenter, on_recovered: Callable[[], None]) -> None:
        self.presenter, self.on_recovered = presenter, on_recovered
        t = presenter.t
        self.key_path = ft.TextField(label=t("recovery.key_path"))
        self.key_text = ft.TextField(label=t("recovery.key_text"), multiline=True, min_lines=2, max_lines=6)
        self.key_password = ft.TextField(label=t("recovery.key_password"), password=True)
        self.passphrase = ft.TextField(label=t("recovery.new_passphrase"), password=True)
        self.repeated = ft.TextField(
            label=t("recovery.confirm_passphrase"), password=True, on_submit=self._recover
        )
        self.button = ft.FilledButton(t("recovery.run"), icon=ft.Icons.KEY, on_click=self._recover)
        self.progress = ft.ProgressRing(width=20, height=20, visible=False)
        self.outcome = ft.Text("")
        self.line = ft.Semantics(content=self.outcome, live_region=True, visible=False)
        boxes = (self.key_path, self.key_text, self.key_password, self.passphrase, self.repeated)
        clear_when_edited(boxes, self._hide)
        controls: list[ft.Control] = [
            caption(t("recovery.intro")),
            caption(presenter.reason(), color=ft.Colors.ERROR),
            self.key_path,
            self.key_text,
            self.key_password,
            self.passphrase,
            self.repeated,
            ft.Row([self.button, self.progress]),
            self.line,
        ]
        self.control = form_card(t("recovery.title"), controls)

    async def _recover(self) -> None:
        """Unwrapping and opening the store takes a moment: off the page, the ring turning."""
        values = (
            self.key_path.value or "",
            self.key_text.value or "",
            self.key_password.value or "",
            self.passphrase.value or "",
            self.repeated.value or "",
        )
        self.key_text.value = self.key_password.value = self.passphrase.value = self.repeated.value = ""
        self._show(RecoveryOutcome(True, self.presenter.t("recovery.running")), running=True)
        outcome = await asyncio.to_thread(self.presenter.recover, *values)
        self._show(outcome, running=False)
        if self.presenter.recovered:
            self.on_recovered()

    def _hide(self) -> None:
        """Typed again: the last try's outcome is no longer news (kept while a recovery runs)."""
        if self.line.visible and not self.progress.visible:
            self.line.visible = False
            self.line.update()

    def _show(self, outcome: RecoveryOutcome, *, running: bool) -> None:
        self.outcome.value = outcome.text
        self.outcome.color = None if outcome.ok else ft.Colors.ERROR
        self.line.visible = True
        self.progress.visible = running
        self.button.disabled = running
        self.control.update()
