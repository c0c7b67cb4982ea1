"""A screen's read unit of work (``SqlStore.read_unit_of_work``): its own connection, a transaction
begun DEFERRED at the driver, handed back on leaving; on a plain SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.ports import CaseSummary
from app.security.device import DeviceIdentity
from app.store import migrate
from app.store.engine import make_engine
from app.store.uow import SqlStore

T0 = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(tmp_path / "plain.db", None)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> SqlStore:
    return SqlStore(engine, device=DeviceIdentity.generate("desk-unit"), clock=lambda: T0, training=False)


def _add(store: SqlStore, case_id: str, *, commit: bool, read: bool = False) -> None:
    units = store.read_unit_of_work if read else store.unit_of_work
    with units() as uow:
        row = CaseSummary(case_id, "寿光测试有限公司", "llc", "draft", {"license": "draft"}, T0)
        uow.cases.add({"case_id": case_id}, row, [("mobile", "13800000000")])
        if commit:
            uow.commit()


def _ids(store: SqlStore) -> list[str]:
    with store.read_unit_of_work() as uow:
        return [summary.case_id for summary in uow.cases.list()]


def test_a_read_unit_hands_its_connection_back_outside_a_transaction(store: SqlStore, engine: Engine) -> None:
    _add(store, "SG20261101-AAAA", commit=True)
    for _ in range(3):
        with store.read_unit_of_work() as uow:
            assert uow.cases.count() == 1
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    with engine.connect() as connection:  # the pooled connection is not left inside a transaction
        assert not connection.connection.dbapi_connection.in_transaction  # type: ignore[union-attr]


def test_a_read_unit_holds_no_write_lock_and_reads_its_own_snapshot(store: SqlStore) -> None:
    _add(store, "SG20261101-AAAA", commit=True)
    with store.read_unit_of_work() as reading:
        assert reading.cases.count() == 1
        _add(store, "SG20261101-BBBB", commit=True)  # a writer is not kept waiting by the reader
        assert reading.cases.count() == 1  # the reader keeps the snapshot it began with
    assert _ids(store) == ["SG20261101-AAAA", "SG20261101-BBBB"]


def test_a_read_unit_that_writes_keeps_only_what_it_commits(store: SqlStore) -> None:
    _add(store, "SG20261101-AAAA", commit=False, read=True)
    assert _ids(store) == []
    _add(store, "SG20261101-BBBB", commit=True, read=True)
    assert _ids(store) == ["SG20261101-BBBB"]


def test_a_read_unit_left_by_an_error_rolls_back_and_hands_the_connection_back(
    store: SqlStore, engine: Engine
) -> None:
    def fail_after_a_write() -> None:
        with store.read_unit_of_work() as uow:
            row = CaseSummary("SG20261101-CCCC", "寿光测试有限公司", "llc", "draft", {}, T0)
            uow.cases.add({"case_id": "SG20261101-CCCC"}, row, [])
            raise RuntimeError("the screen failed")

    with pytest.raises(RuntimeError, match="the screen failed"):
        fail_after_a_write()
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert _ids(store) == []
