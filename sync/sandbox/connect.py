"""The sandbox's database engine from a URL people type, and one clear sentence when it cannot connect.

``postgresql://`` and ``postgres://`` (what ``psql``, ``pg_dump`` and most hosting panels print) mean
the psycopg 3 driver the project locks (``postgresql+psycopg://``); a URL naming another driver is
used as given. SQLite stays the embedded default (``sqlite:///<data>/sandbox.db``).

``connect_engine`` opens one connection before anything else, so a server that is down, a wrong
password or a database that does not exist is told at start-up, in Chinese and English with what to
do, never as a traceback on the first desk's request.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from app.errors import PlatformError

POSTGRES_DRIVER = "postgresql+psycopg"
# Seconds libpq waits for a server to answer at all (a wrong address must not hang start-up);
# a URL's own ``?connect_timeout=`` wins.
CONNECT_TIMEOUT_S = 10
# How many connections one sandbox keeps to PostgreSQL: uvicorn runs sync routes on a 40-thread pool.
POOL_SIZE = 20
POOL_OVERFLOW = 30
# SQLSTATE classes of a refused login (28: invalid authorization) and of a missing database (3D).
_AUTH_STATES = ("28",)
_MISSING_DATABASE = "3D000"


def normalized_url(url: str) -> URL:
    """``url`` with the locked PostgreSQL driver filled in for ``postgresql://`` and ``postgres://``."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername=POSTGRES_DRIVER)
    return parsed


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_sandbox_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite in WAL mode (memory: one shared connection), or a pooled server."""
    parsed = normalized_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            return create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    return create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        connect_args=connect_args,
    )


def check_connection(engine: Engine) -> None:
    """Open one connection now; raises ``PlatformError`` naming the cause and the fix."""
    try:
        with engine.connect():
            pass
    except DBAPIError as failure:
        raise _connection_error(engine.url, failure) from None


def _connection_error(url: URL, failure: DBAPIError) -> PlatformError:
    where = url.render_as_string(hide_password=True)
    state = str(getattr(failure.orig, "sqlstate", None) or "")
    text = str(failure.orig).lower()
    refused = "authentication failed" in text or ("role" in text and "does not exist" in text)
    if state.startswith(_AUTH_STATES) or refused:
        return PlatformError(
            f"沙箱数据库拒绝登录（{where}）：用户名或密码不对。请核对 --database-url 中的用户和密码，"
            "或按 docs/deploy-platform.md 创建该数据库角色。",
            f"The sandbox database refused the login ({where}): wrong user name or password. Check the user "
            "and password in --database-url, or create the role as docs/deploy-platform.md shows.",
            code="sandbox.database_login",
        )
    if state == _MISSING_DATABASE or ("database" in text and "does not exist" in text):
        return PlatformError(
            f"沙箱数据库不存在（{where}）。请先创建该数据库（createdb），见 docs/deploy-platform.md。",
            f"The sandbox database does not exist ({where}). Create it first (createdb), as "
            "docs/deploy-platform.md shows.",
            code="sandbox.database_missing",
        )
    if url.get_backend_name() == "sqlite":
        return PlatformError(
            f"无法打开沙箱数据库文件（{url.database}）：{failure.orig}。请确认其文件夹存在且可写"
            "（--data 指定沙箱的数据文件夹）。",
            f"Cannot open the sandbox database file ({url.database}): {failure.orig}. Check that its "
            "folder exists and is writable (--data names the sandbox's data folder).",
            code="sandbox.database_file",
        )
    return PlatformError(
        f"无法连接沙箱数据库（{where}）：服务器没有响应。请确认 PostgreSQL 已启动、地址和端口正确、"
        "防火墙放行。",
        f"Cannot reach the sandbox database ({where}): the server does not answer. Check that PostgreSQL "
        "is running, the host and port are right and no firewall blocks it.",
        code="sandbox.database_unreachable",
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()
