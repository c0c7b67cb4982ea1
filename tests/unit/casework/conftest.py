from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.security.device import DeviceIdentity
from tests.integration.sync.support import DeskStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DeskStore]:
    """The real store and outbox on a plain SQLite file (no key: fast; SQLCipher is integration)."""
    desk = DeskStore(tmp_path / "desk.db", None, DeviceIdentity.generate("desk-test"))
    yield desk
    desk.close()
