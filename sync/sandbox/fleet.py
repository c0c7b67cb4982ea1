"""Fleet health in the sandbox: each desk's latest report (``POST /v1/fleet/reports``) and the listing
IT reads (``GET /v1/fleet``). Reports hold versions, a queue depth, times and error codes: no
personal data. One row per device, replaced by each report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from sync.protocol.operations import FleetAck, FleetEntry, FleetListing, FleetReport
from sync.sandbox.db import Device, SandboxBase, UtcDateTime
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.releases import offered_versions


class FleetRow(SandboxBase):
    __tablename__ = "fleet_reports"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    app_version: Mapped[str] = mapped_column(String(40))
    pack_version: Mapped[str] = mapped_column(String(40))
    queue_depth: Mapped[int] = mapped_column(Integer)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    recent_error_codes: Mapped[list[Any]] = mapped_column(JSON)


def record_report(platform: Platform, device: DeviceContext, report: FleetReport) -> FleetAck:
    """Keep ``report`` as the device's latest. Two reports of one desk at once: the row is locked (or
    its first insert decided by the primary key, the loser run again), so one whole report is kept."""
    now = platform.now()
    platform.db.run(lambda session: _replace(session, device.device_id, report, now))
    return FleetAck(device_id=device.device_id, received_at=now)


def _replace(session: Session, device_id: str, report: FleetReport, now: dt.datetime) -> None:
    row = session.get(FleetRow, device_id, with_for_update=True)
    if row is None:
        row = FleetRow(device_id=device_id)
        session.add(row)
    row.reported_at = now
    row.app_version = report.app_version
    row.pack_version = report.pack_version
    row.queue_depth = report.queue_depth
    row.last_success_at = report.last_success_at
    row.recent_error_codes = list(report.recent_error_codes)
    session.flush()


def listing(platform: Platform) -> FleetListing:
    """Every enrolled desk of this platform's mode with its latest report (None fields: never reported)."""
    with platform.db.transaction() as session:
        rows = session.execute(
            select(Device, FleetRow)
            .outerjoin(FleetRow, FleetRow.device_id == Device.device_id)
            .order_by(Device.branch_code, Device.device_id)
        ).all()
        devices = [_entry(device, report) for device, report in rows]
    latest_app, latest_pack = offered_versions(platform)
    return FleetListing(
        server_time=platform.now(), latest_app=latest_app, latest_pack=latest_pack, devices=devices
    )


def _entry(device: Device, report: FleetRow | None) -> FleetEntry:
    facts: dict[str, Any] = {}
    if report is not None:
        facts = {
            "reported_at": report.reported_at,
            "app_version": report.app_version,
            "pack_version": report.pack_version,
            "queue_depth": report.queue_depth,
            "last_success_at": report.last_success_at,
            "recent_error_codes": list(report.recent_error_codes),
        }
    return FleetEntry(
        device_id=device.device_id,
        branch_code=device.branch_code,
        label=device.label,
        training=device.training,
        enrolled_at=device.enrolled_at,
        **facts,
    )
