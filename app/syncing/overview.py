"""What the 同步中心 (sync centre) shows: the queue, the last success, errors with reasons; and the
IT action of sending a quarantined submission again. Plain data, no network."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.case.enums import service_label_zh
from app.errors import InputRejected
from app.ports import UnitOfWork
from app.syncing.model import OutboxState, OutboxStore, SyncState


@dataclass(frozen=True)
class AttentionItem:
    """A submission someone must look at, with the reason in words."""

    idempotency_key: str
    case_id: str
    service: str
    service_zh: str
    state: str
    reason: str
    attempts: int
    updated_at: dt.datetime | None


@dataclass(frozen=True)
class SyncOverview:
    enrolled: bool
    platform_url: str | None
    mode: str | None
    waiting: int  # queued, waiting for the results of another service
    pending: int  # ready to send (or retrying)
    accepted: int
    completed: int
    needs_correction: int
    rejected: int
    quarantined: int
    last_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str | None
    next_attempt_at: dt.datetime | None
    attention: tuple[AttentionItem, ...]


def overview(outbox: OutboxStore, *, attention_limit: int = 50) -> SyncOverview:
    counts = outbox.counts()
    state: SyncState = outbox.state()
    attention = tuple(
        AttentionItem(
            idempotency_key=e.idempotency_key,
            case_id=e.case_id,
            service=e.service,
            service_zh=service_label_zh(e.service),
            state=e.state,
            reason="；".join(e.reasons)
            or "；".join(p.message_zh for p in e.problems)
            or (e.last_error or ""),
            attempts=e.attempts,
            updated_at=e.last_attempt_at,
        )
        for e in outbox.needing_attention(attention_limit)
    )
    return SyncOverview(
        enrolled=state.enrolled is not None,
        platform_url=state.enrolled.platform_url if state.enrolled else None,
        mode=state.enrolled.mode if state.enrolled else None,
        waiting=counts.get("waiting", 0),
        pending=counts.get("pending", 0),
        accepted=counts.get("accepted", 0),
        completed=counts.get("completed", 0),
        needs_correction=counts.get("needs_correction", 0),
        rejected=counts.get("rejected", 0),
        quarantined=counts.get("quarantined", 0),
        last_attempt_at=state.last_attempt_at,
        last_success_at=state.last_success_at,
        last_error=state.last_error,
        next_attempt_at=state.next_attempt_at,
        attention=attention,
    )


def requeue_quarantined(
    uow: UnitOfWork, outbox: OutboxStore, idempotency_key: str, *, by: str | None, now: dt.datetime
) -> None:
    """IT: send a quarantined submission again, with the same key and content (refusal count reset).

    A submission quarantined for a key conflict must instead be submitted anew from its case.
    """
    entry = outbox.get(idempotency_key)
    if entry is None or entry.state != "quarantined":
        raise InputRejected(
            "该提交不在隔离区，无需重发。", "This submission is not quarantined; nothing to resend."
        )
    if (entry.last_error or "").startswith("conflict"):
        raise InputRejected(
            "该提交与平台已有记录冲突，不能原样重发；请在案卷中修改后重新提交。",
            "This submission conflicts with what the platform holds and cannot be resent as is; "
            "submit the case again.",
        )
    state: OutboxState = "pending" if entry.payload is not None else "waiting"
    outbox.mark(idempotency_key, state, now=now, failures=0, next_attempt_at=now, last_error=None)
    uow.audit.append("sync.requeue", actor=by, subject=entry.case_id, details={"service": entry.service})
    uow.commit()
