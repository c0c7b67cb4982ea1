"""A mirror of Flet's release on loopback for the bundle's Flutter client step: every archive asked
for is a few bytes (the real client cannot be fetched here), and what was asked for is recorded."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARCHIVE = b"not really a client archive"


@dataclass
class Mirror:
    url: str
    asked: list[str] = field(default_factory=list)


@contextmanager
def release_mirror() -> Iterator[Mirror]:
    """A mirror at ``<url>`` (standing for ``.../releases/download/v1.0.5``) until the block ends."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(ARCHIVE)))
            self.end_headers()
            self.wfile.write(ARCHIVE)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Mirror(f"http://127.0.0.1:{server.server_address[1]}/v1.0.5", asked)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
