from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.security.device import DeviceIdentity
from tests.integration.sync.support import Desk, MemoryDesk


@pytest.fixture
def store() -> Iterator[Desk]:
    """The desk's sync state on the in-memory unit of work (the SQLCipher path is integration)."""
    desk = MemoryDesk(DeviceIdentity.generate("desk-test"))
    yield desk
    desk.close()
