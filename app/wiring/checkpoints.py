"""Audit checkpoints: the signed head of the audit trail sent to the platform after a good pass."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.syncing.ports import AuditCheckpoints

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


CHECKPOINT_SETTING = "sync.audit_checkpoint"  # the platform's signed receipt of the last checkpoint


def send_audit_checkpoint(opened: OpenedProfile, platform: AuditCheckpoints) -> bool:
    """Send the signed audit head if it moved since the last checkpoint; keeps the platform's receipt."""
    with opened.read_unit_of_work() as uow:
        head = uow.audit_trail.head()
        last = uow.settings.get_json(CHECKPOINT_SETTING)
    if head is None or (isinstance(last, dict) and last.get("seq") == head.seq):
        return False
    receipt = platform.checkpoint(head.seq, head.hash, head.signed_at.isoformat())
    with opened.unit_of_work() as uow:
        uow.settings.set_json(CHECKPOINT_SETTING, dict(receipt))
        uow.commit()
    return True
