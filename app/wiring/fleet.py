"""Fleet health: this desk's report with each sync pass, and the listing IT reads (``bizdesk fleet``).

A report holds the app and pack versions, the queue depth, the last success and the codes of
recent errors: never personal data. ``after_sync_pass`` also checks for updates; neither may fail
a pass (submissions matter more), so their own failures are only recorded as recent errors.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from app import __version__
from app.errors import BizdeskError
from app.syncing.engine import SyncReport
from app.updates.fleet import IT_DEVICE_REQUIRED, DeskHealth, FleetLine, FleetRefused, assess_fleet
from app.wiring.updates import (
    apply_due_update,
    check_updates,
    enrolled_or_refuse,
    operations_client,
    running_pack_version,
)

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile

RECENT_ERRORS_SETTING = "fleet.recent_errors"
RECENT_ERRORS_KEPT = 10


def remember_error(opened: OpenedProfile, code: str | None) -> None:
    """Keep the last error codes (code and time only) for the next report."""
    if not code:
        return
    with opened.unit_of_work() as uow:
        kept = uow.settings.get_json(RECENT_ERRORS_SETTING) or []
        kept = [*kept, {"code": code, "at": opened.clock().isoformat()}][-RECENT_ERRORS_KEPT:]
        uow.settings.set_json(RECENT_ERRORS_SETTING, kept)
        uow.commit()


def recent_errors(opened: OpenedProfile) -> list[dict[str, Any]]:
    with opened.read_unit_of_work() as uow:
        kept = uow.settings.get_json(RECENT_ERRORS_SETTING)
    return list(kept) if isinstance(kept, list) else []


def report_health(opened: OpenedProfile, report: SyncReport) -> None:
    """Send this desk's health to the platform (raises ``PlatformError`` when it cannot)."""
    from sync.protocol.operations import FleetReport

    enrolled = enrolled_or_refuse(opened)
    body = FleetReport(
        app_version=__version__,
        pack_version=running_pack_version(opened),
        queue_depth=report.pending,
        last_success_at=report.last_success_at,
        recent_error_codes=[entry["code"] for entry in recent_errors(opened)],
    )
    with operations_client(opened, enrolled) as client:
        client.report_health(body)


def after_sync_pass(opened: OpenedProfile, report: SyncReport) -> None:
    """Record the pass's error and apply a pack now due; after a good pass, check updates, report health."""
    remember_error(opened, report.error_code)
    try:
        apply_due_update(opened)  # a deadline is met offline too, from the release kept earlier
    except BizdeskError as failed:
        remember_error(opened, failed.code)
    if not report.ok:
        return
    for step in (check_updates, lambda o: report_health(o, report)):
        try:
            step(opened)
        except BizdeskError as failed:
            remember_error(opened, failed.code)


def fleet_listing(opened: OpenedProfile) -> list[FleetLine]:
    """Every desk enrolled with this desk's platform, flagged (stale for a day, old versions, errors).

    Raises ``FleetRefused`` when this desk is not an IT device (the platform answers 403).
    """
    enrolled = enrolled_or_refuse(opened)
    try:
        with operations_client(opened, enrolled) as client:
            listing = client.fleet()
    except BizdeskError as refused:
        if refused.code == IT_DEVICE_REQUIRED:
            raise FleetRefused() from None
        raise
    desks = [
        DeskHealth(
            device_id=entry.device_id,
            branch_code=entry.branch_code,
            label=entry.label,
            reported_at=entry.reported_at,
            app_version=entry.app_version,
            pack_version=entry.pack_version,
            queue_depth=entry.queue_depth,
            last_success_at=entry.last_success_at,
            recent_error_codes=tuple(entry.recent_error_codes),
        )
        for entry in listing.devices
    ]
    now = opened.clock()
    return assess_fleet(
        desks,
        now=now if now.tzinfo else now.replace(tzinfo=dt.UTC),
        offered_app=listing.latest_app,
        offered_pack=listing.latest_pack,
    )
