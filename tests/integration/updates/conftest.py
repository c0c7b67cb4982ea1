"""Updates and fleet health against the sandbox run on both its backends, SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.sandbox_backends import Backend


@pytest.fixture(autouse=True)
def _every_sandbox_backend(sandbox_backend: Backend) -> Backend:
    """Every test here runs once per sandbox backend (tests/sandbox_backends.py)."""
    return sandbox_backend
