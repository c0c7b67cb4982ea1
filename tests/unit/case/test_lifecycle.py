"""Explicit transitions with guards; the case status follows its services."""

from __future__ import annotations

import datetime as dt

import pytest

from app.case import (
    IllegalTransition,
    NotReady,
    ServiceCode,
    Status,
    derived_status,
    mark_ready,
    mark_service_ready,
    mark_submitted,
    parse_case,
    queue_for_submission,
    queue_service,
    record_acceptance,
    record_completion,
    record_correction,
    record_rejection,
    return_to_draft,
)
from app.case.lifecycle import ALLOWED, can_move
from app.case.model import Case
from app.case.service_models import Correction, Rejection
from app.errors import InputRejected
from tests.unit.case.builders import TODAY, llc_document

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
LICENCE = {"uscc": "91110000600037341L", "license_number": "370783000123", "established_on": "2026-11-26"}


def queued() -> Case:
    case = mark_ready(parse_case(llc_document()), today=TODAY, now=NOW)
    return queue_for_submission(case, today=TODAY, now=NOW)


def test_draft_to_ready_moves_every_requested_service_and_stamps_the_case() -> None:
    case = mark_ready(parse_case(llc_document()), today=TODAY, now=NOW)
    assert case.status is Status.READY
    assert {r.status for _, r in case.services.requested()} == {Status.READY}
    assert case.updated_at == NOW


def test_the_guard_refuses_a_case_with_errors_and_lists_them() -> None:
    document = llc_document()
    document["roles"]["shareholders"][0]["subscribed_wan"] = "1"
    with pytest.raises(NotReady) as refused:
        mark_ready(parse_case(document), today=TODAY)
    assert "company_law.subscription_sum" in {p.code for p in refused.value.problems}
    assert isinstance(refused.value, InputRejected)


def test_illegal_moves_raise_a_clear_error() -> None:
    case = parse_case(llc_document())
    with pytest.raises(IllegalTransition) as refused:
        queue_for_submission(case, today=TODAY)
    assert "草稿" in refused.value.message_zh
    assert refused.value.data == {"from": "draft", "to": "queued"}
    with pytest.raises(IllegalTransition):
        mark_submitted(case, ServiceCode.LICENSE)
    with pytest.raises(IllegalTransition):
        record_completion(case, ServiceCode.SEAL, {"filing_number": "1"})


def test_the_transition_table_has_no_way_out_of_completed() -> None:
    assert ALLOWED[Status.COMPLETED] == frozenset()
    assert all(not can_move(s, Status.DRAFT) for s in (Status.QUEUED, Status.SUBMITTED, Status.ACCEPTED))


def test_ready_back_to_draft() -> None:
    case = return_to_draft(mark_ready(parse_case(llc_document()), today=TODAY), now=NOW)
    assert case.status is Status.DRAFT
    assert {r.status for _, r in case.services.requested()} == {Status.DRAFT}


def test_the_case_is_as_far_as_its_least_advanced_service() -> None:
    case = mark_submitted(queued(), ServiceCode.LICENSE, now=NOW)
    assert case.status is Status.QUEUED
    case = record_completion(case, ServiceCode.LICENSE, LICENCE, now=NOW)
    for code in ServiceCode:
        if code is not ServiceCode.LICENSE:
            case = mark_submitted(case, code, now=NOW)
    assert case.status is Status.SUBMITTED
    for code in ServiceCode:
        if code is not ServiceCode.LICENSE:
            case = record_acceptance(case, code, now=NOW)
    assert case.status is Status.ACCEPTED
    assert case.services.license is not None
    assert case.services.license.results is not None
    assert case.services.license.results.uscc == LICENCE["uscc"]


def test_a_correction_dominates_and_is_cleared_when_ready_again() -> None:
    case = mark_submitted(queued(), ServiceCode.LICENSE, now=NOW)
    case = record_correction(case, ServiceCode.LICENSE, [Correction(message_zh="住所门牌号有误")], now=NOW)
    assert case.status is Status.NEEDS_CORRECTION
    assert derived_status(case) is Status.NEEDS_CORRECTION
    case = mark_service_ready(case, ServiceCode.LICENSE, today=TODAY, now=NOW)
    assert case.services.license is not None
    assert case.services.license.corrections == []
    assert case.services.license.status is Status.READY


def test_a_correction_needs_content_and_results_need_their_fields() -> None:
    case = mark_submitted(queued(), ServiceCode.LICENSE, now=NOW)
    with pytest.raises(InputRejected):
        record_correction(case, ServiceCode.LICENSE, [])
    with pytest.raises(InputRejected) as refused:
        record_completion(case, ServiceCode.LICENSE, {"uscc": "91110000600037341L"})
    assert "established_on" in refused.value.message_en


def test_a_rejection_makes_the_case_rejected_and_can_start_over() -> None:
    case = mark_submitted(queued(), ServiceCode.LICENSE, now=NOW)
    case = record_rejection(case, ServiceCode.LICENSE, Rejection(reason_zh="名称近似"), now=NOW)
    assert case.status is Status.REJECTED
    from app.case import move_service

    again = move_service(case, ServiceCode.LICENSE, Status.DRAFT, now=NOW)
    assert again.services.license is not None
    assert again.services.license.rejection is None


def test_queueing_is_the_desk_acceptance_and_a_correction_keeps_its_time() -> None:
    ready = mark_ready(parse_case(llc_document()), today=TODAY, now=NOW)
    assert ready.accepted_at is None
    case = queue_for_submission(ready, today=TODAY, now=NOW + dt.timedelta(minutes=5))
    assert case.accepted_at == NOW + dt.timedelta(minutes=5)
    later = NOW + dt.timedelta(hours=2)
    case = mark_submitted(case, ServiceCode.LICENSE, now=later)
    item = Correction(field="company.domicile.address", message_zh="住所门牌号不符")
    case = record_correction(case, ServiceCode.LICENSE, [item], now=later)
    case = mark_service_ready(case, ServiceCode.LICENSE, today=TODAY, now=later)
    case = queue_service(case, ServiceCode.LICENSE, today=TODAY, now=later)
    assert case.accepted_at == NOW + dt.timedelta(minutes=5)
