"""What the 同步中心 (sync centre) shows: the queue, the last success, errors with reasons; and the
IT action of sending a quarantined submission again. Plain data, no network.

``SyncView`` is the one type of that picture: the core builds it (``overview``) and the UI contract
(``app.desk.api``) hands it to the views as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.case.enums import service_label_zh
from app.errors import InputRejected, PlatformError, UserMessage, describe
from app.syncing.engine import SyncReport
from app.syncing.model import Enrolled, OutboxEntry, OutboxState, OutboxStore, SyncState
from app.syncing.model import SyncUnitOfWork as UnitOfWork


class NotEnrolled(PlatformError):
    code = "platform.not_enrolled"

    def __init__(self) -> None:
        super().__init__(
            "本机尚未在政务平台注册，无法同步；"
            "请IT人员运行 bizdesk device enroll --platform 地址 --code 注册码。",
            "This desk is not enrolled with the platform, so it cannot sync; IT runs "
            "bizdesk device enroll --platform URL --code CODE.",
        )


def require_enrolled(state: SyncState) -> Enrolled:
    """The desk's enrollment, or ``NotEnrolled``."""
    if state.enrolled is None:
        raise NotEnrolled()
    return state.enrolled


class SyncFailed(PlatformError):
    """The last pass failed; its words come from the engine's record or the last report."""

    code = "sync.failed"
    title_zh = "同步失败"
    title_en = "Sync failed"


@dataclass(frozen=True)
class SyncAttention:
    """A submission someone must look at (rejected, needing correction or quarantined), with the reason."""

    case_id: str
    service: str  # platform service key, e.g. "license"
    service_zh: str
    state: str
    reason: str
    attempts: int
    updated_at: dt.datetime | None
    idempotency_key: str = ""


@dataclass(frozen=True)
class SyncView:
    """What the 同步中心 shows: where the queue stands and how the last passes went.

    ``waiting`` waits for another service's results, ``pending`` is ready to send; ``running``
    is true while a pass is under way. ``problem`` says why the desk cannot sync (not enrolled)
    or why the last pass failed (the engine's record, or a pass that crashed), worded for the clerk.
    ``warnings``: new cases refused after too long without a good sync, a day without one, too many
    unsent cases.
    """

    enrolled: bool
    platform_url: str | None
    running: bool
    waiting: int
    pending: int
    accepted: int
    completed: int
    needs_correction: int
    rejected: int
    quarantined: int
    last_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    problem: UserMessage | None
    attention: tuple[SyncAttention, ...] = ()
    mode: str | None = None
    warnings: tuple[UserMessage, ...] = ()  # the offline guard's (app.services.offline_guard)


def attention_item(entry: OutboxEntry) -> SyncAttention:
    reason = (
        "；".join(entry.reasons)
        or "；".join(p.message_zh for p in entry.problems)
        or (entry.last_error or "")
    )
    return SyncAttention(
        case_id=entry.case_id,
        service=entry.service,
        service_zh=service_label_zh(entry.service),
        state=entry.state,
        reason=reason,
        attempts=entry.attempts,
        updated_at=entry.last_attempt_at,
        idempotency_key=entry.idempotency_key,
    )


def overview(
    outbox: OutboxStore,
    *,
    running: bool = False,
    report: SyncReport | None = None,
    attention_limit: int = 50,
) -> SyncView:
    """The sync centre's picture from the outbox; ``report`` (the background's last) adds what the
    store cannot know, such as a pass that crashed before recording anything."""
    counts = outbox.counts()
    state = outbox.state()
    enrolled = state.enrolled
    problem: UserMessage | None = None
    if report is not None and not report.ok and report.error_zh and report.error_code != NotEnrolled.code:
        problem = describe(SyncFailed(report.error_zh, report.error_en or report.error_zh))
    elif enrolled is None:
        problem = describe(NotEnrolled())
    elif state.last_error:
        problem = describe(SyncFailed(state.last_error, state.last_error))
    return SyncView(
        enrolled=enrolled is not None,
        platform_url=enrolled.platform_url if enrolled else None,
        mode=enrolled.mode if enrolled else None,
        running=running,
        waiting=counts.get("waiting", 0),
        pending=counts.get("pending", 0),
        accepted=counts.get("accepted", 0),
        completed=counts.get("completed", 0),
        needs_correction=counts.get("needs_correction", 0),
        rejected=counts.get("rejected", 0),
        quarantined=counts.get("quarantined", 0),
        last_attempt_at=state.last_attempt_at,
        last_success_at=state.last_success_at,
        next_attempt_at=state.next_attempt_at,
        problem=problem,
        attention=tuple(attention_item(e) for e in outbox.needing_attention(attention_limit)),
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
