"""Disabling an account: login refused with its own message, the password kept, IT never locked out."""

from __future__ import annotations

import datetime as dt

import pytest

from app.accounts import admin
from app.accounts import service as accounts
from app.accounts.model import UserInfo
from app.accounts.roles import PermissionDenied
from app.errors import InputRejected
from tests.unit.accounts.fakes import AccountsUow

BOSS = UserInfo("boss", "老板", "it")


@pytest.fixture
def uow() -> AccountsUow:
    uow = AccountsUow(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    accounts.create_first_it_account(uow, "boss", "老板", "Admin12345x")
    accounts.add_user(uow, by=BOSS, username="wang", display_name="王", role="clerk", password="Clerk12345x")
    return uow


def test_a_disabled_account_cannot_log_in_until_enabled_with_its_password(uow: AccountsUow) -> None:
    admin.disable_user(uow, by=BOSS, username="wang")
    with pytest.raises(accounts.LoginRefused) as guessed:
        accounts.login(uow, "wang", "a wrong guess 1")
    assert "停用" not in guessed.value.message_zh  # only who knows the password learns it is disabled
    assert guessed.value.message_zh.startswith("用户名或密码不正确")
    with pytest.raises(accounts.LoginRefused) as refused:
        accounts.login(uow, "wang", "Clerk12345x")
    assert "停用" in refused.value.message_zh
    assert admin.disabled_usernames(uow, by=BOSS) == {"wang"}
    admin.enable_user(uow, by=BOSS, username="wang")
    assert accounts.login(uow, "wang", "Clerk12345x").username == "wang"
    assert [entry[0] for entry in uow.audit.entries if entry[0].startswith("user.")][-2:] == [
        "user.disable",
        "user.enable",
    ]


def test_it_keeps_a_way_in(uow: AccountsUow) -> None:
    with pytest.raises(InputRejected, match="account you are using"):
        admin.disable_user(uow, by=BOSS, username="boss")
    accounts.add_user(uow, by=BOSS, username="li", display_name="李", role="it", password="Second12345x")
    li = UserInfo("li", "李", "it")
    admin.disable_user(uow, by=li, username="boss")  # another IT account remains: allowed
    with pytest.raises(InputRejected, match="last enabled IT"):
        admin.disable_user(uow, by=BOSS, username="li")
    with pytest.raises(PermissionDenied):
        admin.disable_user(uow, by=UserInfo("wang", "王", "clerk"), username="li")
