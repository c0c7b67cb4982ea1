"""The retention policy purges completed cases, their lookup keys and their attachment files."""

from __future__ import annotations

import datetime as dt

from app.paths import Profile
from app.ports import CaseSummary
from app.security.attachments import save_attachment
from app.services.retention import purge_expired
from app.store.settings_repo import RETENTION_DAYS
from app.wiring.profile import open_profile
from tests.integration.store.conftest import PASSPHRASE


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_completed_cases_go_after_the_retention_period(desk_profile: Profile) -> None:
    clock = Clock()
    with open_profile(desk_profile, passphrase=PASSPHRASE, clock=clock) as opened:
        files = opened.files
        with opened.store.unit_of_work() as uow:
            uow.settings.set_int(RETENTION_DAYS, 30)
            for case_id, status in (("SG-done", "completed"), ("SG-open", "submitted")):
                summary = CaseSummary(case_id, "寿光测试有限公司", "llc", status, updated_at=clock.now)
                uow.cases.add({"case_id": case_id}, summary, [("mobile", "13800000000")])
                save_attachment(uow, files, case_id, "id_front", b"scan", "image/png")
            uow.commit()
        clock.now += dt.timedelta(days=29)
        assert purge_expired(opened.store, opened.files) == 0
        clock.now += dt.timedelta(days=2)
        assert purge_expired(opened.store, opened.files, actor="boss") == 1
        with opened.store.read_unit_of_work() as uow:
            assert uow.cases.get("SG-done") is None
            assert uow.cases.get("SG-open") is not None
            assert uow.cases.find("mobile", "13800000000") == ["SG-open"]
            assert uow.attachment_keys.key_for("SG-done", create=False) is None
            assert len(list(files.folder.glob("*.bza"))) == 1
            last = list(uow.audit_trail.entries())[-1]
        assert (last.action, last.actor, last.details) == (
            "retention.purge",
            "boss",
            {"cases": 1, "retention_days": 30},
        )


def test_a_reopened_case_stops_the_clock(desk_profile: Profile) -> None:
    clock = Clock()
    with open_profile(desk_profile, passphrase=PASSPHRASE, clock=clock) as opened:
        with opened.store.unit_of_work() as uow:
            uow.cases.add(
                {}, CaseSummary("SG-1", "寿光测试有限公司", "llc", "rejected", updated_at=clock.now), []
            )
            uow.commit()
        with opened.store.unit_of_work() as uow:
            summary = CaseSummary("SG-1", "寿光测试有限公司", "llc", "draft", updated_at=clock.now)
            uow.cases.replace({}, summary, [], expected_revision=1)
            uow.commit()
        clock.now += dt.timedelta(days=400)
        assert purge_expired(opened.store, opened.files) == 0
