"""The desk's background sync is held while the data key is rotated: a rotation asked for during a
pass waits for the pass to end, and the next pass goes on under the new key. Real training profile,
real sandbox over loopback HTTP; the order is shown by events, never by sleeping."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from app.accounts.service import TRAINING_PASSWORD
from app.desk.admin_api import KeyRotated
from app.services.submission import submit_all_ready
from app.services.sync_centre import SyncCentre
from app.services.sync_pass import DeskSync
from app.syncing.engine import SyncReport
from app.syncing.model import PLATFORM_ACCEPTED, Enrolled
from app.syncing.platform import Signer
from app.syncing.ports import OutgoingItem, PlatformGateway
from app.training.seeding import seed_cases
from app.wiring.desk_runtime import page_desk
from app.wiring.profile import OpenedProfile
from app.wiring.sandbox import start_embedded_sandbox
from app.wiring.services import http_platform
from tests.integration.sync.support import accepted_per_service


class HoldingGateway:
    """The real HTTP gateway, held at the pass's first submission until the test releases it."""

    def __init__(self, real: PlatformGateway, opened: OpenedProfile, log: list[tuple[str, int]]) -> None:
        self._real, self._opened, self._log = real, opened, log
        self.sending, self.release = threading.Event(), threading.Event()

    def _hold(self) -> None:
        self._log.append(("submit", self._opened.key_file.key_version))
        self.sending.set()
        self.release.wait()

    def submit_batch(self, items: Sequence[OutgoingItem]) -> Any:
        self._hold()
        return self._real.submit_batch(items)

    def submit_batch_with_feed(self, items: Sequence[OutgoingItem], cursor: str) -> Any:
        self._hold()
        return self._real.submit_batch_with_feed(items, cursor)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def test_a_rotation_during_a_sync_pass_waits_for_it_and_nothing_is_lost_or_sent_twice(
    opened: OpenedProfile,
) -> None:
    _url, stop_sandbox = start_embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
    with opened.store.unit_of_work() as uow:
        seed_cases(uow, 6, training=True, seed=11)
    with opened.store.unit_of_work() as uow:
        submitted = submit_all_ready(uow, by="trainer")
    assert submitted
    log: list[tuple[str, int]] = []
    passes = threading.Semaphore(0)
    holding: list[HoldingGateway] = []
    made = threading.Event()

    real = http_platform(opened)

    class HoldingPlatform:
        def gateway(self, enrolled: Enrolled, signer: Signer) -> PlatformGateway:
            gateway = HoldingGateway(real.gateway(enrolled, signer), opened, log)
            if holding:  # only the first pass is held
                gateway.release.set()
            holding.append(gateway)
            made.set()
            return gateway

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    class LoggedSync(DeskSync):
        def background_pass(self) -> SyncReport:
            report = super().background_pass()
            log.append(("pass_end", opened.key_file.key_version))
            passes.release()
            return report

    hub = SyncCentre(LoggedSync(opened.store, HoldingPlatform(), files=opened.files, clock=opened.clock))
    asked = threading.Event()

    @contextmanager
    def pause_and_tell() -> Iterator[None]:
        asked.set()  # the rotation is about to wait for the pass
        with hub.paused():
            yield

    it = page_desk(opened, pause_sync=pause_and_tell)
    assert it.login("itadmin", TRAINING_PASSWORD).ok
    rotated: list[KeyRotated] = []
    try:
        hub.start()
        made.wait()
        first_gateway = holding[0]
        first_gateway.sending.wait()  # the pass is in progress, holding its first submission

        def rotate() -> None:
            rotated.append(it.admin_rotate_key(TRAINING_PASSWORD))
            log.append(("rotated", opened.key_file.key_version))

        rotation = threading.Thread(target=rotate)
        rotation.start()
        asked.wait()
        first_gateway.release.set()  # the pass goes on; the rotation waits for its end
        rotation.join()
        passes.acquire()  # the first pass's end
        hub.sync_now()
        passes.acquire()  # a pass under the new key
    finally:
        for gateway in holding:
            gateway.release.set()
        hub.stop()
        stop_sandbox()
    assert rotated == [KeyRotated(2)]
    first_end = log.index(("pass_end", 1))
    assert all(version == 1 for _, version in log[:first_end])  # the first pass ran under one key
    assert log.index(("rotated", 2)) > first_end  # the rotation waited for it
    assert log[-1] == ("pass_end", 2)
    accepted = accepted_per_service(opened.profile.root / "sandbox" / "sandbox.db")
    assert set(accepted.values()) == {1}  # nothing sent twice
    with opened.store.read_unit_of_work() as uow:
        entries = [entry for result in submitted for entry in uow.outbox.for_case(result.case_id)]
        held = {(e.case_id, e.service) for e in entries if e.state in PLATFORM_ACCEPTED}
        assert held  # the passes sent this desk's submissions ...
        assert held <= set(accepted)  # ... and the platform holds every one the desk counts as sent
        assert not [e for e in entries if e.state in ("quarantined", "rejected")]
        assert uow.audit_trail.verify().ok
        assert "key.rotate" in [entry.action for entry in uow.audit_trail.entries()]
