from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import Profile
from app.wiring.profile import OpenedProfile, open_profile
from tests.sandbox_backends import Backend


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedProfile]:
    """A real training profile (SQLCipher) on a fresh folder, unlocked by passphrase."""
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with open_profile(Profile("training", tmp_path / "training")) as profile:
        yield profile


@pytest.fixture(autouse=True)
def _every_sandbox_backend(sandbox_backend: Backend) -> Backend:
    """Every test here runs on both sandbox backends, SQLite and PostgreSQL (tests/sandbox_backends.py)."""
    return sandbox_backend
