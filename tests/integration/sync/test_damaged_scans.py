"""A damaged scan is found and said (issue 13, point 12): by db check, by a backup, in the sync report
(ok false, with the reason) and in the 同步中心, instead of blocking its submissions in silence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.errors import UserMessage
from app.paths import Profile
from app.services.backup import write_backup
from app.services.submission import submit_all_ready
from app.services.sync_centre import sync_view
from app.training.seeding import seed_cases
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.services import desk_sync
from tests.cli_accounts import TRAINING_IT, use_login
from tests.integration.sync.support import embedded_sandbox

PASSPHRASE = "培训口令 correct horse battery staple"


def centre_problem(opened: OpenedProfile) -> UserMessage | None:
    """The problem line the 同步中心 shows."""
    with opened.store.read_unit_of_work() as uow:
        return sync_view(uow).problem


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedProfile]:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BIZDESK_PASSPHRASE", PASSPHRASE)
    with open_profile(Profile("training", tmp_path / "home" / "training")) as profile:
        with profile.store.unit_of_work() as uow:
            seed_cases(uow, 12, training=True, seed=5, files=profile.files)
        yield profile


def _damage_every_scan(opened: OpenedProfile) -> int:
    scans = sorted(opened.profile.attachments.glob("*.bza"))
    for path in scans:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    return len(scans)


def test_the_sync_report_and_the_sync_centre_say_a_scan_is_damaged(opened: OpenedProfile) -> None:
    assert _damage_every_scan(opened) > 0
    _, stop = embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
    try:
        with opened.store.unit_of_work() as uow:
            submit_all_ready(uow, by="trainer")
        report = desk_sync(opened).run_once()
    finally:
        stop()
    assert not report.ok
    assert report.as_json()["error"]["code"] == "attachment.damaged"
    message = centre_problem(opened)
    assert message is not None
    assert "扫描件损坏" in message.message_zh


def test_db_check_and_backup_find_a_damaged_scan(
    opened: OpenedProfile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_login(monkeypatch, TRAINING_IT)
    monkeypatch.setenv("BIZDESK_BACKUP_PASSPHRASE", "backup passphrase 1")
    assert main(["--training", "db", "check"]) == 0
    capsys.readouterr()
    _damage_every_scan(opened)
    assert main(["--training", "db", "check"]) == 1
    err = capsys.readouterr().err
    assert "扫描件损坏" in err
    assert centre_problem(opened) is not None  # the 同步中心 shows it from now on
    summary = write_backup(opened, tmp_path / "b.bin", "backup passphrase 1", actor="itadmin")
    assert summary.damaged_scans
    assert main(["--training", "backup", str(tmp_path / "c.bin")]) == 0
    assert "扫描件损坏" in capsys.readouterr().err
