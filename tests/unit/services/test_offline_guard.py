"""The offline guard rails on the in-memory store, with a clock the tests move: a day without a good
sync warns, the pack's limit (5 days by default, or its expiry) refuses new cases while existing cases
go on, more than 100 unsent cases warn; a pass whose batches were refused is no good sync, and the
fleet does not call such a desk healthy."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from app.desk import drafts
from app.desk.flow_api import FieldChange
from app.security.attachments import AttachmentStore
from app.security.device import DeviceIdentity
from app.services.offline_guard import (
    MANY_UNSENT,
    SYNC_OVERDUE,
    NewCasesPaused,
    offline_guard,
    require_new_cases_allowed,
)
from app.services.sync_centre import sync_view
from app.services.sync_pass import DeskSync
from app.syncing.model import NewSubmission, SyncState
from app.updates.fleet import DeskHealth, assess_fleet
from app.updates.service import STATE_SETTING
from tests.fakes import FakeStore
from tests.integration.sync.support import synthetic_payload
from tests.unit.services.desk_platform import ENROLLED, FakeDeskPlatform
from tests.unit.updates.support import Platform

SYNCED = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)  # the last good sync pass
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


class Clock:
    """A desk clock the test moves."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(SYNCED)


@pytest.fixture
def store(clock: Clock) -> FakeStore:
    units = FakeStore(device=DeviceIdentity.generate("desk-1"), clock=clock)
    with units.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=ENROLLED, last_success_at=SYNCED))
        uow.commit()
    return units


def _codes(store: FakeStore) -> tuple[str, ...]:
    with store.read_unit_of_work() as uow:
        return offline_guard(uow).codes


def _install_pack(store: FakeStore, **fields: Any) -> None:
    with store.unit_of_work() as uow:
        uow.settings.set_json(STATE_SETTING, {"current": Platform().pack("2026.9", **fields)})
        uow.commit()


def _start(store: FakeStore) -> str:
    with store.unit_of_work() as uow:
        return drafts.start_draft(uow, by="clerk1").case_id


def test_a_day_without_a_good_sync_warns_and_says_the_way_out(store: FakeStore, clock: Clock) -> None:
    clock.now = SYNCED + 23 * HOUR
    assert _codes(store) == ()
    clock.now = SYNCED + DAY + HOUR
    with store.read_unit_of_work() as uow:
        guard = offline_guard(uow)
        view = sync_view(uow)
    assert guard.codes == (SYNC_OVERDUE,)
    assert guard.new_cases_allowed
    [warning] = view.warnings  # what the 同步中心 shows
    assert "超过1天未与政务平台成功同步" in warning.message_zh
    assert "2026-12-01 09:00" in warning.message_zh  # the desk's clock face (UTC+8)
    assert "立即同步" in warning.message_zh
    assert "Sync now" in warning.message_en
    _start(store)  # still takes new cases


def test_after_five_days_new_cases_are_refused_with_the_reason_and_nothing_is_stored(
    store: FakeStore, clock: Clock
) -> None:
    clock.now = SYNCED + 5 * DAY - HOUR
    _start(store)
    clock.now = SYNCED + 5 * DAY
    with store.read_unit_of_work() as uow:
        before = uow.cases.count()
    with pytest.raises(NewCasesPaused) as refused, store.unit_of_work() as uow:
        drafts.start_draft(uow, by="clerk2")
    error = refused.value
    assert error.code == "offline.new_cases_refused"
    assert "5 天未与政务平台成功同步" in error.message_zh
    assert "已有案卷可继续办理、打印、重新报送和移交" in error.message_zh
    assert "立即同步" in error.message_zh
    assert "new cases are paused" in error.message_en
    assert "Sync now" in error.message_en
    with store.read_unit_of_work() as uow:
        assert uow.cases.count() == before
        assert sync_view(uow).warnings[0].code == "offline.new_cases_refused"  # the refusal comes first


def test_existing_cases_go_on_while_new_ones_are_refused(store: FakeStore, clock: Clock) -> None:
    case_id = _start(store)
    clock.now = SYNCED + 6 * DAY
    with store.read_unit_of_work() as uow, pytest.raises(NewCasesPaused):
        require_new_cases_allowed(uow)
    change = FieldChange("company.name_parts.trade_name", "绿野")
    with store.unit_of_work() as uow:
        saved = drafts.autosave(uow, case_id, [change], step="company", field=change.key, by="clerk1")
    assert saved.revision > 1
    with store.read_unit_of_work() as uow:
        assert drafts.draft_of(uow, case_id).case_id == case_id


def test_a_good_sync_lifts_the_refusal(store: FakeStore, clock: Clock) -> None:
    clock.now = SYNCED + 7 * DAY
    with store.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=ENROLLED, last_success_at=clock.now - HOUR))
        uow.commit()
    assert _codes(store) == ()
    _start(store)


