"""The chunked AEAD stream behind backups: round trip across chunks; any damage refused."""

from __future__ import annotations

import io
import secrets
import struct

import pytest

from app.security.sealed_stream import CHUNK, OpeningReader, SealingWriter, StreamDamaged, open_chunks

KEY = secrets.token_bytes(32)


def _seal(data: bytes, aad: bytes = b"header") -> bytes:
    out = io.BytesIO()
    writer = SealingWriter(out, KEY, aad)
    for start in range(0, len(data), 100_000):
        writer.write(data[start : start + 100_000])
    writer.finish()
    return out.getvalue()


def _open(blob: bytes, aad: bytes = b"header") -> bytes:
    return OpeningReader(open_chunks(io.BytesIO(blob), KEY, aad)).read()


def _chunks(blob: bytes) -> tuple[bytes, list[bytes]]:
    prefix, rest, chunks = blob[:7], blob[7:], []
    while rest:
        size = struct.unpack(">I", rest[:4])[0]
        chunks.append(rest[: 4 + size])
        rest = rest[4 + size :]
    return prefix, chunks


@pytest.mark.parametrize("size", [0, 1, CHUNK, CHUNK + 1, 2 * CHUNK + 12345])
def test_round_trip(size: int) -> None:
    data = secrets.token_bytes(size)
    assert _open(_seal(data)) == data


def test_reordered_dropped_or_appended_chunks_are_refused() -> None:
    prefix, chunks = _chunks(_seal(secrets.token_bytes(3 * CHUNK + 10)))
    assert len(chunks) == 4
    for damaged in (
        [chunks[1], chunks[0], *chunks[2:]],
        chunks[:-1],
        [chunks[0], *chunks[2:]],
        [*chunks, chunks[-1]],
    ):
        with pytest.raises(StreamDamaged):
            _open(prefix + b"".join(damaged))


def test_another_aad_or_key_is_refused() -> None:
    blob = _seal(b"payload")
    with pytest.raises(StreamDamaged):
        _open(blob, aad=b"other header")
