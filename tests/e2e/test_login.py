"""The real desk (training profile, started through the CLI) in headless Chromium: login and shell."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import SIGN_IN_INCOMPLETE, SIGN_IN_INCOMPLETE_EN, keyboard_sign_in, submit_until
from tests.e2e.harness import (
    WAIT_MS,
    NetworkLog,
    expect_no_text,
    expect_text,
    open_app,
    press_button,
    screenshot,
)
from views.fonts import font_plan

pytestmark = pytest.mark.e2e

BANNER = "培训模式 · 数据均为虚构 · 不连接正式平台"
AREAS = ["今日受理", "新办企业", "案卷查询", "同步中心", "培训", "系统管理"]

REFUSED = "用户名或密码不正确，请重新输入；连续输错5次账户将被暂时锁定。"


def test_login_screen_renders_chinese_offline(page: Page, desk_url: str, network: NetworkLog) -> None:
    open_app(page, desk_url)
    expect_text(page, "柜台登录")
    expect_text(page, BANNER)
    expect(page.get_by_role("textbox", name="用户名", exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name="密码", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="登录", exact=True)).to_be_visible()
    expect_text(page, "培训账号")
    # The sign-in is drawn with the primary CJK font alone, from the app itself (not a CDN); the
    # rare-character fallbacks come with the first screen after it, from the app too.
    primary = {font.path.name: 200 for font in font_plan().files if font.role == "primary"}
    assert network.served_fonts(page, primary) == primary
    assert "wqy-microhei.ttc" in primary
    screenshot(page, "login_screen_zh")
    submit_until(page, {"用户名": "clerk", "密码": "peixun2026"}, "切换功能区", SIGN_IN_INCOMPLETE)
    every = {font.path.name: 200 for font in font_plan().files}
    assert network.served_fonts(page, every) == every


def test_wrong_password_is_reported_clearly(page: Page, desk_url: str) -> None:
    open_app(page, desk_url)
    submit_until(page, {"用户名": "trainer", "密码": "不是这个密码"}, REFUSED, SIGN_IN_INCOMPLETE)
    expect_no_text(page, "今日受理")
    # The refused password was cleared (the DOM does not mirror Flutter's value; the app's answer does).
    press_button(page, "登录")
    expect_text(page, "请输入密码。")
    # An unknown name gets the very same answer: names cannot be discovered at the desk.
    submit_until(page, {"用户名": "nobody.here", "密码": "不是这个密码"}, REFUSED, SIGN_IN_INCOMPLETE)
    expect_no_text(page, "今日受理")


def test_training_login_opens_the_shell_with_six_areas(page: Page, desk_url: str) -> None:
    open_app(page, desk_url)
    # Keyboard only: Enter in the username box moves to the password, Enter there signs in.
    keyboard_sign_in(page, "clerk", "peixun2026", "今天受理的案卷")
    for area in AREAS:
        expect(page.get_by_role("button", name=area).first).to_be_visible(timeout=WAIT_MS)
    expect_text(page, BANNER)
    expect_text(page, "窗口人员（示例）")
    expect_text(page, "今天受理的案卷")
    page.keyboard.press("Alt+3")
    expect_text(page, "按企业名称、统一社会信用代码")
    assert page.url.endswith("/cases")
    press_button(page, "同步中心")
    expect_text(page, "报送队列")
    assert page.url.endswith("/sync")
    press_button(page, "培训")
    expect_text(page, "练习场景")  # the scenarios, no "coming soon"
    expect_no_text(page, "此功能即将推出")
    press_button(page, "退出登录")
    expect_text(page, "柜台登录")
    # A training account button fills both fields.
    press_button(page, "itadmin / 密码")
    press_button(page, "登录")
    expect_text(page, "IT管理员（示例）")


def test_language_switches_to_english_and_back(page: Page, desk_url: str) -> None:
    open_app(page, desk_url)
    press_button(page, "English")
    expect_text(page, "Desk sign-in")
    expect_text(page, "Training mode · all data is fictitious")
    fields = {"Username": "trainer", "Password": "wrong-again"}
    submit_until(page, fields, "Wrong user name or password", SIGN_IN_INCOMPLETE_EN)
    screenshot(page, "login_screen_en")
    press_button(page, "中文")
    expect_text(page, "柜台登录")
    expect_text(page, "用户名或密码不正确")  # the same refusal, now worded in Chinese
