"""系统管理 in the real training desk: IT sees an account lock out in another window without leaving the
page, rotates the data key, backs up, adds a clerk (停用 offered on its line, not on IT's own) and
unlocks the locked account, then restores the backup (told how many cases came back and where the
old data is kept) and sees the earlier state; a clerk is kept out."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import TrainingDesk
from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import (
    browser_window,
    expect_no_text,
    expect_text,
    open_app,
    press_button,
    screenshot,
)

pytestmark = pytest.mark.e2e

PASSWORD = "peixun2026"  # the training profile's published accounts
BACKUP_PASSPHRASE = "backup-passphrase-e2e-2026"
INCOMPLETE_RESTORE = "请填写IT密码、要恢复的备份文件路径和该备份的备份口令。"
CONFIRM_RESTORE = "我已了解：本机当前数据将被备份中的数据替换"
REFUSED = "用户名或密码不正确，请重新输入；连续输错5次账户将被暂时锁定。"
SIGNED_IN = "切换功能区"  # the shell's header, on every area: the sign-in went through


def _sign_in(page: Page, username: str, password: str) -> None:
    """Signed in once the desk shows its shell (Enter in the password box signs in)."""
    submit_until(page, {"用户名": username, "密码": password}, SIGNED_IN, SIGN_IN_INCOMPLETE)


def test_it_rotates_the_key_backs_up_manages_users_and_restores(
    page: Page, browser: Browser, desk_url: str, tmp_path: Path
) -> None:
    open_app(page, desk_url)
    _sign_in(page, "itadmin", PASSWORD)
    press_button(page, "系统管理")
    expect_text(page, "用户与角色")
    expect_text(page, "培训员（示例）（trainer）· 培训师 · 正常")
    _lock_out_trainer(browser, desk_url)  # in another window, while IT stays on 系统管理
    expect_text(page, "培训员（示例）（trainer）· 培训师 · 已锁定")  # the list refreshed by itself
    press_button(page, "解锁 trainer")  # within the 30 s lock
    expect_text(page, "已解锁 trainer。")
    expect_text(page, "培训员（示例）（trainer）· 培训师 · 正常")
    submit_until(page, {"IT密码（更换密钥）": PASSWORD}, "已更换数据密钥（第2版）", "请先填写IT密码。")
    backup = tmp_path / "before-clerk9.bdk"
    backup_form = {"IT密码（再次确认）": PASSWORD, "备份文件路径": str(backup), "备份口令": BACKUP_PASSPHRASE}
    submit_until(page, backup_form, f"到 {backup}", "请填写IT密码、备份文件路径和备份口令。")
    user_form = {"新用户名": "clerk9", "姓名": "窗口人员九", "初始密码": "Chuangkou-2026"}
    submit_until(page, user_form, "已添加用户 clerk9。", "请填写新用户名、姓名和初始密码。")
    expect_text(page, "窗口人员九（clerk9）· 柜员 · 正常")
    expect(page.get_by_role("button", name="停用 clerk9")).to_be_visible()
    expect(page.get_by_role("button", name="停用 itadmin")).to_have_count(0)  # it could never succeed
    press_button(page, "校验审计记录")
    expect_text(page, "审计记录完整")
    screenshot(page, "admin_it")
    press_button(page, "退出登录")
    _sign_in(page, "clerk9", "Chuangkou-2026")  # the new clerk can work at once
    press_button(page, "退出登录")
    clerk_window = browser_window(browser)  # a clerk works in another window while IT restores
    try:
        clerk = clerk_window.new_page()
        open_app(clerk, desk_url)
        # The training account's button fills the boxes in the desk itself, 登录 follows on the same
        # connection: no typing into a window just opened on a busy machine.
        press_button(clerk, "clerk / 密码 peixun2026 · 柜员")
        press_button(clerk, "登录")
        expect_text(clerk, "今日受理")
        _restore(page, backup)
        # The clerk's sign-in belonged to the data set aside: that window returns to the login by itself.
        expect_text(clerk, "本机数据已从备份恢复，请重新登录")
        expect(clerk.get_by_role("button", name="登录")).to_be_visible()
    finally:
        clerk_window.close()
    _sign_in(page, "itadmin", PASSWORD)
    press_button(page, "系统管理")
    expect_text(page, "用户与角色")
    expect_no_text(page, "窗口人员九（clerk9）")  # the state of the backup: before clerk9 was added
    press_button(page, "校验审计记录")
    expect_text(page, "审计记录完整")


def _lock_out_trainer(browser: Browser, desk_url: str) -> None:
    """Five wrong passwords for trainer, typed in a window of its own: the account locks."""
    window = browser_window(browser)
    try:
        other = window.new_page()
        open_app(other, desk_url)
        wrong = {"用户名": "trainer", "密码": "wrong-password-1"}
        for _ in range(4):  # the trainer account locks after five wrong passwords
            # The refusal names no count (the same words for any name): each new one is told apart
            # from the last by the desk hiding the last as soon as it receives the next try's typing.
            submit_until(other, wrong, REFUSED, SIGN_IN_INCOMPLETE)
        submit_until(other, wrong, "账户已被暂时锁定", SIGN_IN_INCOMPLETE)
    finally:
        window.close()


def _restore(page: Page, backup: Path) -> None:
    """IT restores ``backup`` from 系统管理 and is sent to the login screen, told why."""
    _sign_in(page, "itadmin", PASSWORD)
    press_button(page, "系统管理")
    form = {
        "IT密码（恢复备份）": PASSWORD,
        "要恢复的备份文件路径": str(backup),
        "该备份的备份口令": BACKUP_PASSPHRASE,
    }
    submit_until(page, form, "请先勾选", INCOMPLETE_RESTORE)  # the replacement is confirmed first
    page.get_by_role("checkbox", name=CONFIRM_RESTORE).click()
    expect(page.get_by_role("checkbox", name=CONFIRM_RESTORE)).to_be_checked()
    submit_until(page, form, "本机数据已从备份恢复，请重新登录", INCOMPLETE_RESTORE)
    # IT is told how many cases came back and where the replaced data was kept
    expect_text(page, re.compile(r"已从备份恢复 \d+ 个案卷；原数据保存在 \S+before-restore"))
    screenshot(page, "admin_restored")


def test_a_clerk_cannot_open_it(page: Page, desk_url: str) -> None:
    open_app(page, desk_url)
    _sign_in(page, "clerk", PASSWORD)
    press_button(page, "系统管理")
    expect_text(page, "系统管理仅限IT管理员使用")
    expect_no_text(page, "用户与角色")
    expect_no_text(page, "添加用户")


DESK_NUMBER = re.compile(r"本机设备编号：(desk-\S+)")
PLATFORM_NUMBER = re.compile(r"平台设备编号：(dev-\S+)（与平台设备列表对应）")


def test_it_reads_both_device_numbers_and_the_platform_knows_the_one_it_shows(
    page: Page, training_desk: TrainingDesk
) -> None:
    """设备与注册 shows the desk's own number and the platform's: the one the platform (here the
    training profile's built-in sandbox) holds for this desk in its device register."""
    open_app(page, training_desk.url)
    _sign_in(page, "itadmin", PASSWORD)
    press_button(page, "同步中心")
    expect_text(page, "上次成功同步：20", timeout=30_000)  # the start-up pass: enrolled and synced
    press_button(page, "系统管理")
    expect_text(page, DESK_NUMBER)
    expect_text(page, PLATFORM_NUMBER)
    platform_number = _number(page, PLATFORM_NUMBER)
    assert platform_number != _number(page, DESK_NUMBER)
    assert _sandbox_devices(Path(training_desk.env["BIZDESK_HOME"])) == [platform_number]
    screenshot(page, "admin_device_numbers")


def _number(page: Page, pattern: re.Pattern[str]) -> str:
    found = pattern.search(page.get_by_text(pattern).first.inner_text())
    assert found is not None
    return found.group(1)


def _sandbox_devices(home: Path) -> list[str]:
    """The device numbers in the built-in sandbox's register, read from its own database file."""
    (database,) = home.rglob("sandbox/sandbox.db")
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        return [row[0] for row in connection.execute("SELECT device_id FROM devices")]
