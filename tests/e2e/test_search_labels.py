"""案卷查询 as a screen reader meets it: every control of the search form has an accessible name."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import expect_text, open_app

pytestmark = pytest.mark.e2e


def test_the_search_forms_controls_are_named(page: Page, desk_url: str) -> None:
    open_app(page, desk_url)
    submit_until(page, {"用户名": "clerk", "密码": "peixun2026"}, "切换功能区", SIGN_IN_INCOMPLETE)
    page.keyboard.press("Alt+3")
    expect_text(page, "按企业名称")
    for label in ("名称 / 统一社会信用代码 / 身份证号 / 手机号 / 案卷编号", "受理日期自（如 2026-11-01）"):
        expect(page.get_by_role("textbox", name=label)).to_be_visible()
    expect(page.get_by_role("button", name="案卷状态", exact=True)).to_be_visible()  # the status drop-down
    expect(page.get_by_role("button", name="查询", exact=True)).to_be_visible()
