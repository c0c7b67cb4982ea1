"""Enrolling this desk (``bizdesk device enroll``, 系统管理, the training sandbox): the platform pinned
with the right CA, then ``app.services.enrollment`` (IT's name, ``replace``, ``carry_over``,
``loopback_http`` passed through as the service documents them).

A QR payload (``bizdesk-enroll:1?...``) may name the CA's fingerprint: the CA file given (or the
configured one) must match it (``app.syncing.enrollment_qr.pinned_ca_for``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.services import enrollment
from app.services.enrollment import EnrollmentDone
from app.syncing.enrollment_qr import parse_enrollment_payload, pinned_ca_for
from app.syncing.model import Enrolled
from app.wiring.services import configured_ca_file, http_platform

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


def enroll_desk(
    opened: OpenedProfile, url: str, code: str, *, ca_file: Path | None = None, **how: Any
) -> EnrollmentDone:
    """Enroll with the platform at ``url`` by ``code``, pinning ``ca_file`` (else the configured CA)."""
    return enrollment.enroll_desk(opened.store, http_platform(opened, ca_file=ca_file), url, code, **how)


def enroll(
    opened: OpenedProfile, url: str, code: str, *, ca_file: Path | None = None, **how: Any
) -> Enrolled:
    return enroll_desk(opened, url, code, ca_file=ca_file, **how).enrolled


def enroll_with_payload(
    opened: OpenedProfile, text: str, *, ca_file: Path | None = None, **how: Any
) -> EnrollmentDone:
    payload = parse_enrollment_payload(text)
    pinned = pinned_ca_for(payload.ca_fingerprint, ca_file or configured_ca_file())
    return enroll_desk(opened, payload.platform_url, payload.code, ca_file=pinned, **how)
