"""Repositories of the store on a plain SQLite file (the encryption is tested in tests/integration/store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from app.ports import CaseSummary
from app.security.device import DeviceIdentity
from app.store import migrate
from app.store.base import load_all_tables
from app.store.case_repo import CaseAlreadyExists, CaseNotFound
from app.store.engine import make_engine
from app.store.settings_repo import IDLE_LOCK_SECONDS, RETENTION_DAYS, SettingOutOfRange
from app.store.tables_core import UtcDateTime
from app.store.uow import SqlUnitOfWork

T0 = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def uow(tmp_path: Path) -> Iterator[SqlUnitOfWork]:
    engine = make_engine(tmp_path / "plain.db", None)
    migrate.upgrade(engine)
    yield SqlUnitOfWork(sessionmaker(engine), device=DeviceIdentity.generate("desk-unit"), clock=Clock())
    engine.dispose()


def _summary(case_id: str, status: str = "draft", minute: int = 0) -> CaseSummary:
    return CaseSummary(
        case_id, "寿光测试有限公司", "llc", status, {"license": status}, T0 + dt.timedelta(minutes=minute)
    )


def test_metadata_holds_every_tables_module() -> None:
    tables = set(load_all_tables().tables)
    assert {"cases", "case_lookup", "case_keys", "attachments", "audit_log", "audit_head", "users"} <= tables
    assert {"settings", "device"} <= tables


def test_utc_datetimes_refuse_naive_values_and_keep_the_instant() -> None:
    column = UtcDateTime()
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(dt.datetime(2026, 1, 1), None)  # type: ignore[arg-type]
    china = dt.timezone(dt.timedelta(hours=8))
    stored = column.process_bind_param(dt.datetime(2026, 1, 1, 8, 0, tzinfo=china), None)  # type: ignore[arg-type]
    assert stored == "2026-01-01T00:00:00.000000+00:00"
    assert column.process_result_value(stored, None) == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # type: ignore[arg-type]


def test_add_get_list_and_find(uow: SqlUnitOfWork) -> None:
    with uow:
        uow.cases.add(
            {"case_id": "A", "x": "一"}, _summary("A", minute=1), [("id_number", "1"), ("id_number", "1")]
        )
        uow.cases.add({"case_id": "B"}, _summary("B", "ready", minute=3), [("id_number", "1"), ("uscc", "U")])
        uow.cases.add({"case_id": "C"}, _summary("C", minute=2), [])
        uow.commit()
    with uow:
        stored = uow.cases.get("A")
        assert stored is not None
        assert (stored.document, stored.revision, stored.summary.services) == (
            {"case_id": "A", "x": "一"},
            1,
            {"license": "draft"},
        )
        assert [s.case_id for s in uow.cases.list()] == ["B", "C", "A"]
        assert [s.case_id for s in uow.cases.list(status="draft")] == ["C", "A"]
        assert [s.case_id for s in uow.cases.list(limit=1, offset=1)] == ["C"]
        assert uow.cases.find("id_number", "1") == ["A", "B"]
        assert uow.cases.find("uscc", "1") == []
        assert uow.cases.count() == 3
        with pytest.raises(CaseAlreadyExists):
            uow.cases.add({}, _summary("A"), [])


def test_replace_and_delete(uow: SqlUnitOfWork) -> None:
    with uow:
        uow.cases.add({"v": 1}, _summary("A"), [("mobile", "13800000000")])
        uow.commit()
    with uow:
        assert (
            uow.cases.replace(
                {"v": 2}, _summary("A", "completed"), [("mobile", "13900000000")], expected_revision=1
            )
            == 2
        )
        with pytest.raises(CaseNotFound):
            uow.cases.replace({}, _summary("Z"), [], expected_revision=1)
        uow.commit()
    with uow:
        assert uow.cases.find("mobile", "13800000000") == []
        assert uow.cases.find("mobile", "13900000000") == ["A"]
        assert uow.case_store.completed_before(T0 + dt.timedelta(days=1)) == ["A"]
        uow.attachment_keys.key_for("A", create=True)
        uow.cases.delete("A")
        uow.commit()
    with uow:
        assert uow.cases.get("A") is None
        assert uow.cases.find("mobile", "13900000000") == []
        assert uow.attachment_keys.key_for("A", create=False) is None


def test_settings_have_defaults_and_bounds(uow: SqlUnitOfWork) -> None:
    with uow:
        assert uow.settings.get_int(IDLE_LOCK_SECONDS) == 300
        assert uow.settings.get_int(RETENTION_DAYS) == 180
        uow.settings.set_int(IDLE_LOCK_SECONDS, 600)
        with pytest.raises(SettingOutOfRange) as refused:
            uow.settings.set_int(IDLE_LOCK_SECONDS, 10)
        assert "60" in refused.value.message_zh
        uow.settings.set_json("sync.cursor", {"after": 7})
        uow.commit()
    with uow:
        assert uow.settings.get_int(IDLE_LOCK_SECONDS) == 600
        assert uow.settings.get_json("sync.cursor") == {"after": 7}
        uow.settings.set_json(IDLE_LOCK_SECONDS.key, "garbage")
        assert uow.settings.get_int(IDLE_LOCK_SECONDS) == 300


def test_the_audit_sink_chains_in_the_callers_transaction(uow: SqlUnitOfWork) -> None:
    with uow:
        uow.audit.append("case.create", actor="clerk", subject="A", details={"mobile": "13812345678"})
    with uow:
        assert list(uow.audit_trail.entries()) == []  # rolled back with the transaction
        uow.audit.append("case.create", actor="clerk", subject="A", details={"mobile": "13812345678"})
        uow.audit.append("case.edit", actor="clerk", subject="A")
        uow.commit()
    with uow:
        entries = list(uow.audit_trail.entries())
        assert [e.seq for e in entries] == [1, 2]
        assert entries[0].details == {"mobile": "138****5678"}
        assert uow.audit_trail.verify().ok
