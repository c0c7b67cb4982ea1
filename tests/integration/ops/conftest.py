"""A real training profile (SQLCipher file in a temporary folder) for the IT operations' tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import Profile
from app.wiring.profile import OpenedProfile, open_profile


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedProfile]:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with open_profile(Profile("training", tmp_path / "training")) as profile:
        yield profile
