"""Submitting cases (the outbox written with the case) and applying outcomes through the life cycle."""

from __future__ import annotations

import datetime as dt

import pytest

from app.case.enums import ServiceCode, Status
from app.case.interchange import dump_case, parse_case
from app.case.lifecycle import IllegalTransition, mark_service_ready
from app.case.model import Case
from app.case.summary import case_summary, lookup_keys
from app.errors import CaseNotFound
from app.seed import generate_cases
from app.services.submission import submit_all_ready, submit_case
from app.syncing.apply import advance, build_payloads, update_case
from app.syncing.ports import StatusEvent
from tests.integration.sync.support import Desk, MemoryDesk, engine
from tests.unit.sync.fake_platform import USCC, FakePlatform

TODAY = dt.date(2026, 11, 26)


def _cases(status: Status, n: int = 1) -> list[Case]:
    found = [c for c in generate_cases(48, seed=11, today=TODAY) if c.status is status]
    assert len(found) >= n
    return found[:n]


def _store(store: Desk, *cases: Case) -> None:
    with store.outbox() as (uow, _):
        for case in cases:
            uow.cases.add(dump_case(case), case_summary(case), lookup_keys(case))
        uow.commit()


def _case(store: Desk, case_id: str) -> Case:
    with store.outbox() as (uow, _):
        stored = uow.cases.get(case_id)
    assert stored is not None
    return parse_case(stored.document)


def test_submitting_writes_the_outbox_with_the_case(store: Desk) -> None:
    (case,) = _cases(Status.READY)
    _store(store, case)
    with store.outbox() as (uow, outbox):
        result = submit_case(uow, case.case_id, by="clerk1")
    assert result.status == "queued"
    requested = [code.value for code, _ in case.services.requested()]
    assert list(result.queued) == requested
    with store.outbox() as (uow, outbox):
        entries = outbox.for_case(case.case_id)
        stored = uow.cases.get(case.case_id)
    assert isinstance(store, MemoryDesk)
    actions = [entry["action"] for entry in store.state.audit]
    assert stored is not None
    assert stored.summary.status == "queued"
    by_service = {e.service: e for e in entries}
    assert by_service["license"].state == "pending"
    assert by_service["license"].payload is not None
    assert by_service["license"].payload["company"]["name"] == case.company.name
    for service, entry in by_service.items():
        if service != "license":
            assert entry.state == "waiting"
            assert entry.payload is None
            assert "license" in entry.depends_on
    assert "case.submit" in actions


def test_nothing_is_queued_when_the_case_is_not_ready(store: Desk) -> None:
    (draft,) = _cases(Status.DRAFT)
    _store(store, draft)
    with store.outbox() as (uow, outbox), pytest.raises(IllegalTransition):
        submit_case(uow, draft.case_id, by="clerk1")
    with store.outbox() as (_, outbox):
        assert outbox.for_case(draft.case_id) == []
    with store.outbox() as (uow, outbox), pytest.raises(CaseNotFound):
        submit_case(uow, "no-such-case", by="clerk1")


def test_submit_all_ready_queues_every_ready_case(store: Desk) -> None:
    ready = _cases(Status.READY, 3)
    _store(store, *ready, *_cases(Status.DRAFT, 2))
    with store.outbox() as (uow, _):
        results = submit_all_ready(uow, by="clerk1")
    assert sorted(r.case_id for r in results) == sorted(c.case_id for c in ready)


def test_synced_cases_end_completed_with_the_agency_results(store: Desk) -> None:
    ready = _cases(Status.READY, 2)
    _store(store, *ready)
    with store.outbox() as (uow, _):
        submit_all_ready(uow, by="clerk1")
    platform = FakePlatform()
    report = engine(store, platform, update_case=update_case, build_payload=build_payloads).run_once()
    assert report.ok
    assert report.pending == 0
    for original in ready:
        case = _case(store, original.case_id)
        assert case.status is Status.COMPLETED
        licence = case.services.license
        assert licence is not None
        assert licence.results is not None
        assert licence.results.uscc == USCC
        # what the clerk typed is untouched
        assert case.company.name == original.company.name
        assert case.people == original.people
    seal = next(i for i in platform.accepted.values() if i.service == "seal")
    assert seal.payload["company"]["uscc"] == USCC  # built after the licence, from its results


def _event(status: str, reasons: tuple[str, ...] = (), results: dict[str, str] | None = None) -> StatusEvent:
    return StatusEvent(
        1,
        "k",
        "c",
        "license",
        status,
        reasons,
        results or {},  # type: ignore[arg-type]
        dt.datetime(2026, 11, 26, tzinfo=dt.UTC),
    )


def test_a_service_in_the_clerks_hands_is_never_overwritten() -> None:
    (case,) = _cases(Status.NEEDS_CORRECTION)
    service = next(code for code, r in case.services.requested() if r.status is Status.NEEDS_CORRECTION)
    editing = mark_service_ready(case, service, today=TODAY)
    assert advance(editing, service, _event("completed")) is None
    assert advance(editing, service, _event("needs_correction", ("again",))) is None


def test_outcomes_follow_the_life_cycle() -> None:
    (case,) = _cases(Status.QUEUED)
    accepted = advance(case, ServiceCode.LICENSE, _event("accepted"))
    assert accepted is not None
    assert accepted.services.license is not None
    assert accepted.services.license.status is Status.ACCEPTED
    assert advance(accepted, ServiceCode.LICENSE, _event("accepted")) is None  # already there
    corrected = advance(accepted, ServiceCode.LICENSE, _event("needs_correction", ("住所门牌号不一致",)))
    assert corrected is not None
    assert corrected.status is Status.NEEDS_CORRECTION
    assert corrected.services.license is not None
    assert [c.message_zh for c in corrected.services.license.corrections] == ["住所门牌号不一致"]
    rejected = advance(case, ServiceCode.LICENSE, _event("rejected", ("名称重复",)))
    assert rejected is not None
    assert rejected.services.license is not None
    assert rejected.services.license.rejection is not None
    assert rejected.services.license.rejection.reason_zh == "名称重复"
