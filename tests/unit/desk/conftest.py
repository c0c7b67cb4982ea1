"""The desk over the in-memory store: a training profile's accounts, a fixed clock (10:00 in Shouguang
on a Monday), the simulated ID card reader and face-check camera and a fake packet renderer; the scans
sealed in a scratch folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from app.accounts.service import add_training_accounts
from app.desk.local import LocalDesk
from app.facecheck.simulated import SimulatedFaceChecker
from app.idcard.simulated import SimulatedReader
from app.security.attachments import AttachmentStore
from app.security.device import DeviceIdentity
from tests.fakes import FakeStore
from tests.unit.desk.fake_renderer import FakeRenderer

NOW = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 7)
PASSWORD = "peixun2026"


@pytest.fixture
def store() -> FakeStore:
    """A training profile's store with its ready-made accounts."""
    units = FakeStore(device=DeviceIdentity.generate("desk-test"), clock=lambda: NOW, training=True)
    with units.unit_of_work() as uow:
        uow.audit.append("profile.create", actor=None, details={"profile": "training"})
        add_training_accounts(uow)
        uow.commit()
    return units


@pytest.fixture
def page(store: FakeStore, tmp_path: Path) -> Callable[[], LocalDesk]:
    """A new page of the desk, nobody signed in yet."""

    def opened() -> LocalDesk:
        files = AttachmentStore(tmp_path / "attachments")
        reader = SimulatedReader(seed=7, today=TODAY)
        camera = SimulatedFaceChecker()  # 人证核验 at each card read
        return LocalDesk(store, files, reader=reader, renderer=FakeRenderer(), face_checker=camera)

    return opened


@pytest.fixture
def desk_as(page: Callable[[], LocalDesk]) -> Callable[..., LocalDesk]:
    """A page of the desk, signed in as one of the training accounts."""

    def signed_in(username: str, password: str = PASSWORD) -> LocalDesk:
        desk = page()
        assert desk.login(username, password).ok
        return desk

    return signed_in


@pytest.fixture
def desk(desk_as: Callable[..., LocalDesk]) -> LocalDesk:
    return desk_as("clerk")
