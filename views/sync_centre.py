"""The 同步中心 (sync centre): the queue, the last success, the last error, items needing attention,
a progress bar while a pass runs and the 立即同步 button. It redraws itself every two seconds while
shown; reading the state runs in a worker thread, so the page never waits on the database."""

from __future__ import annotations

import asyncio

import flet as ft

from views.session import DeskSession, Notice
from views.sync_state import SyncLines
from views.widgets import caption

REFRESH_SECONDS = 2.0


@ft.control
class _Panel(ft.Column):
    """A column that tells its owner when it is put on the page and taken off."""

    def did_mount(self) -> None:
        owner = getattr(self, "owner", None)
        if isinstance(owner, SyncCentre):
            owner.mounted()

    def will_unmount(self) -> None:
        owner = getattr(self, "owner", None)
        if isinstance(owner, SyncCentre):
            owner.shown = False


class SyncCentre:
    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.shown = False
        self.progress = ft.ProgressBar(visible=False)
        self.status = ft.Text(theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
        self.problem = ft.Text(color=ft.Colors.ERROR)
        self.problem_line = ft.Semantics(content=self.problem, live_region=True, visible=False)
        self.warnings = ft.Column(spacing=4)
        self.counts = ft.Row(wrap=True, spacing=8, run_spacing=8)
        self.times = ft.Column(spacing=2)
        self.attention = ft.Column(spacing=2)
        self.button = ft.FilledButton(
            session.texts.t("sync.now"), icon=ft.Icons.SYNC, on_click=self._sync_now
        )
        texts = session.texts
        self.control = _Panel(
            [
                ft.Row([self.button, ft.Container(self.status, expand=True)], spacing=16),
                self.progress,
                self.problem_line,
                self.warnings,
                caption(texts.t("sync.queue"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                self.counts,
                self.times,
                ft.Divider(),
                caption(texts.t("sync.attention"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
                self.attention,
            ],
            spacing=10,
            expand=True,
            scroll=ft.ScrollMode.AUTO,
        )
        self.control.owner = self  # type: ignore[attr-defined]  # read back by _Panel
        self.show(*session.sync_lines())

    def mounted(self) -> None:
        self.shown = True
        self.control.page.run_task(self._keep_fresh)

    async def _keep_fresh(self) -> None:
        while self.shown:
            await asyncio.sleep(REFRESH_SECONDS)
            if not self.shown:
                return
            lines, failure = await asyncio.to_thread(self.session.sync_lines)
            if self.shown:
                self.show(lines, failure)
                self.control.update()

    def _sync_now(self) -> None:
        failure = self.session.sync_now()
        lines, read_failure = self.session.sync_lines()
        self.show(lines, failure or read_failure)
        self.control.update()

    def show(self, lines: SyncLines | None, failure: Notice | None) -> None:
        texts = self.session.texts
        # hide the wrapper: Semantics needs visible content
        self.problem_line.visible = bool(failure or (lines and lines.problem))
        if failure is not None:
            self.problem.value = texts.t("sync.load_failed") + failure.text(texts)
        elif lines is not None and lines.problem:
            self.problem.value = lines.problem
        if lines is None:
            return
        self.progress.visible = lines.running
        self.warnings.controls = [_warning(text) for text in lines.warnings]
        self.status.value = lines.status
        self.counts.controls = [_chip(line.text, warn=line.warn) for line in lines.counts]
        extra = [lines.platform] if lines.platform else []
        self.times.controls = [
            caption(text, color=ft.Colors.ON_SURFACE_VARIANT) for text in [*lines.times, *extra]
        ]
        self.attention.controls = [
            ft.ListTile(
                leading=ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.ERROR),
                title=ft.Text(line.title),
                subtitle=ft.Text(line.detail),
            )
            for line in lines.attention
        ] or [ft.Text(texts.t("sync.attention.none"))]


def _warning(text: str) -> ft.Control:
    """One of the offline guard's lines (new cases paused, a day without sync, many unsent)."""
    return ft.Row(
        [
            ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.ERROR),
            ft.Text(text, color=ft.Colors.ERROR, expand=True),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def _chip(text: str, *, warn: bool) -> ft.Control:
    return ft.Container(
        caption(text, color=ft.Colors.ON_ERROR_CONTAINER if warn else ft.Colors.ON_SURFACE),
        padding=ft.Padding.symmetric(vertical=6, horizontal=12),
        border_radius=16,
        bgcolor=ft.Colors.ERROR_CONTAINER if warn else ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )
