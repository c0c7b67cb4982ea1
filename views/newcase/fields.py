"""The fields of one step: text boxes and ticks bound to field keys, in tab order, with their findings.

Enter in a box moves to the next box (the last one goes to the next step). Typing updates only the
presenter; after a save only the finding lines under the fields change, and a default the desk stored
with the change (the 出资期限) goes into its box while that box is empty; a box the clerk typed is never
rewritten, so the caret and the focus stay where the clerk is.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

import flet as ft

from app.desk.flow_api import Feedback, SaveOutcome, StepKey
from views.i18n import Strings
from views.newcase.presenter import FlowPresenter
from views.session import DeskSession


@dataclass(frozen=True)
class StepHooks:
    """What a field asks of the screen around it."""

    changed: Callable[[], None]  # schedule the debounced save
    left: Callable[[], None]  # the clerk left a field: save now
    advance: Callable[[], None]  # Enter in the last field: next step


class StepHost(Protocol):
    """The frame a step is drawn in (``views.newcase.screen.NewCaseScreen``)."""

    presenter: FlowPresenter
    texts: Strings
    session: DeskSession

    def redraw(self) -> None: ...

    def focus_box(self, key: str) -> None: ...

    def busy(self, on: bool) -> None: ...

    def show_notice(self) -> None: ...

    def go(self, step: StepKey, field: str = "") -> None: ...

    def run_in_worker(self, work: Callable[[], None]) -> None: ...

    def page(self) -> ft.Page: ...


class StepForm:
    def __init__(self, presenter: FlowPresenter, texts: Strings, hooks: StepHooks) -> None:
        self.presenter, self.texts, self.hooks = presenter, texts, hooks
        self.order: list[str] = []
        self.boxes: dict[str, ft.TextField] = {}
        self.notes: dict[str, ft.Text] = {}
        self.lines: dict[str, ft.Semantics] = {}
        self.derived_lines: list[tuple[ft.Text, Callable[[SaveOutcome], str | None]]] = []
        self.focus_key = presenter.field

    def text(
        self, key: str, label: str, value: str, *, width: int | None = 260, hint: str | None = None
    ) -> ft.Control:
        box = ft.TextField(
            label=label,
            value=value,
            hint_text=hint,
            width=width,
            dense=True,
            autofocus=key == self.focus_key,
            on_change=lambda e: self._typed(key, e.control.value or ""),
            on_submit=self._enter_handler(key),
            on_focus=lambda: self.presenter.focus(key),
            on_blur=self.hooks.left,
        )
        self.order.append(key)
        self.boxes[key] = box
        # the column is as wide as the box, so a finding wraps under it instead of pushing the row apart
        return ft.Column([box, self._note(key, shown=bool(value))], spacing=2, tight=True, width=width)

    def tick(
        self,
        key: str,
        label: str,
        on: bool,
        *,
        after: Callable[[bool], None] | None = None,
        values: tuple[str, str] = ("1", "0"),
    ) -> ft.Control:
        """A tick saving ``values[0]`` when ticked and ``values[1]`` when not (``mail``/``pickup``)."""

        def toggled(event: ft.Event[ft.Checkbox]) -> None:
            value = bool(event.control.value)
            self.presenter.change(key, values[0] if value else values[1])
            self.hooks.left()
            if after is not None:
                after(value)

        return ft.Checkbox(label=label, value=on, on_change=toggled, autofocus=key == self.focus_key)

    def derived(self, text: str, refresh: Callable[[SaveOutcome], str | None], **style: Any) -> ft.Control:
        """A line showing what the core derives (the name, the running total, birth date and age);
        after each save ``refresh`` gives its new text (None: unchanged)."""
        line = ft.Text(text, **style)
        self.derived_lines.append((line, refresh))
        return ft.Semantics(content=line, live_region=True)

    def _note(self, key: str, *, shown: bool) -> ft.Control:
        """The findings under a box; an untouched empty box says nothing yet (the review lists all)."""
        note = ft.Text("", size=12)
        self.notes[key] = note
        self.lines[key] = ft.Semantics(content=note, live_region=True)
        self._fill(key, self.presenter.feedback(key) if shown else ())
        return self.lines[key]

    def _typed(self, key: str, value: str) -> None:
        self.presenter.change(key, value)
        self.hooks.changed()

    def _enter_handler(self, key: str) -> Callable[[], Coroutine[Any, Any, None]]:
        async def entered() -> None:  # an async handler: Flet awaits it, so the focus really moves
            await self._enter(key)

        return entered

    async def _enter(self, key: str) -> None:
        self.hooks.left()
        index = self.order.index(key)
        if index + 1 < len(self.order):
            await self.boxes[self.order[index + 1]].focus()  # type: ignore[no-untyped-call]
        else:
            self.hooks.advance()

    def show(self, outcome: SaveOutcome) -> None:
        """Put a save's findings under the fields it concerned (only those controls are updated)."""
        for key, found in outcome.feedback.items():
            if key in self.notes:
                self._fill(key, found)
                self.lines[key].update()
        for key, value in outcome.filled.items():
            box = self.boxes.get(key)
            # a default the desk stored (the 出资期限) goes into its box while the box is still empty
            if box is not None and not box.value and key not in self.presenter.pending:
                box.value = value
                box.update()
        for line, refresh in self.derived_lines:
            text = refresh(outcome)
            if text is not None and text != line.value:
                line.value = text
                line.update()

    def _fill(self, key: str, found: tuple[Feedback, ...]) -> None:
        note = self.notes[key]
        language = self.texts.language
        lines = [f.message_en if language == "en" else f.message_zh for f in found]
        note.value = "\n".join(lines)
        errors = any(f.severity == "error" for f in found)
        note.color = ft.Colors.ERROR if errors else ft.Colors.TERTIARY
        self.lines[key].visible = bool(lines)  # hide the wrapper: Semantics needs visible content
