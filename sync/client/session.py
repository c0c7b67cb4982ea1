"""The signed HTTP session under every platform call: TLS policy, the client, JSON bodies (gzip from
1 KiB), an RFC 9421 signature on every request, and answers read strictly.

TLS verification is always on (an optional pinned CA replaces the system store); plain HTTP is
allowed only to a loopback sandbox or from the training profile.
"""

from __future__ import annotations

import gzip
import json
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from app.errors import BizdeskError, UsageError
from app.syncing.address import loopback
from sync.client.errors import malformed, refusal, unreachable
from sync.signing import Signer, sign_request

Model = TypeVar("Model", bound=BaseModel)
COMPRESS_FROM_BYTES = 1024
USER_AGENT = "bizdesk/0.1 (platform API v1)"


def check_platform_url(url: str, *, training: bool) -> str:
    """The base URL without a trailing slash; refuses plain HTTP to anything but loopback outside training."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UsageError(
            f"平台地址无效：{url}。应形如 https://平台地址。",
            f"Not a platform URL: {url} (use https://host).",
        )
    if parts.scheme == "http" and not training and not loopback(parts.hostname):
        raise UsageError(
            "正式平台必须使用 https 地址（明文 http 仅限本机沙箱或培训模式）。",
            "The real platform must be reached over https (plain http only for a local sandbox or training).",
        )
    return url.rstrip("/")


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Verification always on: the system store, or only the pinned CA when one is given."""
    return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)


def http_client(
    base_url: str,
    *,
    ca_file: Path | None = None,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        verify=tls_context(ca_file),
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        transport=transport,
        headers={"user-agent": USER_AGENT},
        follow_redirects=False,
    )


def encode_json(value: Any) -> tuple[bytes, str]:
    """(body, content-encoding): compact JSON, gzip-compressed from ``COMPRESS_FROM_BYTES``."""
    return compressed(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def compressed(body: bytes) -> tuple[bytes, str]:
    """(body, content-encoding): gzip-compressed from ``COMPRESS_FROM_BYTES``."""
    if len(body) >= COMPRESS_FROM_BYTES:
        return gzip.compress(body, compresslevel=5, mtime=0), "gzip"
    return body, "identity"


class SignedSession:
    """An httpx client that signs every request with one key id, and reads answers strictly."""

    def __init__(self, client: httpx.Client, signer: Signer, key_id: str) -> None:
        self.client = client
        self._signer = signer
        self._key_id = key_id

    def send(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        json_text: bytes | None = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str | int] | None = None,
    ) -> httpx.Response:
        request = self._signed_request(method, path, json_body, json_text, raw, headers, params)
        try:
            return self.client.send(request)
        except httpx.TransportError as error:
            raise unreachable(str(self.client.base_url), error) from error

    def send_limited(
        self, method: str, path: str, *, limit: int, too_large: Callable[[], BizdeskError]
    ) -> httpx.Response:
        """A request without a body whose answer is read as a stream and stopped at ``limit`` bytes
        (decoded): a longer answer raises ``too_large()`` with the rest unread, and one whose declared
        ``Content-Length`` is past the limit is refused before a byte of its body is read. The answer
        comes back read, with its body as decoded bytes."""
        request = self._signed_request(method, path, None, None, None, None, None)
        try:
            answer = self.client.send(request, stream=True)
            try:
                body = _read_limited(answer, limit, too_large)
            finally:
                answer.close()  # past the limit: the connection is dropped, the rest never read
        except httpx.TransportError as error:
            raise unreachable(str(self.client.base_url), error) from error
        kept = [(k, v) for k, v in answer.headers.multi_items() if k.lower() not in _BODY_HEADERS]
        return httpx.Response(answer.status_code, headers=kept, content=body, request=request)

    def _signed_request(
        self,
        method: str,
        path: str,
        json_body: Any,
        json_text: bytes | None,
        raw: bytes | None,
        headers: dict[str, str] | None,
        params: dict[str, str | int] | None,
    ) -> httpx.Request:
        all_headers = dict(headers or {})
        body = b""
        if json_body is not None or json_text is not None:  # a value to encode, or encoded JSON
            body, encoding = encode_json(json_body) if json_text is None else compressed(json_text)
            all_headers |= {"content-type": "application/json", "content-encoding": encoding}
        elif raw is not None:
            body = raw
            all_headers |= {"content-type": "application/octet-stream", "content-encoding": "identity"}
        request = self.client.build_request(
            method, path, content=body or None, headers=all_headers, params=params
        )
        sign_request(
            request.method, str(request.url), request.headers, body, signer=self._signer, key_id=self._key_id
        )
        return request

    def expect(self, response: httpx.Response, model: type[Model], *, enrolling: bool = False) -> Model:
        return self.expect_raw(response, model, enrolling=enrolling)[0]

    def expect_raw(
        self, response: httpx.Response, model: type[Model], *, enrolling: bool = False
    ) -> tuple[Model, dict[str, Any]]:
        """The answer as ``model``, and as the JSON object it was read from (signatures cover the latter)."""
        if not 200 <= response.status_code < 300:
            raise refusal(response, enrolling=enrolling)
        try:
            raw = json.loads(response.content)
            return model.model_validate(raw), raw
        except (ValueError, ValidationError):
            raise malformed(f"{response.request.method} {response.request.url.path}") from None


_BODY_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})  # of the raw body


def _read_limited(answer: httpx.Response, limit: int, too_large: Callable[[], BizdeskError]) -> bytes:
    declared = answer.headers.get("content-length", "")
    encoding = answer.headers.get("content-encoding", "identity").strip().lower()
    if declared.isdigit() and int(declared) > limit and encoding in ("", "identity"):
        raise too_large()
    chunks: list[bytes] = []
    size = 0
    for chunk in answer.iter_bytes():  # decoded: a gzip bomb stops at the limit too
        size += len(chunk)
        if size > limit:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)
