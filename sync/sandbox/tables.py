"""Every table of the sandbox in one metadata: the models of ``db`` and the fleet's own table.

Alembic's environment compares against it, and so does the test that the migrations build exactly the
models. (Kept apart from ``db`` and ``schema``: the fleet module sits above the platform.)
"""

from __future__ import annotations

from sqlalchemy import MetaData

from sync.sandbox import fleet
from sync.sandbox.db import SandboxBase


def sandbox_metadata() -> MetaData:
    assert fleet.FleetRow.__table__ is not None  # declared on SandboxBase's metadata by importing it
    return SandboxBase.metadata
