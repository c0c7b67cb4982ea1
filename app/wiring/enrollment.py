"""Enrolling this desk with a platform (``bizdesk device enroll``): its device facts, the platform's
answer kept in the outbox state, audited."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.syncing.model import Enrolled, SyncState
from app.syncing.ports import DeviceInfo
from app.wiring.gateway import configured_ca_file

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


BRANCH_SETTING = "desk.branch_code"


DIVISION_SETTING = "desk.division_code"


DEFAULT_DIVISION = "370783"  # 寿光市


def _device_info(opened: OpenedProfile) -> DeviceInfo:
    with opened.read_unit_of_work() as uow:
        branch = uow.settings.get_json(BRANCH_SETTING)
        division = uow.settings.get_json(DIVISION_SETTING)
    return DeviceInfo(
        public_key=opened.device.public_key,
        branch_code=str(branch) if branch else "0000",
        division_code=str(division) if division else DEFAULT_DIVISION,
        training=opened.training,
        label=opened.device.device_id[:100],
        app_version=__version__,
    )


def enroll(opened: OpenedProfile, url: str, code: str, *, ca_file: Path | None = None) -> Enrolled:
    """Enroll this desk with the platform at ``url`` and keep the answer; audited."""
    from sync.client.enrollment import enroll_device

    pinned = ca_file or configured_ca_file()
    answer = enroll_device(url, code, _device_info(opened), opened.device, ca_file=pinned)
    enrolled = Enrolled(
        answer.device_id,
        answer.platform_url,
        answer.platform_key_id,
        answer.platform_public_key,
        answer.mode,
        opened.clock(),
    )
    with opened.unit_of_work() as uow:
        store = uow.outbox
        before = store.state()
        same_platform = (
            before.enrolled is not None
            and before.enrolled.device_id == enrolled.device_id
            and (before.enrolled.platform_key_id == enrolled.platform_key_id)
        )
        cursor = before.cursor if same_platform else ""  # another platform's feed starts from its beginning
        store.save_state(SyncState(enrolled=enrolled, cursor=cursor, last_success_at=before.last_success_at))
        uow.audit.append(
            "device.enroll",
            actor=None,
            details={"platform": enrolled.platform_url, "mode": enrolled.mode, "device": enrolled.device_id},
        )
        uow.commit()
    return enrolled
