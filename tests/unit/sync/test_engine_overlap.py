"""The engine stores each answer while the platform works on the next batch (``overlap_answers``):
one request in flight at a time, the feed asked for only where its page cannot overlap the page
still to be applied, and a failed request stops the pass before anything else is sent."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from app.security.device import DeviceIdentity
from app.syncing.ports import ItemOutcome, OutgoingItem, PlatformUnavailable, StatusPage
from tests.fakes import FakeState, FakeUnitOfWork
from tests.integration.sync.support import Desk, MemoryDesk, engine
from tests.unit.sync.fake_platform import FakePlatform

HANG_GUARD_S = 120  # only an engine that never sends the next batch waits this long (and fails)


@dataclass
class FeedPlatform(FakePlatform):
    """The fake platform whose batch answers carry the feed after the desk's cursor, as the
    sandbox's do; it logs each call (``submit``, ``submit+feed``, ``check``, ``fetch``) and counts
    the requests in flight."""

    log: list[str] = field(default_factory=list)
    fail_batch: int = 0  # the n-th batch request fails (503) once; 0: none
    most_in_flight: int = 0
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def _request(self, name: str) -> Iterator[None]:
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
            self.log.append(name)
            failing = (
                name.startswith("submit")
                and self.log.count("submit") + self.log.count("submit+feed") == self.fail_batch
            )
        try:
            if failing:
                self.log.append("failed")
                raise PlatformUnavailable("平台不可用", "platform down")
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    def check(self) -> None:
        self.log.append("check")

    def submit_batch(self, items: Sequence[OutgoingItem]) -> list[ItemOutcome]:
        with self._request("submit"):
            return super().submit_batch(items)

    def submit_batch_with_feed(
        self, items: Sequence[OutgoingItem], cursor: str
    ) -> tuple[list[ItemOutcome], StatusPage | None]:
        with self._request("submit+feed"):
            outcomes = super().submit_batch(items)
            return outcomes, super().fetch_status(cursor, 1000)

    def fetch_status(self, cursor: str, limit: int) -> StatusPage:
        self.log.append("fetch")
        return super().fetch_status(cursor, limit)


def _licences(store: Desk, count: int) -> None:
    store.queue_cases(count, services=("license",))


def test_every_item_goes_once_one_request_in_flight_the_feed_every_other_batch(store: Desk) -> None:
    _licences(store, 30)
    platform = FeedPlatform()
    report = engine(store, platform, batch_max_items=4).run_once()
    assert report.ok, report
    assert store.counts() == {"completed": 30}
    assert len(platform.received) == len(set(platform.received)) == 30
    assert platform.most_in_flight == 1
    sends = [call for call in platform.log if call.startswith("submit")]
    assert len(sends) == 8
    # a batch sent while the page of the answer before is still to be applied asks for none
    assert sends == ["submit+feed", "submit"] * 4
    assert report.events_applied == 60  # accepted and completed, each once


def test_the_next_batch_goes_out_before_the_answer_before_is_stored() -> None:
    second_sent = threading.Event()
    held = HoldingDesk(second_sent)
    _licences(held, 8)
    platform = FeedPlatform()
    sends = platform.submit_batch

    def submit(items: Sequence[OutgoingItem]) -> list[ItemOutcome]:
        second_sent.set()  # the second batch asks for no feed: its page would overlap the first's
        return sends(items)

    platform.submit_batch = submit  # type: ignore[method-assign]
    report = engine(held, platform, batch_max_items=4).run_once()
    assert report.ok, report
    assert held.first_answer_waited_for_second_batch is True
    assert held.counts() == {"completed": 8}


def test_a_failed_request_stops_the_pass_before_anything_else_is_sent(store: Desk) -> None:
    _licences(store, 20)
    platform = FeedPlatform(fail_batch=3)
    report = engine(store, platform, batch_max_items=4).run_once()  # the pass tries again itself
    assert report.ok, report
    failed_at = platform.log.index("failed")
    assert platform.log[failed_at + 1] == "check"  # no other batch went out after the failure
    assert store.counts() == {"completed": 20}
    assert len(set(platform.received)) == 20


def test_without_overlap_each_answer_is_stored_before_the_next_batch(store: Desk) -> None:
    _licences(store, 12)
    platform = FeedPlatform()
    report = engine(store, platform, batch_max_items=4, overlap_answers=False).run_once()
    assert report.ok, report
    assert [call for call in platform.log if call.startswith("submit")] == ["submit+feed"] * 3
    assert store.counts() == {"completed": 12}


class HoldingDesk(MemoryDesk):
    """Holds the commit of the first batch's answer until ``second_sent`` is set, and records whether
    it was: an engine that stores each answer before sending the next batch never sets it."""

    def __init__(self, second_sent: threading.Event) -> None:
        super().__init__(DeviceIdentity.generate("desk-test"))
        self.second_sent = second_sent
        self.first_answer_waited_for_second_batch: bool | None = None

    def unit(self) -> FakeUnitOfWork:
        return _HoldingUnit(self, self.state, device=self.device, training=True)


class _HoldingUnit(FakeUnitOfWork):
    def __init__(self, desk: HoldingDesk, state: FakeState, **options: object) -> None:
        super().__init__(state, **options)  # type: ignore[arg-type]
        self._desk = desk

    def commit(self) -> None:
        if _answers(self._working) == 1 and _answers(self.state) == 0:
            self._desk.first_answer_waited_for_second_batch = self._desk.second_sent.wait(HANG_GUARD_S)
        super().commit()


def _answers(state: FakeState) -> int:
    return sum(1 for entry in state.audit if entry["action"] == "sync.batch")
