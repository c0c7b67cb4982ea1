"""The browser's command line for the desk's window, and its profile folder's preferences."""

from __future__ import annotations

import json
from pathlib import Path

from app.window.browsers import Browser
from app.window.command import PREFERENCES, extra_flags, prepare_profile, window_command

EDGE = Browser("Microsoft Edge", r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe")


def test_an_app_window_of_the_address_on_its_own_profile(tmp_path: Path) -> None:
    command = window_command(EDGE, "http://127.0.0.1:8550", tmp_path / "browser-profile")
    assert command[0] == EDGE.path
    assert command[1:3] == ["--app=http://127.0.0.1:8550", f"--user-data-dir={tmp_path / 'browser-profile'}"]
    assert not any(part.startswith("http") for part in command)  # no second, tabbed window
    assert "--no-sandbox" not in command


def test_the_window_stays_offline_and_quiet(tmp_path: Path) -> None:
    command = window_command(EDGE, "http://127.0.0.1:8550", tmp_path)
    for flag in (
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
    ):
        assert flag in command
    features = next(part for part in command if part.startswith("--disable-features="))
    assert "Translate" in features.split("=", 1)[1].split(",")


def test_as_root_the_sandbox_is_off_and_extra_flags_come_last(tmp_path: Path) -> None:
    command = window_command(
        EDGE, "http://127.0.0.1:1", tmp_path, as_root=True, extra=["--remote-debugging-port=0"]
    )
    assert "--no-sandbox" in command
    assert command[-1] == "--remote-debugging-port=0"


def test_extra_flags_are_split_like_a_shell() -> None:
    assert extra_flags({}) == []
    assert extra_flags(
        {"BIZDESK_WINDOW_FLAGS": "--force-device-scale-factor=1.25  --remote-debugging-port=0"}
    ) == [
        "--force-device-scale-factor=1.25",
        "--remote-debugging-port=0",
    ]


def test_the_profile_folder_gets_the_desks_preferences(tmp_path: Path) -> None:
    folder = prepare_profile(tmp_path / "browser-profile")
    stored = json.loads((folder / "Default" / "Preferences").read_text(encoding="utf-8"))
    assert stored["credentials_enable_service"] is False
    assert stored["profile"]["password_manager_enabled"] is False
    assert stored["translate"]["enabled"] is False
    assert stored == PREFERENCES


def test_the_browsers_own_preferences_are_kept_and_a_crash_forgotten(tmp_path: Path) -> None:
    preferences = tmp_path / "Default" / "Preferences"
    preferences.parent.mkdir(parents=True)
    preferences.write_text(
        json.dumps({"profile": {"exit_type": "Crashed", "name": "Person 1"}, "zoom": {"level": 1.1}}),
        encoding="utf-8",
    )
    prepare_profile(tmp_path)
    stored = json.loads(preferences.read_text(encoding="utf-8"))
    assert stored["profile"]["exit_type"] == "Normal"  # no "restore pages?" after the desk was killed
    assert stored["profile"]["name"] == "Person 1"
    assert stored["zoom"] == {"level": 1.1}


def test_unreadable_preferences_are_replaced(tmp_path: Path) -> None:
    preferences = tmp_path / "Default" / "Preferences"
    preferences.parent.mkdir(parents=True)
    preferences.write_text("{not json", encoding="utf-8")
    prepare_profile(tmp_path)
    assert json.loads(preferences.read_text(encoding="utf-8")) == PREFERENCES
