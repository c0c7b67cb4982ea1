"""A sealed stream: data cut into 1 MiB chunks, each sealed with AES-256-GCM.

    prefix (7 random bytes) | chunk* where chunk = u32 length | sealed bytes

Chunk ``i``'s nonce is the prefix, ``i`` and a last-chunk flag, and every chunk
authenticates the caller's ``aad``: a reordered, dropped, changed or truncated chunk,
or bytes appended after the last one, make reading fail with ``StreamDamaged``.
Used for backups (``app.services.backup``).
"""

from __future__ import annotations

import io
import secrets
import struct
from collections.abc import Iterator
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CHUNK = 1 << 20


class StreamDamaged(Exception):
    """The sealed stream does not authenticate (the caller turns this into its own error)."""


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


class SealingWriter(io.RawIOBase):
    """A write-only stream sealing what it is given in numbered chunks."""

    def __init__(self, out: IO[bytes], key: bytes, aad: bytes) -> None:
        self._out, self._aead, self._aad = out, AESGCM(key), aad
        self._prefix = secrets.token_bytes(7)
        self._buffer = bytearray()
        self._index = 0
        out.write(self._prefix)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += bytes(data)
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._index, last), plain, self._aad)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def finish(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()


def open_chunks(source: IO[bytes], key: bytes, aad: bytes) -> Iterator[bytes]:
    aead, prefix = AESGCM(key), source.read(7)
    index, last = 0, False
    while not last:
        size_bytes = source.read(4)
        if len(size_bytes) != 4:
            raise StreamDamaged()  # truncated before the last chunk
        sealed = source.read(struct.unpack(">I", size_bytes)[0])
        try:
            plain = aead.decrypt(_nonce(prefix, index, False), sealed, aad)
        except InvalidTag:
            try:
                plain, last = aead.decrypt(_nonce(prefix, index, True), sealed, aad), True
            except InvalidTag:
                raise StreamDamaged() from None
        index += 1
        yield plain
    if source.read(1):
        raise StreamDamaged()  # bytes after the last chunk


class OpeningReader(io.RawIOBase):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks, self._buffer = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            self._buffer = next(self._chunks, b"")
            if not self._buffer:
                return 0
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size
