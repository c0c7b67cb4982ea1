"""新办企业 in the real desk: a validation path fixed in place, and a draft that survives ``kill -9``."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.forms import fill_until
from tests.e2e.harness import (
    AppServer,
    expect_text,
    free_port,
    press_button,
    screenshot,
    server_env,
    wait_typing_into,
)
from tests.e2e.test_new_company import sign_in

pytestmark = pytest.mark.e2e
WRONG_CHECK = "110105194912310021"
RIGHT = "11010519491231002X"


def test_wrong_check_character_and_capital_mismatch_are_fixed_in_place(page: Page, desk_url: str) -> None:
    sign_in(page, desk_url)
    page.keyboard.press("Alt+2")
    expect_text(page, "1 企业信息")
    fill_until(page, "注册资本（万元）", "100", shown="已自动保存")  # the draft's first save
    page.keyboard.press("F9")
    press_button(page, "手工添加人员")
    # a rare character (CJK Extension B) typed and shown in the person's heading
    fill_until(page, "人员1 姓名", "𠮷乃", shown="人员1：𠮷乃")
    fill_until(page, "人员1 身份证号码", WRONG_CHECK, shown="身份证号码校验位不符")
    fill_until(page, "人员1 认缴出资（万元）", "60", shown="与注册资本（出资额）100万元不一致")
    screenshot(page, "new_company_validation_errors")
    fill_until(page, "人员1 身份证号码", RIGHT, gone="身份证号码校验位不符")
    fill_until(page, "人员1 认缴出资（万元）", "100", gone="与注册资本（出资额）100万元不一致")
    expect_text(page, "认缴合计 100 万元 / 注册资本 100 万元")
    expect_text(page, "女 · 出生 1949-12-31 · 76 岁")  # derived from the ID number at once
    page.keyboard.press("F8")
    expect_text(page, "企业名称：")
    page.keyboard.press("F9")  # drawn again from the store: the fixes were saved
    expect_text(page, "1949-12-31")
    expect_text(page, "人员1：𠮷乃")
    screenshot(page, "new_company_validation_fixed")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "bizdesk-home"


def serve(home: Path) -> AppServer:
    args = ["-m", "app", "--training", "run", "--web", "--port", str(free_port())]
    server = AppServer(args, server_env(home), home.parent / f"server-{free_port()}.log")
    server.start()
    return server


@pytest.fixture
def first_server(home: Path) -> Iterator[AppServer]:
    server = serve(home)
    yield server
    server.stop()


def test_a_draft_reopens_where_it_stopped_after_kill_9(
    page: Page, home: Path, first_server: AppServer
) -> None:
    sign_in(page, first_server.url)
    page.keyboard.press("Alt+2")
    expect_text(page, "1 企业信息")
    fill_until(page, "字号", "绿野", shown="已自动保存")
    page.keyboard.press("F9")
    press_button(page, "手工添加人员")
    fill_until(page, "人员1 姓名", "王小明", shown="人员1：王小明")
    fill_until(page, "人员1 身份证号码", RIGHT, shown="1949-12-31")  # drawn from the committed save
    case_id = page.url.split("/new/", 1)[1].split("/", 1)[0]
    assert first_server.process is not None
    first_server.process.send_signal(signal.SIGKILL)
    first_server.process.wait(timeout=10)
    second = serve(home)
    try:
        sign_in(page, second.url, f"/new/{case_id}")
        expect_text(page, "2 人员与职务")
        expect_text(page, "人员1：王小明")
        # the field the clerk was typing in has the focus again
        assert wait_typing_into(page, "人员1 身份证号码"), (
            "the draft reopened, not at the field where it stopped"
        )
        screenshot(page, "new_company_recovered_after_kill")
        page.keyboard.press("F8")
        expect_text(page, "企业名称：寿光市绿野")
    finally:
        second.stop()
