"""The enrollment QR payload IT shows a branch: where the platform is, the one-time code, the CA.

    bizdesk-enroll:1?url=<percent-encoded platform URL>&code=<one-time code>&ca=sha256:<64 hex>

Nothing in it is secret beyond the one-time code, which the platform accepts once. ``ca`` (optional)
is the SHA-256 fingerprint of the platform CA's certificate (DER); the desk pins a CA file only if
its fingerprint matches (``pinned_ca_for``). ``parse_enrollment_payload`` is pure and names the field
at fault.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from app.errors import UsageError

SCHEME = "bizdesk-enroll:1"
_CODE = re.compile(r"^[A-Za-z0-9._\-]{4,80}$")
_FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}$")


@dataclass(frozen=True)
class EnrollmentPayload:
    platform_url: str
    code: str
    ca_fingerprint: str | None  # "sha256:<hex>" of the CA certificate (DER)

    def text(self) -> str:
        """The payload as IT's tool renders it into a QR code."""
        parts = [f"url={quote(self.platform_url, safe='')}", f"code={quote(self.code, safe='')}"]
        if self.ca_fingerprint:
            parts.append(f"ca={self.ca_fingerprint}")
        return f"{SCHEME}?{'&'.join(parts)}"


def _wrong(field: str, zh: str, en: str) -> UsageError:
    return UsageError(
        f"注册二维码内容有误（{field}）：{zh}请让IT人员重新生成二维码。",
        f"The enrollment QR payload is wrong ({field}): {en} Ask IT for a new QR code.",
        code="enrollment_payload",
    )


def parse_enrollment_payload(text: str) -> EnrollmentPayload:
    """Read a scanned or pasted payload; raises ``UsageError`` naming the field at fault."""
    head, _, query = text.strip().partition("?")
    if head.lower() != SCHEME:
        raise _wrong("scheme", f"应以 {SCHEME}? 开头。", f"it must start with {SCHEME}?.")
    fields = parse_qs(query, keep_blank_values=True, strict_parsing=False)
    unknown = sorted(set(fields) - {"url", "code", "ca"})
    if unknown:
        raise _wrong(unknown[0], "含有未知字段。", "it holds a field bizdesk does not know.")
    url = _single(fields, "url")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _wrong(
            "url", "平台地址应形如 https://平台地址。", "the platform URL must look like https://host."
        )
    code = _single(fields, "code")
    if not _CODE.match(code):
        raise _wrong(
            "code", "注册码应为4到80位字母、数字或 . _ -。", "the code is 4-80 letters, digits or . _ -."
        )
    ca = _single(fields, "ca", required=False).lower() or None
    if ca is not None and not _FINGERPRINT.match(ca):
        raise _wrong(
            "ca", "CA指纹应形如 sha256:64位十六进制。", "the CA fingerprint is sha256:<64 hex digits>."
        )
    return EnrollmentPayload(url.rstrip("/"), code, ca)


def _single(fields: dict[str, list[str]], name: str, *, required: bool = True) -> str:
    values = fields.get(name, [])
    if len(values) > 1:
        raise _wrong(name, "字段重复。", "the field appears twice.")
    if not values or not values[0].strip():
        if required:
            raise _wrong(name, "缺少该字段。", "the field is missing.")
        return ""
    return values[0].strip()


def ca_fingerprint(pem: bytes) -> str:
    """``sha256:<hex>`` of the first certificate in a PEM file (of its DER bytes)."""
    match = re.search(rb"-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", pem, re.DOTALL)
    if match is None:
        raise UsageError(
            "CA文件不是PEM格式的证书。", "The CA file is not a PEM certificate.", code="enrollment_payload"
        )
    der = base64.b64decode(b"".join(match.group(1).split()))
    return "sha256:" + hashlib.sha256(der).hexdigest()


def pinned_ca_for(fingerprint: str | None, ca_file: Path | None) -> Path | None:
    """The CA file to pin (``ca_file``: the one given, else the configured one): it must match the
    payload's fingerprint when the payload names one."""
    if fingerprint is None:
        return ca_file
    if ca_file is None:
        raise UsageError(
            f"二维码要求固定平台CA（指纹 {fingerprint[:19]}…），请用 --ca-file 提供IT下发的CA证书。",
            f"The QR payload pins the platform CA ({fingerprint[:19]}…); "
            "give IT's CA certificate with --ca-file.",
            code="enrollment_payload.ca_missing",
        )
    actual = ca_fingerprint(ca_file.read_bytes())
    if actual != fingerprint:
        raise UsageError(
            "CA证书与二维码中的指纹不符，未注册。请核对CA文件或让IT人员重新生成二维码。",
            f"The CA certificate ({actual[:19]}…) does not match the QR payload's fingerprint; not enrolled. "
            "Check the CA file or ask IT for a new QR code.",
            code="enrollment_payload.ca_mismatch",
        )
    return ca_file
