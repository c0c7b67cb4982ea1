"""系统管理 in the real training desk: IT rotates the data key, backs up, adds a clerk and unlocks a locked
account, then restores the backup and sees the earlier state; a clerk is kept out."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.harness import expect_no_text, expect_text, fill_field, open_app, press_button, screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "peixun2026"  # the training profile's published accounts
BACKUP_PASSPHRASE = "备份口令 e2e 2026"
CONFIRM_RESTORE = "我已了解：本机当前数据将被备份中的数据替换"
REFUSED = "用户名或密码不正确，请重新输入；连续输错5次账户将被暂时锁定。"


def _sign_in(page: Page, username: str, password: str) -> None:
    fill_field(page, "用户名", username)
    fill_field(page, "密码", password)
    press_button(page, "登录")


def test_it_rotates_the_key_backs_up_manages_users_and_restores(
    page: Page, desk_url: str, tmp_path: Path
) -> None:
    open_app(page, desk_url)
    for _ in range(4):  # the trainer account locks after five wrong passwords
        _sign_in(page, "trainer", "wrong-password-1")
        expect_text(page, REFUSED)
        # The refusal names no count (the same words for any name), so each one is seen through the
        # cleared password box before the next try: an empty sign-in is answered in its place.
        press_button(page, "登录")
        expect_text(page, "请输入用户名和密码。")
        expect_no_text(page, REFUSED)
    _sign_in(page, "trainer", "wrong-password-1")
    expect_text(page, "账户已被暂时锁定")
    _sign_in(page, "itadmin", PASSWORD)
    press_button(page, "系统管理")
    expect_text(page, "用户与角色")
    expect_text(page, "已锁定")
    fill_field(page, "IT密码（更换密钥）", PASSWORD)
    press_button(page, "更换数据密钥")
    expect_text(page, "已更换数据密钥（第2版）")
    backup = tmp_path / "before-clerk9.bdk"
    fill_field(page, "IT密码（再次确认）", PASSWORD)
    fill_field(page, "备份文件路径", str(backup))
    fill_field(page, "备份口令", BACKUP_PASSPHRASE)
    press_button(page, "立即备份")
    expect_text(page, f"到 {backup}")
    fill_field(page, "新用户名", "clerk9")
    fill_field(page, "姓名", "窗口人员九")
    fill_field(page, "初始密码", "Chuangkou-2026")
    press_button(page, "添加用户")
    expect_text(page, "已添加用户 clerk9。")
    expect_text(page, "窗口人员九（clerk9）· 柜员 · 正常")
    press_button(page, "解锁 trainer")
    expect_text(page, "已解锁 trainer。")
    expect_text(page, "培训员（示例）（trainer）· 培训师 · 正常")
    press_button(page, "校验审计记录")
    expect_text(page, "审计记录完整")
    screenshot(page, "admin_it")
    press_button(page, "退出登录")
    _sign_in(page, "clerk9", "Chuangkou-2026")  # the new clerk can work at once
    expect_text(page, "今日受理")
    press_button(page, "退出登录")
    _restore(page, backup)
    _sign_in(page, "itadmin", PASSWORD)
    press_button(page, "系统管理")
    expect_text(page, "用户与角色")
    expect_no_text(page, "窗口人员九（clerk9）")  # the state of the backup: before clerk9 was added
    press_button(page, "校验审计记录")
    expect_text(page, "审计记录完整")


def _restore(page: Page, backup: Path) -> None:
    """IT restores ``backup`` from 系统管理 and is sent to the login screen, told why."""
    _sign_in(page, "itadmin", PASSWORD)
    press_button(page, "系统管理")
    fill_field(page, "IT密码（恢复备份）", PASSWORD)
    fill_field(page, "要恢复的备份文件路径", str(backup))
    fill_field(page, "该备份的备份口令", BACKUP_PASSPHRASE)
    press_button(page, "从备份恢复")
    expect_text(page, "请先勾选")  # the replacement is confirmed first
    page.get_by_role("checkbox", name=CONFIRM_RESTORE).click()
    press_button(page, "从备份恢复")
    expect_text(page, "本机数据已从备份恢复，请重新登录")
    screenshot(page, "admin_restored")


def test_a_clerk_cannot_open_it(page: Page, desk_url: str) -> None:
    open_app(page, desk_url)
    _sign_in(page, "clerk", PASSWORD)
    press_button(page, "系统管理")
    expect_text(page, "系统管理仅限IT管理员使用")
    expect_no_text(page, "用户与角色")
    expect_no_text(page, "添加用户")