def test_the_running_pack_sets_the_days(store: FakeStore, clock: Clock) -> None:
    _install_pack(store, offline_days=2)
    clock.now = SYNCED + 2 * DAY - HOUR
    assert _codes(store) == (SYNC_OVERDUE,)
    clock.now = SYNCED + 2 * DAY
    assert _codes(store) == ("offline.new_cases_refused", SYNC_OVERDUE)


def test_a_pack_past_its_expiry_refuses_new_cases_even_right_after_a_sync(
    store: FakeStore, clock: Clock
) -> None:
    _install_pack(store, expires_at="2026-12-01T02:00:00Z")
    clock.now = SYNCED + HOUR - dt.timedelta(seconds=1)
    _start(store)
    clock.now = SYNCED + HOUR
    with store.read_unit_of_work() as uow:
        refusal = offline_guard(uow).refusal
    assert refusal is not None
    assert "参考数据包 2026.9 已于 2026-12-01 10:00 过期" in refusal.message_zh
    assert "bizdesk update apply" in refusal.message_en


def test_a_desk_never_synced_counts_from_its_enrolment(store: FakeStore, clock: Clock) -> None:
    with store.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=ENROLLED))  # enrolled 2026-12-01 00:00 UTC
        uow.commit()
    clock.now = ENROLLED.enrolled_at + 5 * DAY
    assert "offline.new_cases_refused" in _codes(store)


def test_a_desk_not_enrolled_is_not_held_to_the_days(store: FakeStore, clock: Clock) -> None:
    with store.unit_of_work() as uow:
        uow.outbox.save_state(SyncState())
        uow.commit()
    clock.now = SYNCED + 30 * DAY
    assert _codes(store) == ()
    _start(store)


def _queue(store: FakeStore, cases: int) -> None:
    with store.unit_of_work() as uow:
        for n in range(cases):
            case_id = f"case-{n:04d}"
            for service in ("license", "seal"):  # two submissions, one case
                payload = synthetic_payload(case_id, service)
                uow.outbox.add(NewSubmission(case_id, service, 1, payload), now=SYNCED)
        uow.commit()


def test_more_than_a_hundred_unsent_cases_warn(store: FakeStore) -> None:
    _queue(store, 100)
    assert _codes(store) == ()
    _queue(store, 101)
    with store.read_unit_of_work() as uow:
        guard = offline_guard(uow)
    assert guard.codes == (MANY_UNSENT,)
    assert "有 101 件案卷的提交尚未报送" in guard.messages[0].message_zh


def test_a_pass_whose_batches_are_all_refused_is_no_good_sync_and_the_fleet_flags_it(
    store: FakeStore, clock: Clock, tmp_path: Path
) -> None:
    from app.services.app_updates import AppReleases
    from tests.unit.services.test_desk_sync import NoInstaller

    with store.unit_of_work() as uow:
        poison = {**synthetic_payload("case-p", "license"), "poison": 1}
        uow.outbox.add(NewSubmission("case-p", "license", 1, poison), now=SYNCED)
        uow.commit()
    clock.now = SYNCED + 2 * DAY
    platform = FakeDeskPlatform()
    apps = AppReleases(tmp_path / "apps", NoInstaller())
    desk = DeskSync(store, platform, files=AttachmentStore(tmp_path / "scans"), apps=apps, clock=clock)
    report = desk.run_once()
    assert report.ok
    assert not report.good
    assert report.as_json()["good"] is False
    assert report.batches_refused == 1
    assert report.error_code == "sync.batches_refused"
    assert report.last_success_at == SYNCED  # not moved
    with store.read_unit_of_work() as uow:
        assert uow.outbox.state().last_success_at == SYNCED
        assert SYNC_OVERDUE in offline_guard(uow).codes
    [health] = platform.ops.reports
    assert health.last_success_at == SYNCED
    assert "sync.batches_refused" in health.recent_error_codes
    assert SYNC_OVERDUE in health.recent_error_codes
    seen = DeskHealth(
        "desk-1",
        "0101",
        reported_at=clock.now,
        app_version="0.1.0",
        pack_version="2026.1",
        queue_depth=health.queue_depth,
        last_success_at=health.last_success_at,
        recent_error_codes=health.recent_error_codes,
    )
    [line] = assess_fleet([seen], now=clock.now)
    assert line.needs_attention
    assert {"stale", "batches_refused", "sync_overdue"} <= set(line.flags)
    # had the platform refused nothing, the same desk is healthy
    healthy = dataclasses.replace(seen, last_success_at=clock.now, recent_error_codes=())
    assert not assess_fleet([healthy], now=clock.now)[0].needs_attention
