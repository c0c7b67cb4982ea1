"""Fleet health: this desk's report with each sync pass, and the listing IT reads (``bizdesk fleet``).

A report holds the app and pack versions, the queue depth, the last good sync pass and the codes of
recent errors with the offline guard's present ones: never personal data. The desk keeps its last
error codes (code and time only) in the settings for the next report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app import __version__
from app.errors import BizdeskError
from app.services.offline_guard import offline_guard
from app.services.updates import connect_operations, running_pack_version
from app.syncing.report import SyncReport
from app.unit_of_work import UnitOfWork, UnitsOfWork
from app.updates.fleet import IT_DEVICE_REQUIRED, FleetLine, FleetRefused, HealthReport, assess_fleet
from app.updates.ports import OperationsPlatform

RECENT_ERRORS_SETTING = "fleet.recent_errors"
RECENT_ERRORS_KEPT = 10


def remember_error(units: UnitsOfWork, code: str | None) -> None:
    """Keep the last error codes (code and time only) for the next report."""
    if not code:
        return
    with units.unit_of_work() as uow:
        kept = uow.settings.get_json(RECENT_ERRORS_SETTING) or []
        kept = [*kept, {"code": code, "at": uow.clock().isoformat()}][-RECENT_ERRORS_KEPT:]
        uow.settings.set_json(RECENT_ERRORS_SETTING, kept)
        uow.commit()


def recent_errors(uow: UnitOfWork) -> list[dict[str, Any]]:
    kept = uow.settings.get_json(RECENT_ERRORS_SETTING)
    return list(kept) if isinstance(kept, list) else []


def report_health(units: UnitsOfWork, platform: OperationsPlatform, report: SyncReport) -> None:
    """Send this desk's health after ``report``'s pass (raises ``PlatformError`` when it cannot)."""
    with units.read_unit_of_work() as uow:
        health = HealthReport(
            app_version=__version__,
            pack_version=running_pack_version(uow),
            queue_depth=report.pending,
            last_success_at=report.last_success_at,
            recent_error_codes=(
                *(entry["code"] for entry in recent_errors(uow)),
                *offline_guard(uow).codes,  # as things stand now: new cases refused, overdue, unsent
            ),
        )
    operations, _ = connect_operations(units, platform)
    with operations:
        operations.report_health(health)


def fleet_listing(units: UnitsOfWork, platform: OperationsPlatform) -> list[FleetLine]:
    """Every desk enrolled with this desk's platform, flagged (stale for a day, old versions, errors).

    Raises ``FleetRefused`` when this desk is not an IT device (the platform answers 403).
    """
    operations, _ = connect_operations(units, platform)
    try:
        with operations:
            listing = operations.fleet()
    except BizdeskError as refused:
        if refused.code == IT_DEVICE_REQUIRED:
            raise FleetRefused() from None
        raise
    with units.read_unit_of_work() as uow:
        now = uow.clock()
    return assess_fleet(
        list(listing.desks),
        now=now if now.tzinfo else now.replace(tzinfo=dt.UTC),
        offered_app=listing.latest_app,
        offered_pack=listing.latest_pack,
    )
