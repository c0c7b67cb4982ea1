"""培训 in the real training desk: a trainee runs the two-shareholder scenario through 新办企业 to its
automatic check (pass), checks the same case against the one-person scenario (the check names the
mistake), and the trainer's view shows both attempts."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.harness import expect_text, fill_field, press_button, screenshot
from tests.e2e.test_new_company import (
    Clerk,
    company_step,
    documents_step,
    make_scans,
    people_step,
    review_print_submit,
    services_step,
    sign_in,
)

pytestmark = pytest.mark.e2e

TWO_SHAREHOLDERS = "两名股东的有限责任公司（七项全办）"
ONE_PERSON = "一人有限责任公司"


def _open_scenario(page: Page, title: str) -> None:
    press_button(page, "培训")
    expect_text(page, "练习场景")
    press_button(page, f"打开 {title}")
    expect_text(page, "给我一条提示")


def test_a_trainee_runs_a_scenario_to_its_check_and_the_trainer_sees_the_attempts(
    page: Page, desk_url: str, tmp_path: Path
) -> None:
    sign_in(page, desk_url)
    _open_scenario(page, TWO_SHAREHOLDERS)
    press_button(page, "给我一条提示")
    expect_text(page, "两名股东认缴额之和须等于注册资本")
    press_button(page, "开始练习")
    clerk = Clerk(page)
    company_step(clerk)
    people_step(clerk)
    services_step(clerk)
    documents_step(clerk, make_scans(tmp_path / "scans"))
    case_id = review_print_submit(clerk)

    _open_scenario(page, TWO_SHAREHOLDERS)
    press_button(page, "检查结果")
    expect_text(page, f"已检查案卷 {case_id}。")
    expect_text(page, "全部正确（4/4）")
    expect_text(page, "✓ 七个事项全部勾选：所需事项均已勾选")
    screenshot(page, "training_check_pass")

    _open_scenario(page, ONE_PERSON)
    press_button(page, "检查结果")
    expect_text(page, "还有要改正的地方")
    expect_text(page, "✘ 只有一名股东：录入股东/出资人2名")
    screenshot(page, "training_check_fail")

    press_button(page, "返回场景列表")  # the next sign-in returns to the area's own page
    expect_text(page, "练习场景")
    press_button(page, "退出登录")
    fill_field(page, "用户名", "trainer")
    fill_field(page, "密码", "peixun2026")
    press_button(page, "登录")
    expect_text(page, "培训员（示例）")
    press_button(page, "培训")
    expect_text(page, "培训员：学员练习情况")
    expect_text(page, "学员 clerk：练习 2 次，通过 1 个场景")
    expect_text(page, "clerk · llc-two-shareholders")
    expect_text(page, "clerk · llc-one-person")
    screenshot(page, "training_trainer")


def test_a_trap_left_in_the_case_is_named_by_the_check(page: Page, desk_url: str) -> None:
    sign_in(page, desk_url)
    _open_scenario(page, "校验陷阱")
    press_button(page, "开始练习")
    clerk = Clerk(page)
    company_step(clerk)
    clerk.key("F9")
    expect_text(page, "读身份证（F2）")
    clerk.key("F2")
    clerk.type_into("人员1 手机号码", "13805361234")
    clerk.type_into("人员1 电子邮箱", "lvye@example.com")
    clerk.type_into("人员1 认缴出资（万元）", "60")
    clerk.key("F2")
    clerk.type_into("人员2 手机号码", "13905365678")
    clerk.accept("人员2 电子邮箱")
    clerk.type_into("人员2 认缴出资（万元）", "30")  # the trap: 90 subscribed of a capital of 100
    expect_text(page, "认缴合计 90 万元 / 注册资本 100 万元")

    _open_scenario(page, "校验陷阱")
    press_button(page, "检查结果")
    expect_text(page, "还有要改正的地方")
    expect_text(page, "✘ 认缴额与注册资本一致：未改正")
    expect_text(page, "✓ 身份证校验位已改正")
    screenshot(page, "training_trap_named")
