"""A real training profile (SQLCipher file) with a signed-in clerk and the simulated ID card reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.desk.local import LocalDesk
from app.facecheck.simulated import SimulatedFaceChecker
from app.idcard.simulated import SimulatedReader
from app.paths import Profile
from app.wiring.profile import open_profile
from tests.integration.store.conftest import _no_system_keyring  # noqa: F401 - autouse fixture
from tests.unit.desk.fake_renderer import FakeRenderer


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[LocalDesk]:
    with open_profile(Profile("training", tmp_path / "home" / "training")) as opened:
        local = opened.desk(
            reader=SimulatedReader(seed=7, today=dt.date.today()),
            face_checker=SimulatedFaceChecker(),  # as the training desk runs it (desk_tools)
            renderer=FakeRenderer(),
        )
        assert local.login("clerk", "peixun2026").ok
        yield local
