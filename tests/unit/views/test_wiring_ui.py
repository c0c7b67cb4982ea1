"""Start-up decisions of ``bizdesk run``: address, port check, desktop or web."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.window.choice import WindowKind
from app.wiring import desk_runtime, sandbox, serving
from app.wiring.serving import PortInUse, desktop_client_available, ensure_port_free, local_address


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "http://127.0.0.1:8765"),
        ("0.0.0.0", "http://127.0.0.1:8765"),
        ("::1", "http://[::1]:8765"),
        ("desk-07.local", "http://desk-07.local:8765"),
    ],
)
def test_local_address(host: str, expected: str) -> None:
    assert local_address(host, 8765) == expected


def test_taken_port_is_a_clear_error() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        with pytest.raises(PortInUse) as caught:
            ensure_port_free("127.0.0.1", port)
    assert f"127.0.0.1:{port}" in caught.value.message_zh
    assert "--port" in caught.value.message_zh
    assert "--port" in caught.value.message_en


def test_free_port_passes() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ensure_port_free("127.0.0.1", port)


def test_bizdesk_run_on_a_taken_port_exits_1_before_opening_the_profile(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path))
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert main(["--training", "run", "--web", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert "端口已被占用" in err
    assert "Traceback" not in err
    assert not (tmp_path / "training").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is Linux-only")
def test_no_display_means_web_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert not desktop_client_available()


def test_display_without_a_local_client_means_web_mode(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(serving, "_desktop_client_locations", lambda: [tmp_path / "none"])
    assert not desktop_client_available()


def test_display_with_a_local_client_means_a_window(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("flet_desktop")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("FLET_VIEW_PATH", str(tmp_path))
    client = serving.view_path_client(tmp_path)
    assert client in serving._desktop_client_locations()
    client.parent.mkdir(parents=True, exist_ok=True)
    client.write_bytes(b"")
    assert desktop_client_available()


def test_packaged_app_shows_why_the_profile_cannot_open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.errors import ProfileError
    from app.paths import Profile

    def refuse(profile: Profile, *, language: str = "zh") -> None:
        raise ProfileError("缺少密钥文件，请联系IT支持。", "The key file is missing; call IT support.")

    monkeypatch.setattr(desk_runtime, "desk_main", refuse)
    shown = desk_runtime.window_main(Profile("desk", tmp_path))
    assert shown.__module__ == "views.error_screen"


def test_packaged_app_opens_the_desk_when_it_can(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from app.paths import Profile

    def desk(page: object) -> None:
        return None

    monkeypatch.setattr(desk_runtime, "desk_main", lambda profile, language="zh": desk)
    assert desk_runtime.window_main(Profile("desk", tmp_path)) is desk


@pytest.mark.parametrize(
    ("argv", "environ", "training"),
    [
        ([], {}, False),
        (["--training"], {}, True),
        ([], {"BIZDESK_TRAINING": "1"}, True),
        ([], {"BIZDESK_TRAINING": "TRUE"}, True),
        ([], {"BIZDESK_TRAINING": "0"}, False),
    ],
)
def test_main_py_picks_the_profile(argv: list[str], environ: dict[str, str], training: bool) -> None:
    import main as entry

    assert entry.wants_training(argv, environ) is training


@pytest.mark.parametrize(
    ("training", "enrolled_url", "answers", "plan"),
    [
        (True, None, False, "sandbox"),  # a new training profile: the built-in sandbox
        (True, "http://127.0.0.1:1", False, "sandbox"),  # an earlier run's sandbox is gone
        (True, "http://10.0.0.5:8443", True, "enrolled"),  # a trainer's own sandbox that answers
        (False, "https://platform.example", False, "enrolled"),  # the real desk never starts a sandbox
        (False, None, False, "not_enrolled"),
    ],
)
def test_sync_plan(training: bool, enrolled_url: str | None, answers: bool, plan: str) -> None:
    assert sandbox.sync_plan(training=training, enrolled_url=enrolled_url, answers=lambda _: answers) == plan


def test_url_answers_only_when_something_listens() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert sandbox.url_answers(f"http://127.0.0.1:{port}/api")
    assert not sandbox.url_answers(f"http://127.0.0.1:{port}", timeout=0.5)


class _Runtime:
    def __init__(self) -> None:
        self.closed = 0
        self.main = lambda page: None

    def close(self) -> None:
        self.closed += 1


def test_run_desk_stops_syncing_when_the_ui_ends_even_on_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.paths import Profile

    runtime = _Runtime()
    monkeypatch.setattr(desk_runtime, "open_desk", lambda profile, language="zh": runtime)

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("the UI server died")

    monkeypatch.setattr(desk_runtime, "serve_desk", crash)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(RuntimeError):
        desk_runtime.run_desk(
            Profile("training", tmp_path), window=WindowKind.NONE, host="127.0.0.1", port=port
        )
    assert runtime.closed == 1


def test_the_page_desk_refuses_sync_calls_before_sign_in() -> None:
    from types import SimpleNamespace

    from app.accounts.model import UserInfo
    from app.desk.local import LocalDesk
    from app.errors import AuthError, PlatformError

    class Hub:
        asked = 0

        def sync_now(self) -> None:
            self.asked += 1

    hub = Hub()
    store = SimpleNamespace(generation=0)  # no store is reached by these calls
    desk = LocalDesk(store, files=None, syncing=hub)  # type: ignore[arg-type]
    with pytest.raises(AuthError):
        desk.sync_now()
    with pytest.raises(AuthError):
        desk.sync_overview()
    assert hub.asked == 0
    desk.user = UserInfo("clerk", "窗口人员", "clerk")  # as if signed in
    desk.sync_now()
    assert hub.asked == 1
    unsynced = LocalDesk(store, files=None)  # type: ignore[arg-type]
    unsynced.user = desk.user
    with pytest.raises(PlatformError) as refused:
        unsynced.sync_now()
    assert "未连接同步服务" in refused.value.message_zh


def test_the_served_assets_are_the_apps_assets() -> None:
    from views.fonts import ASSETS_DIR as VIEWS_ASSETS

    assert serving.ASSETS_DIR == VIEWS_ASSETS
    assert (serving.ASSETS_DIR / "strings" / "zh-CN.json").is_file()
