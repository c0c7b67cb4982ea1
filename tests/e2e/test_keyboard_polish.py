"""The keyboard points of issue 21 §4 in the real desk (training profile, headless Chromium).

Each test waits for the desk's own answer (a box holding the focus with the desk's value in it, a
summary line), never for a pause:
- Enter on 手工添加人员 puts the focus in the new person's name box;
- a person typed by hand is proposed roles like a card-read one (the first everything, the second 监事);
- the default 出资期限 (the opening day on the desk calendar + 5 years − 1 day) is in its box as soon as
  the subscription is saved, without redrawing the step;
- after a search in 案卷查询 the next search is typed straight away, without a click.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from app.clock import desk_today
from tests.e2e.forms import submit_until
from tests.e2e.harness import WAIT_MS, expect_text, screenshot
from tests.e2e.test_new_company import Clerk, sign_in

pytestmark = pytest.mark.e2e

SEARCH_BOX = "名称 / 统一社会信用代码 / 身份证号 / 手机号 / 案卷编号"


def default_due_date(opened: dt.date) -> str:
    try:
        later = opened.replace(year=opened.year + 5)
    except ValueError:  # 29 February
        later = opened.replace(year=opened.year + 5, day=28)
    return (later - dt.timedelta(days=1)).isoformat()


def focused_value(page: Page, expected: str) -> None:
    """Wait until the box with the focus holds ``expected`` (the desk filled it in)."""
    page.wait_for_function(
        "(text) => document.activeElement && document.activeElement.value === text",
        arg=expected,
        polling=100,
        timeout=WAIT_MS * 3,
    )


def add_by_hand(clerk: Clerk) -> None:
    clerk.tab_to("button", "手工添加人员")
    clerk.key("Enter")


def test_hand_typed_people_get_focus_roles_and_the_due_date(page: Page, desk_url: str) -> None:
    opened = desk_today()
    sign_in(page, desk_url)
    clerk = Clerk(page)
    clerk.key("Alt+2")
    expect_text(page, "1 企业信息")
    clerk.type_into("字号", "青禾")
    clerk.key("F9")
    expect_text(page, "手工添加人员")

    add_by_hand(clerk)
    clerk.type_into("人员1 姓名", "王建国")  # the focus is in the new person's name box
    legal = page.get_by_role("checkbox", name="法定代表人", exact=True)
    expect(legal.first).to_be_checked()  # proposed like the first person read from a card

    for label in ("人员1 身份证号码", "人员1 手机号码", "人员1 电子邮箱"):
        clerk.accept(label)  # left empty here: Enter moves on
    clerk.type_into("人员1 认缴出资（万元）", "60")
    clerk.wait_for_focus("人员1 出资期限（如 2031-11-27）")
    focused_value(page, default_due_date(opened))  # shown at once: Enter accepts it

    add_by_hand(clerk)
    clerk.type_into("人员2 姓名", "李秀英")
    expect(page.get_by_role("checkbox", name="监事", exact=True).nth(1)).to_be_checked()
    screenshot(page, "keyboard_polish_people")


def test_the_next_search_needs_no_click(page: Page, desk_url: str) -> None:
    sign_in(page, desk_url)
    clerk = Clerk(page)
    clerk.key("Alt+3")  # 案卷查询
    expect_text(page, "全部案卷")
    # the first search as the harness types it (a click in the box, Enter) until the desk answers
    submit_until(page, {SEARCH_BOX: "绿野蔬菜"}, "按企业名称查找", None)
    # the next one straight on, keyboard only: the desk gave the box its focus back after the Enter
    clerk.wait_for_focus(SEARCH_BOX)
    clerk.key("Control+a")
    clerk.type_into(SEARCH_BOX, "13805361234")
    expect_text(page, "按手机号查找")
    screenshot(page, "keyboard_polish_search")
