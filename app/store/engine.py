"""SQLAlchemy engines over SQLCipher files, keyed with a raw 256-bit data key.

Every connection runs ``PRAGMA key`` with the raw key (no per-connection key
derivation), then a fail-fast read of ``sqlite_master`` so a wrong key or a file
that is not a bizdesk database fails at once with a clear ``ProfileError``
instead of "file is not a database" somewhere later. Commits use WAL with
``synchronous=FULL`` (a commit survives power loss) and temporary tables stay in
memory (nothing in the system temp folder).

Transactions start with ``BEGIN IMMEDIATE`` so two writers never fork the audit
chain; read-only work begins ``BEGIN DEFERRED`` with ``begin_read``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, ExceptionContext

from app.errors import ProfileError

KEY_BYTES = 32
BUSY_TIMEOUT_MS = 15_000
CACHE_KIB = 16 * 1024  # per connection
_DAMAGE_SIGNS = ("file is not a database", "database disk image is malformed")


class WrongDataKey(ProfileError):
    code = "profile.wrong_key"

    def __init__(self) -> None:
        super().__init__(
            "数据库无法用此密钥打开：密钥不正确，或文件已损坏、不是bizdesk数据库；请联系IT支持用恢复密钥或备份恢复。",
            "The database does not open with this key: the key is wrong, or the file is damaged or not a "
            "bizdesk database; call IT support to recover with the recovery key or a backup.",
        )


class DatabaseDamaged(ProfileError):
    code = "profile.damaged"

    def __init__(self) -> None:
        super().__init__(
            "数据库文件校验失败（内容被改动或已损坏），未读取任何数据；请联系IT支持从备份恢复。",
            "The database failed its integrity check (changed or damaged); nothing was read. "
            "Call IT support to restore from a backup.",
        )


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _prepare(dbapi_connection: Any, key: bytes | None) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by the "begin" event below
    cursor = dbapi_connection.cursor()
    try:
        if key is not None:
            cursor.execute("PRAGMA cipher_log_level = NONE")  # errors become ProfileError, not stderr noise
            cursor.execute(key_pragma(key))
        try:
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception as error:
            if "not a database" in str(error) or "encrypted" in str(error):
                raise WrongDataKey() from None
            raise
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # decrypted pages kept: fewer decryptions
    finally:
        cursor.close()


def create_private(path: Path) -> None:
    """Make ``path`` an empty file readable by the owner only, or narrow an existing file to that.

    SQLite creates ``-wal``, ``-shm`` and ``-journal`` with the database file's own mode, so they
    are private too.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))
    except FileExistsError:
        if os.name == "posix":
            for companion in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(FileNotFoundError):
                    companion.chmod(0o600)


def make_engine(path: Path, key: bytes | None) -> Engine:
    """An engine on the SQLCipher file ``path`` keyed with ``key``.

    ``key=None`` gives a plain SQLite engine: only the store benchmark uses it, to
    compare. Nothing connects until first use.
    """
    if key is not None:
        import sqlcipher3.dbapi2 as sqlcipher

        module: Any = sqlcipher
        create_private(path)
    else:
        module = sqlite3
    engine = create_engine(f"sqlite:///{path}", module=module, pool_pre_ping=False)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        _prepare(dbapi_connection, key)

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        # SQLCipher reports a page whose HMAC fails as "file is not a database": say what it means
        text = str(context.original_exception)
        if any(sign in text for sign in _DAMAGE_SIGNS):
            return DatabaseDamaged()
        return None

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            return  # a read transaction, begun at the driver by ``begin_read``
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def begin_read(connection: Connection) -> None:
    """Begin a read transaction on ``connection`` (fresh from the engine): ``BEGIN DEFERRED`` takes
    no lock until something is written and cannot be refused, so it goes straight to the driver,
    then SQLAlchemy learns of it (its "begin" above lets it through). No ``execution_options``
    engine for it: that added a level of joined event dispatch to every connection of a screen's read."""
    connection.connection.dbapi_connection.execute("BEGIN DEFERRED")  # type: ignore[union-attr]
    connection.begin()


def check_integrity(engine: Engine) -> None:
    """Read every page (SQLCipher checks each page's HMAC): raises ``DatabaseDamaged`` on any change."""
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
            result = connection.exec_driver_sql("PRAGMA quick_check").fetchall()
    except WrongDataKey:
        raise
    except Exception as error:
        raise DatabaseDamaged() from error
    if rows or [tuple(r) for r in result] != [("ok",)]:
        raise DatabaseDamaged()


def snapshot(engine: Engine, key: bytes | None, target: Path) -> None:
    """Copy the live database (WAL included) into ``target``, encrypted under the same key."""
    import sqlcipher3.dbapi2 as sqlcipher

    target.unlink(missing_ok=True)
    create_private(target)  # SQLite gives the copy's journal the file's mode: the owner's only
    destination = sqlcipher.connect(str(target)) if key is not None else sqlite3.connect(str(target))
    try:
        if key is not None:
            destination.execute(key_pragma(key))
        raw = engine.raw_connection()
        try:
            raw.driver_connection.backup(destination)  # type: ignore[union-attr]
        finally:
            raw.close()
    finally:
        destination.close()
