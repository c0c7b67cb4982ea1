"""Enrolling by the QR payload IT hands a branch (``bizdesk device enroll --qr PAYLOAD``, 系统管理)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UsageError
from app.syncing.enrollment_qr import ca_fingerprint, parse_enrollment_payload
from app.syncing.model import Enrolled
from app.wiring.enrollment import enroll
from app.wiring.gateway import configured_ca_file

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


def pinned_ca_for(fingerprint: str | None, ca_file: Path | None) -> Path | None:
    """The CA file to pin: it must match the payload's fingerprint when the payload names one."""
    pinned = ca_file or configured_ca_file()
    if fingerprint is None:
        return pinned
    if pinned is None:
        raise UsageError(
            f"二维码要求固定平台CA（指纹 {fingerprint[:19]}…），请用 --ca-file 提供IT下发的CA证书。",
            f"The QR payload pins the platform CA ({fingerprint[:19]}…); "
            "give IT's CA certificate with --ca-file.",
            code="enrollment_payload.ca_missing",
        )
    actual = ca_fingerprint(pinned.read_bytes())
    if actual != fingerprint:
        raise UsageError(
            "CA证书与二维码中的指纹不符，未注册。请核对CA文件或让IT人员重新生成二维码。",
            f"The CA certificate ({actual[:19]}…) does not match the QR payload's fingerprint; not enrolled. "
            "Check the CA file or ask IT for a new QR code.",
            code="enrollment_payload.ca_mismatch",
        )
    return pinned


def enroll_with_payload(opened: OpenedProfile, text: str, *, ca_file: Path | None = None) -> Enrolled:
    payload = parse_enrollment_payload(text)
    pinned = pinned_ca_for(payload.ca_fingerprint, ca_file)
    return enroll(opened, payload.platform_url, payload.code, ca_file=pinned)
