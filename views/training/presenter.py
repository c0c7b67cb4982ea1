"""The 培训 presenter: what each screen of the area says and what each button does.

Every method returns texts in the current language; the screens only draw them. Core errors come
back worded by ``describe`` (``views.session.attempt``) as an ``Outcome``, never as an exception.
On a real desk ``mode`` is ``"elsewhere"``: the area explains where training runs; an account that may
not practise (IT) finds it ``"locked"`` with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from app.clock import desk_time
from app.desk.training_api import CheckOutcome, StartedScenario
from app.training.access import TrainingView, training_view
from app.training.attempts import Attempt
from app.training.checker import CheckReport
from app.training.scenario import Bilingual, Scenario
from views.admin.presenter import Outcome
from views.session import DeskSession, attempt

T = TypeVar("T")
TRAINING_ROUTE = "/training"


@dataclass(frozen=True)
class ScenarioCard:
    scenario_id: str
    title: str
    summary: str
    route: str  # the scenario's own screen in the area


@dataclass(frozen=True)
class PointLine:
    ok: bool
    text: str


@dataclass(frozen=True)
class CheckView:
    headline: str
    passed: bool
    points: tuple[PointLine, ...]


@dataclass(frozen=True)
class TraineeLine:
    """The trainer's summary of one trainee's attempts."""

    username: str
    text: str


def scenario_route(scenario_id: str) -> str:
    return f"{TRAINING_ROUTE}/{scenario_id}"


def scenario_in_route(route: str) -> str | None:
    """``/training/<id>`` -> ``<id>``; the area's own route -> None."""
    rest = route.split("?", 1)[0].removeprefix(TRAINING_ROUTE).strip("/")
    return rest or None


