"""``ForwardedTraining``: the 培训 half of ``DeskApi`` for a facade that wraps the desk doing it."""

from __future__ import annotations

from app.desk.training_api import CaseChoice, CheckOutcome, ResetDone, StartedScenario, TrainingApi
from app.training.attempts import Attempt
from app.training.scenario import Scenario


class ForwardedTraining:
    """Subclasses say where training lives (``_training``); every method forwards unchanged."""

    def _training(self) -> TrainingApi:
        raise NotImplementedError

    def training_scenarios(self) -> list[Scenario]:
        return self._training().training_scenarios()

    def training_start(self, scenario_id: str) -> StartedScenario:
        return self._training().training_start(scenario_id)

    def training_cases(self) -> list[CaseChoice]:
        return self._training().training_cases()

    def training_check(self, scenario_id: str, case_id: str | None = None) -> CheckOutcome:
        return self._training().training_check(scenario_id, case_id)

    def training_offline(self) -> bool:
        return self._training().training_offline()

    def training_set_offline(self, offline: bool) -> None:
        self._training().training_set_offline(offline)

    def training_attempts(self) -> list[Attempt]:
        return self._training().training_attempts()

    def training_export_csv(self, path: str) -> str:
        return self._training().training_export_csv(path)

    def training_add_trainee(self, username: str, display_name: str, password: str) -> None:
        self._training().training_add_trainee(username, display_name, password)

    def training_reset(self) -> ResetDone:
        return self._training().training_reset()
