"""What a sync pass may do (``SyncPolicy``) and what it did (``SyncReport``), as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.syncing.model import PLATFORM_ACCEPTED


@dataclass(frozen=True)
class SyncPolicy:
    batch_max_items: int = 200
    batch_max_bytes: int = 512 * 1024  # payload bytes before compression
    max_failures: int = 3  # refusals of an item sent alone before it is quarantined
    item_retry_base: float = 2.0
    item_retry_cap: float = 600.0
    pass_retry_base: float = 1.0
    pass_retry_cap: float = 300.0
    transport_retries: int = 4  # within one pass, before giving up until the next
    transport_retry_cap: float = 2.0
    status_page: int = 1000  # events per feed page (the platform's largest)
    feed_in_answers: bool = True  # ask for the feed in batch answers where the platform offers it
    # store each answer while the platform works on the next batch (one request in flight at a time)
    overlap_answers: bool = True
    max_rounds: int = 20


@dataclass(frozen=True)
class SyncReport:
    """What one pass did and where the outbox stands (``bizdesk sync --json`` prints ``as_json``)."""

    ok: bool
    counts: dict[str, int]
    sent: int = 0
    batches: int = 0  # batches the platform answered
    events_applied: int = 0
    batches_refused: int = 0  # requests the platform refused whole (``BatchRefused``)
    error_code: str | None = None
    error_zh: str | None = None
    error_en: str | None = None
    last_success_at: dt.datetime | None = None
    next_attempt_at: dt.datetime | None = None

    @property
    def good(self) -> bool:
        """A good sync pass (docs/sync-protocol.md, "A good sync pass"): it reached the platform and ran
        to its end, and the platform refused none of its batches, so when it sent anything, at least
        one batch was accepted. Only a good pass moves ``last_success_at``."""
        return self.ok and self.batches_refused == 0

    @property
    def pending(self) -> int:
        return self.counts.get("waiting", 0) + self.counts.get("pending", 0)

    @property
    def accepted(self) -> int:
        """Submissions the platform holds (accepted, needing correction, or completed)."""
        return sum(self.counts.get(state, 0) for state in PLATFORM_ACCEPTED)

    def as_json(self) -> dict[str, Any]:
        error = None
        if self.error_code is not None:
            error = {"code": self.error_code, "message_zh": self.error_zh, "message_en": self.error_en}
        return {
            "ok": self.ok,
            "good": self.good,
            "pending": self.pending,
            "accepted": self.accepted,
            "completed": self.counts.get("completed", 0),
            "needs_correction": self.counts.get("needs_correction", 0),
            "rejected": self.counts.get("rejected", 0),
            "quarantined": self.counts.get("quarantined", 0),
            "sent": self.sent,
            "batches": self.batches,
            "batches_refused": self.batches_refused,
            "events_applied": self.events_applied,
            "error": error,
            "last_success_at": self.last_success_at.isoformat() if self.last_success_at else None,
            "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None,
        }
