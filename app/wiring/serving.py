"""Serving a Flet ``main``: the web UI on a local port (no CDN), in a window where one can open.

Web mode is fully offline: no CDN (CanvasKit and fonts are served from the local assets), bound to
127.0.0.1 unless told otherwise. The window (``app.window.choice``) is Flet's Flutter desktop client
only where a display and an already-installed client exist (Flet would otherwise download the
client from the internet, which desks cannot reach); else an app window of the PC's Edge, Chrome or
Chromium showing the web UI, closed with the desk, the desk ending when it is closed; else none,
and the address is printed. Flet is imported inside the functions that need it.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import BizdeskError
from app.window.browsers import LocalMachine, find_browser
from app.window.choice import WindowKind, WindowPlan, choose_window

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"  # app/wiring/serving.py -> <root>/assets


LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - names of wildcard binds, compared only


DEFAULT_PORT = 8550


class PortInUse(BizdeskError):
    code = "port_in_use"
    title_zh = "端口被占用"
    title_en = "Port in use"


def serve(main: Callable[[Any], None], *, web: bool, host: str, port: int) -> None:
    """Run a Flet ``main``: web mode on ``host:port`` (no CDN), or a desktop window where possible."""
    import flet as ft

    offline_flet()
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


def offline_flet() -> None:
    """Flet's settings for a PC without internet: no CDN, and no download of the desktop client."""
    os.environ.setdefault("FLET_WEB_NO_CDN", "true")
    # Any attempt to fetch the desktop client fails locally instead of reaching the internet.
    os.environ.setdefault("FLET_CLIENT_URL", (ASSETS_DIR / "no-client-download").as_uri())


def local_address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in WILDCARD_HOSTS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def announce(where: str) -> None:
    print(f"bizdesk 已启动: {where}", flush=True)


def _announce_when_listening(host: str, port: int) -> None:
    """Print the address once the server accepts connections, so a browser opened on it works.

    No deadline: a busy machine may take long to start Flet, and giving up would leave whoever waits
    for the address with nothing. The thread is a daemon: if the server fails, the process exits."""
    probe = "127.0.0.1" if host in WILDCARD_HOSTS else host
    while True:
        try:
            with socket.create_connection((probe, port), timeout=0.5):
                announce(local_address(host, port))
                return
        except OSError:
            time.sleep(0.05)


def ensure_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise port_in_use(host, port) from error


def port_in_use(host: str, port: int) -> PortInUse:
    return PortInUse(
        f"无法在 {host}:{port} 启动：端口已被占用或地址不可用，请用 --port 换一个端口。",
        f"Cannot listen on {host}:{port}: the port is taken or the address is unavailable; "
        "choose another with --port.",
    )


def has_display() -> bool:
    """A screen to open a window on: always on Windows and macOS, DISPLAY or WAYLAND_DISPLAY on Linux."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def desktop_client_available() -> bool:
    """A display, flet-desktop installed, and its client already on this machine (never downloaded)."""
    return has_display() and flutter_client_installed()


def flutter_client_installed() -> bool:
    """flet-desktop installed and its Flutter client already on this machine (never downloaded)."""
    if importlib.util.find_spec("flet_desktop") is None:
        return False
    return any(path.exists() for path in _desktop_client_locations())


def _desktop_client_locations() -> list[Path]:
    """Where flet-desktop 1.0.5 looks before it would download: the client in FLET_VIEW_PATH, an
    archive in its package's ``app`` folder (where the offline bundle's install puts it), its cache."""
    import flet_desktop  # type: ignore[import-untyped,unused-ignore]

    locations: list[Path] = []
    view_path = os.environ.get("FLET_VIEW_PATH")
    if view_path:
        locations.append(view_path_client(Path(view_path)))
    try:
        artifact = flet_desktop.get_artifact_filename()
        locations.append(Path(flet_desktop.get_package_bin_dir()) / artifact)
        cache = getattr(flet_desktop, "__get_client_storage_dir")  # module-private helper
        locations.append(Path(cache()))
    except Exception:  # noqa: S110 - an unknown flet-desktop layout means: no local client
        pass
    return locations


def view_path_client(view_path: Path, platform: str = sys.platform) -> Path:
    """The client flet-desktop runs from a FLET_VIEW_PATH folder: ``flet.exe`` (Windows), an ``.app``
    bundle (macOS) or ``flet`` (Linux) inside it; a folder without it would make Flet download."""
    if platform == "win32":
        return view_path / "flet.exe"
    if platform == "darwin":
        return next(iter(sorted(view_path.glob("*.app"))), view_path / "Flet.app")
    return view_path / "flet"


def plan_window(requested: WindowKind) -> WindowPlan:
    """What ``requested`` means on this PC (``app.window.choice``), asking the PC only what it must."""
    return choose_window(
        requested,
        display=has_display(),
        flutter_client=flutter_client_installed,
        browser=lambda: find_browser(LocalMachine()),
    )


def desk_port(plan: WindowPlan, host: str, requested: int | None) -> int | None:
    """The port to serve on: ``requested`` if free (else ``PortInUse``), by default 8550; None for a
    browser window on the default, which takes any free port when 8550 is taken (nobody types it)."""
    if requested is None and plan.kind is WindowKind.BROWSER:
        return None
    port = DEFAULT_PORT if requested is None else requested
    if plan.kind is not WindowKind.FLUTTER:  # Flet's desktop client talks to its own socket server
        ensure_port_free(host, port)
    return port
