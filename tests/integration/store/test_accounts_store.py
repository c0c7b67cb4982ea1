"""Accounts in the encrypted store: lockout persists across restarts; the desk API over it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.accounts import service as accounts
from app.accounts.model import UserInfo
from app.errors import AuthError
from app.paths import Profile
from app.store.settings_repo import IDLE_LOCK_SECONDS
from app.wiring.profile import open_profile
from tests.integration.store.conftest import PASSPHRASE

T0 = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def test_lockout_survives_a_restart_and_it_can_unlock(desk_profile: Profile) -> None:
    clock = Clock()
    with open_profile(desk_profile, passphrase=PASSPHRASE, clock=clock) as opened:
        desk = opened.desk()
        assert desk.needs_first_it_account()
        assert desk.create_first_it_account("boss", "老板", "Admin12345x").ok
        accounts.add_user(
            opened.store.unit_of_work(),
            by=UserInfo("boss", "老板", "it"),
            username="wang",
            display_name="王",
            role="clerk",
            password="Clerk12345x",
        )
        for _ in range(5):
            result = desk.login("wang", "wrong password 9")
        assert not result.ok
        assert result.retry_after_seconds == 30
    clock.now += dt.timedelta(seconds=10)
    with open_profile(desk_profile, passphrase=PASSPHRASE, clock=clock) as opened:
        desk = opened.desk()
        locked = desk.login("wang", "Clerk12345x")
        assert not locked.ok
        assert locked.retry_after_seconds == 20
        assert locked.message is not None
        assert "锁定" in locked.message.message_zh
        accounts.unlock_user(opened.store.unit_of_work(), by=UserInfo("boss", "老板", "it"), username="wang")
        assert desk.login("wang", "Clerk12345x").ok
        with opened.store.read_unit_of_work() as uow:
            actions = [e.action for e in uow.audit_trail.entries()]
    assert actions.count("login.failed") == 5
    assert "user.locked" in actions
    assert "user.unlock" in actions
    assert actions[-1] == "login.ok"


def test_desk_api_settings_and_case_summaries(desk_profile: Profile) -> None:
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        desk = opened.desk()
        assert desk.idle_lock_seconds() == 300
        assert desk.training_accounts() == []
        with pytest.raises(AuthError):
            desk.case_summaries()  # nothing shows before someone logs in
        with opened.store.unit_of_work() as uow:
            uow.settings.set_int(IDLE_LOCK_SECONDS, 120)
            uow.commit()
        assert desk.idle_lock_seconds() == 120
        first = desk.create_first_it_account("boss", "", "short")
        assert not first.ok
        assert first.message is not None
        assert "密码不符合要求" in first.message.message_zh
        assert desk.create_first_it_account("boss", "", "Admin12345x").ok
        assert desk.case_summaries() == []
        desk.logout()
        with pytest.raises(AuthError):
            desk.case_summaries()
