"""Which enrolled devices are IT devices: those enrolled with one of the platform operator's IT codes.

A table of its own (``it_devices``, migration 0003), beside ``devices`` rather than a column of it:
devices enrolled before IT codes existed stay branch desks. Only IT devices may read the fleet
(``GET /v1/fleet``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, Session, mapped_column

from sync.sandbox.db import SandboxBase


class ItDevice(SandboxBase):
    __tablename__ = "it_devices"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # devices.device_id
    granted_at: Mapped[dt.datetime]


def grant_it(session: Session, device_id: str, now: dt.datetime) -> None:
    """Make ``device_id`` an IT device, in the caller's (enrolment) transaction."""
    if session.get(ItDevice, device_id) is None:
        session.add(ItDevice(device_id=device_id, granted_at=now))


def role_of(session: Session, device_id: str) -> str:
    """``"it"`` or ``"desk"``."""
    return "it" if session.get(ItDevice, device_id) is not None else "desk"
