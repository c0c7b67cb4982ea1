"""The 培训 area's use cases: scenarios, the simulated outage, checks, attempts, the trainer's reset.

Plain functions over the unit-of-work port; call them inside ``with uow:`` (those that change
something commit). Attempts live in the profile's settings (``app.training.attempts``); a check
reads the stored case document, its submissions (outbox) and the corrections its trainee made (audit).
Who may practise or manage training is the caller's check (``app.desk.local.LocalDesk``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.case.stored import stored_case
from app.desk.training_api import CaseChoice, CheckOutcome, StartedScenario
from app.errors import InputRejected
from app.security.atomic import write_atomic
from app.syncing.outage import set_simulated_offline, simulated_offline
from app.training import attempts as attempt_store
from app.training.checker import CaseTrail, check_case
from app.training.demo import demo_case_ids
from app.training.scenario import scenario_by_id
from app.unit_of_work import UnitOfWork, UnitsOfWork

ROUTES = {"new": "/new", "cases": "/cases", "sync": "/sync"}


def start_scenario(uow: UnitOfWork, scenario_id: str, *, by: str) -> StartedScenario:
    """A new attempt at the scenario, audited; a day-offline scenario cuts the desk's network."""
    scenario = scenario_by_id(scenario_id)
    attempt = attempt_store.start_attempt(uow.settings, scenario.id, by, uow.clock())
    uow.audit.append("training.start", actor=by, details={"scenario": scenario.id})
    if scenario.offline:
        set_network(uow, offline=True, by=by)
    uow.commit()
    return StartedScenario(scenario, attempt, ROUTES[scenario.starts_at], offline=scenario.offline)


def set_network(uow: UnitOfWork, *, offline: bool, by: str) -> None:
    """The simulated outage on or off, audited when it changes (in the caller's transaction)."""
    if simulated_offline(uow.settings) != offline:
        set_simulated_offline(uow.settings, offline)
        uow.audit.append("training.network", actor=by, details={"offline": offline})


def case_choices(uow: UnitOfWork, *, by: str) -> list[CaseChoice]:
    """The cases a trainee may check, theirs first (most recent first within each group). A demo case
    the trainee corrected is theirs too (the 补正 scenario), not pushed out by demo cases the
    background sync updated."""
    found, demo = uow.cases.list(limit=50), demo_case_ids(uow)
    corrected = uow.audit_trail.subjects_of(by, "case.correction")
    choices = [
        CaseChoice(
            c.case_id,
            c.company_name,
            c.status,
            (c.created_by == by and c.case_id not in demo) or c.case_id in corrected,
        )
        for c in found
    ]
    return sorted(choices, key=lambda c: not c.mine)


def latest_case_of(uow: UnitOfWork, *, by: str) -> str:
    mine = [c for c in case_choices(uow, by=by) if c.mine]
    if not mine:
        raise InputRejected(
            "您还没有办理任何案卷：请先按场景步骤在“新办企业”中办理，或选择一个案卷再检查。",
            "You have no case yet: follow the scenario's steps in 新办企业 first, or choose a case.",
            code="training.no_case",
            data={"field": "case_id", "user": by},
        )
    return mine[0].case_id


def check_scenario(
    uow: UnitOfWork, scenario_id: str, case_id: str, *, by: str, now: dt.datetime
) -> CheckOutcome:
    """The trainee's case held against the scenario; the attempt (started now if none is open) finished."""
    scenario = scenario_by_id(scenario_id)
    stored = stored_case(uow.cases, case_id)
    report = check_case(stored.document, scenario, today=now.date(), trail=_trail(uow, case_id, by))
    attempt = attempt_store.open_attempt(uow.settings, scenario.id, by)
    if attempt is None:
        attempt = attempt_store.start_attempt(uow.settings, scenario.id, by, now)
    finished = attempt_store.finish_attempt(uow.settings, attempt.attempt_id, report, now)
    details = {"scenario": scenario.id, "case_id": case_id, "passed": report.passed}
    uow.audit.append("training.check", actor=by, details=details)
    uow.commit()
    return CheckOutcome(report, finished)


def clear_practice(uow: UnitOfWork, *, by: str) -> int:
    """The trainer's reset of the attempts and the network (the demo cases follow); how many went."""
    cleared = attempt_store.clear_attempts(uow.settings)
    set_network(uow, offline=False, by=by)
    uow.commit()
    return cleared


def export_attempts(units: UnitsOfWork, target: Path, *, by: str) -> Path:
    """Every attempt as CSV at ``target`` (the trainer's export), audited once it is written."""
    with units.read_unit_of_work() as uow:
        text = attempt_store.attempts_csv(attempt_store.list_attempts(uow.settings))
    write_atomic(target, text.encode("utf-8"))
    with units.unit_of_work() as uow:
        uow.audit.append("training.export", actor=by, details={"path": str(target)})
        uow.commit()
    return target


def _trail(uow: UnitOfWork, case_id: str, username: str) -> CaseTrail:
    """The case's submissions (outbox) and the services ``username`` corrected and resubmitted (audit)."""
    submissions = tuple((entry.service, entry.state) for entry in uow.outbox.for_case(case_id))
    corrections = uow.audit_trail.about(case_id, "case.correction")
    corrected = frozenset(
        str(entry.details.get("service")) for entry in corrections if entry.actor == username
    )
    return CaseTrail(submissions, corrected)
