"""What the receipt depends on, set in the real training desk, then printed: the clerk chooses 免费邮寄
with the keyboard in the services step (the address boxes appear and are saved), IT sets the branch the
receipt prints in 系统管理 → 本网点信息, and ``bizdesk case pdf --receipt-only --guides`` prints both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.cli_accounts import TRAINING_CLERK
from tests.e2e.conftest import TrainingDesk
from tests.e2e.forms import submit_until
from tests.e2e.harness import bizdesk_cli, expect_text, open_app, press_button, screenshot
from tests.e2e.test_new_company import Clerk, sign_in
from tests.integration.forms.poppler import pdf_text

pytestmark = pytest.mark.e2e

MAILING = "营业执照和印章免费邮寄（不勾选：凭受理回执到窗口领取）"
ADDRESS = "寿光市洛城街道菜都路66号"
BRANCH = {
    "网点名称（如 寿光农村商业银行圣城支行）": "寿光农村商业银行洛城支行",
    "网点地址": "寿光市洛城街道农圣东街1号",
}
IT = {"BIZDESK_USER": "itadmin", "BIZDESK_USER_PASSWORD": "peixun2026"}


def test_mailing_and_the_branch_chosen_at_the_desk_are_what_the_receipt_prints(
    page: Page, training_desk: TrainingDesk, tmp_path: Path
) -> None:
    case_id = _clerk_chooses_mailing(page, training_desk)
    _it_sets_the_branch(page, training_desk)
    receipt = tmp_path / "receipt.pdf"
    env = {**training_desk.env, **TRAINING_CLERK}
    bizdesk_cli(env, "case", "pdf", case_id, "-o", str(receipt), "--receipt-only", "--guides")
    text = "".join(pdf_text(receipt.read_bytes()).split())
    for printed in (
        "寿光市企业开办专区（寿光农村商业银行洛城支行）",
        "寿光市洛城街道农圣东街1号",
        f"寄往{ADDRESS}",
    ):
        assert printed in text, printed
    assert "企业开办口袋书" in text
    assert "凭本回执" not in text


def _clerk_chooses_mailing(page: Page, desk: TrainingDesk) -> str:
    sign_in(page, desk.url, "/new")
    clerk = Clerk(page)
    expect_text(page, "1 企业信息")
    clerk.key("F9")
    expect_text(page, "读身份证（F2）")
    clerk.key("F9")
    clerk.tab_to("checkbox", MAILING)
    clerk.key("Space")
    expect(page.get_by_role("checkbox", name=MAILING, exact=True)).to_be_checked()
    expect_text(page, "收件人：—（默认为联络员）")  # nobody read yet: no liaison to default to
    clerk.tab_to("textbox", "邮寄地址")
    clerk.type_into("邮寄地址", ADDRESS)
    clerk.wait_for_focus("邮政编码")  # Enter moved on; the desk filled in the company's postcode
    screenshot(page, "receipt_mailing_choice")
    case_id = page.url.split("/new/", 1)[1].split("/", 1)[0]
    env = {**desk.env, **TRAINING_CLERK}
    licence: dict[str, object] = {}
    for _ in range(100):  # the autosave follows the keystrokes: read until it is there
        licence = json.loads(bizdesk_cli(env, "case", "export", case_id))["services"]["license"]["data"]
        if licence.get("mail_to", {}).get("address") == ADDRESS:  # type: ignore[attr-defined]
            break
        page.wait_for_timeout(200)
    assert licence["delivery"] == "mail"
    assert licence["mail_to"] == {"address": ADDRESS, "postcode": "262700", "recipient_person_id": None}
    press_button(page, "退出登录")
    return case_id


def _it_sets_the_branch(page: Page, desk: TrainingDesk) -> None:
    open_app(page, desk.url)
    submit_until(page, {"用户名": "itadmin", "密码": "peixun2026"}, "今日受理", "请输入用户名和密码。")
    press_button(page, "系统管理")
    expect_text(page, "本网点信息（打印在受理回执上）")
    # Enter in a box saves; a name the keystrokes had not reached yet is answered with "—": send again
    submit_until(page, BRANCH, "网点信息已保存（寿光农村商业银行洛城支行）", "网点信息已保存（—）")
    screenshot(page, "receipt_branch_panel")
    assert "branch.phone = 0536-5201234" in bizdesk_cli(
        {**desk.env, **IT}, "db", "set", "branch.phone", "0536-5201234"
    )
