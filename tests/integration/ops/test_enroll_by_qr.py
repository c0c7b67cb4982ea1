"""``bizdesk device enroll --qr PAYLOAD`` against a loopback sandbox; a used code is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.paths import profile
from app.syncing.enrollment_qr import EnrollmentPayload
from app.wiring.profile import open_profile
from sync.sandbox.config import SandboxConfig
from sync.sandbox.server import start_in_thread
from tests.cli_accounts import TRAINING_IT, use_login


def test_a_desk_enrolls_from_the_qr_payload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    use_login(monkeypatch, TRAINING_IT)  # enrolment is an IT act
    running = start_in_thread(SandboxConfig(mode="training", enroll_codes=("QR-CODE-0101",)))
    try:
        payload = EnrollmentPayload(running.url, "QR-CODE-0101", None).text()
        assert main(["--training", "device", "enroll", "--qr", payload]) == 0
        assert "已注册" in capsys.readouterr().out
        with open_profile(profile(True)) as opened, opened.store.read_unit_of_work() as uow:
            enrolled = uow.outbox.state().enrolled
        assert enrolled is not None
        assert enrolled.platform_url == running.url
        again = payload.replace("0101", "0102")
        assert main(["--training", "device", "enroll", "--qr", again, "--replace"]) == 1  # the platform's no
        assert "Traceback" not in capsys.readouterr().err
        assert main(["--training", "device", "enroll", "--qr", "bizdesk-enroll:1?code=x"]) == 2
        assert "(url)" in capsys.readouterr().err
    finally:
        running.stop()
