"""Enrolling this desk (``bizdesk device enroll``, 系统管理, the training sandbox): the platform pinned
with the right CA, then ``app.services.enrollment``.

A QR payload (``bizdesk-enroll:1?...``) may name the CA's fingerprint: the CA file given (or the
configured one) must match it (``app.syncing.enrollment_qr.pinned_ca_for``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.services import enrollment
from app.syncing.enrollment_qr import parse_enrollment_payload, pinned_ca_for
from app.syncing.model import Enrolled
from app.wiring.services import configured_ca_file, http_platform

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


def enroll(opened: OpenedProfile, url: str, code: str, *, ca_file: Path | None = None) -> Enrolled:
    """Enroll with the platform at ``url`` by ``code``, pinning ``ca_file`` (else the configured CA)."""
    return enrollment.enroll(opened.store, http_platform(opened, ca_file=ca_file), url, code)


def enroll_with_payload(opened: OpenedProfile, text: str, *, ca_file: Path | None = None) -> Enrolled:
    payload = parse_enrollment_payload(text)
    pinned = pinned_ca_for(payload.ca_fingerprint, ca_file or configured_ca_file())
    return enroll(opened, payload.platform_url, payload.code, ca_file=pinned)
