"""The desk's sync pass and what it does around it, on the in-memory store and platform: an outage or
a desk not enrolled contacts nobody; a good pass sends the audit checkpoint, keeps the desk up to date
and reports its health, and nothing of that fails the pass; a damaged scan does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.security.attachments import AttachmentStore
from app.security.device import DeviceIdentity
from app.security.scan_check import record_damaged_scan
from app.services.app_updates import AppReleases
from app.services.checkpoints import ALARM_SETTING, CHECKPOINT_SETTING
from app.services.fleet import RECENT_ERRORS_SETTING
from app.services.sync_centre import sync_view
from app.services.sync_pass import DeskSync
from app.syncing.model import SyncState
from app.syncing.outage import OUTAGE_CODE, set_simulated_offline
from app.syncing.overview import NotEnrolled
from tests.fakes import FakeStore
from tests.unit.services.desk_platform import ENROLLED, FakeDeskPlatform

NOW = dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC)


class NoInstaller:
    def running_version(self) -> str:
        return "0.1.0"

    def check_usable(self) -> None:
        raise AssertionError("nothing is installed in these tests")

    def keep_running(self, folder: Path) -> Path:
        raise AssertionError("nothing is installed in these tests")

    def install(self, version: str, folder: Path) -> None:
        raise AssertionError("nothing is installed in these tests")


@pytest.fixture
def store() -> FakeStore:
    units = FakeStore(device=DeviceIdentity.generate("desk-1"), clock=lambda: NOW, training=True)
    with units.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=ENROLLED))
        uow.audit.append("profile.create", actor=None)
        uow.commit()
    return units


def _desk(store: FakeStore, platform: FakeDeskPlatform, tmp_path: Path, *, upkeep: bool = True) -> DeskSync:
    apps = AppReleases(tmp_path / "apps", NoInstaller()) if upkeep else None
    return DeskSync(store, platform, files=AttachmentStore(tmp_path / "scans"), apps=apps, clock=lambda: NOW)


def test_a_good_pass_sends_the_audit_head_and_reports_the_desks_health(
    store: FakeStore, tmp_path: Path
) -> None:
    platform = FakeDeskPlatform()
    report = _desk(store, platform, tmp_path).background_pass()
    assert report.ok, report
    assert platform.connected == [ENROLLED]
    assert platform.gate.checkpoints == [1]
    with store.read_unit_of_work() as uow:
        assert uow.settings.get_json(CHECKPOINT_SETTING)["seq"] == 1
    [health] = platform.ops.reports
    assert (health.queue_depth, health.recent_error_codes) == (0, ())


def test_the_simulated_outage_contacts_nobody_and_says_so(store: FakeStore, tmp_path: Path) -> None:
    with store.unit_of_work() as uow:
        set_simulated_offline(uow.settings, True)
        uow.commit()
    platform = FakeDeskPlatform()
    report = _desk(store, platform, tmp_path).background_pass()
    assert (report.ok, report.error_code) == (False, OUTAGE_CODE)
    assert platform.connected == []
    assert platform.ops.reports == []


def test_a_desk_not_enrolled_reports_it_in_the_background_and_raises_on_demand(tmp_path: Path) -> None:
    units = FakeStore(device=DeviceIdentity.generate("desk-1"), clock=lambda: NOW)
    desk = _desk(units, FakeDeskPlatform(), tmp_path)
    assert desk.background_pass().error_code == NotEnrolled.code
    with pytest.raises(NotEnrolled):
        desk.run_once()


def test_a_refused_checkpoint_raises_the_alarm_the_sync_centre_shows_first(
    store: FakeStore, tmp_path: Path
) -> None:
    platform = FakeDeskPlatform()
    platform.gate.refuse_checkpoints = True
    report = _desk(store, platform, tmp_path, upkeep=False).run_once()
    assert report.ok  # submissions matter more: the next good pass sends the head again
    with store.read_unit_of_work() as uow:
        assert uow.settings.get_json(ALARM_SETTING)["reason"] == "checkpoint_conflict"
        problem = sync_view(uow).problem
    assert problem is not None
    assert "审计日志警报" in problem.message_zh


def test_an_unreachable_update_check_is_recorded_but_never_fails_the_pass(
    store: FakeStore, tmp_path: Path
) -> None:
    platform = FakeDeskPlatform()
    platform.ops.offline = True
    report = _desk(store, platform, tmp_path).run_once()
    assert report.ok
    with store.read_unit_of_work() as uow:
        kept = uow.settings.get_json(RECENT_ERRORS_SETTING)
    assert [entry["code"] for entry in kept] == ["platform_unavailable", "platform_unavailable"]


def test_a_pass_that_leaves_a_damaged_scan_is_not_ok_and_says_why(store: FakeStore, tmp_path: Path) -> None:
    with store.unit_of_work() as uow:
        record_damaged_scan(uow, "SG20261207-AAAAAAAA", "id_copy-p1", missing=False)
        uow.commit()
    report = _desk(store, FakeDeskPlatform(), tmp_path, upkeep=False).run_once()
    assert (report.ok, report.error_code) == (False, "attachment.damaged")
    with store.read_unit_of_work() as uow:
        problem = sync_view(uow).problem
    assert problem is not None
    assert "扫描件损坏" in problem.message_zh


def test_one_connection_serves_pass_after_pass(store: FakeStore, tmp_path: Path) -> None:
    platform = FakeDeskPlatform()
    with _desk(store, platform, tmp_path, upkeep=False).connect() as session:
        assert session.run_once().ok
        assert session.run_once().ok
    assert platform.connected == [ENROLLED]
