"""Fictitious scans: small greyscale PNG images standing in for the documents of training cases.

Deterministic for a document of a case, so the case can record the scan's SHA-256 when it is
generated and the seed can store the very same bytes later (``app.training.seeding.seed_cases``).
"""

from __future__ import annotations

import hashlib
import struct
import zlib

WIDTH, HEIGHT = 120, 80
MEDIA_TYPE = "image/png"


def fictitious_scan(case_id: str, kind: str, subject: str | None) -> bytes:
    """A PNG of ``WIDTH`` x ``HEIGHT`` grey pixels drawn from the document's identity (a few KB)."""
    seed = f"bizdesk.fictitious-scan|{case_id}|{kind}|{subject or ''}".encode()
    stream = bytearray()
    counter = 0
    while len(stream) < WIDTH * HEIGHT:
        stream += hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    rows = b"".join(
        b"\x00" + bytes(0x80 | (b & 0x3F) for b in stream[y * WIDTH : (y + 1) * WIDTH]) for y in range(HEIGHT)
    )
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 6))
        + _chunk(b"IEND", b"")
    )


def scan_sha256(case_id: str, kind: str, subject: str | None) -> str:
    return hashlib.sha256(fictitious_scan(case_id, kind, subject)).hexdigest()


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
