"""A real training profile (SQLCipher file), opened the way the training desk opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import Profile
from app.wiring.profile import OpenedProfile, open_profile
from tests.integration.store.conftest import _no_system_keyring  # noqa: F401 - autouse fixture


@pytest.fixture
def training_profile(tmp_path: Path) -> Iterator[OpenedProfile]:
    with open_profile(Profile("training", tmp_path / "home" / "training")) as opened:
        yield opened
