"""The desk in an app window of the PC's browser (``app.window``): its web UI served, the window opened on it.

The desk binds its listening socket itself before anything else (a taken port is a clear error, and
no other program answering on the port can be mistaken for the desk), serves Flet's web app on it
with uvicorn, and opens the window once the socket listens. Whichever ends first ends the other: the
window closed, the server stops; the server stopped (Ctrl+C, SIGTERM), the window is closed. Flet,
uvicorn and the views are imported inside the functions that need them.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.window.browsers import Browser
from app.window.command import extra_flags, prepare_profile, window_command
from app.window.process import AppWindow, WindowFailed
from app.wiring.serving import ASSETS_DIR, DEFAULT_PORT, announce, local_address, offline_flet, port_in_use

# The signals that stop the desk: uvicorn's own (it re-raises them once it has shut down).
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name)
)


def serve_in_window(
    main: Callable[[Any], None], browser: Browser, profile_folder: Path, *, host: str, port: int | None
) -> None:
    """Serve ``main`` on ``host:port`` (None: 8550, or any free port when it is taken) and show it in an
    app window of ``browser`` on its own ``profile_folder`` until the window is closed or the desk
    stops. A window that ended abnormally is reported (``WindowFailed``) once the desk has stopped."""
    offline_flet()
    listening = listening_socket(host, port)
    address = local_address(host, listening.getsockname()[1])
    command = window_command(
        browser,
        address,
        prepare_profile(profile_folder),
        as_root=hasattr(os, "geteuid") and os.geteuid() == 0,
        extra=extra_flags(os.environ),
    )
    window = AppWindow(command, profile_folder)
    with listening:
        code = asyncio.run(_serve_until_closed(main, listening, window, browser, address))
    if code != 0:
        raise WindowFailed(
            f"{browser.name} 窗口意外关闭（退出码 {code}），柜台已停止；请重新启动 bizdesk。",
            f"The {browser.name} window ended abnormally (exit code {code}); the desk stopped. "
            "Start bizdesk again.",
        )


def listening_socket(host: str, port: int | None) -> socket.socket:
    """A socket listening on ``host:port``; with no port, on 8550, or any free port when that is taken."""
    candidates = [DEFAULT_PORT, 0] if port is None else [port]
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in candidates:
        listening = socket.socket(family, socket.SOCK_STREAM)
        try:
            if os.name == "posix":  # (on Windows this option would let another program share the port)
                listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listening.bind((host, candidate))
            listening.listen(128)  # the window may connect before the server runs: it is queued
        except OSError:
            listening.close()
            continue
        return listening
    raise port_in_use(host, candidates[0])


async def _serve_until_closed(
    main: Callable[[Any], None], listening: socket.socket, window: AppWindow, browser: Browser, address: str
) -> int:
    """The web server and the window side by side: the window's exit code once it was closed, 0 when
    the server stopped first."""
    server = _server(main)
    with _stopping(server):
        serving = asyncio.ensure_future(server.serve(sockets=[listening]))
        try:
            announce(address)
            window.open()
            announce(f"{browser.name} 应用窗口 (app window: {browser.path})")
            closed = asyncio.ensure_future(asyncio.to_thread(window.wait))
            await asyncio.wait({serving, closed}, return_when=asyncio.FIRST_COMPLETED)
            server.should_exit = True
            await serving
            return closed.result() if closed.done() else 0
        finally:
            window.close()


def _server(main: Callable[[Any], None]) -> Any:
    """uvicorn serving Flet's web app of ``main`` (as ``flet.run`` would, from its ASGI app)."""
    import flet as ft
    import uvicorn

    app = ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        assets_dir=str(ASSETS_DIR),
        no_cdn=True,
        route_url_strategy=ft.RouteUrlStrategy.PATH,
        export_asgi_app=True,
    )
    return uvicorn.Server(uvicorn.Config(app, log_level="error", ws="websockets-sansio"))


@contextmanager
def _stopping(server: Any) -> Iterator[None]:
    """While serving, SIGINT and SIGTERM stop the server (uvicorn's handlers do that); afterwards uvicorn
    raises them again, and these handlers take them instead of the default one ending the process
    before the window and the profile are closed."""

    def stop(signum: int, frame: object) -> None:
        server.should_exit = True

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is not None:
                signal.signal(signum, handler)
