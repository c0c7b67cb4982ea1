"""The real desk profile on a new PC: IT creates the first account, then the desk locks and unlocks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.harness import expect_no_text, expect_text, fill_field, open_app, press_button

pytestmark = pytest.mark.e2e

PASSWORD = "Shouguang2026"


def test_first_it_account_then_lock_and_unlock(page: Page, new_desk_url: str) -> None:
    open_app(page, new_desk_url)
    expect_text(page, "首次使用：创建IT管理员账号")
    expect_no_text(page, "培训模式", timeout=1_000)  # the real desk shows no training banner
    fill_field(page, "管理员用户名", "it.wang")
    fill_field(page, "姓名", "王䶮")
    fill_field(page, "设置密码", "short1")
    fill_field(page, "再次输入密码", "short1")
    press_button(page, "创建并登录")
    expect_text(page, "密码不符合要求")  # the core's rule, worded by the core
    fill_field(page, "设置密码", PASSWORD)
    fill_field(page, "再次输入密码", PASSWORD + "x")
    press_button(page, "创建并登录")
    expect_text(page, "两次输入的密码不一致")
    fill_field(page, "再次输入密码", PASSWORD)
    press_button(page, "创建并登录")
    expect_text(page, "王䶮（IT管理员）")
    expect_text(page, "今天受理的案卷")

    press_button(page, "锁定")
    expect_text(page, "界面已锁定。")
    expect_text(page, "请输入王䶮的密码解锁。")
    expect_no_text(page, "今天受理的案卷")
    fill_field(page, "密码", "Wrong-2026")
    press_button(page, "解锁")
    expect_text(page, "用户名或密码不正确")
    fill_field(page, "密码", PASSWORD)
    press_button(page, "解锁")
    expect_text(page, "今天受理的案卷")

    press_button(page, "退出登录")
    expect_text(page, "柜台登录")  # the account exists now: login, not set-up
