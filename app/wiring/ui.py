"""Composition root of the desk UI: open the profile, hand its desk to the views, run Flet.

``bizdesk run`` and ``main.py`` come here. Flet, the views and the store are imported
inside the functions that need them, so the core stays free of the UI toolkit.

Web mode is fully offline: no CDN (CanvasKit and fonts are served from the local
assets), bound to 127.0.0.1 unless told otherwise. A desktop window is used only where
a display and an already-installed Flutter desktop client exist: Flet would otherwise
download the client from the internet, which desks cannot reach.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from app.desk.api import LoginResult, SyncView, TrainingAccount
from app.errors import AuthError, BizdeskError, describe
from app.paths import Profile
from app.ports import CaseSummary

if TYPE_CHECKING:
    from app.desk.local import LocalDesk
    from app.syncing.background import BackgroundSync
    from app.syncing.engine import SyncReport
    from app.wiring.profile import OpenedProfile

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - names of wildcard binds, compared only


class PortInUse(BizdeskError):
    code = "port_in_use"
    title_zh = "端口被占用"
    title_en = "Port in use"


def desk_main(profile: Profile, *, language: str = "zh") -> Callable[[Any], None]:
    """Open ``profile``, start its syncing and return the Flet ``main`` of its desk UI.

    For the packaged app: syncing stops when the process exits.
    """
    runtime = open_desk(profile, language=language)
    atexit.register(runtime.close)
    return runtime.main


class DeskRuntime:
    """The opened profile, its syncing (and training sandbox) and the Flet ``main`` over them."""

    def __init__(self, opened: OpenedProfile, syncing: DeskSyncHub, *, language: str) -> None:
        from views.app import build_app

        self.opened, self.syncing = opened, syncing
        # one LocalDesk (one sign-in) per page, all sharing the one background sync
        self.main = build_app(lambda: SyncingDesk(opened.desk(), syncing), language=language)
        self._closed = False

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.syncing.stop()
            self.opened.close()


def open_desk(profile: Profile, *, language: str = "zh") -> DeskRuntime:
    from app.wiring.profile import open_profile

    opened = open_profile(profile)
    try:
        syncing = start_syncing(opened)
    except BaseException:
        opened.close()
        raise
    return DeskRuntime(opened, syncing, language=language)


def window_main(profile: Profile) -> Callable[[Any], None]:
    """For the packaged app (``main.py``): the desk, or a screen saying why it cannot open."""
    try:
        return desk_main(profile)
    except BizdeskError as error:
        from views.error_screen import error_app

        return error_app(describe(error))


def run_desk(profile: Profile, *, web: bool, host: str, port: int, language: str = "zh") -> None:
    """``bizdesk run``: start the desk UI on ``profile`` and block until it is closed."""
    web = web or not desktop_client_available()
    if web:
        ensure_port_free(host, port)  # before unlocking the profile: a clear message, nothing opened
    runtime = open_desk(profile, language=language)
    try:
        serve(runtime.main, web=web, host=host, port=port)
    finally:
        runtime.close()


def serve(main: Callable[[Any], None], *, web: bool, host: str, port: int) -> None:
    """Run a Flet ``main``: web mode on ``host:port`` (no CDN), or a desktop window where possible."""
    import flet as ft

    os.environ.setdefault("FLET_WEB_NO_CDN", "true")
    # Any attempt to fetch the desktop client fails locally instead of reaching the internet.
    os.environ.setdefault("FLET_CLIENT_URL", (ASSETS_DIR / "no-client-download").as_uri())
    if not web and desktop_client_available():
        announce("桌面窗口 (desktop window)")
        ft.run(main, view=ft.AppView.FLET_APP, assets_dir=str(ASSETS_DIR), no_cdn=True)
        return
    ensure_port_free(host, port)
    if host not in LOOPBACK_HOSTS:
        print(
            f"bizdesk: 注意，界面在 {host} 上对网络开放，请确认这是有意为之。"
            f" (The UI listens on {host}, not only on this PC.)",
            file=sys.stderr,
            flush=True,
        )
    # Neither we nor Flet open a browser: the address is printed for the clerk or the test harness.
    os.environ["FLET_FORCE_WEB_SERVER"] = "true"
    threading.Thread(target=_announce_when_listening, args=(host, port), daemon=True).start()
    ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        host=host,
        port=port,
        assets_dir=str(ASSETS_DIR),
        no_cdn=True,
        route_url_strategy=ft.RouteUrlStrategy.PATH,
    )


def local_address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in WILDCARD_HOSTS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def announce(where: str) -> None:
    print(f"bizdesk 已启动: {where}", flush=True)


def _announce_when_listening(host: str, port: int, timeout: float = 60.0) -> None:
    """Print the address once the server accepts connections, so a browser opened on it works."""
    probe = "127.0.0.1" if host in WILDCARD_HOSTS else host
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((probe, port), timeout=0.5):
                announce(local_address(host, port))
                return
        except OSError:
            time.sleep(0.05)
    print(f"bizdesk: 服务未能在 {timeout:.0f} 秒内启动 (server did not start)", file=sys.stderr, flush=True)


def ensure_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortInUse(
                f"无法在 {host}:{port} 启动：端口已被占用或地址不可用，请用 --port 换一个端口。",
                f"Cannot listen on {host}:{port}: the port is taken or the address is unavailable; "
                "choose another with --port.",
            ) from error


def desktop_client_available() -> bool:
    """A display, flet-desktop installed, and its client already on this machine (never downloaded)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return False
    if importlib.util.find_spec("flet_desktop") is None:
        return False
    return any(path.exists() for path in _desktop_client_locations())


