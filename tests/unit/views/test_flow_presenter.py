"""The 新办企业 presenter without a browser: routes, keys, autosave batching, refusals kept pending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.desk.flow import draft_view
from app.desk.flow_api import FieldChange, SaveOutcome, StepKey
from app.desk.flow_defaults import new_draft
from app.errors import InputRejected
from app.services.branch import TRAINING_BRANCH
from views.newcase.presenter import FlowPresenter, key_action, parse_route, step_route

NOW = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)


@dataclass
class RecordingFlow:
    """Records what the presenter asks of the core; ``refuse`` makes saves fail."""

    saves: list[list[FieldChange]] = field(default_factory=list)
    positions: list[tuple[str, str]] = field(default_factory=list)
    refuse: bool = False

    def change_fields(
        self, case_id: str, changes: Sequence[FieldChange], *, step: StepKey, field: str
    ) -> SaveOutcome:
        if self.refuse:
            raise InputRejected("案卷已在别处修改。", "Changed elsewhere.")
        self.saves.append(list(changes))
        return SaveOutcome(case_id, len(self.saves) + 1, {c.key: () for c in changes}, 0, 0, "0", "")

    def remember_position(self, case_id: str, step: StepKey, field: str) -> None:
        self.positions.append((step, field))

    def __getattr__(self, name: str) -> Any:  # the rest of CaseFlowApi is not used here
        raise AttributeError(name)


def presenter(flow: RecordingFlow) -> FlowPresenter:
    case = new_draft("SG20261128-ABCDEFGH", NOW, by="clerk", desk=TRAINING_BRANCH, training=True)
    view = draft_view(case, revision=1, position={}, problems=[], today=NOW.date(), photos=set())
    return FlowPresenter(flow, view, "company")  # type: ignore[arg-type]  # a partial fake


def test_routes() -> None:
    assert parse_route("/new").case_id is None
    resumed = parse_route("/new/SG20261128-ABCDEFGH")
    assert (resumed.case_id, resumed.step) == ("SG20261128-ABCDEFGH", None)
    opened = parse_route("/new/SG20261128-ABCDEFGH/people?field=people[0].mobile")
    assert (opened.step, opened.field) == ("people", "people[0].mobile")
    assert parse_route("/new/X/nonsense").step is None
    assert step_route("X", "review", "company.name") == "/new/X/review?field=company.name"


def test_step_keys_leave_the_browser_and_the_shell_theirs() -> None:
    assert key_action("F9", alt=False, ctrl=False, shift=False) == "next"
    assert key_action("Page Down", alt=True, ctrl=False, shift=False) == "next"
    assert key_action("F8", alt=False, ctrl=False, shift=False) == "previous"
    assert key_action("F2", alt=False, ctrl=False, shift=False) == "read_card"
    assert key_action("2", alt=True, ctrl=False, shift=False) is None  # Alt+2 is the shell's
    assert key_action("F9", alt=False, ctrl=True, shift=False) is None


def test_a_burst_of_keystrokes_is_one_save_of_the_last_text() -> None:
    flow = RecordingFlow()
    flow_presenter = presenter(flow)
    for text in ("绿", "绿野"):
        flow_presenter.change("company.name_parts.trade_name", text)
    flow_presenter.change("company.employees", "5")
    outcome = flow_presenter.flush()
    assert outcome is not None
    assert flow_presenter.flush() is None
    assert flow.saves == [
        [FieldChange("company.name_parts.trade_name", "绿野"), FieldChange("company.employees", "5")]
    ]
    assert flow_presenter.field == "company.employees"


def test_a_refused_save_keeps_the_text_pending_and_says_why() -> None:
    flow = RecordingFlow(refuse=True)
    flow_presenter = presenter(flow)
    flow_presenter.change("company.employees", "5")
    assert flow_presenter.flush() is None
    assert flow_presenter.pending == {"company.employees": "5"}
    assert flow_presenter.notice is not None
    assert flow_presenter.notice.message is not None
    flow.refuse = False
    assert flow_presenter.flush() is not None
    assert flow_presenter.pending == {}


def test_leaving_a_step_saves_and_remembers_where() -> None:
    flow = RecordingFlow()
    flow_presenter = presenter(flow)
    flow_presenter.change("company.employees", "5")
    route = flow_presenter.leave_for("people")
    assert route == "/new/SG20261128-ABCDEFGH/people"
    assert flow.saves
    assert flow.positions == [("people", "")]
    assert (flow_presenter.neighbour(-1), flow_presenter.neighbour(1)) == (None, "people")
