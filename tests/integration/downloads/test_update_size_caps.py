"""Update documents are read as a stream and refused at their cap, against a real HTTP server on
127.0.0.1 that serves a 150 MiB reference pack: with its length declared (refused before a byte of
the body is read) and without (refused at the cap, the connection dropped); an app file longer than
its signed size stops at that size."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.errors import describe
from app.security.device import DeviceIdentity
from app.updates.documents import MAX_PACK_BYTES, DocumentTooLarge
from sync.client.operations import OperationsClient

OVERSIZED = 150 * 1024 * 1024  # the red team's pack
CHUNK = 64 * 1024
# what may have left the server when the desk stops reading: the cap and the two sockets' buffers
SLACK = 32 * 1024 * 1024


@dataclass
class Served:
    """What the server wrote before the desk hung up (``done`` is set when it stopped writing)."""

    declare_length: bool = True
    sent: int = 0
    requests: list[str] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)


class _Oversized(BaseHTTPRequestHandler):
    served: Served

    def do_GET(self) -> None:
        served = self.served
        served.requests.append(self.path)
        self.send_response(200)
        self.send_header(
            "content-type", "application/octet-stream" if "app-files" in self.path else "application/json"
        )
        if served.declare_length:
            self.send_header("content-length", str(OVERSIZED))
        self.end_headers()
        head = b'{"kind": "bizdesk.reference-pack/1", "padding": "'
        try:
            self.wfile.write(head)
            served.sent += len(head)
            block = b"a" * CHUNK
            while served.sent < OVERSIZED:
                self.wfile.write(block)
                served.sent += len(block)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the desk hung up: what it refused was never read
        finally:
            served.done.set()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, Served]]:
    served = Served(declare_length=bool(getattr(request, "param", True)))
    handler = type("Handler", (_Oversized,), {"served": served})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _client(url: str) -> OperationsClient:
    device = DeviceIdentity.generate("desk-1")
    return OperationsClient(url, signer=device, device_id=device.device_id, training=True)


def _stopped_early(served: Served) -> None:
    assert served.done.wait(120), "the server never noticed the desk hang up"
    assert served.sent < MAX_PACK_BYTES + SLACK < OVERSIZED, served.sent


@pytest.mark.parametrize("server", [True, False], indirect=True, ids=["length-declared", "streamed"])
def test_an_oversized_pack_is_refused_at_its_cap_without_reading_it_all(server: tuple[str, Served]) -> None:
    url, served = server
    with _client(url) as client, pytest.raises(DocumentTooLarge) as refused:
        client.reference_pack()
    assert served.requests == ["/v1/updates/reference-pack"]
    _stopped_early(served)
    message = describe(refused.value)
    assert message.code == "update_refused.too_large"
    assert "参考数据包超过允许的大小（上限 8 MiB）" in message.message_zh
    assert "本机继续使用现有版本" in message.message_zh
    assert "reference pack is larger than allowed (at most 8 MiB)" in message.message_en


@pytest.mark.parametrize("server", [False], indirect=True, ids=["streamed"])
def test_an_oversized_manifest_is_refused_at_its_smaller_cap(server: tuple[str, Served]) -> None:
    url, served = server
    with _client(url) as client, pytest.raises(DocumentTooLarge) as refused:
        client.app_manifest()
    _stopped_early(served)
    assert "版本清单超过允许的大小（上限 256 KiB）" in refused.value.message_zh


@pytest.mark.parametrize("server", [True, False], indirect=True, ids=["length-declared", "streamed"])
def test_an_app_file_longer_than_its_signed_size_stops_at_that_size(server: tuple[str, Served]) -> None:
    url, served = server
    name = "bizdesk-0.2.0-py3-none-any.whl"
    with _client(url) as client, pytest.raises(DocumentTooLarge) as refused:
        client.app_file(name, size=1_000_000)
    _stopped_early(served)
    assert refused.value.code == "update_refused.files"  # not the file the release signed
    assert f"软件安装文件 {name} 超过版本清单签名的大小（1000000 字节）" in refused.value.message_zh
    assert "1000000 bytes its signed release gives" in refused.value.message_en
