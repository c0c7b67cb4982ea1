"""The training desk's demo data: every life-cycle state on the first start, nothing added afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.case.enums import Status
from app.errors import UsageError
from app.store.tables_sync import OutboxRow
from app.training.demo import DEMO_CASES, ensure_demo_data, restore_demo_data
from app.training.seeding import seed_cases
from app.wiring.profile import OpenedProfile


def test_first_start_holds_cases_in_every_state_and_a_second_start_adds_none(
    training_profile: OpenedProfile,
) -> None:
    added = ensure_demo_data(training_profile.store.unit_of_work(), training=True)
    again = ensure_demo_data(training_profile.store.unit_of_work(), training=True)
    with training_profile.store.read_unit_of_work() as uow:
        statuses = {summary.status for summary in uow.cases.list(limit=100)}
        count = uow.cases.count()
    assert (added, again, count) == (DEMO_CASES, 0, DEMO_CASES)
    assert statuses == {status.value for status in Status}


def test_reset_restores_the_demo_day_and_leaves_no_submission_of_a_removed_case(
    training_profile: OpenedProfile,
) -> None:
    ensure_demo_data(training_profile.store.unit_of_work(), training=True)
    with training_profile.store.unit_of_work() as uow:
        for summary in uow.cases.list(limit=5):
            uow.cases.delete(summary.case_id)
        seed_cases(uow, 8, training=True, seed=7)  # other cases, some queued with their submissions
    restored = restore_demo_data(training_profile.store.unit_of_work(), training=True, by="trainer")
    with training_profile.store.read_unit_of_work() as uow:
        assert (restored, uow.cases.count()) == (DEMO_CASES, DEMO_CASES)
        case_ids = {summary.case_id for summary in uow.cases.list(limit=100)}
        waiting = {row.case_id for row in uow.session.scalars(select(OutboxRow))}
    assert waiting
    assert waiting <= case_ids


def test_a_real_desk_is_refused() -> None:
    with pytest.raises(UsageError):
        ensure_demo_data(None, training=False)  # type: ignore[arg-type]


def test_a_profile_seeded_by_hand_before_its_first_start_is_kept_as_it_is(
    training_profile: OpenedProfile,
) -> None:
    with training_profile.store.unit_of_work() as uow:
        seed_cases(uow, 4, training=True, seed=7)
    assert ensure_demo_data(training_profile.store.unit_of_work(), training=True) == 0
    with training_profile.store.read_unit_of_work() as uow:
        assert uow.cases.count() == 4
