"""Enrolment is an IT act: who enrolled is audited, an enrolled desk is re-pointed only on IT's word
with its queue empty or carried over by name, the desk profile takes https platforms only, and a
malformed address gets words naming the field and the fix (issue 20 §1)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import UsageError
from app.security.device import DeviceIdentity
from app.services.enrollment import ReenrollmentRefused, enroll, enroll_desk
from app.syncing.address import check_enrollment_address
from app.syncing.model import NewSubmission, SyncState
from tests.fakes import FakeStore
from tests.unit.services.desk_platform import ENROLLED, FakeDeskPlatform

NOW = dt.datetime(2026, 12, 8, 2, 0, tzinfo=dt.UTC)


def _store(*, training: bool = True, enrolled: bool = False, queued: int = 0) -> FakeStore:
    units = FakeStore(device=DeviceIdentity.generate("desk-1"), clock=lambda: NOW, training=training)
    with units.unit_of_work() as uow:
        if enrolled:
            uow.outbox.save_state(SyncState(enrolled=ENROLLED, cursor="7"))
        for n in range(queued):
            uow.outbox.add(NewSubmission(f"SG-{n}", "license", 1, {"n": n}), now=NOW)
        uow.commit()
    return units


def _audit(units: FakeStore) -> list[tuple[str, str | None, dict[str, object]]]:
    with units.read_unit_of_work() as uow:
        return [(e.action, e.actor, dict(e.details)) for e in uow.audit_trail.entries()]


def test_the_enrolment_names_the_it_account_in_the_audit_trail() -> None:
    units = _store()
    enroll(units, FakeDeskPlatform(), "https://platform.example", "CODE-1", by="itadmin")
    [(action, actor, details)] = _audit(units)
    assert (action, actor, details["platform"]) == ("device.enroll", "itadmin", "https://platform.example")


def test_an_enrolled_desk_is_not_re_pointed_without_replace() -> None:
    units, platform = _store(enrolled=True), FakeDeskPlatform()
    with pytest.raises(ReenrollmentRefused) as refused:
        enroll(units, platform, "http://127.0.0.1:9", "X", by="itadmin")
    assert "--replace" in refused.value.message_zh
    assert "--replace" in refused.value.message_en
    assert platform.enrolled_with == []  # refused before the platform was asked
    with units.read_unit_of_work() as uow:
        assert uow.outbox.state().enrolled == ENROLLED


def test_a_queue_is_carried_over_only_by_name() -> None:
    units, platform = _store(enrolled=True, queued=2), FakeDeskPlatform()
    with pytest.raises(ReenrollmentRefused) as refused:
        enroll(units, platform, "https://other.example", "X", by="itadmin", replace=True)
    assert "SG-0/license" in refused.value.message_zh
    assert "--carry-over" in refused.value.message_en
    assert platform.enrolled_with == []
    done = enroll_desk(units, platform, "https://other.example", "X", by="it", replace=True, carry_over=True)
    assert done.carried_over == ("SG-0/license", "SG-1/license")
    assert done.replaced_url == ENROLLED.platform_url
    *_, (action, actor, details) = _audit(units)
    assert (action, actor) == ("device.enroll", "it")
    assert details["replaced"] == ENROLLED.platform_url
    assert details["carried_over"] == ["SG-0/license", "SG-1/license"]


def test_an_empty_queue_is_re_pointed_with_replace() -> None:
    units = _store(enrolled=True)
    done = enroll_desk(units, FakeDeskPlatform(), "https://other.example", "X", by="it", replace=True)
    assert (done.replaced_url, done.carried_over) == (ENROLLED.platform_url, ())


@pytest.mark.parametrize("url", ["http://127.0.0.1:8600", "http://localhost:8600", "http://[::1]:8600"])
def test_the_desk_profile_refuses_plain_http_even_to_loopback(url: str) -> None:
    units, platform = _store(training=False), FakeDeskPlatform()
    with pytest.raises(UsageError) as refused:
        enroll(units, platform, url, "X", by="itadmin")
    assert "https" in refused.value.message_zh
    assert "--training" in refused.value.message_en
    assert platform.enrolled_with == []


def test_loopback_http_on_the_desk_profile_is_an_explicit_allowance_and_audited() -> None:
    units = _store(training=False)
    enroll(units, FakeDeskPlatform(), "http://127.0.0.1:8600", "X", loopback_http=True)
    [(_, _, details)] = _audit(units)
    assert details["loopback_http"] is True
    with pytest.raises(UsageError):  # the allowance is loopback only
        check_enrollment_address("http://10.0.0.5:8600", training=False, loopback_http=True)


def test_the_training_profile_takes_http() -> None:
    assert check_enrollment_address("http://10.0.0.5:8443/", training=True) == "http://10.0.0.5:8443"


@pytest.mark.parametrize(
    "url", ["https://[::1", "https://host:99999", "https://host:port", "ftp://host", "https://", "平台"]
)
def test_a_malformed_address_names_the_field_and_the_fix(url: str) -> None:
    with pytest.raises(UsageError) as refused:
        check_enrollment_address(url, training=False)
    assert "--platform" in refused.value.message_zh
    assert "https://" in refused.value.message_zh
    assert "--platform" in refused.value.message_en
    assert "use one like" in refused.value.message_en
