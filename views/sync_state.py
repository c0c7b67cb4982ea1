"""What the 同步中心 draws, in plain Python: counts with labels, times, the problem, attention rows.

``sync_lines(view, texts)`` turns the core's ``SyncView`` into texts; the Flet screen
(``views.sync_centre``) only lays them out, so every wording decision is unit-tested here.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from app.clock import DESK_ZONE
from app.desk.api import SyncAttention, SyncView
from app.errors import UserMessage
from views.i18n import Strings, message_text

_DESK_OFFSET_SECONDS = DESK_ZONE.utcoffset(None).total_seconds()

# Queue states in the order a submission moves through them; the first two are still to send.
QUEUE_STATES: tuple[str, ...] = (
    "pending",
    "waiting",
    "accepted",
    "needs_correction",
    "completed",
    "rejected",
    "quarantined",
)
NEEDS_LOOK = frozenset({"needs_correction", "rejected", "quarantined"})


@dataclass(frozen=True)
class CountLine:
    state: str
    text: str  # "待报送：3"
    count: int
    warn: bool  # a non-zero count someone must act on


@dataclass(frozen=True)
class AttentionLine:
    title: str
    detail: str


@dataclass(frozen=True)
class SyncLines:
    running: bool
    status: str  # one sentence: running, the queue empty, or how much is left
    problem: str | None  # why the desk cannot sync or why the last pass failed
    warnings: tuple[str, ...]  # the offline guard's: new cases refused, a day without sync, many unsent
    counts: tuple[CountLine, ...]
    times: tuple[str, ...]  # last success, last attempt, next retry (when one is planned)
    platform: str | None
    attention: tuple[AttentionLine, ...]


def when_text(moment: dt.datetime | None, texts: Strings) -> str:
    """Local wall-clock time of the desk, to the second; "从未" when it never happened."""
    if moment is None:
        return texts.t("sync.never")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    # ``desk_time(moment).strftime(...)``'s text at a quarter of its cost (a list of 50 cases):
    # the desk's zone is a fixed offset, so its clock face is UTC shifted by it
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(moment.timestamp() + _DESK_OFFSET_SECONDS))


def count_lines(view: SyncView, texts: Strings) -> tuple[CountLine, ...]:
    lines = []
    for state in QUEUE_STATES:
        count = int(getattr(view, state))
        label = texts.t(f"sync.state.{state}")
        lines.append(
            CountLine(
                state,
                texts.t("sync.count", label=label, count=count),
                count,
                state in NEEDS_LOOK and count > 0,
            )
        )
    return tuple(lines)


def service_label(item: SyncAttention, texts: Strings) -> str:
    key = f"service.{item.service}"
    return texts.t(key) if key in texts.table else item.service_zh


def attention_line(item: SyncAttention, texts: Strings) -> AttentionLine:
    state_key = f"sync.state.{item.state}"
    state = texts.t(state_key) if state_key in texts.table else item.state
    return AttentionLine(
        title=texts.t("sync.attention.title", case_id=item.case_id, service=service_label(item, texts)),
        detail=texts.t(
            "sync.attention.detail",
            state=state,
            reason=item.reason or texts.t("sync.no_reason"),
            attempts=item.attempts,
        ),
    )


def status_sentence(view: SyncView, texts: Strings) -> str:
    """The headline, in the counts' own terms: what is to send (待报送) and, apart, what waits for an
    earlier service (等待前置办结), so it never says more is to send than the count under it."""
    if view.running:
        return texts.t("sync.running")
    if view.pending and view.waiting:
        return texts.t("sync.to_send_and_waiting", count=view.pending, waiting=view.waiting)
    if view.pending:
        return texts.t("sync.to_send", count=view.pending)
    if view.waiting:
        return texts.t("sync.only_waiting", waiting=view.waiting)
    return texts.t("sync.all_sent")


def _title(message: UserMessage, language: str) -> str:
    return message.title_en if language == "en" else message.title_zh


def sync_lines(view: SyncView, texts: Strings) -> SyncLines:
    status = status_sentence(view, texts)
    times = [
        texts.t("sync.last_success", when=when_text(view.last_success_at, texts)),
        texts.t("sync.last_attempt", when=when_text(view.last_attempt_at, texts)),
    ]
    if view.next_attempt_at is not None and view.problem is not None:
        times.append(texts.t("sync.next_attempt", when=when_text(view.next_attempt_at, texts)))
    return SyncLines(
        running=view.running,
        status=status,
        problem=message_text(view.problem, texts.language) if view.problem else None,
        warnings=tuple(
            f"{texts.t('sync.warning', title=_title(w, texts.language))}{message_text(w, texts.language)}"
            for w in view.warnings
        ),
        counts=count_lines(view, texts),
        times=tuple(times),
        platform=texts.t("sync.platform", url=view.platform_url) if view.platform_url else None,
        attention=tuple(attention_line(item, texts) for item in view.attention),
    )