def _desktop_client_locations() -> list[Path]:
    """Where flet-desktop looks before it would download: FLET_VIEW_PATH, a bundled archive, its cache."""
    import flet_desktop  # type: ignore[import-untyped,unused-ignore]

    locations: list[Path] = []
    view_path = os.environ.get("FLET_VIEW_PATH")
    if view_path:
        locations.append(Path(view_path))
    try:
        artifact = flet_desktop.get_artifact_filename()
        locations.append(Path(flet_desktop.get_package_bin_dir()) / artifact)
        cache = getattr(flet_desktop, "__get_client_storage_dir")  # module-private helper
        locations.append(Path(cache()))
    except Exception:  # noqa: S110 - an unknown flet-desktop layout means: no local client
        pass
    return locations


# -- syncing while the desk runs ----------------------------------------------------------------

SyncPlan = Literal["enrolled", "sandbox", "not_enrolled"]


def sync_plan(*, training: bool, enrolled_url: str | None, answers: Callable[[str], bool]) -> SyncPlan:
    """Which platform the desk syncs with: its enrolled one; in training, the built-in sandbox
    when not enrolled or when the enrolled address no longer answers (an earlier run's sandbox)."""
    if enrolled_url is not None and (not training or answers(enrolled_url)):
        return "enrolled"
    return "sandbox" if training else "not_enrolled"


def url_answers(url: str, timeout: float = 1.0) -> bool:
    """A TCP connection to the URL's host and port succeeds (no request is sent)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def start_syncing(opened: OpenedProfile) -> DeskSyncHub:
    """The background sync of the desk; in training, first the built-in sandbox if it is needed."""
    from app.wiring.syncing import start_embedded_sandbox, sync_state

    enrolled = sync_state(opened).enrolled
    plan = sync_plan(
        training=opened.training,
        enrolled_url=enrolled.platform_url if enrolled else None,
        answers=url_answers,
    )
    stop_sandbox: Callable[[], None] | None = None
    if plan == "sandbox":
        url, stop_sandbox = start_embedded_sandbox(opened)
        print(f"内置政务平台沙箱: {url}", flush=True)
    hub = DeskSyncHub(opened, stop_sandbox=stop_sandbox)
    hub.start()
    return hub


class DeskSyncHub:
    """One background sync per desk process, shared by every page; knows when a pass is running."""

    def __init__(self, opened: OpenedProfile, *, stop_sandbox: Callable[[], None] | None = None) -> None:
        from app.syncing.background import BackgroundSync

        self._opened = opened
        self._stop_sandbox = stop_sandbox
        self._running = threading.Event()
        self.worker: BackgroundSync = BackgroundSync(self._one_pass)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()
        if self._stop_sandbox is not None:
            self._stop_sandbox()
            self._stop_sandbox = None

    def sync_now(self) -> None:
        self._running.set()  # shown at once; cleared when the pass it asked for ends
        self.worker.sync_now()

    def _one_pass(self) -> SyncReport:
        from app.wiring.syncing import desk_pass

        self._running.set()
        try:
            return desk_pass(self._opened)
        finally:
            self._running.clear()

    def view(self) -> SyncView:
        from app.wiring.syncing import sync_overview

        return sync_overview(self._opened, running=self._running.is_set(), report=self.worker.last_report)


class SyncingDesk:
    """The ``DeskApi`` of one page: the profile's ``LocalDesk`` plus the shared sync centre."""

    def __init__(self, desk: LocalDesk, syncing: DeskSyncHub) -> None:
        self._desk, self._syncing = desk, syncing

    @property
    def training(self) -> bool:
        return self._desk.training

    def needs_first_it_account(self) -> bool:
        return self._desk.needs_first_it_account()

    def create_first_it_account(self, username: str, display_name: str, password: str) -> LoginResult:
        return self._desk.create_first_it_account(username, display_name, password)

    def login(self, username: str, password: str) -> LoginResult:
        return self._desk.login(username, password)

    def logout(self) -> None:
        self._desk.logout()

    def idle_lock_seconds(self) -> int:
        return self._desk.idle_lock_seconds()

    def training_accounts(self) -> list[TrainingAccount]:
        return self._desk.training_accounts()

    def case_summaries(self, *, status: str | None = None, limit: int = 50) -> list[CaseSummary]:
        return self._desk.case_summaries(status=status, limit=limit)

    def sync_overview(self) -> SyncView:
        self._signed_in()
        return self._syncing.view()

    def sync_now(self) -> None:
        self._signed_in()
        self._syncing.sync_now()

    def _signed_in(self) -> None:
        if self._desk.user is None:
            raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
