"""Fleet health as IT reads it: each branch desk's latest report, flagged when it needs attention.

Flags: ``never_reported``; ``stale`` (no good sync pass for ``STALE_AFTER``: a desk reports the time
of its last good pass, so one whose batches are all refused goes stale however often it reports);
``old_app`` / ``old_pack`` (behind the newest version on offer or seen in the fleet); ``errors``
(recent error codes); from the codes, ``batches_refused`` (the platform refused batches of a recent
pass), and the desk's offline guard as it stood when it reported: ``new_cases_refused``,
``sync_overdue``, ``many_unsent`` (``app.services.offline_guard``). Pure: the listing comes from
the platform, the time from the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.errors import PlatformError
from app.updates.policy import is_newer, version_key

STALE_AFTER = dt.timedelta(days=1)
# error codes a report carries that earn a flag of their own (code -> flag)
CODE_FLAGS = {
    "sync.batches_refused": "batches_refused",
    "offline.new_cases_refused": "new_cases_refused",
    "offline.sync_overdue": "sync_overdue",
    "offline.many_unsent": "many_unsent",
}
IT_DEVICE_REQUIRED = "platform.it_device_required"  # the platform's 403 code, as the client reports it


class FleetRefused(PlatformError):
    """The platform lists the fleet to IT devices only (enrolled with an IT enrolment code)."""

    code = "fleet.it_device_required"
    title_zh = "仅限IT设备"
    title_en = "IT devices only"

    def __init__(self) -> None:
        super().__init__(
            "政务平台拒绝列出网点设备：只有用IT注册码注册的IT设备可以查看，本机是用网点注册码注册的网点设备。"
            "请在IT专用电脑上运行 bizdesk fleet（该电脑须用政务平台运营方发放的IT注册码注册："
            "bizdesk device enroll --platform 地址 --code IT注册码）。",
            "The platform refused to list the fleet: only IT devices (enrolled with an IT enrolment code) "
            "may, and this desk was enrolled with a branch code. Run bizdesk fleet on IT's own PC, enrolled "
            "with an IT enrolment code from the platform operator "
            "(bizdesk device enroll --platform URL --code CODE).",
        )


@dataclass(frozen=True)
class DeskHealth:
    """One desk's latest report as the platform keeps it (None: it never reported)."""

    device_id: str
    branch_code: str
    label: str = ""
    reported_at: dt.datetime | None = None
    app_version: str | None = None
    pack_version: str | None = None
    queue_depth: int | None = None
    last_success_at: dt.datetime | None = None
    recent_error_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class HealthReport:
    """What this desk tells the platform with its sync passes: versions, queue, times, error codes."""

    app_version: str
    pack_version: str
    queue_depth: int
    last_success_at: dt.datetime | None = None
    recent_error_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FleetListing:
    """Every desk of the platform, as the platform answers IT, and the versions it offers."""

    desks: tuple[DeskHealth, ...]
    latest_app: str | None = None
    latest_pack: str | None = None


@dataclass(frozen=True)
class FleetLine:
    desk: DeskHealth
    flags: tuple[str, ...] = field(default=())

    @property
    def needs_attention(self) -> bool:
        return bool(self.flags)

    def as_json(self) -> dict[str, Any]:
        desk = self.desk
        return {
            "device_id": desk.device_id,
            "branch_code": desk.branch_code,
            "label": desk.label,
            "app_version": desk.app_version,
            "pack_version": desk.pack_version,
            "queue_depth": desk.queue_depth,
            "last_success_at": desk.last_success_at.isoformat() if desk.last_success_at else None,
            "reported_at": desk.reported_at.isoformat() if desk.reported_at else None,
            "recent_error_codes": list(desk.recent_error_codes),
            "flags": list(self.flags),
        }


def _newest(offered: str | None, seen: Sequence[str | None]) -> str | None:
    versions = [v for v in (offered, *seen) if v]
    return max(versions, key=version_key) if versions else None


def assess_fleet(
    desks: Sequence[DeskHealth],
    *,
    now: dt.datetime,
    offered_app: str | None = None,
    offered_pack: str | None = None,
) -> list[FleetLine]:
    """Every desk with its flags, those needing attention first, then by branch."""
    newest_app = _newest(offered_app, [d.app_version for d in desks])
    newest_pack = _newest(offered_pack, [d.pack_version for d in desks])
    lines = [FleetLine(desk, _flags(desk, now, newest_app, newest_pack)) for desk in desks]
    return sorted(
        lines, key=lambda line: (not line.needs_attention, line.desk.branch_code, line.desk.device_id)
    )


def _flags(
    desk: DeskHealth, now: dt.datetime, newest_app: str | None, newest_pack: str | None
) -> tuple[str, ...]:
    if desk.reported_at is None:
        return ("never_reported",)
    flags: list[str] = []
    if desk.last_success_at is None or now - desk.last_success_at >= STALE_AFTER:
        flags.append("stale")
    if newest_app and desk.app_version and is_newer(newest_app, desk.app_version):
        flags.append("old_app")
    if newest_pack and desk.pack_version and is_newer(newest_pack, desk.pack_version):
        flags.append("old_pack")
    if desk.recent_error_codes:
        flags.append("errors")
    flags.extend(flag for code, flag in CODE_FLAGS.items() if code in desk.recent_error_codes)
    return tuple(flags)
