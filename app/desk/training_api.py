"""What the 培训 area asks of the core: scenarios, their automatic check, and the trainer's view.

``TrainingApi`` is part of ``DeskApi`` (which inherits it); ``app.desk.local.LocalDesk``
(``app.desk.practice``) implements it over the profile. Every method needs a signed-in user; on a real
desk (not the training profile) each refuses with ``TrainingOnly`` (``app.desk.sign_in``), and
``training_scenarios`` says so too: the 培训 area explains that training runs on ``bizdesk --training
run``. The trainer's methods (``training_attempts`` onwards) also need the ``training.manage``
permission (``app.accounts.roles``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.training.attempts import Attempt
from app.training.checker import CheckReport
from app.training.scenario import Scenario


@dataclass(frozen=True)
class CaseChoice:
    """One case the trainee may have the check run on (their own first, most recent first)."""

    case_id: str
    company_name: str
    status: str
    mine: bool


@dataclass(frozen=True)
class StartedScenario:
    scenario: Scenario
    attempt: Attempt
    route: str  # where the desk opens for the first step ("/new", "/cases", "/sync")
    offline: bool = False  # the scenario cut the desk's network (simulated) as it started


@dataclass(frozen=True)
class CheckOutcome:
    report: CheckReport
    attempt: Attempt


@dataclass(frozen=True)
class ResetDone:
    attempts_cleared: int
    demo_cases: int


class TrainingApi(Protocol):
    def training_scenarios(self) -> list[Scenario]:
        """The scenarios shipped in ``assets/scenarios``, in their order."""

    def training_start(self, scenario_id: str) -> StartedScenario:
        """Record a new attempt of the signed-in user and say where the desk opens; a scenario marked
        ``offline`` cuts the desk's simulated network too."""

    def training_cases(self) -> list[CaseChoice]:
        """Cases to run the check on: the user's own (most recent first), then the others."""

    def training_check(self, scenario_id: str, case_id: str | None = None) -> CheckOutcome:
        """Check ``case_id`` (default: the user's most recent case) against the scenario; the user's
        latest attempt at it is finished with the result (one is started if there was none)."""

    def training_offline(self) -> bool:
        """True while the training desk's network is cut (simulated, ``app.syncing.outage``)."""

    def training_set_offline(self, offline: bool) -> None:
        """Cut or bring back the training desk's simulated network (any trainee or trainer); audited."""

    def training_attempts(self) -> list[Attempt]:
        """Trainer: every attempt of every trainee, oldest first."""

    def training_export_csv(self, path: str) -> str:
        """Trainer: write the attempts as CSV to ``path``; the path written."""

    def training_add_trainee(self, username: str, display_name: str, password: str) -> None:
        """Trainer: a clerk account for a new trainee (training profile only)."""

    def training_reset(self) -> ResetDone:
        """Trainer: attempts cleared, every case removed and the demo data seeded again; the simulated
        network back."""


__all__ = ["CaseChoice", "CheckOutcome", "ResetDone", "StartedScenario", "TrainingApi"]
