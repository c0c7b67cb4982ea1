"""``bizdesk device enroll`` as the red team met it (issue 20 §1): no sign-in and a clerk are refused,
IT's enrolment is audited under its name, an enrolled desk is not re-pointed without ``--replace``, its
unsent submissions go to the new platform only with ``--carry-over`` and are named, the desk profile
refuses plain http even to 127.0.0.1, and a malformed address gets words naming the field and the fix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.paths import profile
from app.services.submission import submit_all_ready
from app.training.seeding import seed_cases
from app.wiring.profile import open_profile
from sync.sandbox.config import SandboxConfig
from sync.sandbox.server import RunningSandbox, start_in_thread
from tests.cli_accounts import DESK_IT, TRAINING_CLERK, TRAINING_IT, desk_as_clerk, use_login

PASSPHRASE = "培训口令 correct horse battery staple"


@pytest.fixture
def platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningSandbox]:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BIZDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("BIZDESK_USER", raising=False)
    monkeypatch.delenv("BIZDESK_USER_PASSWORD", raising=False)
    running = start_in_thread(SandboxConfig(mode="training", enroll_codes=("A", "B", "C")))
    yield running
    running.stop()


def _enroll(*args: str) -> int:
    return main(["--training", "device", "enroll", *args])


def _enrolled_url(training: bool = True) -> str | None:
    with open_profile(profile(training)) as opened, opened.store.read_unit_of_work() as uow:
        enrolled = uow.outbox.state().enrolled
        return enrolled.platform_url if enrolled else None


def test_enrolment_is_an_audited_it_act(
    platform: RunningSandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _enroll("--platform", platform.url, "--code", "A") == 2
    assert "BIZDESK_USER" in capsys.readouterr().err
    use_login(monkeypatch, TRAINING_CLERK)
    assert _enroll("--platform", platform.url, "--code", "A") == 1
    assert "无权" in capsys.readouterr().err
    assert _enrolled_url() is None
    use_login(monkeypatch, TRAINING_IT)
    assert _enroll("--platform", platform.url, "--code", "A") == 0
    assert _enrolled_url() == platform.url
    with open_profile(profile(True)) as opened, opened.store.read_unit_of_work() as uow:
        [entry] = [e for e in uow.audit_trail.entries() if e.action == "device.enroll"]
    assert entry.actor == "itadmin"


def test_an_enrolled_desk_is_re_pointed_only_on_its_word_and_its_queue_named(
    platform: RunningSandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_login(monkeypatch, TRAINING_IT)
    assert _enroll("--platform", platform.url, "--code", "A") == 0
    other = start_in_thread(SandboxConfig(mode="training", enroll_codes=("X", "Y")))
    try:
        capsys.readouterr()
        assert _enroll("--platform", other.url, "--code", "X") == 2
        said = capsys.readouterr().err
        assert "--replace" in said
        assert platform.url in said
        with open_profile(profile(True)) as opened:
            with opened.store.unit_of_work() as uow:
                seed_cases(uow, 6, training=True, seed=3)
            with opened.store.unit_of_work() as uow:
                queued = submit_all_ready(uow, by="trainer")
        assert queued
        assert _enroll("--platform", other.url, "--code", "X", "--replace") == 2
        assert "--carry-over" in capsys.readouterr().err
        assert _enrolled_url() == platform.url  # nothing re-pointed: the queue still goes where it was
        assert _enroll("--platform", other.url, "--code", "X", "--replace", "--carry-over") == 0
        out = capsys.readouterr().out
        assert other.url in out
        assert "将发往新平台" in out
        assert _enrolled_url() == other.url
    finally:
        other.stop()


def test_a_malformed_address_says_what_is_wrong(
    platform: RunningSandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_login(monkeypatch, TRAINING_IT)
    assert _enroll("--platform", "https://[::1", "--code", "A") == 2
    said = capsys.readouterr().err
    assert "--platform" in said
    assert "https://" in said
    assert "意外错误" not in said


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from desk_as_clerk(monkeypatch, tmp_path / "desk-home", "desk passphrase 2026")


def test_the_desk_profile_refuses_plain_http_to_a_local_platform(
    desk: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    running = start_in_thread(SandboxConfig(mode="production", enroll_codes=("P",)))
    try:
        use_login(monkeypatch, DESK_IT)
        assert main(["device", "enroll", "--platform", running.url, "--code", "P"]) == 2
        said = capsys.readouterr().err
        assert "https" in said
        assert "--training" in said
        assert _enrolled_url(training=False) is None
    finally:
        running.stop()


def test_a_trainer_sees_no_real_case_on_the_desk_profile(
    desk: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.accounts import service as accounts
    from app.accounts.service import login

    with open_profile(profile(False)) as opened:
        it = login(opened.store.unit_of_work(), DESK_IT["BIZDESK_USER"], DESK_IT["BIZDESK_USER_PASSWORD"])
        accounts.add_user(
            opened.store.unit_of_work(),
            by=it,
            username="deskteacher",
            display_name="",
            role="trainer",
            password="Desk trainer pass 2026",
        )
    use_login(monkeypatch, {"BIZDESK_USER": "deskteacher", "BIZDESK_USER_PASSWORD": "Desk trainer pass 2026"})
    for command in (
        ["case", "show", "SG20261208-0001"],
        ["case", "pdf", "SG20261208-0001", "-o", str(tmp_path / "p.pdf")],
        ["case", "list"],
        ["sync", "--once"],
    ):
        assert main(command) == 1, command
        said = capsys.readouterr()
        assert "培训员账户在正式模式下不能查看或发送真实案卷" in said.err
        assert not said.out
    assert not (tmp_path / "p.pdf").exists()
