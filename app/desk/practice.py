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


def start_scenario(uow: UnitOfWork, scenario_id: str, *, by: str, name: str = "") -> StartedScenario:
    """A new attempt at the scenario (``name``: the trainee's), audited; a day-offline scenario cuts the
    desk's network."""
    scenario = scenario_by_id(scenario_id)
    attempt = attempt_store.start_attempt(uow.settings, scenario.id, by, uow.clock(), display_name=name)
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


def case_choices(uow: UnitOfWork, *, by: str, scenario_id: str | None = None) -> list[CaseChoice]:
    """The cases a trainee may check: theirs first, then every case the scenario is about (its
    ``cases``: the 补正 scenario's 需补正 demo cases), then the others (most recent first within each
    group). A demo case the trainee corrected is theirs too (the 补正 scenario), not pushed out by demo
    cases the background sync updated."""
    about = scenario_by_id(scenario_id).cases if scenario_id else ()
    found = {c.case_id: c for status in about for c in uow.cases.list(status=status.value, limit=500)}
    found |= {c.case_id: c for c in uow.cases.list(limit=50) if c.case_id not in found}
    demo, corrected = demo_case_ids(uow), uow.audit_trail.subjects_of(by, "case.correction")
    statuses = {status.value for status in about}
    choices = [
        CaseChoice(
            c.case_id,
            c.company_name,
            c.status,
            (c.created_by == by and c.case_id not in demo) or c.case_id in corrected,
            c.status in statuses,
        )
        for c in sorted(found.values(), key=lambda c: (c.updated_at, c.case_id), reverse=True)
    ]
    return sorted(choices, key=lambda c: (not c.mine, not c.about))


# Where each scenario's first step is done: what the refusal of a check without a case points to.
AREAS = {"new": "新办企业", "cases": "案卷查询", "sync": "同步中心"}


def latest_case_of(uow: UnitOfWork, *, by: str, scenario_id: str | None = None) -> str:
    mine = [c for c in case_choices(uow, by=by) if c.mine]
    if not mine:
        where = scenario_by_id(scenario_id).starts_at if scenario_id else "new"
        raise InputRejected(
            f"您还没有办理任何案卷：请先按场景步骤在“{AREAS[where]}”中办理，或选择一个案卷再检查。",
            f"You have no case yet: follow the scenario's steps in {AREAS[where]} first, or choose a case.",
            code="training.no_case",
            data={"field": "case_id", "user": by},
        )
    return mine[0].case_id


def check_scenario(
    uow: UnitOfWork, scenario_id: str, case_id: str, *, by: str, now: dt.datetime, name: str = ""
) -> CheckOutcome:
    """The trainee's case held against the scenario; the attempt (started now if none is open) finished."""
    scenario = scenario_by_id(scenario_id)
    stored = stored_case(uow.cases, case_id)
    report = check_case(stored.document, scenario, today=now.date(), trail=_trail(uow, case_id, by))
    attempt = attempt_store.open_attempt(uow.settings, scenario.id, by)
    if attempt is None:
        attempt = attempt_store.start_attempt(uow.settings, scenario.id, by, now, display_name=name)
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
    write_atomic(target, _attempts_csv(units).encode("utf-8"))
    _audit_export(units, by=by, to=str(target))
    return target


def attempts_csv_text(units: UnitsOfWork, *, by: str) -> str:
    """Every attempt as CSV text, for the browser's download; audited."""
    text = _attempts_csv(units)
    _audit_export(units, by=by, to="download")
    return text


def _attempts_csv(units: UnitsOfWork) -> str:
    with units.read_unit_of_work() as uow:
        return attempt_store.attempts_csv(attempt_store.list_attempts(uow.settings))


def _audit_export(units: UnitsOfWork, *, by: str, to: str) -> None:
    with units.unit_of_work() as uow:
        uow.audit.append("training.export", actor=by, details={"path": to})
        uow.commit()


def _trail(uow: UnitOfWork, case_id: str, username: str) -> CaseTrail:
    """The case's submissions (outbox) and the services ``username`` corrected and resubmitted (audit)."""
    submissions = tuple((entry.service, entry.state) for entry in uow.outbox.for_case(case_id))
    corrections = [e for e in uow.audit_trail.about(case_id, "case.correction") if e.actor == username]
    # "changed" names the fields a correction changed (entries written before it count as changed)
    changed = frozenset(str(e.details.get("service")) for e in corrections if e.details.get("changed", True))
    unchanged = frozenset(str(e.details.get("service")) for e in corrections) - changed
    return CaseTrail(submissions, changed, unchanged)
