"""Two ASGI layers in front of the sandbox's routes.

``SignatureGate`` checks every ``/v1/`` request (health aside) against RFC 9421 before any route
runs, refuses replays and wrong-mode devices, then hands the routes the decompressed body and the
device (``request.state.device``). ``FaultInjector`` sits outside it and plays a bad network:
503 before anything happens, a cut connection after the work was committed, broken JSON, latency.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers

from sync.sandbox.platform import Platform
from sync.sandbox.problems import ApiProblem, unavailable

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

PUBLIC_PATHS = frozenset({"/v1/health"})
JSON_POSTS = frozenset({"/v1/enroll", "/v1/submissions/batch", "/v1/audit-checkpoints"})
ENROLL_PATH = "/v1/enroll"
STATS_PATH = "/sandbox/stats"
MAX_JSON_DEPTH = 64
BINARY = "application/octet-stream"
DROP_LOG_MESSAGE = "ASGI callable returned without completing response."


def _guarded(scope: Scope) -> bool:
    path = str(scope.get("path", ""))
    return scope["type"] == "http" and path.startswith("/v1/") and path not in PUBLIC_PATHS


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ApiProblem(400, "incomplete_body", "Incomplete body", "The client went away mid-request.")
        chunk = bytes(message.get("body", b""))
        size += len(chunk)
        if size > limit:
            raise _too_large(limit, "")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _decode(body: bytes, encoding: str | None, limit: int) -> bytes:
    coding = (encoding or "identity").strip().lower()
    if coding == "identity":
        return body
    if coding != "gzip":
        raise ApiProblem(
            415,
            "unsupported_encoding",
            "Unsupported content encoding",
            "Use gzip or identity.",
            title_zh="不支持的压缩方式",
            detail_zh="请求压缩方式不受支持。",
        )
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        decoded = inflater.decompress(body, limit + 1)
    except zlib.error:
        raise ApiProblem(
            400,
            "bad_gzip",
            "Bad gzip body",
            "The body is not valid gzip.",
            title_zh="压缩数据损坏",
            detail_zh="请求的压缩数据无法解开。",
        ) from None
    if len(decoded) > limit or inflater.unconsumed_tail or not inflater.eof:
        raise _too_large(limit, f"The decompressed body is larger than {limit} bytes or truncated.")
    return decoded


def _too_large(limit: int, detail: str) -> ApiProblem:
    return ApiProblem(
        413,
        "too_large",
        "Request too large",
        detail or f"Send at most {limit} bytes per request.",
        title_zh="请求过大",
        detail_zh="请求内容过大，请分批发送。",
    )


def expected_media_type(method: str, path: str) -> str | None:
    """The one Content-Type a known route with a body takes (None: no body, or an unknown route)."""
    if path == "/v1/attachments/batch" and method == "POST":
        return BINARY
    attachment = path.startswith("/v1/attachments/") and path.count("/") == 3
    if attachment and method == "PATCH":
        return BINARY
    if (attachment and method == "PUT") or (method == "POST" and path in JSON_POSTS):
        return "application/json"
    return None


def _check_media_type(method: str, path: str, headers: Headers) -> None:
    expected = expected_media_type(method, path)
    given = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if expected is not None and given != expected:
        raise ApiProblem(
            415,
            "unsupported_media_type",
            "Unsupported media type",
            f"{method} {path} takes Content-Type {expected}, not {given or 'none'}.",
            title_zh="内容类型不受支持",
            detail_zh=f"该接口只接受 {expected} 格式的请求内容。",
        )


def _url(scope: Scope, headers: Headers) -> str:
    host = headers.get("host")
    if not host:
        server = scope.get("server") or ("localhost", None)
        host = f"{server[0]}:{server[1]}" if server[1] else str(server[0])
    raw_path = scope.get("raw_path") or str(scope["path"]).encode("utf-8")
    query = scope.get("query_string", b"")
    url = f"{scope.get('scheme', 'http')}://{host}{raw_path.decode('latin-1')}"
    return url + (f"?{query.decode('latin-1')}" if query else "")


def _refuse_deep_json(decoded: bytes) -> None:
    """JSON nested past the parser's recursion limit answers 400 (documented), not a 500."""
    if decoded.count(b"[") + decoded.count(b"{") < MAX_JSON_DEPTH:
        return
    try:
        json.loads(decoded)
    except RecursionError:
        raise ApiProblem(
            400,
            "too_deep",
            "Malformed request",
            f"The JSON body nests deeper than the platform reads (about {MAX_JSON_DEPTH} levels suffice).",
            title_zh="请求格式有误",
            detail_zh="请求的JSON嵌套层数过深。",
        ) from None
    except ValueError:
        return  # not JSON: the route answers 422 as documented


def _enroll_key(decoded: bytes) -> str | None:
    try:
        value = json.loads(decoded).get("public_key")
    except (ValueError, AttributeError, UnicodeDecodeError, RecursionError):
        return None
    return value if isinstance(value, str) and len(value) == 44 else None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


class SignatureGate:
    def __init__(self, app: App, platform: Platform) -> None:
        self.app = app
        self.platform = platform

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        stats = scope.get("path") == STATS_PATH and self.platform.config.mode == "production"
        if not (_guarded(scope) or stats):  # a production platform tells its counts to devices only
            await self.app(scope, receive, send)
            return
        limit = self.platform.config.max_body_bytes
        headers = Headers(scope=scope)
        try:
            declared = headers.get("content-length", "0")
            if declared.isascii() and declared.isdigit() and int(declared) > limit:
                raise _too_large(limit, "")  # refused before reading a byte of it
            body = await _read_body(receive, limit)
            decoded = _decode(body, headers.get("content-encoding"), limit)
            if expected_media_type(scope["method"], scope["path"]) != BINARY:  # scans are never parsed
                _refuse_deep_json(decoded)
            enroll_key = _enroll_key(decoded) if scope["path"] == ENROLL_PATH else None
            device = await run_in_threadpool(
                self.platform.authenticate,
                scope["method"],
                _url(scope, headers),
                headers,
                body,
                enroll_key=enroll_key,
            )
            _check_media_type(scope["method"], scope["path"], headers)
        except ApiProblem as problem:
            await problem.response()(scope, receive, send)
            return
        scope.setdefault("state", {})["device"] = device
        scope["headers"] = [
            (name, value)
            for name, value in scope["headers"]
            if name not in (b"content-encoding", b"content-length")
        ] + [(b"content-length", str(len(decoded)).encode())]
        await self.app(scope, _replay(decoded, receive), send)


class FaultInjector:
    def __init__(self, app: App, platform: Platform) -> None:
        self.app = app
        self.platform = platform

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _guarded(scope):
            await self.app(scope, receive, send)
            return
        config = self.platform.config
        if config.latency_ms:
            await asyncio.sleep(config.latency_ms / 1000)
        roll = self.platform.roll()
        if roll < config.fail_rate:
            self.platform.count_injected("failures")
            await unavailable("Injected failure: nothing was done; send again.").response()(
                scope, receive, send
            )
            return
        if roll < config.fail_rate + config.drop_rate:
            await self.app(scope, receive, _swallow)
            self.platform.count_injected("drops")
            # Headers promise a body that never comes: the server then closes the connection.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
                }
            )
            return
        if roll < config.fail_rate + config.drop_rate + config.malformed_rate:
            await self.app(scope, receive, _swallow)
            self.platform.count_injected("malformed")
            broken = b'{"results": [{"idempotency_key": '
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(broken)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": broken, "more_body": False})
            return
        await self.app(scope, receive, send)


async def _swallow(message: Message) -> None:
    """The answer the client never gets."""
