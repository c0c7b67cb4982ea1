"""今日受理 and 案卷查询 in the real desk: find a case by name, ID number, mobile and (after the
licence came back from the built-in sandbox) its USCC; its page with the stored data; the 补正 flow
against the sandbox; export behind the password.

The desk is started like ``./dev desk`` (``bizdesk --training run``) on a data root seeded with
``bizdesk --training seed`` plus one case imported and submitted through the CLI whose domicile
address carries the sandbox's mark (待补正), so its licence deterministically comes back for 补正.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from app.case.enums import Status
from app.case.interchange import dump_case
from app.seed import generate_cases
from sync.sandbox.agency import CORRECTION_MARK
from tests.cli_accounts import TRAINING_CLERK, TRAINING_TRAINER
from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import (
    AppServer,
    NetworkLog,
    bizdesk_cli,
    expect_text,
    fill_field,
    free_port,
    open_app,
    press_button,
    screenshot,
    server_env,
)
from views.fonts import font_plan

pytestmark = pytest.mark.e2e

MARKED_ADDRESS = f"圣城街道文圣街{CORRECTION_MARK}18号"
FIXED_ADDRESS = "圣城街道文圣街18号"
PASSWORD = "peixun2026"


@dataclass
class CaseDesk:
    url: str
    env: dict[str, str]
    home: Path
    case_id: str
    name: str
    id_number: str
    mobile: str
    person: str


def marked_case(folder: Path) -> tuple[Path, dict[str, Any]]:
    """A ready fictitious case opened now whose licence the sandbox sends back for 补正 first."""
    case = next(c for c in generate_cases(40, seed=31) if c.status is Status.READY)
    domicile = case.company.domicile
    assert domicile is not None
    company = case.company.model_copy(
        update={"domicile": domicile.model_copy(update={"address": MARKED_ADDRESS})}
    )
    now = dt.datetime.now(dt.UTC)
    document = dump_case(
        case.model_copy(
            update={
                "company": company,
                "case_id": "SG20261128-E2ECASE1",
                "created_at": now,
                "updated_at": now,
            }
        )
    )
    path = folder / "marked-case.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path, document


@pytest.fixture(scope="module")
def case_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseDesk]:
    home = tmp_path_factory.mktemp("bizdesk-cases-home")
    env = server_env(home, **TRAINING_TRAINER)  # CLI case commands sign in (tests/cli_accounts.py)
    bizdesk_cli(env, "seed", "--cases", "12", "--seed", "7")
    path, document = marked_case(home)
    bizdesk_cli(env, "case", "import", str(path))
    bizdesk_cli(env, "case", "submit", document["case_id"])
    server = AppServer(
        ["-m", "app", "--training", "run", "--web", "--port", str(free_port())],
        env,
        home / "server-stderr.log",
    )
    server.start()
    person = document["people"][0]
    yield CaseDesk(
        server.url,
        env,
        home,
        document["case_id"],
        document["company"]["name"],
        person["id_number"],
        person["mobile"],
        person["name"],
    )
    server.stop()


def fonts_loaded(page: Page, network: NetworkLog) -> None:
    """Wait for the CJK fonts (about 50 MB from the app) so screenshots show Chinese, not boxes."""
    network.served_fonts(page, {font.path.name for font in font_plan().files})


def sign_in(page: Page, desk: CaseDesk, network: NetworkLog, route: str = "/") -> None:
    open_app(page, desk.url, route)
    # Enter in the password box, sent again if the desk found a box empty; the shell's header shows
    submit_until(page, {"用户名": "clerk", "密码": PASSWORD}, "切换功能区", SIGN_IN_INCOMPLETE)
    fonts_loaded(page, network)  # the rare-character fonts come with the first screen after the sign-in


def service_status(desk: CaseDesk, service: str) -> dict[str, Any]:
    view = json.loads(bizdesk_cli(desk.env, "case", "show", desk.case_id, "--json"))
    return next(s for s in view["services"] if s["code"] == service)


def sync_until(page: Page, desk: CaseDesk, done: Callable[[], bool], rounds: int = 100) -> None:
    """Press 立即同步 in the 同步中心 until ``done`` (the sandbox decides 5 s after accepting). Counted
    in rounds, each of which waits for the CLI's look at the case: a busy machine's rounds are longer."""
    page.keyboard.press("Alt+4")
    expect_text(page, "报送队列")
    for _ in range(rounds):
        if done():
            return
        press_button(page, "立即同步")
        page.wait_for_timeout(3000)
    assert done(), "the sandbox never answered"


def search(page: Page, key: str, found: str) -> None:
    """Search for ``key`` (Enter in the box) until the desk says it searched it that way (``found``)."""
    submit_until(page, {"名称 / 统一社会信用代码 / 身份证号 / 手机号 / 案卷编号": key}, found, None)


def test_today_lists_the_case_with_its_services_and_enter_opens_it(
    page: Page, case_desk: CaseDesk, network: NetworkLog
) -> None:
    sign_in(page, case_desk, network)
    expect_text(page, "报送队列：")
    expect_text(page, "上次成功同步：")
    expect_text(page, "工作时间 08:30-12:00, 13:30-17:30")
    expect_text(page, case_desk.name)
    expect_text(page, "营业执照：")
    screenshot(page, "case_desk_today")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the first of today's cases (seeded ones are opened today too)
    expect_text(page, "· 案卷 SG")
    expect_text(page, "办理经过")
    page.keyboard.press("Escape")
    expect_text(page, "全部案卷")


def test_search_by_name_id_number_and_mobile_and_the_page_shows_stored_data(
    page: Page, case_desk: CaseDesk, network: NetworkLog
) -> None:
    sign_in(page, case_desk, network, "/cases")
    expect_text(page, "全部案卷")
    search(page, case_desk.name[3:8], "按企业名称查找")
    expect_text(page, case_desk.name)
    screenshot(page, "case_desk_search_by_name")
    search(page, case_desk.id_number, "按身份证号或统一社会信用代码查找")
    expect_text(page, case_desk.case_id)
    search(page, case_desk.mobile, "按手机号查找")
    expect_text(page, case_desk.case_id)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect_text(page, f"案卷 {case_desk.case_id}")
    expect_text(page, case_desk.person)
    expect_text(page, case_desk.id_number[:6] + "********")  # masked on screen
    expect_text(page, "营业执照 · ")
    screenshot(page, "case_desk_case_page")
    search_box_again = "返回查询"
    press_button(page, search_box_again)
    expect_text(page, "全部案卷")
    search(page, "1234-bad", "没有找到符合条件的案卷")


def test_correction_is_edited_and_resubmitted_then_found_by_uscc(
    page: Page, case_desk: CaseDesk, network: NetworkLog
) -> None:
    sign_in(page, case_desk, network)
    sync_until(page, case_desk, lambda: service_status(case_desk, "license")["status"] == "needs_correction")
    page.keyboard.press("Alt+3")
    search(page, case_desk.case_id, "按案卷编号查找")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect_text(page, "营业执照 · 需补正")
    expect_text(page, "门牌号与不动产登记信息不一致")
    screenshot(page, "case_desk_correction_asked")
    fill_field(page, "住所（详细地址）", FIXED_ADDRESS)
    page.keyboard.press("Enter")  # Enter in the box sends the correction: the keystroke follows the text
    expect_text(page, "已重新提交“营业执照”（第2次提交）")
    expect_text(page, "第1次提交 · 部门要求补正")
    expect_text(page, "第2次提交 · 提交（进入报送队列）")
    screenshot(page, "case_desk_correction_resubmitted")
    clerk_env = {**case_desk.env, **TRAINING_CLERK}  # only a clerk may export
    exported = json.loads(bizdesk_cli(clerk_env, "case", "export", case_desk.case_id))
    assert exported["company"]["domicile"]["address"] == FIXED_ADDRESS

    sync_until(page, case_desk, lambda: service_status(case_desk, "license")["status"] == "completed")
    uscc = service_status(case_desk, "license")["results"]["uscc"]
    page.keyboard.press("Alt+3")
    search(page, uscc, "按统一社会信用代码查找")
    expect_text(page, case_desk.case_id)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect_text(page, uscc)
    expect_text(page, "统一社会信用代码")
    expect_text(page, "第1次提交 · 部门要求补正")  # the old submission is kept
    screenshot(page, "case_desk_found_by_uscc")


def test_reprint_saves_the_packet_and_export_needs_the_password_again(
    page: Page, case_desk: CaseDesk, network: NetworkLog
) -> None:
    pdf = case_desk.home / "reprints-e2e" / f"{case_desk.case_id}-packet.pdf"
    target = case_desk.home / "exports-e2e" / f"{case_desk.case_id}.json"
    sign_in(page, case_desk, network, f"/cases/{case_desk.case_id}")
    press_button(page, "重新打印申请材料")
    expect_text(page, "申请材料已生成：共", timeout=60_000)
    submit_until(page, {"PDF 保存位置": str(pdf)}, f"已保存到 {pdf}", None)  # Enter in the box saves
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert case_desk.case_id in text
    screenshot(page, "case_desk_reprinted")

    press_button(page, "导出案卷")
    where = "导出文件位置（.json）"
    # Enter in the password box sends; sent again when the desk found it empty ("请输入密码。")
    submit_until(page, {where: str(target), "您的登录密码": "wrong-password"}, "密码不正确", "请输入密码。")
    assert not target.exists()
    screenshot(page, "case_desk_export_refused")
    submit_until(
        page, {where: str(target), "您的登录密码": PASSWORD}, f"案卷已导出到 {target}", "请输入密码。"
    )
    assert json.loads(target.read_text(encoding="utf-8"))["case_id"] == case_desk.case_id
    screenshot(page, "case_desk_exported")
