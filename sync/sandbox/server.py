"""Running the sandbox on uvicorn: in the foreground (``bizdesk sandbox``) or in a background thread."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from sync.sandbox.config import SandboxConfig
from sync.sandbox.http_api import create_app
from sync.sandbox.middleware import DROP_LOG_MESSAGE


class _HideInjectedDrops(logging.Filter):
    """uvicorn reports each connection the fault injector cuts on purpose: not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != DROP_LOG_MESSAGE


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:  # a port in use: the caller says so; the socket must not leak
        sock.close()
        raise
    return sock


def _server(app: FastAPI, log_level: str) -> uvicorn.Server:
    logging.getLogger("uvicorn.error").addFilter(_HideInjectedDrops())
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off", timeout_keep_alive=30)
    return uvicorn.Server(config)


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve_forever(
    config: SandboxConfig,
    host: str,
    port: int,
    *,
    on_ready: Callable[[str], None],
    log_level: str = "warning",
) -> None:
    """Serve until interrupted; ``on_ready`` gets the base URL once the socket listens (port 0: any free)."""
    sock = _bind(host, port)
    server = _server(create_app(config), log_level)
    on_ready(url_of(sock))
    server.run(sockets=[sock])


@dataclass
class RunningSandbox:
    url: str
    app: FastAPI
    _server: uvicorn.Server
    _thread: threading.Thread

    def stop(self) -> None:
        """Stop serving and close the database connections (a server database is left clean)."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.app.state.platform.db.dispose()


def start_in_thread(config: SandboxConfig, host: str = "127.0.0.1", port: int = 0) -> RunningSandbox:
    """Start a sandbox on a free loopback port in a daemon thread; returns once it accepts connections."""
    sock = _bind(host, port)
    app = create_app(config)
    server = _server(app, "error")
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="bizdesk-sandbox", daemon=True
    )
    thread.start()
    # No deadline (a busy machine starts slowly): only a server thread that ended means failure.
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the sandbox did not start")
        time.sleep(0.01)
    return RunningSandbox(url=url_of(sock), app=app, _server=server, _thread=thread)
