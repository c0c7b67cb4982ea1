"""Composition root of the audit trail's outside witness: the platform's checkpoints.

    check = verify_audit(opened, online=True)          # bizdesk audit verify
    raise_checkpoint_alarm(opened, seq, reason)        # the sync pass, on a refused checkpoint
    alarm = checkpoint_alarm_message(opened)           # the 同步中心's problem line, until cleared
    clear_checkpoint_alarm(opened, by=...)             # IT, once the cause is known

The platform signs a receipt for every audit head the desk sends it (``sync.audit_checkpoint`` in
the settings). Someone holding the data key can re-chain the trail and re-sign its head with the
device key, but cannot forge that receipt: ``verify_audit`` holds the chain against it, and, when
the desk is enrolled and the platform answers, sends the current head so the platform compares it
with what it saw before. A refused checkpoint becomes a persistent alarm (``audit.alarm``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from app.errors import BizdeskError, PlatformError, UserMessage, describe
from app.security.audit import (
    CheckpointAlarm,
    CheckpointReceipt,
    VerifyReport,
    alarm_findings,
    receipt_findings,
    with_findings,
)
from app.syncing.ports import AuditCheckpoints

if TYPE_CHECKING:
    from app.store.uow import SqlUnitOfWork
    from app.wiring.profile import OpenedProfile

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


def checkpoint_receipt(uow: SqlUnitOfWork) -> CheckpointReceipt | None:
    """The last receipt, its signature checked with the platform key learnt at enrollment."""
    from sync.protocol.signed import document_is_authentic
    from sync.signing import public_key_from_b64

    stored = uow.settings.get_json(CHECKPOINT_SETTING)
    if not isinstance(stored, dict) or not isinstance(stored.get("seq"), int):
        return None
    enrolled = uow.outbox.state().enrolled
    authentic = enrolled is not None and document_is_authentic(
        stored, public_key_from_b64(enrolled.platform_public_key)
    )
    return CheckpointReceipt(int(stored["seq"]), str(stored.get("head_hash", "")), authentic)


def checkpoint_alarm(uow: SqlUnitOfWork) -> CheckpointAlarm | None:
    return CheckpointAlarm.from_json(uow.settings.get_json(ALARM_SETTING))


def raise_checkpoint_alarm(opened: OpenedProfile, seq: int, reason: str) -> CheckpointAlarm:
    """Keep the alarm (the first one stays until IT clears it) and record it in the trail."""
    alarm = CheckpointAlarm(seq, opened.clock().isoformat(timespec="seconds"), reason)
    with opened.unit_of_work() as uow:
        if checkpoint_alarm(uow) is None:
            uow.settings.set_json(ALARM_SETTING, alarm.as_json())
        uow.audit.append("audit.checkpoint_refused", actor=None, details=alarm.as_json())
        uow.commit()
    return alarm


def clear_checkpoint_alarm(opened: OpenedProfile, *, by: str) -> bool:
    with opened.unit_of_work() as uow:
        alarm = checkpoint_alarm(uow)
        if alarm is None:
            return False
        uow.settings.set_json(ALARM_SETTING, None)
        uow.audit.append("audit.alarm_cleared", actor=by, details=alarm.as_json())
        uow.commit()
    return True


def checkpoint_alarm_message(opened: OpenedProfile) -> UserMessage | None:
    with opened.read_unit_of_work() as uow:
        alarm = checkpoint_alarm(uow)
    return None if alarm is None else describe(CheckpointRefused(alarm))


def verify_audit(opened: OpenedProfile, *, online: bool = True) -> AuditCheck:
    """The chain, held against the last platform receipt and any alarm; ``online`` asks the platform too."""
    reached: OnlineCheck = _ask_platform(opened) if online else "unreachable"
    with opened.read_unit_of_work() as uow:
        report = uow.audit_trail.verify()
        extra = receipt_findings(uow.audit_trail.entry, checkpoint_receipt(uow))
        extra += alarm_findings(checkpoint_alarm(uow))
    return AuditCheck(with_findings(report, extra), reached)


def _ask_platform(opened: OpenedProfile) -> OnlineCheck:
    from app.wiring.gateway import http_gateway
    from app.wiring.outbox import sync_state

    enrolled = sync_state(opened).enrolled
    if enrolled is None:
        return "not_enrolled"
    gateway = http_gateway(opened, enrolled)
    try:
        if isinstance(gateway, AuditCheckpoints):
            send_audit_checkpoint(opened, gateway, force=True)  # a refusal raises the alarm
    except PlatformError as error:
        return "checked" if is_checkpoint_conflict(error) else "unreachable"
    finally:
        gateway.close()
    return "checked"


CHECKPOINT_SETTING = "sync.audit_checkpoint"  # the platform's signed receipt of the last checkpoint


def send_audit_checkpoint(opened: OpenedProfile, platform: AuditCheckpoints, *, force: bool = False) -> bool:
    """Send the signed audit head if it moved since the last checkpoint (or ``force``); keeps the
    platform's receipt. A refusal (the platform saw another chain) or a head behind the last receipt
    raises the persistent audit alarm (app.wiring.audit) before the error goes on."""
    with opened.read_unit_of_work() as uow:
        head = uow.audit_trail.head()
        last = uow.settings.get_json(CHECKPOINT_SETTING)
        last_seq = last.get("seq") if isinstance(last, dict) else None
        seen = uow.audit_trail.entry(last_seq) if isinstance(last_seq, int) else None
    if (
        isinstance(last, dict)
        and isinstance(last_seq, int)
        and (seen is None or seen.hash != last.get("head_hash"))
    ):
        raise_checkpoint_alarm(opened, last_seq, "differs_from_last_checkpoint")  # rewritten or cut
        return False
    if head is None or (last_seq == head.seq and not force):
        return False
    try:
        receipt = platform.checkpoint(head.seq, head.hash, head.signed_at.isoformat())
    except PlatformError as refused:
        if is_checkpoint_conflict(refused):
            raise_checkpoint_alarm(opened, head.seq, str(refused.data.get("code") or "checkpoint_conflict"))
        raise
    with opened.unit_of_work() as uow:
        uow.settings.set_json(CHECKPOINT_SETTING, dict(receipt))
        uow.commit()
    return True
