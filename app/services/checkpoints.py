"""The audit trail's outside witness: the platform's signed checkpoints, and the alarm when it refuses one.

    send_audit_checkpoint(units, gateway)         after a good sync pass: the head, if it moved
    verify_audit(units, platform, online=True)    ``bizdesk audit verify``, 系统管理
    checkpoint_alarm_message(uow)                 the 同步中心's problem line, until cleared
    clear_checkpoint_alarm(units, by=...)         IT, once the cause is known

The platform signs a receipt for every audit head the desk sends it (``sync.audit_checkpoint`` in
the settings). Someone holding the data key can re-chain the trail and re-sign its head with the
device key, but cannot forge that receipt: ``verify_audit`` holds the chain against it, and, when
the desk is enrolled and the platform answers, sends the current head so the platform compares it
with what it saw before. A refused checkpoint becomes a persistent alarm (``audit.alarm``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from app.errors import BizdeskError, PlatformError, UserMessage, describe
from app.security.audit import (
    CheckpointAlarm,
    CheckpointReceipt,
    VerifyReport,
    alarm_findings,
    receipt_findings,
    with_findings,
)
from app.syncing.platform import Platform
from app.syncing.ports import AuditCheckpoints
from app.unit_of_work import UnitOfWork, UnitsOfWork
from app.updates.documents import is_authentic

CHECKPOINT_SETTING = "sync.audit_checkpoint"  # the platform's signed receipt of the last checkpoint
ALARM_SETTING = "audit.alarm"
OnlineCheck = Literal["checked", "not_enrolled", "unreachable"]


class CheckpointRefused(BizdeskError):
    """The persistent alarm, worded for whoever reads it (同步中心, ``audit verify``, ``sync``)."""

    code = "audit.checkpoint_refused"
    title_zh, title_en = "审计日志警报", "Audit trail alarm"

    def __init__(self, alarm: CheckpointAlarm) -> None:
        super().__init__(
            f"审计日志警报：政务平台拒绝了本机审计日志第{alarm.seq}条的检查点（{alarm.raised_at}），"
            "本机日志与平台此前签收的不一致，可能已被改写；请保留现场并立即联系IT安全负责人。",
            f"Audit alarm: the platform refused this desk's audit checkpoint at entry {alarm.seq} "
            f"({alarm.raised_at}); the trail differs from what the platform signed before and may have "
            "been rewritten. Keep the machine as it is and call IT security now.",
            data=alarm.as_json(),
        )


@dataclass(frozen=True)
class AuditCheck:
    report: VerifyReport
    online: OnlineCheck


def is_checkpoint_conflict(error: PlatformError) -> bool:
    """The platform answered 409: it saw another hash at this position, or a later position already."""
    return error.data.get("status") == 409


def checkpoint_receipt(uow: UnitOfWork) -> CheckpointReceipt | None:
    """The last receipt, its signature checked with the platform key learnt at enrollment."""
    stored = uow.settings.get_json(CHECKPOINT_SETTING)
    if not isinstance(stored, dict) or not isinstance(stored.get("seq"), int):
        return None
    enrolled = uow.outbox.state().enrolled
    authentic = enrolled is not None and is_authentic(stored, enrolled.platform_public_key)
    return CheckpointReceipt(int(stored["seq"]), str(stored.get("head_hash", "")), authentic)


def checkpoint_alarm(uow: UnitOfWork) -> CheckpointAlarm | None:
    return CheckpointAlarm.from_json(uow.settings.get_json(ALARM_SETTING))


def checkpoint_alarm_message(uow: UnitOfWork) -> UserMessage | None:
    alarm = checkpoint_alarm(uow)
    return None if alarm is None else describe(CheckpointRefused(alarm))


def raise_checkpoint_alarm(units: UnitsOfWork, seq: int, reason: str) -> CheckpointAlarm:
    """Keep the alarm (the first one stays until IT clears it) and record it in the trail."""
    with units.unit_of_work() as uow:
        alarm = CheckpointAlarm(seq, uow.clock().isoformat(timespec="seconds"), reason)
        if checkpoint_alarm(uow) is None:
            uow.settings.set_json(ALARM_SETTING, alarm.as_json())
        uow.audit.append("audit.checkpoint_refused", actor=None, details=alarm.as_json())
        uow.commit()
    return alarm


def clear_checkpoint_alarm(units: UnitsOfWork, *, by: str) -> bool:
    with units.unit_of_work() as uow:
        alarm = checkpoint_alarm(uow)
        if alarm is None:
            return False
        uow.settings.set_json(ALARM_SETTING, None)
        uow.audit.append("audit.alarm_cleared", actor=by, details=alarm.as_json())
        uow.commit()
    return True


def send_audit_checkpoint(units: UnitsOfWork, platform: AuditCheckpoints, *, force: bool = False) -> bool:
    """Send the signed audit head if it moved since the last checkpoint (or ``force``); keeps the
    platform's receipt. The checkpoint ``extends`` the last one: the kept receipt when it is the
    platform's and this trail still holds it, otherwise (no receipt kept, or ``force``) the one the
    platform names (``GET /v1/audit-checkpoints/last``), never the local copy alone. A trail that no
    longer holds the entry the last checkpoint saw, or a refusal by the platform, raises the persistent
    audit alarm (a refusal's error goes on)."""
    with units.read_unit_of_work() as uow:
        head = uow.audit_trail.head()
        kept = checkpoint_receipt(uow)
        seen = uow.audit_trail.entry(kept.seq) if kept is not None else None
    if kept is not None and (seen is None or seen.hash != kept.head_hash):
        raise_checkpoint_alarm(units, kept.seq, "differs_from_last_checkpoint")  # rewritten or cut
        return False
    if head is None or (kept is not None and kept.seq == head.seq and not force):
        return False
    anchor = kept if kept is not None and kept.authentic and not force else _platform_anchor(units, platform)
    if anchor is not None:
        with units.read_unit_of_work() as uow:
            own = uow.audit_trail.entry(anchor.seq)
        if own is None or own.hash != anchor.head_hash:
            raise_checkpoint_alarm(units, anchor.seq, "differs_from_platform_checkpoint")
            return False
        if anchor.seq == head.seq:
            return False
    extends = None if anchor is None else (anchor.seq, anchor.head_hash)
    try:
        receipt = platform.checkpoint(head.seq, head.hash, head.signed_at.isoformat(), extends)
    except PlatformError as refused:
        if is_checkpoint_conflict(refused):
            raise_checkpoint_alarm(units, head.seq, str(refused.data.get("code") or "checkpoint_conflict"))
        raise
    _keep_receipt(units, receipt)
    return True


def _platform_anchor(units: UnitsOfWork, platform: AuditCheckpoints) -> CheckpointReceipt | None:
    """The platform's own last checkpoint of this desk (its signature checked by the gateway), kept as
    the desk's receipt so that offline checks hold the trail against it too."""
    answer = platform.last_checkpoint()
    if answer is None or not isinstance(answer.get("seq"), int):
        return None
    _keep_receipt(units, answer)
    return CheckpointReceipt(int(answer["seq"]), str(answer.get("head_hash", "")), True)


def _keep_receipt(units: UnitsOfWork, receipt: Mapping[str, Any]) -> None:
    with units.unit_of_work() as uow:
        uow.settings.set_json(CHECKPOINT_SETTING, dict(receipt))
        uow.commit()


def verify_audit(units: UnitsOfWork, platform: Platform, *, online: bool = True) -> AuditCheck:
    """The chain, held against the last platform receipt and any alarm; ``online`` asks the platform too."""
    reached: OnlineCheck = _ask_platform(units, platform) if online else "unreachable"
    with units.read_unit_of_work() as uow:
        report = uow.audit_trail.verify()
        extra = receipt_findings(uow.audit_trail.entry, checkpoint_receipt(uow))
        extra += alarm_findings(checkpoint_alarm(uow))
    return AuditCheck(with_findings(report, extra), reached)


def _ask_platform(units: UnitsOfWork, platform: Platform) -> OnlineCheck:
    with units.read_unit_of_work() as uow:
        enrolled, device = uow.outbox.state().enrolled, uow.device()
    if enrolled is None:
        return "not_enrolled"
    gateway = platform.gateway(enrolled, device)
    try:
        if isinstance(gateway, AuditCheckpoints):
            send_audit_checkpoint(units, gateway, force=True)  # a refusal raises the alarm
    except PlatformError as error:
        return "checked" if is_checkpoint_conflict(error) else "unreachable"
    finally:
        gateway.close()
    return "checked"
