"""``LocalTraining``: the 培训 half of ``LocalDesk`` (``TrainingApi``) over the training profile.

A mixin: ``LocalDesk`` provides ``_opened`` (the profile) and ``_signed_in()``. Attempts live in the
profile's settings (``app.training.attempts``); the check reads the stored case document.
"""

from __future__ import annotations

from app.accounts import service as accounts
from app.accounts.model import UserInfo
from app.accounts.roles import require
from app.desk.local_cases import DeskProfile, export_target
from app.desk.training_api import CaseChoice, CheckOutcome, ResetDone, StartedScenario
from app.errors import AuthError, CaseNotFound, InputRejected
from app.security.atomic import write_atomic
from app.store.uow import SqlUnitOfWork
from app.syncing.outage import set_simulated_offline, simulated_offline
from app.training import attempts as attempt_store
from app.training.access import PRACTICE
from app.training.checker import CaseTrail, check_case
from app.training.demo import demo_case_ids, restore_demo_data
from app.training.scenario import Scenario, load_scenarios, scenario_by_id

ROUTES = {"new": "/new", "cases": "/cases", "sync": "/sync"}


class TrainingOnly(AuthError):
    code = "training.only"

    def __init__(self) -> None:
        super().__init__(
            "培训只在培训环境中进行：请用 bizdesk --training run 启动培训桌面。",
            "Training runs on the training profile: start it with bizdesk --training run.",
        )


class LocalTraining:
    _opened: DeskProfile

    def _signed_in(self) -> UserInfo:
        raise NotImplementedError

    def _trainee(self) -> UserInfo:
        """The signed-in user, who may practise: the training profile and case work (not IT)."""
        user = self._signed_in()
        if not self._opened.training:
            raise TrainingOnly()
        require(user.role, PRACTICE)
        return user

    def _trainer(self) -> UserInfo:
        user = self._trainee()
        require(user.role, "training.manage")
        return user

    def training_scenarios(self) -> list[Scenario]:
        self._trainee()
        return load_scenarios()

    def training_start(self, scenario_id: str) -> StartedScenario:
        user = self._trainee()
        scenario = scenario_by_id(scenario_id)
        with self._opened.unit_of_work() as uow:
            attempt = attempt_store.start_attempt(
                uow.settings, scenario.id, user.username, self._opened.clock()
            )
            uow.audit.append("training.start", actor=user.username, details={"scenario": scenario.id})
            if scenario.offline:
                _set_offline(uow, user.username, offline=True)
            uow.commit()
        return StartedScenario(scenario, attempt, ROUTES[scenario.starts_at], offline=scenario.offline)

    def training_offline(self) -> bool:
        self._trainee()
        with self._opened.read_unit_of_work() as uow:
            return simulated_offline(uow.settings)

    def training_set_offline(self, offline: bool) -> None:
        user = self._trainee()
        with self._opened.unit_of_work() as uow:
            _set_offline(uow, user.username, offline=offline)
            uow.commit()

    def training_cases(self) -> list[CaseChoice]:
        user = self._trainee()
        with self._opened.read_unit_of_work() as uow:
            found, demo = uow.cases.list(limit=50), demo_case_ids(uow)
            # A demo case the trainee corrected is theirs to check too (the 补正 scenario): listed with
            # their own cases, not pushed out of the list by demo cases the background sync updated.
            corrected = uow.audit_trail.subjects_of(user.username, "case.correction")
        choices = [
            CaseChoice(
                c.case_id,
                c.company_name,
                c.status,
                (c.created_by == user.username and c.case_id not in demo) or c.case_id in corrected,
            )
            for c in found
        ]
        return sorted(choices, key=lambda c: not c.mine)  # stable: most recent first within each group

    def training_check(self, scenario_id: str, case_id: str | None = None) -> CheckOutcome:
        user = self._trainee()
        scenario = scenario_by_id(scenario_id)
        chosen = case_id or self._latest_case_of(user.username)
        now = self._opened.clock()
        with self._opened.unit_of_work() as uow:
            stored = uow.cases.get(chosen)
            if stored is None:
                raise CaseNotFound(chosen)
            trail = _trail(uow, chosen, user.username)
            report = check_case(stored.document, scenario, today=now.date(), trail=trail)
            attempt = attempt_store.open_attempt(uow.settings, scenario.id, user.username)
            if attempt is None:
                attempt = attempt_store.start_attempt(uow.settings, scenario.id, user.username, now)
            finished = attempt_store.finish_attempt(uow.settings, attempt.attempt_id, report, now)
            details = {"scenario": scenario.id, "case_id": chosen, "passed": report.passed}
            uow.audit.append("training.check", actor=user.username, details=details)
            uow.commit()
        return CheckOutcome(report, finished)

    def _latest_case_of(self, username: str) -> str:
        mine = [c for c in self.training_cases() if c.mine]
        if not mine:
            raise InputRejected(
                "您还没有办理任何案卷：请先按场景步骤在“新办企业”中办理，或选择一个案卷再检查。",
                "You have no case yet: follow the scenario's steps in 新办企业 first, or choose a case.",
                code="training.no_case",
                data={"field": "case_id", "user": username},
            )
        return mine[0].case_id

    def training_attempts(self) -> list[attempt_store.Attempt]:
        self._trainer()
        with self._opened.read_unit_of_work() as uow:
            return attempt_store.list_attempts(uow.settings)

    def training_export_csv(self, path: str) -> str:
        user = self._trainer()
        target = export_target(path, ".csv")
        with self._opened.read_unit_of_work() as uow:
            text = attempt_store.attempts_csv(attempt_store.list_attempts(uow.settings))
        write_atomic(target, text.encode("utf-8"))
        with self._opened.unit_of_work() as uow:
            uow.audit.append("training.export", actor=user.username, details={"path": str(target)})
            uow.commit()
        return str(target)

    def training_add_trainee(self, username: str, display_name: str, password: str) -> None:
        accounts.add_trainee(
            self._opened.unit_of_work(),
            training=self._opened.training,
            by=self._trainer(),
            username=username.strip(),
            display_name=display_name,
            password=password,
        )

    def training_reset(self) -> ResetDone:
        user = self._trainer()
        with self._opened.unit_of_work() as uow:
            cleared = attempt_store.clear_attempts(uow.settings)
            _set_offline(uow, user.username, offline=False)
            uow.commit()
        cases = restore_demo_data(
            self._opened.unit_of_work(), training=True, by=user.username, files=self._opened.attachments()
        )
        return ResetDone(cleared, cases)


def _set_offline(uow: SqlUnitOfWork, username: str, *, offline: bool) -> None:
    """The simulated outage on or off, audited when it changes (in the caller's transaction)."""
    if simulated_offline(uow.settings) != offline:
        set_simulated_offline(uow.settings, offline)
        uow.audit.append("training.network", actor=username, details={"offline": offline})


def _trail(uow: SqlUnitOfWork, case_id: str, username: str) -> CaseTrail:
    """The case's submissions (outbox) and the services ``username`` corrected and resubmitted (audit)."""
    submissions = tuple((entry.service, entry.state) for entry in uow.outbox.for_case(case_id))
    corrections = uow.audit_trail.about(case_id, "case.correction")
    corrected = frozenset(
        str(entry.details.get("service")) for entry in corrections if entry.actor == username
    )
    return CaseTrail(submissions, corrected)
