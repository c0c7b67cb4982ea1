"""The database file's own work, for the services that handle keys and backups through the open
profile or a composition-root callable: re-keying, opening with a key, checking a restored copy.

Services never import the store: ``app.services.rotation``, ``key_recovery`` and ``backup`` take
these as the ports they need (``app.wiring`` hands them over).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from app.security.profile_fit import require_fits_profile
from app.store.engine import WrongDataKey, check_integrity, key_pragma, make_engine
from app.store.migrate import status


def rekey(engine: Engine, new_key: bytes) -> None:
    """``PRAGMA rekey``: the whole database re-encrypted under ``new_key``; the engine is disposed."""
    engine.dispose()
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None
        driver.execute(key_pragma(new_key).replace("PRAGMA key", "PRAGMA rekey", 1))
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def opens_with(database: Path, data_key: bytes) -> bool:
    """Whether ``data_key`` opens the database (a key that fails is never written anywhere)."""
    engine = make_engine(database, data_key)
    try:
        with engine.connect():
            return True
    except WrongDataKey:
        return False
    finally:
        engine.dispose()


def check_restored(database: Path, data_key: bytes, *, training: bool) -> None:
    """A restored copy before it replaces the profile's: it opens with ``data_key``, every page is intact
    (``DatabaseDamaged``), its schema is one this bizdesk knows (``WrittenByNewerVersion``) and every
    case carries the profile's fictitious mark (a backup taken before that check existed)."""
    engine = make_engine(database, data_key)
    try:
        check_integrity(engine)
        status(engine)
        with engine.connect() as connection:
            misfit = connection.execute(
                text("SELECT case_id FROM cases WHERE fictitious != :training LIMIT 1"),
                {"training": training},
            ).first()
    finally:
        engine.dispose()
    if misfit is not None:
        require_fits_profile(fictitious=not training, training=training, case_id=str(misfit[0]))
