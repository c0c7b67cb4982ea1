"""The sync engine against an in-memory platform: order, isolation, retries, exactly-once feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.errors import BizdeskError
from app.syncing.model import NewSubmission
from app.syncing.ports import AttachmentRef, StatusEvent
from app.syncing.rules import content_sha256
from tests.integration.sync.support import SERVICES, Clock, Desk, engine, synthetic_payload
from tests.unit.sync.fake_platform import USCC, FakePlatform


def _add(
    store: Desk,
    case_id: str,
    service: str,
    payload: dict[str, Any] | None,
    deps: tuple[str, ...] = (),
    attachments: tuple[AttachmentRef, ...] = (),
    now: dt.datetime | None = None,
) -> str:
    with store.outbox() as (uow, outbox):
        entry = outbox.add(
            NewSubmission(case_id, service, 1, payload, deps, attachments), now=now or dt.datetime.now(dt.UTC)
        )
        uow.commit()
    return entry.idempotency_key


def test_services_go_in_dependency_order_each_exactly_once(store: Desk) -> None:
    cases = store.queue_cases(4)
    platform = FakePlatform()
    report = engine(store, platform).run_once()
    assert report.ok, report
    assert store.counts() == {"completed": 4 * 7}
    assert len(platform.received) == len(set(platform.received)) == 28  # nothing sent early, nothing twice
    for case_id in cases:
        position = {
            platform.accepted[k].service: i for i, k in enumerate(platform.received) if k.startswith(case_id)
        }
        assert position["license"] < position["seal"] < position["bank_account"]
        for later in ("tax", "social_security", "medical_insurance", "housing_fund"):
            assert position["bank_account"] < position[later]


def test_dependents_wait_for_completion_then_carry_its_results(store: Desk) -> None:
    store.queue_cases(1, services=("license", "seal"))
    platform = FakePlatform(auto_complete=False)
    run = engine(store, platform)
    run.run_once()
    assert [platform.accepted[k].service for k in platform.received] == ["license"]
    assert store.counts() == {"accepted": 1, "waiting": 1}
    platform.decide(platform.received[0], "completed")
    run.run_once()
    seal = platform.accepted[platform.received[1]]
    assert seal.service == "seal"
    assert seal.payload["company"]["uscc"] == USCC


def test_a_rejected_case_never_holds_up_the_others(store: Desk) -> None:
    _add(store, "bad-0001", "license", {**synthetic_payload("bad-0001", "license"), "reject": True})
    _add(store, "bad-0001", "seal", None, ("license",))
    store.queue_cases(3, services=("license", "seal"))
    report = engine(store, FakePlatform()).run_once()
    assert report.ok
    assert report.counts == {"rejected": 1, "waiting": 1, "completed": 6}
    assert report.as_json()["rejected"] == 1


def test_poison_item_is_isolated_then_quarantined_with_its_reason(store: Desk) -> None:
    clock = Clock()
    store.queue_cases(20, services=("license",), now=clock())
    poison = _add(
        store, "poison-01", "license", {**synthetic_payload("poison-01", "license"), "poison": 1}, now=clock()
    )
    platform = FakePlatform()
    run = engine(store, platform, clock=clock, max_failures=3)
    first = run.run_once()
    assert first.ok
    assert first.counts == {"completed": 20, "pending": 1}  # the others did not wait for it
    assert max(platform.batches) < 21  # the refused batch was split
    for _ in range(3):
        clock.advance(3600)
        report = run.run_once()
    assert report.counts == {"completed": 20, "quarantined": 1}
    with store.outbox() as (_uow, outbox):
        entry = outbox.get(poison)
        assert entry is not None
        assert entry.state == "quarantined"
        assert entry.failures == 3
        assert "batch refused" in (entry.last_error or "")
        attention = outbox.needing_attention(10)
    assert [e.idempotency_key for e in attention] == [poison]


def test_same_key_with_other_content_is_quarantined_never_accepted(store: Desk) -> None:
    key = _add(store, "case-x", "license", synthetic_payload("case-x", "license"))
    platform = FakePlatform()
    with store.outbox() as (_, outbox):
        entry = outbox.get(key)
    assert entry is not None
    other = {"something": "else"}
    platform.accepted[key] = entry.outgoing().__class__(
        key, "case-x", "license", content_sha256(other), other
    )
    report = engine(store, platform).run_once()
    assert report.counts == {"quarantined": 1}
    assert report.as_json()["quarantined"] == 1


def test_offline_is_visible_and_keeps_everything(store: Desk) -> None:
    clock = Clock()
    store.queue_cases(2, now=clock())
    platform = FakePlatform(offline=True)
    run = engine(store, platform, clock=clock)
    first, second = run.run_once(), run.run_once()
    assert not first.ok
    assert first.error_code == "platform_unavailable"
    assert first.error_zh == "平台不可用"  # the gateway's own words reach the clerk
    state = run.state()
    assert state.consecutive_failures == 2 * (run.policy.transport_retries + 1)
    assert state.next_attempt_at is not None
    assert state.next_attempt_at > clock()
    assert second.counts == {"pending": 2, "waiting": 12}
    platform.offline = False
    final = run.run_once()
    assert final.ok
    assert final.counts == {"completed": 14}
    assert run.state().consecutive_failures == 0
    assert run.state().last_success_at == clock()


def test_transient_failures_are_retried_within_one_pass(store: Desk) -> None:
    store.queue_cases(3)
    waits: list[float] = []
    platform = FakePlatform(fail_next=3)
    report = engine(store, platform, sleep=waits.append).run_once()
    assert report.ok
    assert report.counts == {"completed": 21}
    assert len(waits) == 3
    assert all(0 <= w <= 2.0 for w in waits)


def test_feed_is_applied_once_and_the_cursor_kept(store: Desk) -> None:
    store.queue_cases(2)
    platform = FakePlatform()
    run = engine(store, platform)
    first = run.run_once()
    assert first.events_applied == len(platform.events) == 28
    assert run.state().cursor == "28"
    assert run.run_once().events_applied == 0


def test_only_the_newest_submission_of_a_service_reaches_the_case(store: Desk) -> None:
    old = _add(store, "case-c", "license", synthetic_payload("case-c", "license"))
    platform = FakePlatform(auto_complete=False)
    seen: list[tuple[str, str]] = []

    def spy(uow: Any, entry: Any, event: StatusEvent) -> None:
        seen.append((entry.idempotency_key, event.status))

    run = engine(store, platform, update_case=spy)
    run.run_once()
    platform.decide(old, "needs_correction", ("经营范围表述不规范",))
    run.run_once()
    new = _add(store, "case-c", "license", {**synthetic_payload("case-c", "license"), "fixed": True})
    platform.decide(old, "completed")  # a late answer about the old submission
    run.run_once()
    assert (old, "accepted") in seen
    assert (old, "needs_correction") in seen
    assert (old, "completed") not in seen  # never applied over the correction in progress
    assert (new, "accepted") in seen


class _Files:
    def __init__(self, broken: bool = False) -> None:
        self.broken = broken

    def read(self, ref: AttachmentRef) -> bytes:
        if self.broken:
            raise BizdeskError("附件损坏", "attachment damaged", code="attachment.damaged")
        return b"scan"


def test_attachments_reach_the_platform_before_their_submission(store: Desk) -> None:
    ref = AttachmentRef("ab" * 32, 4, "image/jpeg", "case-a", "id_copy")
    _add(store, "case-a", "license", synthetic_payload("case-a", "license"), attachments=(ref,))
    platform = FakePlatform()
    report = engine(store, platform, attachments=_Files()).run_once()
    assert report.counts == {"completed": 1}
    assert platform.uploads == {"ab" * 32: b"scan"}


def test_an_unreadable_attachment_quarantines_only_its_submission(store: Desk) -> None:
    clock = Clock()
    ref = AttachmentRef("cd" * 32, 4, "image/jpeg", "case-a", "id_copy")
    _add(store, "case-a", "license", synthetic_payload("case-a", "license"), attachments=(ref,), now=clock())
    store.queue_cases(2, services=("license",), now=clock())
    run = engine(store, FakePlatform(), attachments=_Files(broken=True), clock=clock, max_failures=2)
    run.run_once()
    clock.advance(3600)
    report = run.run_once()
    assert report.counts == {"completed": 2, "quarantined": 1}


def test_report_json_has_the_contract_keys(store: Desk) -> None:
    store.queue_cases(1)
    data = engine(store, FakePlatform()).run_once().as_json()
    assert {"pending", "accepted", "rejected", "quarantined"} <= data.keys()
    assert (data["pending"], data["accepted"], data["rejected"], data["quarantined"]) == (0, 7, 0, 0)
    assert SERVICES[0] == "license"
