"""The composition root on a real training profile: embedded sandbox, submit, sync, overview, checkpoint."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import Profile
from app.services.checkpoints import CHECKPOINT_SETTING
from app.services.submission import submit_all_ready
from app.syncing.background import BackgroundSync
from app.syncing.engine import SyncReport
from app.syncing.overview import NotEnrolled, overview
from app.training.seeding import seed_cases
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.services import desk_sync
from tests.integration.sync.support import embedded_sandbox


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedProfile]:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with open_profile(Profile("training", tmp_path / "training")) as profile:
        yield profile


def test_a_training_desk_syncs_with_its_own_sandbox(opened: OpenedProfile) -> None:
    with pytest.raises(NotEnrolled):
        desk_sync(opened).run_once()
    url, stop = embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
    try:
        assert url.startswith("http://127.0.0.1:")
        with opened.store.unit_of_work() as uow:
            seed_cases(uow, 16, training=True, seed=4)
        with opened.store.read_unit_of_work() as uow:
            seeded = sum(uow.outbox.counts().values())  # the seeded queued and submitted cases
        assert seeded
        with opened.store.unit_of_work() as uow:
            submitted = submit_all_ready(uow, by="trainer")
        assert submitted
        report = desk_sync(opened).run_once()
        assert report.ok, report
        with opened.store.read_unit_of_work() as uow:
            statuses = {r.case_id: uow.cases.get(r.case_id).summary.status for r in submitted}  # type: ignore[union-attr]
        assert set(statuses.values()) == {"completed"}
        with opened.store.read_unit_of_work() as uow:
            seen = overview(uow.outbox)
        assert seen.enrolled
        assert seen.mode == "training"
        assert seen.completed == seeded + sum(len(r.queued) for r in submitted)
        assert seen.pending == seen.waiting == seen.quarantined == 0
        assert seen.last_success_at is not None
        with opened.store.read_unit_of_work() as uow:
            receipt = uow.settings.get_json(CHECKPOINT_SETTING)
            head = uow.audit_trail.head()
        assert receipt["device_id"]
        assert head is not None
        assert receipt["seq"] <= head.seq  # the head moves on as the checkpoint itself is recorded
    finally:
        stop()


def test_the_background_worker_reports_and_syncs_on_demand(opened: OpenedProfile) -> None:
    reports: list[SyncReport] = []
    arrived = threading.Event()

    def collect(report: SyncReport) -> None:
        reports.append(report)
        arrived.set()

    worker = BackgroundSync(desk_sync(opened).background_pass, on_report=collect)
    worker.start()
    assert arrived.wait(30)
    assert reports[0].error_code == "platform.not_enrolled"  # reported, not fatal
    url, stop = embedded_sandbox(opened, decision_delay_s=0.0)
    try:
        arrived.clear()
        worker.sync_now()
        assert arrived.wait(30)
        assert worker.last_report is not None
        assert url
    finally:
        worker.stop()
        stop()
