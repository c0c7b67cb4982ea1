"""Real SQLCipher profiles in temporary folders; the system keyring is never touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.cli import main
from app.paths import Profile
from app.wiring.profile import OpenedProfile, open_profile

PASSPHRASE = "correct horse battery 2026"


@pytest.fixture(autouse=True)
def _no_system_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("BIZDESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("BIZDESK_RECOVERY_PUBLIC_KEY", raising=False)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def desk_profile(tmp_path: Path) -> Profile:
    return Profile("desk", tmp_path / "home" / "desk")


@pytest.fixture
def training_profile(tmp_path: Path) -> Profile:
    return Profile("training", tmp_path / "home" / "training")


@pytest.fixture
def opened(desk_profile: Profile) -> Iterator[OpenedProfile]:
    with open_profile(desk_profile, passphrase=PASSPHRASE) as profile:
        yield profile


IT = {"BIZDESK_USER": "boss", "BIZDESK_USER_PASSWORD": "Admin12345x"}


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BIZDESK_PASSPHRASE", PASSPHRASE)

    def invoke(*args: str, **env: str) -> tuple[int, str, str]:
        with monkeypatch.context() as scoped:
            for name in ("BIZDESK_USER", "BIZDESK_USER_PASSWORD", "BIZDESK_NEW_PASSWORD"):
                scoped.delenv(name, raising=False)
            for name, value in env.items():
                scoped.setenv(name, value)
            code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    invoke(
        "user",
        "add",
        "boss",
        "--role",
        "it",
        "--name",
        "老板",
        BIZDESK_NEW_PASSWORD=IT["BIZDESK_USER_PASSWORD"],
    )
    return invoke
