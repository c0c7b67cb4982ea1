"""Enrolling this desk with a platform (``bizdesk device enroll``, 系统管理, the training sandbox):
its device facts, the platform's answer kept in the sync state, audited.

The desk's branch and division are settings (``desk.branch_code``, ``desk.division_code``): they tell
the platform where the desk stands and decide which staged rollouts reach it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.ports import SettingsStore
from app.syncing.enrollment_qr import ca_fingerprint
from app.syncing.model import Enrolled, SyncState
from app.syncing.platform import Platform
from app.syncing.ports import DeviceInfo
from app.unit_of_work import UnitOfWork, UnitsOfWork

BRANCH_SETTING = "desk.branch_code"
DIVISION_SETTING = "desk.division_code"
DEFAULT_DIVISION = "370783"  # 寿光市


@dataclass(frozen=True)
class DeviceFacts:
    """This desk's enrollment: where it syncs, and the CA it pins (None: the system's store)."""

    device_id: str
    enrolled: bool
    platform_url: str | None
    mode: str | None
    enrolled_at: dt.datetime | None
    pinned_ca: str | None
    ca_fingerprint: str | None


def device_facts(uow: UnitOfWork, *, pinned_ca: Path | None) -> DeviceFacts:
    """The desk's identity and enrollment, and the CA it pins with its fingerprint (inside ``with uow:``)."""
    enrolled = uow.outbox.state().enrolled
    fingerprint = (
        ca_fingerprint(pinned_ca.read_bytes()) if pinned_ca is not None and pinned_ca.is_file() else None
    )
    return DeviceFacts(
        device_id=uow.device().device_id,
        enrolled=enrolled is not None,
        platform_url=enrolled.platform_url if enrolled else None,
        mode=enrolled.mode if enrolled else None,
        enrolled_at=enrolled.enrolled_at if enrolled else None,
        pinned_ca=str(pinned_ca) if pinned_ca else None,
        ca_fingerprint=fingerprint,
    )


def branch_code(settings: SettingsStore) -> str:
    """The desk's branch ("0000" until IT sets one)."""
    branch = settings.get_json(BRANCH_SETTING)
    return str(branch) if branch else "0000"


def device_info(uow: UnitOfWork) -> DeviceInfo:
    """What the desk tells the platform about itself: its key, branch, division, kind and version."""
    device = uow.device()
    division = uow.settings.get_json(DIVISION_SETTING)
    return DeviceInfo(
        public_key=device.public_key,
        branch_code=branch_code(uow.settings),
        division_code=str(division) if division else DEFAULT_DIVISION,
        training=uow.training,
        label=device.device_id[:100],
        app_version=__version__,
    )


def enroll(units: UnitsOfWork, platform: Platform, url: str, code: str) -> Enrolled:
    """Enroll this desk with the platform at ``url`` by IT's one-time ``code`` and keep the answer.

    Enrolled again with the same platform (same device id and platform key), the desk goes on reading
    its status feed where it was; another platform's feed starts from its beginning.
    """
    with units.read_unit_of_work() as uow:
        info, device = device_info(uow), uow.device()
    answer = platform.enroll(url, code, info, device)
    with units.unit_of_work() as uow:
        enrolled = Enrolled(
            answer.device_id,
            answer.platform_url,
            answer.platform_key_id,
            answer.platform_public_key,
            answer.mode,
            uow.clock(),
        )
        before = uow.outbox.state()
        known = before.enrolled
        same_platform = (
            known is not None
            and known.device_id == enrolled.device_id
            and known.platform_key_id == enrolled.platform_key_id
        )
        cursor = before.cursor if same_platform else ""
        uow.outbox.save_state(
            SyncState(enrolled=enrolled, cursor=cursor, last_success_at=before.last_success_at)
        )
        details: dict[str, Any] = {
            "platform": enrolled.platform_url,
            "mode": enrolled.mode,
            "device": enrolled.device_id,
        }
        uow.audit.append("device.enroll", actor=None, details=details)
        uow.commit()
    return enrolled
