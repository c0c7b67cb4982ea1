"""A rewritten or emptied audit chain is caught (issue 13, point 3): by the platform's signed checkpoint
receipt kept on the desk, by the platform itself when online, and as a persistent alarm shown by the
同步中心 and ``audit verify``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import UserMessage
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
