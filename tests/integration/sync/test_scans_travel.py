"""Scans travel with their submissions: seeded cases with scans saved through the encrypted store,
submitted and synced over loopback HTTP, end with the sandbox holding every referred scan, byte for
byte (checked by SHA-256), before the submissions that refer to them were accepted."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import Profile
from app.security.attachments import load_attachment
from app.services.submission import submit_all_ready
from app.training.seeding import seed_cases
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.services import desk_sync
from tests.integration.sync.support import embedded_sandbox, sandbox_rows


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedProfile]:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with open_profile(Profile("training", tmp_path / "training")) as profile:
        yield profile


def _platform_scans(data: Path) -> dict[str, bytes]:
    """The complete attachments the sandbox holds: its files (``<data>/attachments/<device>/<sha>``)."""
    complete = set(sandbox_rows(data, "SELECT device_id, sha256 FROM attachments WHERE complete"))
    return {sha: (data / "attachments" / device / sha).read_bytes() for device, sha in complete}


def test_seeded_scans_reach_the_sandbox_with_their_submissions(opened: OpenedProfile) -> None:
    _url, stop = embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
    try:
        with opened.store.unit_of_work() as uow:
            seed_cases(uow, 16, training=True, seed=8, files=opened.files)
        with opened.store.unit_of_work() as uow:
            assert submit_all_ready(uow, by="trainer")
        report = desk_sync(opened).run_once()
        assert report.ok, report
        assert report.pending == 0, _stuck(opened)
    finally:
        stop()
    with opened.store.read_unit_of_work() as uow:
        outbox = uow.outbox
        entries = [e for s in uow.cases.list(limit=1000) for e in outbox.for_case(s.case_id)]
        refs = {ref for entry in entries for ref in entry.attachments}
        local = {ref.sha256: load_attachment(uow, opened.files, ref.case_id, ref.document_id) for ref in refs}
    assert len(refs) >= 16
    assert {e.state for e in entries if e.attachments} <= {"accepted", "completed"}
    held = _platform_scans(opened.profile.root / "sandbox")
    for sha, data in local.items():
        assert hashlib.sha256(data).hexdigest() == sha
        assert held[sha] == data  # the platform holds the very bytes the desk keeps
        assert hashlib.sha256(held[sha]).hexdigest() == sha


def _stuck(opened: OpenedProfile) -> list[tuple[str, str, str | None]]:
    with opened.store.read_unit_of_work() as uow:
        outbox = uow.outbox
        entries = [e for s in uow.cases.list(limit=1000) for e in outbox.for_case(s.case_id)]
    return [(e.case_id, e.service, e.last_error) for e in entries if e.state in ("pending", "waiting")]
