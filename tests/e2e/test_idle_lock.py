"""The idle lock fires in the running UI (over the in-memory desk: its lock time can be 2 s)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.forms import submit_until
from tests.e2e.harness import expect_no_text, expect_text, open_app

pytestmark = pytest.mark.e2e


def test_idle_desk_locks_itself_and_the_password_unlocks(page: Page, fake_idle_url: str) -> None:
    open_app(page, fake_idle_url + "/cases")  # a deep link: shown after login
    search_intro = "按企业名称、统一社会信用代码、身份证号、手机号、受理日期和状态查找案卷。"
    submit_until(page, {"用户名": "trainee1", "密码": "Train-2026"}, search_intro, "请输入用户名和密码。")
    expect_text(page, "寿光市晨光物流有限公司")
    expect_text(page, "超过2秒未操作，界面已自动锁定。", timeout=10_000)
    expect_no_text(page, "寿光市晨光物流有限公司")  # the work is hidden (unlocking: test_first_run)
