"""The enrollment QR payload: round trip, every field checked by name, the CA fingerprint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID

from app.errors import UsageError
from app.syncing.enrollment_qr import (
    EnrollmentPayload,
    ca_fingerprint,
    parse_enrollment_payload,
    pinned_ca_for,
)

FINGERPRINT = "sha256:" + "ab" * 32


def _ca_pem() -> bytes:
    key = Ed25519PrivateKey.generate()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bizdesk test CA")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, None)
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def test_a_payload_round_trips() -> None:
    payload = EnrollmentPayload("https://platform.example.cn:8443/api", "SG-0101-7Q2X", FINGERPRINT)
    text = payload.text()
    assert text.startswith("bizdesk-enroll:1?url=https%3A%2F%2F")
    assert parse_enrollment_payload("  " + text + "\n") == payload
    bare = parse_enrollment_payload("bizdesk-enroll:1?url=http%3A%2F%2F127.0.0.1%3A8600&code=abcd")
    assert (bare.platform_url, bare.code, bare.ca_fingerprint) == ("http://127.0.0.1:8600", "abcd", None)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("https://platform?code=abcd", "scheme"),
        ("bizdesk-enroll:1?code=abcd", "url"),
        ("bizdesk-enroll:1?url=ftp%3A%2F%2Fx&code=abcd", "url"),
        ("bizdesk-enroll:1?url=https%3A%2F%2Fx", "code"),
        ("bizdesk-enroll:1?url=https%3A%2F%2Fx&code=a b", "code"),
        ("bizdesk-enroll:1?url=https%3A%2F%2Fx&code=abcd&code=efgh", "code"),
        ("bizdesk-enroll:1?url=https%3A%2F%2Fx&code=abcd&ca=md5:00", "ca"),
        ("bizdesk-enroll:1?url=https%3A%2F%2Fx&code=abcd&password=x", "password"),
    ],
)
def test_a_wrong_payload_names_its_field(text: str, field: str) -> None:
    with pytest.raises(UsageError) as wrong:
        parse_enrollment_payload(text)
    assert f"（{field}）" in wrong.value.message_zh
    assert f"({field})" in wrong.value.message_en


def test_the_ca_file_must_match_the_payloads_fingerprint(tmp_path: Path) -> None:
    pem = _ca_pem()
    ca = tmp_path / "ca.pem"
    ca.write_bytes(pem)
    der = x509.load_pem_x509_certificate(pem).fingerprint(hashes.SHA256()).hex()
    assert ca_fingerprint(pem) == f"sha256:{der}"
    assert pinned_ca_for(f"sha256:{der}", ca) == ca
    assert pinned_ca_for(None, None) is None
    with pytest.raises(UsageError, match="does not match"):
        pinned_ca_for(FINGERPRINT, ca)
    with pytest.raises(UsageError, match="--ca-file"):
        pinned_ca_for(FINGERPRINT, None)
