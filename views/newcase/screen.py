"""The 新办企业 frame: the seven steps, the autosave line, the current step, 上一步/下一步 and the keys."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from app.desk.flow_api import STEPS, SaveOutcome, StepKey
from views.newcase.fields import StepForm, StepHooks
from views.newcase.person_card import read_card
from views.newcase.presenter import DEBOUNCE_SECONDS, FlowPresenter, key_action, step_route
from views.newcase.steps import BUILDERS
from views.session import DeskSession
from views.widgets import Actions, caption


@ft.control
class _Frame(ft.Column):
    """The screen's column; tells its owner when it is on the page (work queued before then starts)."""

    def did_mount(self) -> None:
        owner = getattr(self, "owner", None)
        if isinstance(owner, NewCaseScreen):
            owner.mounted()


class NewCaseScreen:
    def __init__(self, session: DeskSession, actions: Actions, presenter: FlowPresenter) -> None:
        self._queued: list[Callable[[], None]] = []
        self._mounted = False
        self.session, self.actions, self.presenter = session, actions, presenter
        self.texts = texts = session.texts
        self._generation = 0
        self.saved = ft.Text(texts.t("flow.saved_none"), size=12, color=ft.Colors.ON_SURFACE_VARIANT)
        self.notice = ft.Text("", color=ft.Colors.ERROR)
        # the line stays in the page, empty when there is nothing to say: showing and hiding it on a
        # save rebuilt the step around the box being typed into (see views.widgets.NoticeLine)
        self.notice_line = ft.Semantics(content=self.notice, live_region=True)
        self.progress = ft.ProgressBar(visible=False)
        self.form = StepForm(presenter, texts, StepHooks(self.schedule, self.save_now, self.next_step))
        self.body = ft.Container(BUILDERS[presenter.step](self, self.form), expand=True)
        self.control = _Frame(
            [
                self._heading(),
                self._stepper(),
                caption(texts.t("flow.keys"), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                self.progress,
                self.notice_line,
                ft.Divider(height=1),
                ft.Column([self.body], scroll=ft.ScrollMode.AUTO, expand=True),
                self._navigation(),
            ],
            expand=True,
            spacing=8,
        )
        self.control.owner = self  # type: ignore[attr-defined]  # read back by _Frame
        actions.keys.listen_chords(self.key_pressed)
        self.show_notice()

    def mounted(self) -> None:
        self._mounted = True
        queued, self._queued = self._queued, []
        for work in queued:
            self.run_in_worker(work)

    # --- frame ---------------------------------------------------------------------------------------

    def _heading(self) -> ft.Control:
        title = self.texts.t("flow.case", case_id=self.presenter.case_id)
        return ft.Row([caption(title, weight=ft.FontWeight.BOLD), ft.Container(expand=True), self.saved])

    def _stepper(self) -> ft.Control:
        buttons: list[ft.Control] = []
        for number, step in enumerate(STEPS, start=1):
            label = self.texts.t("flow.step_label", number=number, name=self.texts.t(f"flow.step.{step}"))
            current = step == self.presenter.step
            style = ft.ButtonStyle(bgcolor=ft.Colors.PRIMARY_CONTAINER) if current else None
            buttons.append(ft.TextButton(label, style=style, on_click=lambda _, s=step: self.go(s)))
        return ft.Row(buttons, wrap=True, spacing=2)

    def _navigation(self) -> ft.Control:
        texts, back, forward = self.texts, self.presenter.neighbour(-1), self.presenter.neighbour(1)
        row: list[ft.Control] = []
        if back is not None:
            row.append(
                ft.OutlinedButton(
                    texts.t("flow.previous"), icon=ft.Icons.ARROW_BACK, on_click=self.previous_step
                )
            )
        if forward is not None and self.presenter.step not in ("submit",):
            row.append(
                ft.FilledButton(texts.t("flow.next"), icon=ft.Icons.ARROW_FORWARD, on_click=self.next_step)
            )
        return ft.Row(row, alignment=ft.MainAxisAlignment.END)

    # --- moving --------------------------------------------------------------------------------------

    def go(self, step: StepKey, field: str = "") -> None:
        self.actions.activity()
        route = self.presenter.leave_for(step)
        self.actions.go(step_route(self.presenter.case_id, step, field) if field else route)

    def next_step(self) -> None:
        forward = self.presenter.neighbour(1)
        if forward is not None:
            self.go(forward)

    def previous_step(self) -> None:
        back = self.presenter.neighbour(-1)
        if back is not None:
            self.go(back)

    def key_pressed(self, key: str, alt: bool, ctrl: bool, shift: bool) -> None:
        action = key_action(key, alt=alt, ctrl=ctrl, shift=shift)
        if action == "next":
            self.next_step()
        elif action == "previous":
            self.previous_step()
        elif action == "read_card" and self.presenter.step == "people":
            read_card(self, None)

    def redraw(self) -> None:
        """The step's structure changed (a person read, a document attached): draw the step again."""
        self.form = StepForm(
            self.presenter, self.texts, StepHooks(self.schedule, self.save_now, self.next_step)
        )
        self.body.content = BUILDERS[self.presenter.step](self, self.form)
        self.show_notice()
        self.control.update()

    def focus_box(self, key: str) -> None:
        """Put the focus in the box ``key`` of the step as drawn now (after a redraw that added it: a
        box's autofocus does nothing while the button pressed still holds the focus)."""
        box = self.form.boxes.get(key)
        if box is None:
            return

        async def focus() -> None:
            await box.focus()  # type: ignore[no-untyped-call]

        self.page().run_task(focus)

    # --- autosave ------------------------------------------------------------------------------------

    def schedule(self) -> None:
        """A change: save after a quiet spell (one save for a burst of keystrokes)."""
        self.actions.activity()
        self._generation += 1
        self.control.page.run_task(self._save_after_quiet, self._generation)

    def save_now(self) -> None:
        self._generation += 1
        self.control.page.run_task(self._save, self._generation)

    async def _save_after_quiet(self, generation: int) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        if generation == self._generation:
            await self._save(generation)

    async def _save(self, generation: int) -> None:
        outcome = await asyncio.to_thread(self.presenter.flush)
        if outcome is not None:
            self.show_saved(outcome)
        elif self.presenter.notice is not None:
            self.show_notice()
            self.notice_line.update()

    def show_saved(self, outcome: SaveOutcome) -> None:
        self.form.show(outcome)
        self.saved.value = self.texts.t("flow.saved", errors=outcome.errors, warnings=outcome.warnings)
        self.saved.update()
        self.show_notice()
        self.notice_line.update()

    def show_notice(self) -> None:
        notice = self.presenter.notice
        self.notice.value = notice.text(self.texts) if notice else ""

    def busy(self, on: bool) -> None:
        self.progress.visible = on
        self.progress.update()

    def page(self) -> ft.Page:
        page = self.control.page
        assert isinstance(page, ft.Page)
        return page

    def run_in_worker(self, work: Callable[[], None]) -> None:
        """Run slow core work (a card read, a packet) off the page's loop, the progress bar showing."""

        if not self._mounted:  # a step asked while being drawn: start once the screen is shown
            self._queued.append(work)
            return

        async def run() -> None:
            self.busy(True)
            try:
                await asyncio.to_thread(work)
            finally:
                self.busy(False)

        self.page().run_task(run)
