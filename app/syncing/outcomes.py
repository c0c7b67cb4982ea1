"""What one item's answer does to its outbox row: the platform's outcome, or a refusal of the item
sent alone. Plain functions over the outbox port, in the caller's transaction (the engine commits).

- accepted (or a duplicate of an acceptance): ``accepted`` with its receipt;
- rejected at the door (or a duplicate of a rejection): ``rejected`` with its field problems;
- conflict or invalid: ``quarantined``, visibly (an audit entry says why);
- retry later: ``pending`` again after its wait (a scan the platform says it lacks is uploaded again);
- refused alone ``max_failures`` times: ``quarantined``; before that, ``pending`` after a backoff.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.errors import BizdeskError
from app.syncing.model import OutboxEntry
from app.syncing.model import SyncUnitOfWork as UnitOfWork
from app.syncing.ports import ItemOutcome
from app.syncing.report import SyncPolicy
from app.syncing.rules import backoff_seconds

MISSING_ATTACHMENT = "attachment_missing:"


def store_outcome(
    uow: UnitOfWork,
    entry: OutboxEntry,
    outcome: ItemOutcome,
    now: dt.datetime,
    policy: SyncPolicy,
) -> str:
    """Record ``outcome`` on ``entry``'s row; returns what became of it (for the batch's audit tally)."""
    store = uow.outbox
    key, attempts = entry.idempotency_key, entry.attempts + 1
    common: dict[str, Any] = {"now": now, "attempts": attempts, "last_attempt_at": now}
    if outcome.outcome in ("accepted", "duplicate") and outcome.receipt is not None:
        store.mark(key, "accepted", receipt=outcome.receipt, last_error=None, **common)
        return "accepted"
    if outcome.outcome in ("rejected", "duplicate"):
        store.mark(key, "rejected", problems=outcome.problems, last_error=outcome.reason or None, **common)
        return "rejected"
    if outcome.outcome in ("conflict", "invalid"):
        quarantine(uow, entry, f"{outcome.outcome}: {outcome.reason}", common)
        return "quarantined"
    if outcome.reason.startswith(MISSING_ATTACHMENT):  # the platform lost it: upload it again
        store.forget_uploaded([outcome.reason.removeprefix(MISSING_ATTACHMENT)])
    wait = max(
        outcome.retry_after_seconds or 1.0,
        backoff_seconds(attempts, base=policy.item_retry_base, cap=policy.item_retry_cap),
    )
    store.mark(
        key, "pending", next_attempt_at=now + dt.timedelta(seconds=wait), last_error=outcome.reason, **common
    )
    return "retry_later"


def refused_alone(
    uow: UnitOfWork, entry: OutboxEntry, error: BizdeskError, now: dt.datetime, policy: SyncPolicy
) -> None:
    """The platform refused the batch holding ``entry`` alone: try again later, or quarantine it."""
    failures, attempts = entry.failures + 1, entry.attempts + 1
    common: dict[str, Any] = {"now": now, "attempts": attempts, "failures": failures, "last_attempt_at": now}
    if failures >= policy.max_failures:
        quarantine(uow, entry, f"refused {failures} times: {error.message_en}", common)
        return
    wait = max(1.0, backoff_seconds(failures, base=policy.item_retry_base, cap=policy.item_retry_cap))
    uow.outbox.mark(
        entry.idempotency_key,
        "pending",
        next_attempt_at=now + dt.timedelta(seconds=wait),
        last_error=error.message_en,
        **common,
    )


def quarantine(uow: UnitOfWork, entry: OutboxEntry, reason: str, common: dict[str, Any]) -> None:
    uow.outbox.mark(entry.idempotency_key, "quarantined", last_error=reason, **common)
    details = {"service": entry.service, "reason": reason[:300]}
    uow.audit.append("sync.quarantine", actor=None, subject=entry.case_id, details=details)
