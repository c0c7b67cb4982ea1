"""The real desk profile on a new PC: IT creates the first account, then the desk locks and unlocks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import expect_no_text, expect_text, open_app, press_button

pytestmark = pytest.mark.e2e

PASSWORD = "Shouguang2026"
SETUP_INCOMPLETE = re.compile(r"^请填写：.+。$")  # the set-up names the empty boxes


def _setup(password: str, confirm: str) -> dict[str, str]:
    return {"管理员用户名": "it.wang", "姓名": "王䶮", "设置密码": password, "再次输入密码": confirm}


def test_first_it_account_then_lock_and_unlock(page: Page, new_desk_url: str) -> None:
    open_app(page, new_desk_url)
    expect_text(page, "首次使用：创建IT管理员账号")
    expect_no_text(page, "培训模式", timeout=1_000)  # the real desk shows no training banner
    submit_until(page, _setup("short1", "short1"), "密码不符合要求", SETUP_INCOMPLETE)  # the core's rule
    submit_until(page, _setup(PASSWORD, PASSWORD + "x"), "两次输入的密码不一致", SETUP_INCOMPLETE)
    submit_until(page, _setup(PASSWORD, PASSWORD), "王䶮（IT管理员）", SETUP_INCOMPLETE)
    expect_text(page, "今天受理的案卷")

    press_button(page, "锁定")
    expect_text(page, "界面已锁定。")
    expect_text(page, "请输入王䶮的密码解锁。")
    expect_no_text(page, "今天受理的案卷")
    submit_until(page, {"密码": "Wrong-2026"}, "用户名或密码不正确", SIGN_IN_INCOMPLETE)
    submit_until(page, {"密码": PASSWORD}, "今天受理的案卷", SIGN_IN_INCOMPLETE)

    press_button(page, "退出登录")
    expect_text(page, "柜台登录")  # the account exists now: login, not set-up
