"""``bizdesk run``'s window options and port, decided before the profile is opened."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.window.browsers import Browser
from app.window.choice import WindowKind, WindowPlan
from app.wiring import browser_window, serving
from app.wiring.serving import DEFAULT_PORT, PortInUse, desk_port, view_path_client

BROWSER = WindowPlan(WindowKind.BROWSER, browser=Browser("Chromium", "/usr/bin/chromium"))


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield int(server.getsockname()[1])


def test_a_browser_window_moves_off_a_taken_default_port(
    monkeypatch: pytest.MonkeyPatch, taken_port: int
) -> None:
    assert desk_port(BROWSER, "127.0.0.1", None) is None  # decided when the window's socket is bound
    monkeypatch.setattr(browser_window, "DEFAULT_PORT", taken_port)
    with browser_window.listening_socket("127.0.0.1", None) as listening:
        assert listening.getsockname()[1] != taken_port
        with socket.create_connection(listening.getsockname()):  # it listens: the window can connect
            pass


def test_a_browser_window_on_a_taken_port_asked_for_is_a_clear_error(taken_port: int) -> None:
    with pytest.raises(PortInUse) as refused:
        browser_window.listening_socket("127.0.0.1", taken_port)
    assert f"127.0.0.1:{taken_port}" in refused.value.message_zh


def test_a_port_asked_for_stays_and_must_be_free(taken_port: int) -> None:
    with pytest.raises(PortInUse):
        desk_port(BROWSER, "127.0.0.1", taken_port)
    with pytest.raises(PortInUse):
        desk_port(WindowPlan(WindowKind.NONE), "127.0.0.1", taken_port)


def test_serving_only_keeps_the_default_port_or_says_it_is_taken(
    monkeypatch: pytest.MonkeyPatch, taken_port: int
) -> None:
    assert DEFAULT_PORT == 8550
    monkeypatch.setattr(serving, "DEFAULT_PORT", taken_port)
    with pytest.raises(PortInUse):
        desk_port(WindowPlan(WindowKind.NONE), "127.0.0.1", None)


@pytest.mark.parametrize(
    ("platform", "inside"), [("win32", "flet.exe"), ("linux", "flet"), ("darwin", "Flet.app")]
)
def test_flet_view_path_counts_only_with_the_client_inside(
    platform: str, inside: str, tmp_path: Path
) -> None:
    assert view_path_client(tmp_path, platform) == tmp_path / inside
    if platform == "darwin":
        (tmp_path / "bizdesk.app").mkdir()
        assert view_path_client(tmp_path, platform) == tmp_path / "bizdesk.app"


def test_web_and_a_window_together_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path))
    assert main(["--training", "run", "--web", "--window", "browser"]) == 2
    assert "--web" in capsys.readouterr().err
    assert not (tmp_path / "training").exists()


def test_a_browser_window_without_a_display_fails_before_the_profile_opens(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path))
    monkeypatch.setattr(serving, "has_display", lambda: False)
    assert main(["--training", "run", "--window", "browser"]) == 1
    err = capsys.readouterr().err
    assert "没有图形界面" in err
    assert "no display" in err
    assert "Traceback" not in err
    assert not (tmp_path / "training").exists()


def test_auto_asks_the_pc_for_a_browser_only_without_the_flutter_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(serving, "has_display", lambda: True)
    monkeypatch.setattr(serving, "flutter_client_installed", lambda: False)
    monkeypatch.setattr(serving, "find_browser", lambda machine: BROWSER.browser)
    assert serving.plan_window(WindowKind.AUTO) == BROWSER
    monkeypatch.setattr(serving, "flutter_client_installed", lambda: True)
    assert serving.plan_window(WindowKind.AUTO) == WindowPlan(WindowKind.FLUTTER)
