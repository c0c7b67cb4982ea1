"""Audit checkpoints: the signed head of the audit trail sent to the platform after a good pass."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.errors import PlatformError
from app.syncing.ports import AuditCheckpoints

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


CHECKPOINT_SETTING = "sync.audit_checkpoint"  # the platform's signed receipt of the last checkpoint


def send_audit_checkpoint(opened: OpenedProfile, platform: AuditCheckpoints, *, force: bool = False) -> bool:
    """Send the signed audit head if it moved since the last checkpoint (or ``force``); keeps the
    platform's receipt. A refusal (the platform saw another chain) or a head behind the last receipt
    raises the persistent audit alarm (app.wiring.audit) before the error goes on."""
    from app.wiring.audit import is_checkpoint_conflict, raise_checkpoint_alarm

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
