"""Every table of the sandbox in one metadata: the models of ``db``, the fleet's and the IT devices' tables.

Alembic's environment compares against it, and so does the test that the migrations build exactly the
models. (Kept apart from ``db`` and ``schema``: the fleet module sits above the platform.)
"""

from __future__ import annotations

from sqlalchemy import MetaData

from sync.sandbox import fleet, roles
from sync.sandbox.db import SandboxBase


def sandbox_metadata() -> MetaData:
    # Declared on SandboxBase's metadata by importing their modules.
    assert fleet.FleetRow.__table__ is not None
    assert roles.ItDevice.__table__ is not None
    return SandboxBase.metadata