class TrainingPresenter:
    def __init__(self, session: DeskSession) -> None:
        self.session = session

    @property
    def mode(self) -> TrainingView:
        """What the area is for the signed-in account (``app.training.access``)."""
        user = self.session.user
        return training_view(user.role if user is not None else None, training=self.session.training)

    def _t(self, key: str, **values: object) -> str:
        return self.session.texts.t(key, **values)

    def pick(self, text: Bilingual) -> str:
        return text.en if self.session.language == "en" else text.zh

    def _act(self, call: Callable[[], T], success: Callable[[Any], str]) -> tuple[T | None, Outcome]:
        """Run a core call for a button: its result (None when refused) and the line saying how it went."""
        self.session.idle.touch()
        result, failure = attempt(call)
        if failure is not None:
            return None, Outcome(False, failure.text(self.session.texts))
        return result, Outcome(True, success(result))

    def cards(self) -> tuple[list[ScenarioCard], str | None]:
        found, failure = attempt(self.session.desk.training_scenarios)
        if failure is not None:
            return [], failure.text(self.session.texts)
        cards = [
            ScenarioCard(s.id, self.pick(s.title), self.pick(s.summary), scenario_route(s.id))
            for s in found or []
        ]
        return cards, None

    def scenario(self, scenario_id: str) -> tuple[Scenario | None, str | None]:
        found, failure = attempt(self.session.desk.training_scenarios)
        if failure is not None:
            return None, failure.text(self.session.texts)
        chosen = next((s for s in found or [] if s.id == scenario_id), None)
        return chosen, None if chosen else self._t("training.unknown", scenario=scenario_id)

    def steps(self, scenario: Scenario) -> list[str]:
        return [f"{n}. {self.pick(step)}" for n, step in enumerate(scenario.steps, start=1)]

    def hints(self, scenario: Scenario, shown: int) -> tuple[list[str], bool]:
        """The first ``shown`` hints, and whether another one is left to show."""
        return [self.pick(h) for h in scenario.hints[:shown]], shown < len(scenario.hints)

    def start(self, scenario_id: str) -> tuple[str | None, Outcome]:
        """Record the attempt; the route the desk opens for the first step (None when refused)."""

        def said(started: StartedScenario) -> str:
            return self._t("training.started", title=self.pick(started.scenario.title))

        started, outcome = self._act(lambda: self.session.desk.training_start(scenario_id), said)
        return (started.route if started else None), outcome

    def network(self) -> tuple[bool, str]:
        """Whether the training desk's network is cut (simulated), and the line saying so."""
        offline, failure = attempt(self.session.desk.training_offline)
        if failure is not None:
            return False, failure.text(self.session.texts)
        return bool(offline), self._t("training.network.offline" if offline else "training.network.online")

    def set_network(self, *, offline: bool) -> Outcome:
        """Cut or bring back the simulated network; the line saying what to do next."""
        done = "training.network.cut" if offline else "training.network.restored"
        return self._act(lambda: self.session.desk.training_set_offline(offline), lambda _: self._t(done))[1]

    def case_choices(self) -> list[tuple[str, str]]:
        """(case id, label) to check: "my most recent case" first ("" as its id), then up to eight."""
        found, _ = attempt(self.session.desk.training_cases)
        choices = [("", self._t("training.case.latest"))]
        for case in (found or [])[:8]:
            who = self._t("training.case.mine") if case.mine else ""
            choices.append(
                (case.case_id, f"{case.company_name} · {case.case_id} · {self.status(case.status)}{who}")
            )
        return choices

    def status(self, status: str) -> str:
        key = f"cases.status.{status}"
        return self.session.texts.t(key) if key in self.session.texts.table else status

    def check(self, scenario_id: str, case_id: str) -> tuple[CheckView | None, Outcome]:
        def said(done: CheckOutcome) -> str:
            return self._t("training.checked", case_id=done.report.case_id)

        outcome, told = self._act(
            lambda: self.session.desk.training_check(scenario_id, case_id or None), said
        )
        return (self.check_view(outcome.report) if outcome else None), told

    def check_view(self, report: CheckReport) -> CheckView:
        en = self.session.language == "en"
        points = tuple(
            PointLine(
                p.ok,
                self._t(
                    "training.point.ok" if p.ok else "training.point.wrong",
                    label=p.label_en if en else p.label_zh,
                    detail=p.detail_en if en else p.detail_zh,
                ),
            )
            for p in report.points
        )
        key = "training.result.pass" if report.passed else "training.result.fail"
        return CheckView(self._t(key, score=report.score), report.passed, points)

    # --- the trainer's panel ---

    def trainees(self) -> tuple[list[TraineeLine], list[str], str | None]:
        """Per trainee a summary line, then every attempt as a line, newest first."""
        found, failure = attempt(self.session.desk.training_attempts)
        if failure is not None:
            return [], [], failure.text(self.session.texts)
        attempts = found or []
        names = sorted({a.username for a in attempts})
        lines = [self._trainee_line(name, [a for a in attempts if a.username == name]) for name in names]
        return lines, [self._attempt_line(a) for a in reversed(attempts)], None

    def _trainee_line(self, username: str, mine: list[Attempt]) -> TraineeLine:
        passed = len({a.scenario_id for a in mine if a.passed})
        return TraineeLine(
            username,
            self._t("training.trainee.line", username=username, attempts=len(mine), passed=passed),
        )

    def _attempt_line(self, a: Attempt) -> str:
        started = desk_time(dt.datetime.fromisoformat(a.started_at)).strftime("%m-%d %H:%M")
        result = self._t(f"training.attempt.{a.result or 'open'}")
        taken = (
            ""
            if a.seconds is None
            else self._t("training.attempt.minutes", minutes=max(1, round(a.seconds / 60)))
        )
        return self._t(
            "training.attempt.line",
            username=a.username,
            scenario=a.scenario_id,
            started=started,
            taken=taken,
            result=result,
            score=a.score or "-",
        )

    def export(self, path: str) -> Outcome:
        return self._act(
            lambda: self.session.desk.training_export_csv(path),
            lambda written: self._t("training.export.done", path=written),
        )[1]

    def add_trainee(self, username: str, display_name: str, password: str) -> Outcome:
        if not (username.strip() and display_name.strip() and password):  # the trainer's list shows the name
            return Outcome(False, self._t("training.trainee.missing"))
        return self._act(
            lambda: self.session.desk.training_add_trainee(username, display_name, password),
            lambda _: self._t("training.trainee.added", username=username.strip()),
        )[1]

    def reset(self) -> Outcome:
        return self._act(
            self.session.desk.training_reset,
            lambda done: self._t(
                "training.reset.done", attempts=done.attempts_cleared, cases=done.demo_cases
            ),
        )[1]
