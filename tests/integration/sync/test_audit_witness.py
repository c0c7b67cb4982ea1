"""A rewritten or emptied audit chain is caught (issue 13, point 3): by the platform's signed checkpoint
receipt kept on the desk, by the platform itself when online, and as a persistent alarm shown by the
同步中心 and ``audit verify``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import PlatformError, UserMessage
from app.paths import Profile
from app.services import checkpoints
from app.services.checkpoints import CHECKPOINT_SETTING, AuditCheck
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.services import desk_sync, http_platform
from tests.integration.sync.support import embedded_sandbox


def verify_audit(opened: OpenedProfile, *, online: bool = True) -> AuditCheck:
    return checkpoints.verify_audit(opened.store, http_platform(opened), online=online)


def checkpoint_alarm_message(opened: OpenedProfile) -> UserMessage | None:
    with opened.store.read_unit_of_work() as uow:
        return checkpoints.checkpoint_alarm_message(uow)


@pytest.fixture
def synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedProfile]:
    """A training desk enrolled with its own sandbox, whose audit head the platform has signed."""
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with open_profile(Profile("training", tmp_path / "training")) as opened:
        _, stop = embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
        try:
            with opened.store.unit_of_work() as uow:
                for i in range(5):
                    uow.audit.append("case.save", actor="clerk", subject=f"SG-{i}")
                uow.commit()
            assert desk_sync(opened).run_once().ok
            with opened.store.read_unit_of_work() as uow:
                assert uow.settings.get_json(CHECKPOINT_SETTING)["seq"] >= 6
            assert verify_audit(opened).report.ok
            yield opened
        finally:
            stop()


def _rewrite_without(opened: OpenedProfile, seq: int) -> None:
    """What someone holding the data key can do: delete an entry, re-chain the rest, re-sign the head."""
    with opened.store.unit_of_work() as uow:
        kept = [e for e in uow.audit_trail.entries() if e.seq != seq]
        uow.session.execute(text("DELETE FROM audit_log"))
        uow.session.execute(text("DELETE FROM audit_head"))
        for entry in kept:  # each append links to the one before and signs the head with the device key
            uow.audit.append(entry.action, actor=entry.actor, subject=entry.subject, details=entry.details)
        uow.commit()
    with opened.store.read_unit_of_work() as uow:
        assert uow.audit_trail.verify().ok  # the chain alone cannot tell


def test_a_rewritten_chain_is_caught_by_the_receipt_and_the_platform(synced: OpenedProfile) -> None:
    _rewrite_without(synced, 3)
    offline = verify_audit(synced, online=False).report
    assert not offline.ok
    assert {f.kind for f in offline.findings} & {"rewritten", "truncated"}
    assert checkpoint_alarm_message(synced) is None
    online = verify_audit(synced, online=True)
    assert online.online == "checked"
    assert "alarm" in {f.kind for f in online.report.findings}
    alarm = checkpoint_alarm_message(synced)
    assert alarm is not None
    assert "审计日志警报" in alarm.message_zh
    desk_sync(synced).run_once()  # the next pass does not make it go away
    assert checkpoint_alarm_message(synced) is not None


def test_an_emptied_chain_never_verifies_as_intact(synced: OpenedProfile) -> None:
    with synced.store.unit_of_work() as uow:
        uow.session.execute(text("DELETE FROM audit_log"))
        uow.session.execute(text("DELETE FROM audit_head"))
        uow.commit()
    report = verify_audit(synced, online=False).report
    assert not report.ok
    assert report.entries == 0


def test_a_sync_pass_after_a_rewrite_raises_the_alarm(synced: OpenedProfile) -> None:
    _rewrite_without(synced, 2)
    with synced.store.unit_of_work() as uow:  # new work moves the head past the platform's checkpoint
        for i in range(4):
            uow.audit.append("case.save", actor="clerk", subject=f"SG-X{i}")
        uow.commit()
    desk_sync(synced).run_once()
    alarm = checkpoint_alarm_message(synced)
    assert alarm is not None
    assert not verify_audit(synced, online=False).report.ok


def _forget_the_anchor(opened: OpenedProfile) -> None:
    """What the attacker does next: delete the kept checkpoint receipt and the alarm from the settings."""
    with opened.store.unit_of_work() as uow:
        uow.settings.set_json(CHECKPOINT_SETTING, None)
        uow.settings.set_json(checkpoints.ALARM_SETTING, None)
        uow.commit()


def test_a_rewritten_chain_with_receipt_and_alarm_deleted_is_caught_online(synced: OpenedProfile) -> None:
    """Issue 20: re-chain and re-sign, delete the receipt and the alarm, add work: the platform's own last
    checkpoint (GET /v1/audit-checkpoints/last) still names the entry the trail no longer holds."""
    _rewrite_without(synced, 3)
    _forget_the_anchor(synced)
    with synced.store.unit_of_work() as uow:  # the head moves past the platform's checkpoint
        for i in range(6):
            uow.audit.append("case.save", actor="clerk", subject=f"SG-Y{i}")
        uow.commit()
    assert verify_audit(synced, online=False).report.ok  # nothing left on the desk to tell
    online = verify_audit(synced, online=True)
    assert online.online == "checked"
    assert not online.report.ok
    assert {f.kind for f in online.report.findings} & {"rewritten", "truncated"}
    assert checkpoint_alarm_message(synced) is not None
    _forget_the_anchor(synced)  # and again: the next sync pass asks the platform once more
    desk_sync(synced).run_once()
    assert checkpoint_alarm_message(synced) is not None


def test_the_platform_refuses_a_checkpoint_that_does_not_extend_its_last(synced: OpenedProfile) -> None:
    """An honest client asked to send a head that skips the platform's last checkpoint: 409."""
    with synced.store.read_unit_of_work() as uow:
        enrolled, device = uow.outbox.state().enrolled, uow.device()
        head = uow.audit_trail.head()
    assert enrolled is not None
    assert head is not None
    gateway = http_platform(synced).gateway(enrolled, device)
    try:
        last = gateway.last_checkpoint()  # type: ignore[attr-defined]
        assert last is not None
        assert last["seq"] == head.seq
        signed_at = head.signed_at.isoformat()
        with pytest.raises(PlatformError) as missing:  # no extends at all
            gateway.checkpoint(head.seq + 5, "a" * 64, signed_at)  # type: ignore[attr-defined]
        assert missing.value.data == {"status": 409, "code": "checkpoint_not_extending"}
        with pytest.raises(PlatformError) as other:  # extends another hash at the platform's last seq
            gateway.checkpoint(head.seq + 5, "a" * 64, signed_at, (head.seq, "b" * 64))  # type: ignore[attr-defined]
        assert other.value.data["code"] == "checkpoint_not_extending"
        receipt = gateway.checkpoint(head.seq + 5, "a" * 64, signed_at, (head.seq, head.hash))  # type: ignore[attr-defined]
        assert receipt["seq"] == head.seq + 5
        assert gateway.last_checkpoint()["head_hash"] == "a" * 64  # type: ignore[attr-defined]
    finally:
        gateway.close()


def test_entries_dropped_after_a_checkpoint_are_caught_at_the_next(synced: OpenedProfile) -> None:
    """Entries the platform witnessed, dropped after its checkpoint and the receipt deleted with them: the
    next checkpoint, sent by an ordinary sync pass, does not extend the platform's last and is refused."""
    _rewrite_without(synced, 2)
    _forget_the_anchor(synced)
    with synced.store.unit_of_work() as uow:
        for i in range(3):
            uow.audit.append("case.save", actor="clerk", subject=f"SG-Z{i}")
        uow.commit()
    desk_sync(synced).run_once()
    alarm = checkpoint_alarm_message(synced)
    assert alarm is not None
