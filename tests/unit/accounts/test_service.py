"""Account intents with an in-memory unit of work: lockout, unlock, permissions, first IT account."""

from __future__ import annotations

import datetime as dt

import pytest

from app.accounts import service as accounts
from app.accounts.model import UserInfo
from app.accounts.roles import PermissionDenied
from app.errors import AuthError, InputRejected, NotFound
from tests.unit.accounts.fakes import AccountsUow

IT_PASSWORD = "Admin12345x"
CLERK_PASSWORD = "Clerk12345x"


@pytest.fixture
def uow() -> AccountsUow:
    uow = AccountsUow(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    accounts.create_first_it_account(uow, "boss", "老板", IT_PASSWORD)
    boss = UserInfo("boss", "老板", "it")
    accounts.add_user(uow, by=boss, username="wang", display_name="王", role="clerk", password=CLERK_PASSWORD)
    return uow


def _fail(uow: AccountsUow, times: int) -> accounts.LoginRefused:
    refusal = None
    for _ in range(times):
        with pytest.raises(accounts.LoginRefused) as refused:
            accounts.login(uow, "wang", "wrong password 1")
        refusal = refused.value
    assert refusal is not None
    return refusal


def test_first_it_account_only_once(uow: AccountsUow) -> None:
    assert not accounts.needs_first_it_account(uow)
    with pytest.raises(AuthError):
        accounts.create_first_it_account(uow, "boss2", "", IT_PASSWORD)


def test_a_new_store_needs_the_first_it_account() -> None:
    empty = AccountsUow(dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
    assert accounts.needs_first_it_account(empty)


def test_login_succeeds_and_is_audited(uow: AccountsUow) -> None:
    assert accounts.login(uow, "wang", CLERK_PASSWORD) == UserInfo("wang", "王", "clerk")
    assert uow.audit.actions()[-1] == "login.ok"


def test_five_failures_lock_for_30_seconds_and_the_lock_holds(uow: AccountsUow) -> None:
    refusal = _fail(uow, 5)
    assert refusal.retry_after_seconds == 30
    uow.advance(10)
    with pytest.raises(accounts.LoginRefused) as still:
        accounts.login(uow, "wang", CLERK_PASSWORD)  # even the right password waits
    assert still.value.retry_after_seconds == 20
    assert "user.locked" in uow.audit.actions()
    assert uow.audit.actions()[-1] == "login.refused_locked"


def test_each_failure_after_a_lock_doubles_the_wait_up_to_15_minutes(uow: AccountsUow) -> None:
    waits = []
    for _ in range(8):
        uow.advance(1000)
        waits.append(_fail(uow, 1).retry_after_seconds)
    assert waits == [None, None, None, None, 30, 60, 120, 240]
    for _ in range(5):
        uow.advance(1000)
        last = _fail(uow, 1).retry_after_seconds
    assert last == 900


def test_the_lock_expires_and_a_good_login_resets_the_count(uow: AccountsUow) -> None:
    _fail(uow, 5)
    uow.advance(31)
    accounts.login(uow, "wang", CLERK_PASSWORD)
    record = uow.users.get("wang")
    assert record is not None
    assert (record.failed_attempts, record.locked_until) == (0, None)


def test_it_unlocks_and_the_unlock_is_audited(uow: AccountsUow) -> None:
    _fail(uow, 6)  # the sixth attempt meets the lock and is not counted
    accounts.unlock_user(uow, by=UserInfo("boss", "", "it"), username="wang")
    assert accounts.login(uow, "wang", CLERK_PASSWORD).username == "wang"
    assert ("user.unlock", "boss", "wang", {"failures": 5}) in uow.audit.entries


def test_unknown_users_get_the_same_answer_as_wrong_passwords(uow: AccountsUow) -> None:
    with pytest.raises(accounts.LoginRefused) as unknown:
        accounts.login(uow, "nobody", "whatever123")
    assert unknown.value.message_zh.startswith("用户名或密码不正确")
    with pytest.raises(accounts.LoginRefused) as wrong:
        accounts.login(uow, "wang", "whatever123")
    assert (wrong.value.message_zh, wrong.value.message_en) == (
        unknown.value.message_zh,
        unknown.value.message_en,
    )


def test_an_invented_name_locks_like_a_real_account(uow: AccountsUow) -> None:
    """Five wrong tries lock a real name and an invented one alike, with the same waits and words:
    the lock tells nobody which names exist."""

    def answers(name: str) -> list[tuple[str, int | None]]:
        said = []
        for _ in range(7):
            with pytest.raises(accounts.LoginRefused) as refused:
                accounts.login(uow, name, "wrong password 1")
            said.append((refused.value.message_zh, refused.value.retry_after_seconds))
        return said

    real, invented = answers("wang"), answers("zhao-invented-0417")
    assert invented == real
    assert real[4][1] == 30  # the fifth failure locks
    assert "锁定" in real[5][0]
    uow.advance(31)
    with pytest.raises(accounts.LoginRefused) as after:
        accounts.login(uow, "zhao-invented-0417", "wrong password 1")
    assert after.value.retry_after_seconds == 60  # the next failure doubles the wait, as for wang


def test_only_it_administers_users(uow: AccountsUow) -> None:
    clerk = UserInfo("wang", "王", "clerk")
    with pytest.raises(PermissionDenied):
        accounts.add_user(
            uow, by=clerk, username="li", display_name="", role="clerk", password=CLERK_PASSWORD
        )
    with pytest.raises(PermissionDenied):
        accounts.unlock_user(uow, by=clerk, username="boss")
    with pytest.raises(PermissionDenied):
        accounts.list_users(uow, by=clerk)
    with pytest.raises(PermissionDenied):
        accounts.set_password(uow, by=clerk, username="boss", new_password="Other12345x")


def test_users_change_their_own_password(uow: AccountsUow) -> None:
    accounts.set_password(
        uow, by=UserInfo("wang", "王", "clerk"), username="wang", new_password="Newer12345x"
    )
    with pytest.raises(accounts.LoginRefused):
        accounts.login(uow, "wang", CLERK_PASSWORD)
    assert accounts.login(uow, "wang", "Newer12345x").username == "wang"


def test_reauthentication_checks_password_and_permission(uow: AccountsUow) -> None:
    assert accounts.reauthenticate(uow, "boss", IT_PASSWORD, "backup").username == "boss"
    assert uow.audit.entries[-1][:2] == ("reauth.ok", "boss")
    with pytest.raises(PermissionDenied):
        accounts.reauthenticate(uow, "wang", CLERK_PASSWORD, "restore")
    with pytest.raises(accounts.LoginRefused):
        accounts.reauthenticate(uow, "boss", "wrong password 1", "backup")


def test_bad_user_names_roles_and_duplicates_are_rejected(uow: AccountsUow) -> None:
    boss = UserInfo("boss", "", "it")
    for name in ("Wang", "1abc", "a", "wang li"):
        with pytest.raises(InputRejected):
            accounts.add_user(
                uow, by=boss, username=name, display_name="", role="clerk", password=CLERK_PASSWORD
            )
    with pytest.raises(InputRejected):
        accounts.add_user(
            uow, by=boss, username="wang", display_name="", role="clerk", password=CLERK_PASSWORD
        )
    with pytest.raises(InputRejected):
        accounts.add_user(uow, by=boss, username="li", display_name="", role="root", password=CLERK_PASSWORD)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        accounts.unlock_user(uow, by=boss, username="ghost")


def test_list_users_shows_locks(uow: AccountsUow) -> None:
    _fail(uow, 5)
    listed = {u.username: u for u in accounts.list_users(uow, by=UserInfo("boss", "", "it"))}
    assert listed["wang"].locked_seconds == 30
    assert listed["boss"].locked_seconds == 0


def test_an_invented_name_locks_across_processes_and_is_kept_hashed(
    uow: AccountsUow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ``bizdesk`` command is a new process: the count of an invented name is kept in the store
    (as a real account's is), under a hash of the name, never the name."""
    from app.accounts import service
    from app.accounts.unknown_names import UnknownNames, name_key

    waits = []
    for _ in range(5):
        monkeypatch.setattr(service, "UNKNOWN_NAMES", UnknownNames())  # nothing carried in memory
        with pytest.raises(accounts.LoginRefused) as refused:
            accounts.login(uow, "zhao-invented-0417", "wrong password 1")
        waits.append(refused.value.retry_after_seconds)
    assert waits[-1] == 30  # the fifth failure locks, as for a real account
    kept = uow.users.unknown_failures()
    assert list(kept) == [name_key("zhao-invented-0417")]
    assert "zhao" not in repr(kept)
    assert kept[name_key(" ZHAO-invented-0417 ")][0] == 5  # trimmed and case-folded alike
