"""Dependency order and poison isolation, seen from the platform's side of a real HTTP exchange."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.store.tables_sync import OutboxRow
from app.syncing.model import NewSubmission
from sync.sandbox.db import Submission
from sync.sandbox.feed import stats as sandbox_stats
from sync.sandbox.http_api import platform_of
from sync.sandbox.server import RunningSandbox
from tests.integration.sync.support import (
    Clock,
    DeskStore,
    engine,
    enroll,
    gateway,
    new_device,
    renamed,
    sandbox,
    synthetic_payload,
)


@pytest.fixture
def platform() -> Iterator[RunningSandbox]:
    running = sandbox(reject_rate=0.0)
    yield running
    running.stop()


@pytest.fixture
def desk(tmp_path: Path, platform: RunningSandbox) -> Iterator[DeskStore]:
    device = new_device()
    store = DeskStore(tmp_path / "desk.db", None, device)
    store.enroll(enroll(platform.url, device))
    yield store
    store.close()


def _gateway(desk: DeskStore):  # type: ignore[no-untyped-def]
    with desk.outbox() as (_, outbox):
        enrolled = outbox.state().enrolled
    assert enrolled is not None
    return gateway(enrolled, desk.device)


def test_the_platform_receives_each_case_in_dependency_order(
    platform: RunningSandbox, desk: DeskStore
) -> None:
    cases = desk.queue_cases(20)
    run = engine(desk, _gateway(desk))
    assert run.run_once().counts == {"completed": 140}
    run.close()
    with platform_of(platform.app).db.transaction() as session:
        rows = session.execute(select(Submission.case_id, Submission.service, Submission.id)).all()
    arrival = {(case_id, service): row_id for case_id, service, row_id in rows}
    for case_id in cases:
        assert arrival[(case_id, "license")] < arrival[(case_id, "seal")] < arrival[(case_id, "bank_account")]
        for later in ("tax", "social_security", "medical_insurance", "housing_fund"):
            assert arrival[(case_id, "bank_account")] < arrival[(case_id, later)]
    assert sandbox_stats(platform_of(platform.app)).retry_later == 0  # nothing was ever sent too early


def test_a_poison_item_is_quarantined_and_blocks_nothing(platform: RunningSandbox, desk: DeskStore) -> None:
    clock = Clock()
    desk.queue_cases(30, services=("license",), now=clock())
    with desk.outbox() as (uow, outbox):
        poison = outbox.add(
            NewSubmission("case-poison", "license", 1, synthetic_payload("case-poison", "license")),
            now=clock(),
        )
        uow.commit()
    bad_key = "case-poison: a corrupt key"  # spaces: the platform's schema refuses the whole request
    with desk.outbox() as (uow, _):
        uow.session.execute(  # type: ignore[attr-defined]
            update(OutboxRow)
            .where(OutboxRow.idempotency_key == poison.idempotency_key)
            .values(idempotency_key=bad_key)
        )
        uow.commit()
    run = engine(desk, _gateway(desk), clock=clock, max_failures=3)
    first = run.run_once()
    assert first.ok
    assert first.counts == {"completed": 30, "pending": 1}  # the 30 others went through at once
    for _ in range(3):
        clock.advance(3600)
        last = run.run_once()
    run.close()
    assert last.counts == {"completed": 30, "quarantined": 1}
    with desk.outbox() as (_, outbox):
        quarantined = outbox.get(bad_key)
    assert quarantined is not None
    assert quarantined.failures == 3
    assert "HTTP 422" in (quarantined.last_error or "")


def test_a_rejected_licence_holds_only_its_own_case(tmp_path: Path) -> None:
    platform = sandbox(reject_rate=1.0)  # every first licence is refused for its name
    device = new_device()
    store = DeskStore(tmp_path / "desk.db", None, device)
    try:
        store.enroll(enroll(platform.url, device))
        store.queue_cases(3, services=("license", "seal"))
        run = engine(store, _gateway(store))
        report = run.run_once()
        run.close()
        assert report.counts == {"rejected": 3, "waiting": 3}
        with store.outbox() as (_, outbox):
            (rejected, *_) = outbox.needing_attention(5)
        assert rejected.problems[0].field == "company.name"
        assert "字号" in rejected.problems[0].message_zh
        assert rejected.reasons  # the feed's reason reached the desk too
        with store.outbox() as (uow, outbox):
            outbox.add(
                NewSubmission(
                    rejected.case_id,
                    "license",
                    2,
                    renamed(synthetic_payload(rejected.case_id, "license"), "寿光市改名蔬菜种植有限公司"),
                ),
                now=dt.datetime.now(dt.UTC),
            )
            uow.commit()
        run = engine(store, _gateway(store))
        again = run.run_once()
        run.close()
        assert again.counts["completed"] == 2  # the corrected licence and then its seal
    finally:
        platform.stop()
        store.close()
