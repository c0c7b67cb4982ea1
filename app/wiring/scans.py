"""Damaged scans where people look: the sync report and the 同步中心.

``app.security.scan_check`` records them; these functions put the record into words.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from app.errors import UserMessage, describe
from app.security.scan_check import ScansDamaged, recorded_damaged_scans

if TYPE_CHECKING:
    from app.syncing.engine import SyncReport
    from app.wiring.profile import OpenedProfile


def damaged_scans_error(opened: OpenedProfile) -> ScansDamaged | None:
    with opened.read_unit_of_work() as uow:
        damaged = recorded_damaged_scans(uow)
    return ScansDamaged(damaged) if damaged else None


def with_damaged_scans(opened: OpenedProfile, report: SyncReport) -> SyncReport:
    """A pass that left submissions blocked by a damaged scan is not ok, and says why."""
    error = damaged_scans_error(opened)
    if error is None or not report.ok:
        return report
    return dataclasses.replace(
        report, ok=False, error_code=error.code, error_zh=error.message_zh, error_en=error.message_en
    )


def damaged_scans_message(opened: OpenedProfile) -> UserMessage | None:
    error = damaged_scans_error(opened)
    return None if error is None else describe(error)
