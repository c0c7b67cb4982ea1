"""What the 新办企业 screens do, in plain Python: the draft, the step, autosave, the keys.

The step screens only draw ``FlowPresenter.draft`` and forward the clerk's input here. Autosave:
``change`` records the text at once (``pending``); the screen calls ``flush`` after a short quiet
spell (the debounce) and whenever the clerk leaves a field or a step, so every change is saved,
encrypted, well within a second. ``flush`` returns what changed for the fields on screen, so the
screen updates only those controls and the caret never moves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.desk.flow_api import (
    STEPS,
    CaseFlowApi,
    DraftView,
    Feedback,
    FieldChange,
    Receipt,
    SaveOutcome,
    StepKey,
)
from app.errors import BizdeskError, describe
from views.session import Notice, attempt

T = TypeVar("T")
DEBOUNCE_SECONDS = 0.4
NEW_ROUTE = "/new"


def step_route(case_id: str, step: StepKey, field: str = "") -> str:
    return f"{NEW_ROUTE}/{case_id}/{step}" + (f"?field={field}" if field else "")


@dataclass(frozen=True)
class FlowRoute:
    """``/new`` (a new draft), ``/new/<id>`` (resume), ``/new/<id>/<step>[?field=<key>]``."""

    case_id: str | None
    step: StepKey | None
    field: str


def parse_route(route: str) -> FlowRoute:
    path, _, query = route.partition("?")
    parts = [p for p in path.split("/") if p][1:]
    field = next((v for k, _, v in (q.partition("=") for q in query.split("&")) if k == "field"), "")
    step = next((s for s in STEPS if len(parts) > 1 and parts[1] == s), None)
    return FlowRoute(parts[0] if parts else None, step, field)


def key_action(key: str, *, alt: bool, ctrl: bool, shift: bool) -> str | None:
    """The flow's keys: F9 / Alt+PageDown next step, F8 / Alt+PageUp previous, F2 read an ID card.

    None of them is taken by the browser or the OS (Alt+1..6 stay the shell's areas).
    """
    if ctrl or shift:
        return None
    if key == "F9" or (alt and key == "Page Down"):
        return "next"
    if key == "F8" or (alt and key == "Page Up"):
        return "previous"
    if key == "F2" and not alt:
        return "read_card"
    return None


class FlowPresenter:
    def __init__(self, desk: CaseFlowApi, draft: DraftView, step: StepKey, field: str = "") -> None:
        self.desk, self.draft = desk, draft
        self.step: StepKey = step
        self.field = field
        self.pending: dict[str, str] = {}
        self.notice: Notice | None = None
        self.saves = 0
        self._lock = threading.Lock()

    @property
    def case_id(self) -> str:
        return self.draft.case_id

    def change(self, key: str, value: str) -> None:
        """The clerk typed: remember it (the screen schedules ``flush``)."""
        with self._lock:
            self.pending[key] = value
            self.field = key

    def focus(self, key: str) -> None:
        self.field = key

    def flush(self) -> SaveOutcome | None:
        """Save what is pending (None when nothing was); a refusal keeps it pending and sets ``notice``."""
        with self._lock:
            if not self.pending:
                return None
            changes = [FieldChange(k, v) for k, v in self.pending.items()]
            self.pending = {}
        outcome, failure = attempt(
            lambda: self.desk.change_fields(self.case_id, changes, step=self.step, field=self.field)
        )
        if outcome is None:
            with self._lock:
                self.pending = {**{c.key: c.value for c in changes}, **self.pending}
            self.notice = failure
            return None
        self.saves += 1
        self.notice = None
        return outcome

    def neighbour(self, offset: int) -> StepKey | None:
        index = STEPS.index(self.step) + offset
        return STEPS[index] if 0 <= index < len(STEPS) else None

    def leave_for(self, step: StepKey) -> str:
        """Save, remember where the draft is, and give the route of ``step``."""
        self.flush()
        attempt(lambda: self.desk.remember_position(self.case_id, step, ""))
        return step_route(self.case_id, step)

    def run(self, call: Callable[[], T]) -> T | None:
        """A core call after saving what is pending; its result, or None with ``notice`` set."""
        self.flush()
        result, self.notice = attempt(call)
        if isinstance(result, DraftView):
            self.draft = result
        return result

    def reload(self) -> None:
        self.run(lambda: self.desk.open_draft(self.case_id))

    def feedback(self, key: str) -> tuple[Feedback, ...]:
        return tuple(p for p in self.draft.problems if p.field == key)

    def submit(self) -> Receipt | None:
        return self.run(lambda: self.desk.submit_draft(self.case_id))

    def say(self, error: BizdeskError) -> None:
        self.notice = Notice(message=describe(error))
