"""The idle lock fires in the running UI (over the in-memory desk: its lock time can be 2 s)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import expect_no_text, expect_text, open_app

pytestmark = pytest.mark.e2e

SEARCH_INTRO = "按企业名称、统一社会信用代码、身份证号、手机号、受理日期和状态查找案卷。"
LOCKED = "超过2秒未操作，界面已自动锁定。"


def test_idle_desk_locks_itself_and_the_password_unlocks(page: Page, fake_idle_url: str) -> None:
    open_app(page, fake_idle_url + "/cases")  # a deep link: shown after login
    # Signed in: the search shows, or on a busy machine the lock already came 2 s after the sign-in.
    signed_in = re.compile(f"{re.escape(SEARCH_INTRO)}|{re.escape(LOCKED)}")
    submit_until(page, {"用户名": "trainee1", "密码": "Train-2026"}, signed_in, SIGN_IN_INCOMPLETE)
    expect_text(page, LOCKED)  # nobody touched the desk for 2 s
    expect_no_text(page, "寿光市晨光物流有限公司")  # the work is hidden (unlocking: test_first_run)
