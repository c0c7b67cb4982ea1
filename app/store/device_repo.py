"""The device identity row: created with the profile, read when the profile opens."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.security.device import DeviceIdentity
from app.store.tables_core import DeviceRow

DEVICE_ROW_ID = 1


def load_device(session: Session) -> DeviceIdentity | None:
    row = session.get(DeviceRow, DEVICE_ROW_ID)
    return None if row is None else DeviceIdentity.from_private_bytes(row.device_id, row.private_key)


def save_device(session: Session, device: DeviceIdentity, now: dt.datetime) -> None:
    session.add(
        DeviceRow(
            id=DEVICE_ROW_ID, device_id=device.device_id, private_key=device.private_bytes(), created_at=now
        )
    )
    session.flush()
