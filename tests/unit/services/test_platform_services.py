"""Enrollment, the audit witness and the fleet listing over the in-memory store and platform."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.errors import PlatformError
from app.security.device import DeviceIdentity
from app.services.checkpoints import (
    clear_checkpoint_alarm,
    raise_checkpoint_alarm,
    send_audit_checkpoint,
    verify_audit,
)
from app.services.enrollment import BRANCH_SETTING, device_facts, enroll
from app.services.fleet import fleet_listing
from app.syncing.model import SyncState
from app.updates.fleet import FleetRefused
from tests.fakes import FakeStore
from tests.unit.services.desk_platform import ENROLLED, CheckpointGateway, FakeDeskPlatform

NOW = dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC)


@pytest.fixture
def store() -> FakeStore:
    units = FakeStore(device=DeviceIdentity.generate("desk-1"), clock=lambda: NOW, training=True)
    with units.unit_of_work() as uow:
        uow.audit.append("profile.create", actor=None)
        uow.settings.set_json(BRANCH_SETTING, "0101")
        uow.commit()
    return units


def test_enrolling_keeps_the_answer_and_tells_the_platform_where_the_desk_stands(store: FakeStore) -> None:
    platform = FakeDeskPlatform()
    enrolled = enroll(store, platform, "https://platform.example", "CODE-1")
    [(url, code, info)] = platform.enrolled_with
    assert (url, code, info.branch_code, info.division_code, info.training) == (
        "https://platform.example",
        "CODE-1",
        "0101",
        "370783",
        True,
    )
    assert (enrolled.device_id, enrolled.enrolled_at) == ("desk-1", NOW)
    with store.read_unit_of_work() as uow:
        assert uow.outbox.state().enrolled == enrolled
        assert [e.action for e in uow.audit_trail.entries()][-1] == "device.enroll"
        facts = device_facts(uow, pinned_ca=None)
    assert facts.platform_device_id == enrolled.device_id  # the number the platform's fleet lists


def test_enrolled_again_with_the_same_platform_the_feed_goes_on_where_it_was(store: FakeStore) -> None:
    with store.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=ENROLLED, cursor="42"))
        uow.commit()
    platform = FakeDeskPlatform()
    enroll(store, platform, "https://platform.example", "CODE-2", replace=True)
    with store.read_unit_of_work() as uow:
        assert uow.outbox.state().cursor == "42"
    platform.answer = dataclasses.replace(platform.answer, platform_key_id="another-platform")
    enroll(store, platform, "https://other.example", "CODE-3", replace=True)
    with store.read_unit_of_work() as uow:
        assert uow.outbox.state().cursor == ""  # another platform's feed starts from its beginning


def test_a_head_behind_the_last_receipt_raises_the_alarm_without_asking_the_platform(
    store: FakeStore,
) -> None:
    with store.unit_of_work() as uow:
        uow.settings.set_json("sync.audit_checkpoint", {"seq": 9, "head_hash": "f" * 64})
        uow.commit()
    gateway = CheckpointGateway()
    assert not send_audit_checkpoint(store, gateway)
    assert gateway.checkpoints == []
    with store.read_unit_of_work() as uow:
        assert uow.settings.get_json("audit.alarm")["reason"] == "differs_from_last_checkpoint"


def test_the_first_alarm_stays_until_it_is_cleared(store: FakeStore) -> None:
    raise_checkpoint_alarm(store, 3, "checkpoint_conflict")
    raise_checkpoint_alarm(store, 4, "later")
    with store.read_unit_of_work() as uow:
        assert uow.settings.get_json("audit.alarm")["seq"] == 3
    assert clear_checkpoint_alarm(store, by="itadmin")
    assert not clear_checkpoint_alarm(store, by="itadmin")


def test_offline_verification_holds_the_chain_against_a_receipt_not_signed_by_the_platform(
    store: FakeStore,
) -> None:
    with store.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=ENROLLED))
        uow.settings.set_json("sync.audit_checkpoint", {"seq": 1, "head_hash": "0" * 64, "signature": "x"})
        uow.commit()
    check = verify_audit(store, FakeDeskPlatform(), online=False)
    assert check.online == "unreachable"
    assert [finding.kind for finding in check.report.findings] == ["rewritten"]


def test_a_branch_desk_is_told_only_it_devices_list_the_fleet(store: FakeStore) -> None:
    with store.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=ENROLLED))
        uow.commit()
    platform = FakeDeskPlatform()

    def refused() -> None:
        raise PlatformError("仅限IT设备", "IT devices only", code="platform.it_device_required")

    platform.ops.fleet = refused  # type: ignore[method-assign,assignment]
    with pytest.raises(FleetRefused):
        fleet_listing(store, platform)


def test_a_checkpoint_extends_the_platforms_last_and_a_deleted_receipt_does_not_hide_a_rewrite(
    store: FakeStore,
) -> None:
    gateway = CheckpointGateway()
    assert send_audit_checkpoint(store, gateway)
    with store.read_unit_of_work() as uow:
        first = uow.audit_trail.head()
        uow_entries = list(uow.audit_trail.entries())
    assert first is not None
    assert gateway.extended == [None]
    with store.unit_of_work() as uow:
        uow.audit.append("case.save", actor="clerk", subject="SG-1")
        uow.settings.set_json("sync.audit_checkpoint", None)  # the receipt deleted: the platform is asked
        uow.commit()
    assert send_audit_checkpoint(store, gateway)
    assert gateway.extended[-1] == (first.seq, first.hash)
    gateway.kept.append((len(uow_entries) + 1, "e" * 64))  # the platform saw another entry there
    with store.unit_of_work() as uow:
        uow.audit.append("case.save", actor="clerk", subject="SG-2")
        uow.settings.set_json("sync.audit_checkpoint", None)
        uow.commit()
    assert not send_audit_checkpoint(store, gateway)
    with store.read_unit_of_work() as uow:
        assert uow.settings.get_json("audit.alarm")["reason"] == "differs_from_platform_checkpoint"
