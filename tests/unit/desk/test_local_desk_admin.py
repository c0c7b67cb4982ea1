"""系统管理's own use cases through the desk, on the in-memory store: accounts (lock, unlock, disable),
the audit trail's check, the retention period, the branch (本网点信息); IT only."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.accounts.roles import PermissionDenied
from app.desk.local import LocalDesk
from app.errors import AuthError, InputRejected, PlatformError
from tests.fakes import FakeStore

DeskAs = Callable[..., LocalDesk]
Page = Callable[[], LocalDesk]


def test_it_manages_accounts_and_a_clerk_may_not(desk_as: DeskAs, page: Page) -> None:
    it = desk_as("itadmin")
    it.admin_add_user("clerk9", "窗口人员九", "clerk", "Chuangkou-2026")
    for _ in range(5):
        assert not page().login("clerk9", "wrong-password-9").ok
    locked = {user.username: user for user in it.admin_users()}["clerk9"]
    assert locked.locked_seconds > 0
    assert not page().login("clerk9", "Chuangkou-2026").ok
    it.admin_unlock_user("clerk9")
    it.admin_reset_password("clerk9", "Neu-Passwort-2026")
    assert page().login("clerk9", "Neu-Passwort-2026").ok
    it.admin_disable_user("clerk9")
    refused = page().login("clerk9", "Neu-Passwort-2026")
    assert not refused.ok
    assert refused.message is not None
    assert "停用" in refused.message.message_zh
    assert {user.username: user for user in it.admin_users()}["clerk9"].disabled
    with pytest.raises(InputRejected):
        it.admin_disable_user("itadmin")  # not oneself
    it.admin_enable_user("clerk9")
    assert page().login("clerk9", "Neu-Passwort-2026").ok  # the same password works again
    clerk = desk_as("clerk")
    with pytest.raises(PermissionDenied):
        clerk.admin_users()
    with pytest.raises(PermissionDenied):
        clerk.admin_verify_audit()


def test_the_trail_check_and_the_retention_period_are_its(desk_as: DeskAs) -> None:
    it = desk_as("itadmin")
    check = it.admin_verify_audit()
    assert (check.ok, check.findings) == (True, ())
    assert it.admin_retention_days() == 180
    with pytest.raises(InputRejected):
        it.admin_set_retention_days(5)
    assert it.admin_set_retention_days(365) == 365
    assert it.admin_retention_days() == 365
    with pytest.raises(PlatformError, match="no device operations"):
        it.admin_device()  # this page was given no operations
    with pytest.raises(PermissionDenied):
        desk_as("clerk").admin_set_retention_days(30)


def test_the_branch_is_its_as_set_and_a_refused_value_changes_nothing(desk_as: DeskAs) -> None:
    it = desk_as("itadmin")
    assert it.admin_branch().branch_name == ""  # as IT set it: no training defaults filled in
    saved = it.admin_set_branch({"name": "寿光农村商业银行文家支行", "phone": "0536-5221234"})
    assert (saved.branch_name, saved.phone) == ("寿光农村商业银行文家支行", "0536-5221234")
    with pytest.raises(InputRejected) as refused:
        it.admin_set_branch({"name": "别的支行", "bank_code": "12"})
    assert refused.value.data == {"field": "bank_code"}
    assert it.admin_branch() == saved
    clerk = desk_as("clerk")
    with pytest.raises(PermissionDenied):
        clerk.admin_branch()
    with pytest.raises(PermissionDenied):
        clerk.admin_set_branch({"name": "x"})
    receipt = clerk.receipt(clerk.start_draft().case_id)
    assert receipt.branch == "寿光农村商业银行文家支行"  # what the desk's cases now name


def test_a_restore_from_another_page_ends_every_sign_in(desk_as: DeskAs, store: FakeStore) -> None:
    clerk = desk_as("clerk")
    store.generation += 1  # the data under the desk was replaced
    assert clerk.session_ended()
    with pytest.raises(AuthError, match="sign in again") as ended:
        clerk.today_board()
    assert ended.value.code == "auth.data_restored"
    assert clerk.user is None
