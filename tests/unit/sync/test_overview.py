"""What the 同步中心 shows, and IT's resend of a quarantined submission."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import InputRejected
from app.syncing.model import NewSubmission
from app.syncing.overview import overview, requeue_quarantined
from tests.integration.sync.support import Clock, Desk, engine, synthetic_payload
from tests.unit.sync.fake_platform import FakePlatform


def _quarantine_one(store: Desk, clock: Clock) -> str:
    with store.outbox() as (uow, outbox):
        poison = outbox.add(
            NewSubmission("case-p", "license", 1, {**synthetic_payload("case-p", "license"), "poison": 1}),
            now=clock(),
        )
        uow.commit()
    run = engine(store, FakePlatform(), clock=clock, max_failures=1)
    run.run_once()
    return poison.idempotency_key


def test_the_overview_names_what_needs_attention_and_why(store: Desk) -> None:
    clock = Clock()
    store.queue_cases(2, services=("license", "seal"), now=clock())
    key = _quarantine_one(store, clock)
    with store.outbox() as (_, outbox):
        seen = overview(outbox)
    assert (seen.completed, seen.quarantined, seen.pending, seen.waiting) == (4, 1, 0, 0)
    assert seen.last_success_at is None  # the platform refused a batch: not a good pass
    with store.outbox() as (_, outbox):
        assert outbox.state().last_error_code == "sync.batches_refused"  # what the 同步中心 shows
    (item,) = seen.attention
    assert item.idempotency_key == key
    assert item.service_zh == "营业执照"
    assert "batch refused" in item.reason
    assert not seen.enrolled


def test_it_can_resend_a_quarantined_submission_once_the_cause_is_fixed(store: Desk) -> None:
    clock = Clock()
    key = _quarantine_one(store, clock)
    with store.outbox() as (uow, outbox):
        requeue_quarantined(uow, outbox, key, by="it-admin", now=clock())
    with store.outbox() as (_, outbox):
        entry = outbox.get(key)
    assert entry is not None
    assert (entry.state, entry.failures) == ("pending", 0)
    with store.outbox() as (uow, outbox), pytest.raises(InputRejected):
        requeue_quarantined(uow, outbox, key, by="it-admin", now=clock())  # not quarantined any more


def test_a_key_conflict_is_never_resent_as_is(store: Desk) -> None:
    with store.outbox() as (uow, outbox):
        entry = outbox.add(
            NewSubmission("case-q", "license", 1, synthetic_payload("case-q", "license")),
            now=dt.datetime.now(dt.UTC),
        )
        outbox.mark(
            entry.idempotency_key,
            "quarantined",
            now=dt.datetime.now(dt.UTC),
            last_error="conflict: other content",
        )
        uow.commit()
    with store.outbox() as (uow, outbox), pytest.raises(InputRejected) as refused:
        requeue_quarantined(uow, outbox, entry.idempotency_key, by="it-admin", now=dt.datetime.now(dt.UTC))
    assert "重新提交" in refused.value.message_zh
