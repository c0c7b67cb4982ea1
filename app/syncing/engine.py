"""The sync engine: sends the outbox to the platform and brings agency outcomes back. No HTTP here.

One pass (``run_once``), in rounds until a round changes nothing:

1. ``gateway.check()``: reachable, right mode, clocks in step;
2. push: take due submissions (fewest dependencies first, then oldest), bounded by count and bytes;
   make sure the platform holds their attachments; send them in one request; store each item's own
   outcome. A refused batch is split in halves until the poison item stands alone; that item is
   quarantined with its reason after ``max_failures`` refusals, and nothing else waits for it;
3. pull: apply the status feed from the stored cursor (``app.syncing.pull``); completions give waiting
   submissions their payload, and the next round sends them.

Where the platform offers it (``FeedInAnswers``), each batch answer also carries the feed page after
the desk's cursor, with the outcomes the agencies decided at once; it is applied like a pulled page
(page and cursor in one transaction), so a round trip needs no separate feed request and the
dependent services are built and sent in the same push.

A network failure is retried a few times, then ends the pass and is recorded (last error, next
attempt) for the desk to show; the next pass resumes. A pass in which the platform refused any batch
whole is not a good pass (``SyncReport.good``): it is recorded with the refusal as its last error and
leaves ``last_success_at`` where the last good pass put it. Nothing counts as sent before the platform's
answer is stored, and the platform answers a resent item with its first answer, so a crash or kill
anywhere loses nothing and duplicates nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import NamedTuple

from app.clock import Clock, utc_now
from app.errors import BizdeskError, PlatformError
from app.syncing.model import OutboxEntry, SyncState
from app.syncing.model import SyncUnitOfWork as UnitOfWork
from app.syncing.outcomes import refused_alone, store_outcome
from app.syncing.ports import (
    AttachmentRef,
    AttachmentSource,
    BatchRefused,
    FeedInAnswers,
    ItemOutcome,
    PlatformGateway,
    PlatformUnavailable,
    StatusPage,
)
from app.syncing.pull import CaseUpdater, PayloadBuilder, StatusApplier
from app.syncing.report import SyncPolicy as SyncPolicy
from app.syncing.report import SyncReport as SyncReport
from app.syncing.rules import backoff_seconds


class SyncEngine:
    def __init__(
        self,
        units: Callable[[], UnitOfWork],
        gateway: PlatformGateway,
        *,
        attachments: AttachmentSource | None = None,
        update_case: CaseUpdater | None = None,
        build_payload: PayloadBuilder | None = None,
        policy: SyncPolicy | None = None,
        clock: Clock = utc_now,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._units = units
        self._gateway = gateway
        self._attachments = attachments
        self._status = StatusApplier(update_case, build_payload)
        self.policy = policy or SyncPolicy()
        self._clock = clock
        self._sleep = sleep
        self._sent = self._batches = self._applied = self._built = self._refusals = 0
        self._fresh = False  # the feed was read to its end by the last batch answer

    # -- one pass -------------------------------------------------------------------------------

    def run_once(self) -> SyncReport:
        """Push and pull until quiet; a platform failure is recorded and reported, never raised."""
        self._sent = self._batches = self._applied = self._built = self._refusals = 0
        failure: BizdeskError | None = None
        try:
            self._with_transport_retries()
            self._record(success=True, refused=BatchesRefused(self._refusals) if self._refusals else None)
        except PlatformError as error:
            self._record(success=False, error=error)
            failure = error
        return self.report(failure)

    def _with_transport_retries(self) -> None:
        for attempt in range(1, self.policy.transport_retries + 2):
            try:
                self._rounds()
                return
            except PlatformUnavailable as error:
                if attempt > self.policy.transport_retries:
                    raise
                self._record(success=False, error=error)
                self._sleep(backoff_seconds(attempt, base=0.2, cap=self.policy.transport_retry_cap))

    def _rounds(self) -> None:
        self._gateway.check()
        for _ in range(self.policy.max_rounds):
            before = (self._sent, self._applied, self._built)
            self._fresh = False
            self._push(self._clock())
            if not self._fresh:  # the last batch answer brought the whole feed: no need to ask again
                self._pull()
            if (self._sent, self._applied, self._built) == before:
                return

    def report(self, failure: BizdeskError | None = None) -> SyncReport:
        """The pass's report; a pass that ran with refused batches is ok but not good, and says why."""
        ok = failure is None
        if failure is None and self._refusals:
            failure = BatchesRefused(self._refusals)
        with self._units() as uow:
            store = uow.outbox
            counts, state = store.counts(), store.state()
        return SyncReport(
            ok=ok,
            counts=counts,
            sent=self._sent,
            batches=self._batches,
            events_applied=self._applied,
            batches_refused=self._refusals,
            error_code=failure.code if failure else None,
            error_zh=failure.message_zh if failure else None,
            error_en=failure.message_en if failure else None,
            last_success_at=state.last_success_at,
            next_attempt_at=state.next_attempt_at,
        )

    def push(self) -> int:
        """Only send what is due now, no status pull (benchmarks; a quick "send now"); returns how many
        items went out. Platform errors propagate."""
        self._sent = 0
        self._push(self._clock())
        return self._sent

    def close(self) -> None:
        self._gateway.close()

    def state(self) -> SyncState:
        with self._units() as uow:
            return uow.outbox.state()

    def _record(
        self, *, success: bool, error: BizdeskError | None = None, refused: BatchesRefused | None = None
    ) -> None:
        """The pass's end: a good pass moves ``last_success_at``; a pass that ran to its end with
        refused batches keeps it and shows the refusal as the last error (no back-off: the platform
        answers, and the refused items wait on their own); a failed pass backs off."""
        now = self._clock()
        with self._units() as uow:
            store = uow.outbox
            state = store.state()
            if success and refused is not None:
                state = replace(
                    state,
                    last_attempt_at=now,
                    last_error=refused.message_zh,
                    last_error_code=refused.code,
                    next_attempt_at=None,
                    consecutive_failures=0,
                )
            elif success:
                state = replace(
                    state,
                    last_attempt_at=now,
                    last_success_at=now,
                    last_error=None,
                    last_error_code=None,
                    next_attempt_at=None,
                    consecutive_failures=0,
                )
            else:
                failures = state.consecutive_failures + 1
                wait = backoff_seconds(
                    failures, base=self.policy.pass_retry_base, cap=self.policy.pass_retry_cap
                )
                state = replace(
                    state,
                    last_attempt_at=now,
                    consecutive_failures=failures,
                    last_error=error.message_zh if error else None,
                    last_error_code=error.code if error else None,
                    next_attempt_at=now + dt.timedelta(seconds=wait),
                )
            store.save_state(state)
            uow.commit()

    # -- push -----------------------------------------------------------------------------------

    def _push(self, round_started: dt.datetime) -> None:
        """Send until nothing is due. An item tried in this round is due again only after the round
        started, so the loop ends whatever the platform answers.

        With ``overlap_answers``, each batch goes out as soon as the answer to the one before has
        arrived, and that answer is stored while the platform works on the new one (one request in
        flight at a time: a failed request stops the pass before anything else is sent). A batch sent
        while the page of the answer before is still to be applied asks for no feed page (it would
        overlap that page); the next one asks for it from the cursor then stored."""
        if not self.policy.overlap_answers:
            while batch := self._next_batch(round_started):
                ready = self._ensure_attachments(batch)
                if ready:
                    self._send(ready)
            return
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bizdesk-sync-send") as sender:
            flight: _Flight | None = None
            while True:
                batch, ready = self._prepare(round_started, flight)
                if flight is None:
                    if not batch:
                        return
                    flight = self._dispatch(sender, ready, with_feed=True) if ready else None
                    continue
                answer = self._landed(flight)
                if answer is None:  # refused: sent again in halves, alone; the next batch is read again
                    flight = None
                    continue
                flight = self._dispatch(sender, ready, with_feed=answer[2] is None) if ready else None
                self._record_answer(*answer)
                if flight is None and not batch:
                    return

    def _prepare(
        self, round_started: dt.datetime, flight: _Flight | None
    ) -> tuple[list[OutboxEntry], list[OutboxEntry]]:
        """(the next batch, those of it whose scans the platform holds), read while ``flight`` is in
        the air; should uploading its scans fail, the answer to ``flight`` is still stored first."""
        try:
            batch = self._next_batch(round_started, flight.keys if flight else frozenset())
            return batch, self._ensure_attachments(batch) if batch else []
        except PlatformError:
            answer = self._landed(flight) if flight is not None else None
            if answer is not None:
                self._record_answer(*answer)
            raise

    def _dispatch(self, sender: ThreadPoolExecutor, batch: list[OutboxEntry], *, with_feed: bool) -> _Flight:
        cursor = self._cursor() if with_feed and self._feed_offered() else None
        return _Flight(batch, cursor, sender.submit(self._request, batch, cursor))

    def _landed(self, flight: _Flight) -> _Answer | None:
        """The answer to a batch in flight; None when the batch was refused (then sent again in halves)."""
        try:
            outcomes, page = flight.future.result()
        except BatchRefused as refused:
            self._refused(flight.batch, refused)
            return None
        except PlatformUnavailable as error:
            self._note_attempt(flight.batch, error)
            raise
        return flight.batch, outcomes, page, flight.cursor or ""

    def _next_batch(self, now: dt.datetime, skip: frozenset[str] = frozenset()) -> list[OutboxEntry]:
        """The next due submissions, up to the batch limits; ``skip``: those of the batch in flight."""
        with self._units() as uow:
            due = uow.outbox.due(now, self.policy.batch_max_items + len(skip))
        batch: list[OutboxEntry] = []
        size = 0
        for entry in due:
            if entry.idempotency_key in skip:
                continue
            if len(batch) == self.policy.batch_max_items or (
                batch and size + entry.payload_bytes > self.policy.batch_max_bytes
            ):
                break
            batch.append(entry)
            size += entry.payload_bytes
        return batch

    def _send(self, batch: Sequence[OutboxEntry]) -> None:
        cursor = self._cursor() if self._feed_offered() else None
        try:
            outcomes, page = self._request(batch, cursor)
        except BatchRefused as refused:
            self._refused(batch, refused)
            return
        except PlatformUnavailable as error:
            self._note_attempt(batch, error)
            raise
        self._record_answer(batch, outcomes, page, cursor or "")

    def _refused(self, batch: Sequence[OutboxEntry], refused: BatchRefused) -> None:
        self._refusals += 1
        if len(batch) == 1:
            self._refused_alone(batch[0], refused)
            return
        middle = len(batch) // 2  # isolate the poison item: halves until it stands alone
        self._send(batch[:middle])
        self._send(batch[middle:])

    def _feed_offered(self) -> bool:
        return self.policy.feed_in_answers and isinstance(self._gateway, FeedInAnswers)

    def _cursor(self) -> str:
        with self._units() as uow:
            return uow.outbox.state().cursor

    def _request(
        self, batch: Sequence[OutboxEntry], cursor: str | None
    ) -> tuple[list[ItemOutcome], StatusPage | None]:
        """Send one batch; with a ``cursor``, its answer carries the feed after it. No database here:
        with ``overlap_answers`` this runs in the sender thread."""
        items = [entry.outgoing() for entry in batch]
        if cursor is None:
            return self._gateway.submit_batch(items), None
        assert isinstance(self._gateway, FeedInAnswers)
        return self._gateway.submit_batch_with_feed(items, cursor)

    def _note_attempt(self, batch: Sequence[OutboxEntry], error: BizdeskError) -> None:
        with self._units() as uow:
            keys = [e.idempotency_key for e in batch]
            uow.outbox.note_attempt(keys, now=self._clock(), error=error.message_en)
            uow.commit()

    def _record_answer(
        self,
        batch: Sequence[OutboxEntry],
        outcomes: Sequence[ItemOutcome],
        page: StatusPage | None,
        cursor: str,
    ) -> None:
        """Each item's outcome and the feed page the answer carried, in one transaction."""
        now = self._clock()
        with self._units() as uow:
            store = uow.outbox
            store.prefetch([entry.idempotency_key for entry in batch])  # one read for the marks below
            tally: dict[str, int] = {}
            for entry, outcome in zip(batch, outcomes, strict=True):
                state = store_outcome(uow, entry, outcome, now, self.policy)
                tally[state] = tally.get(state, 0) + 1
            uow.audit.append("sync.batch", actor=None, details={"items": len(batch), "outcomes": tally})
            applied = page is not None and self._apply_in(uow, cursor, page)
            uow.commit()
        self._batches += 1
        self._sent += len(batch)
        if page is not None and applied:
            self._applied += len(page.events)
        self._fresh = page is not None and applied and not page.has_more

    def _refused_alone(self, entry: OutboxEntry, error: BizdeskError) -> None:
        with self._units() as uow:
            refused_alone(uow, entry, error, self._clock(), self.policy)
            uow.commit()

    def _ensure_attachments(self, batch: list[OutboxEntry]) -> list[OutboxEntry]:
        """The items whose attachments the platform now holds; each of the others counts a refusal.

        What the platform holds completely is remembered in the store, so no later pass nor process
        sends a byte of it again (until the platform answers ``attachment_missing`` for it)."""
        wanted = {ref.sha256: ref for entry in batch for ref in entry.attachments}
        if not wanted:
            return batch
        with self._units() as uow:
            held = uow.outbox.uploaded(wanted)
        refs = [ref for sha, ref in wanted.items() if sha not in held]
        broken = self._upload(refs) if refs else {}
        sent = [ref.sha256 for ref in refs if ref.sha256 not in broken]
        if sent:
            with self._units() as uow:
                uow.outbox.mark_uploaded(sent, now=self._clock())
                uow.commit()
        for entry in batch:
            failed = next((broken[r.sha256] for r in entry.attachments if r.sha256 in broken), None)
            if failed is not None:
                self._refused_alone(entry, failed)
        return [e for e in batch if not any(r.sha256 in broken for r in e.attachments)]

    def _upload(self, refs: Sequence[AttachmentRef]) -> Mapping[str, BizdeskError]:
        """Errors by SHA-256 of the scans that could not be sent (the others the platform now holds)."""
        if self._attachments is None:
            error = PlatformError(
                "本机未配置附件存储，无法上传附件。",
                "No attachment store is configured on this desk.",
                code="attachments_unavailable",
            )
            return {ref.sha256: error for ref in refs}
        return self._gateway.ensure_attachments(refs, self._attachments)

    # -- pull -----------------------------------------------------------------------------------

    def _pull(self) -> None:
        with self._units() as uow:
            cursor = uow.outbox.state().cursor
        while True:
            page = self._gateway.fetch_status(cursor, self.policy.status_page)
            if not self._apply_page(cursor, page):
                return
            cursor = page.next_cursor
            if not page.has_more or not page.events:
                return

    def _apply_page(self, cursor: str, page: StatusPage) -> bool:
        """Apply a feed page read after ``cursor`` and store its end, in one transaction, so every
        event is applied once. False (nothing done) when the stored cursor moved meanwhile (another
        sync process applied it): the next pull reads on from where that one stopped."""
        with self._units() as uow:
            if not self._apply_in(uow, cursor, page):
                return False
            uow.commit()
        self._applied += len(page.events)
        return True

    def _apply_in(self, uow: UnitOfWork, cursor: str, page: StatusPage) -> bool:
        """``_apply_page`` in the caller's transaction (the caller commits)."""
        store = uow.outbox
        state = store.state()
        if state.cursor != cursor:
            return False
        self._built += self._status.apply(uow, store, page.events, self._clock())
        store.save_state(replace(state, cursor=page.next_cursor))
        return True


class BatchesRefused(PlatformError):
    """The platform refused batches of a pass whole: the pass is not a good one (what it said of each
    item is on the item; an item refused alone ``max_failures`` times is quarantined)."""

    code = "sync.batches_refused"
    title_zh = "平台拒收"
    title_en = "Batches refused"

    def __init__(self, count: int) -> None:
        super().__init__(
            f"政务平台拒收了本次同步的 {count} 批提交，本次同步不算成功；被拒的提交稍后单独重发，"
            "多次被拒的进入隔离区（见下方需处理的提交）。如持续出现，请联系IT支持。",
            f"The platform refused {count} batch(es) of this sync pass whole, so the pass does not count "
            "as a good sync; the refused submissions are retried alone later, and those refused again "
            "and again are quarantined (listed below). If this persists, contact IT support.",
        )


class _Flight(NamedTuple):
    """A batch sent, its answer not yet stored."""

    batch: list[OutboxEntry]
    cursor: str | None  # the feed cursor the batch carried (None: it asked for no page)
    future: Future[tuple[list[ItemOutcome], StatusPage | None]]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(entry.idempotency_key for entry in self.batch)


_Answer = tuple[list[OutboxEntry], list[ItemOutcome], StatusPage | None, str]
