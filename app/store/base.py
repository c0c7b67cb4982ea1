"""The declarative base every bizdesk table is declared on.

Each table module is named ``tables_<area>.py`` in this package (``tables_core`` here,
``tables_sync`` for the sync engine). ``load_all_tables`` imports them all so the
metadata is complete for migrations and tests, whoever added the module.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names: batch migrations on SQLite need names to drop or alter constraints.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def load_all_tables() -> MetaData:
    """Import every ``app.store.tables_*`` module and return the complete metadata."""
    package = importlib.import_module("app.store")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("tables_"):
            importlib.import_module(f"app.store.{module.name}")
    return Base.metadata
