"""培训 in the real training desk, one desk process on an empty data root, its tests in order:

1. the fresh desk holds the demo day; the trainer creates a trainee account; the trainee signs in and
   sees the scenario list;
2. the trainee runs the two-shareholder scenario through 新办企业 to its automatic check (pass), and
   checks the same case against the one-person scenario (the check names the mistake);
3. a validation trap left in the case is named by the check (capital mismatch);
4. the day-offline scenario cuts the desk's network (simulated); meanwhile the 补正 scenario: a demo
   case awaiting correction (every one offered to the check, each with its history) is refused when
   resubmitted unchanged, then corrected and resubmitted from its page, and the check passes; the
   同步中心 says the network is down; once it is back and synced, the day-offline check passes;
5. the trainer's view shows the trainee's attempts (name, scenario title, case, start, time taken,
   tries, result), the CSV downloads in the browser, and the reset (once confirmed) empties them and
   restores the demo day (the trainee's cases gone).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.cli_accounts import TRAINING_CLERK, TRAINING_TRAINER
from tests.e2e.conftest import TrainingDesk
from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import (
    bizdesk_cli,
    expect_no_text,
    expect_text,
    fill_field,
    open_app,
    press_button,
    screenshot,
)
from tests.e2e.test_new_company import (
    Clerk,
    company_step,
    documents_step,
    make_scans,
    people_step,
    review_print_submit,
    services_step,
)

pytestmark = pytest.mark.e2e

TWO_SHAREHOLDERS = "两名股东的有限责任公司（七项全办）"
ONE_PERSON = "一人有限责任公司"
CORRECTION = "补正后重新提交"
OFFLINE = "断网一天后同步"
TRAINEE, TRAINEE_NAME, TRAINEE_PASSWORD = "xueyuan1", "李学员", "Xuexi-2026-kaishi"
TRAINEE_COMPANY = "寿光市绿野蔬菜种植有限公司"  # what the trainee opens in 新办企业


@dataclass
class Journal:
    """What the module's tests hand on to the next (they share one desk, in order)."""

    demo: dict[str, dict[str, str]] = field(default_factory=dict)  # case id -> its list entry
    passed_case: str = ""


@pytest.fixture(scope="module")
def journal() -> Journal:
    return Journal()


def _cases(desk: TrainingDesk) -> dict[str, dict[str, str]]:
    """The desk's cases (``bizdesk --training case list``), by case id."""
    listed = json.loads(bizdesk_cli({**desk.env, **TRAINING_TRAINER}, "case", "list", "--json"))
    return {case["case_id"]: case for case in listed}


def _sign_in(page: Page, url: str, username: str, password: str) -> None:
    """Sign in with Enter in the password box, until the shell shows. The desk's answer that a box was
    empty, or a refusal (the desk got other text than was typed: a keystroke lost on its way), means
    the form is typed and sent again; three tries at most, as the account locks at the fifth failure."""
    open_app(page, url)
    again = re.compile(f"{SIGN_IN_INCOMPLETE.pattern}|用户名或密码不正确")
    submit_until(page, {"用户名": username, "密码": password}, "切换功能区", again, rounds=3)


def _sign_out(page: Page) -> None:
    press_button(page, "退出登录")
    expect(page.get_by_role("textbox", name="用户名", exact=True)).to_be_visible()


def _expect_demo_day(page: Page, demo: dict[str, dict[str, str]]) -> None:
    """今日受理 shows cases of the demo day (some of its cases were opened today)."""
    page.keyboard.press("Alt+1")
    names = re.compile("|".join(re.escape(case["company_name"]) for case in demo.values()))
    expect(page.get_by_text(names).or_(page.get_by_label(names)).first).to_be_visible()
    expect_no_text(page, "今天还没有受理案卷")


def _open_scenario(page: Page, title: str) -> None:
    press_button(page, "培训")
    expect_text(page, "练习场景")
    press_button(page, f"打开 {title}")
    expect_text(page, "给我一条提示")


def test_a_fresh_training_desk_seats_a_new_trainee_who_sees_the_scenarios_and_the_demo_day(
    page: Page, training_desk: TrainingDesk, journal: Journal
) -> None:
    journal.demo = _cases(training_desk)
    assert len(journal.demo) == 30
    assert {case["status"] for case in journal.demo.values()} >= {"draft", "needs_correction", "completed"}
    _sign_in(page, training_desk.url, "trainer", "peixun2026")
    expect_text(page, "培训员（示例）")
    _expect_demo_day(page, journal.demo)
    press_button(page, "培训")
    expect_text(page, "培训员：学员练习情况")
    expect_text(page, "还没有学员练习记录。")
    trainee = {"学员用户名": TRAINEE, "学员姓名": TRAINEE_NAME, "初始密码": TRAINEE_PASSWORD}
    # Enter in the password box, and again if a box's text had not reached the desk (then it refuses,
    # naming the three it needs, and creates nothing).
    submit_until(page, trainee, f"已创建学员账号 {TRAINEE}。", "请填写学员用户名、学员姓名和初始密码。")
    _sign_out(page)

    _sign_in(page, training_desk.url, TRAINEE, TRAINEE_PASSWORD)
    expect_text(page, f"{TRAINEE_NAME}（")
    _expect_demo_day(page, journal.demo)
    press_button(page, "培训")
    expect_text(page, "练习场景")
    expect_text(page, TWO_SHAREHOLDERS)
    expect_text(page, CORRECTION)
    expect_no_text(page, "培训员：学员练习情况")
    screenshot(page, "training_new_trainee_scenarios")


def test_a_trainee_runs_a_scenario_to_its_check_and_a_wrong_one_names_the_mistake(
    page: Page, training_desk: TrainingDesk, journal: Journal, tmp_path: Path
) -> None:
    _sign_in(page, training_desk.url, TRAINEE, TRAINEE_PASSWORD)
    _open_scenario(page, TWO_SHAREHOLDERS)
    press_button(page, "给我一条提示")
    expect_text(page, "两名股东认缴额之和须等于注册资本")
    press_button(page, "开始练习")
    clerk = Clerk(page)
    company_step(clerk)
    people_step(clerk)
    services_step(clerk)
    documents_step(clerk, make_scans(tmp_path / "scans"))
    journal.passed_case = review_print_submit(clerk)

    _open_scenario(page, TWO_SHAREHOLDERS)
    press_button(page, "检查结果")
    expect_text(page, f"已检查案卷 {journal.passed_case}。")
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


def test_a_trap_left_in_the_case_is_named_by_the_check(page: Page, training_desk: TrainingDesk) -> None:
    _sign_in(page, training_desk.url, TRAINEE, TRAINEE_PASSWORD)
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
    # The case just typed, the trainee's only draft: "我最近办理的案卷" goes by the last change, and the
    # background sync may have changed the case queued by the test before after this one was typed.
    draft = page.get_by_role("radio", name=re.compile("草稿（我办理的）")).first
    label = str(draft.get_attribute("aria-label") or draft.inner_text())
    found = re.search(r"SG\d{8}-[0-9A-Z]{8}", label)
    assert found is not None, label
    for _ in range(5):  # the desk's answer names the case it checked: the click had reached it
        draft.click()
        press_button(page, "检查结果")
        expect_text(page, "已检查案卷")
        if (
            page.get_by_text(f"已检查案卷 {found.group(0)}").count()
            or page.get_by_label(f"已检查案卷 {found.group(0)}。").count()
        ):
            break
    expect_text(page, "还有要改正的地方")
    expect_text(page, "✘ 认缴额与注册资本一致：未改正")
    expect_text(page, "✓ 身份证校验位已改正")
    screenshot(page, "training_trap_named")


def test_a_demo_correction_answered_during_a_network_outage_goes_out_once_the_network_is_back(
    page: Page, training_desk: TrainingDesk, journal: Journal
) -> None:
    """The day-offline scenario cuts the desk's network; meanwhile the 补正 scenario's demo case is
    corrected and resubmitted from its page (its check passes); the 同步中心 says the network is down;
    once the trainee brings it back and syncs, the day-offline check passes on that case too."""
    waiting = next(cid for cid, case in journal.demo.items() if case["status"] == "needs_correction")
    _sign_in(page, training_desk.url, TRAINEE, TRAINEE_PASSWORD)
    _open_scenario(page, OFFLINE)
    press_button(page, "开始练习")  # the network goes down (simulated) and 新办企业 opens
    expect_text(page, "1 企业信息")

    _open_scenario(page, CORRECTION)
    press_button(page, "检查结果")  # nothing corrected yet: the check says what to do
    expect_text(page, "✘ 已按补正意见修改并重新提交：没有补正后重新提交的事项")
    # every 需补正 demo case is offered (not only the eight most recently changed cases), and the check
    # names the field the opinion asks for
    others = [cid for cid, case in journal.demo.items() if case["status"] == "needs_correction"]
    assert len(others) > 1
    for case_id in others:
        page.get_by_role("radio", name=re.compile(re.escape(case_id))).first.click()
    _check(page, CORRECTION, waiting, "还有要改正的地方")
    expect_text(page, "✘ 已按补正意见修改并重新提交：营业执照的补正意见要求修改的“住所（详细地址）”尚未修改")
    press_button(page, "开始练习")  # opens 案卷查询
    submit_until(
        page, {"名称 / 统一社会信用代码 / 身份证号 / 手机号 / 案卷编号": waiting}, "按案卷编号查找", None
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect_text(page, "营业执照 · 需补正")
    expect_text(page, "住所门牌号与产权证明不一致")
    expect_text(page, "第1次提交 · 部门要求补正")  # the demo case's history: what the opinion answered
    press_button(page, "修改并重新提交")  # nothing changed: refused, naming the field the opinion asks for
    expect_text(page, "补正意见要求修改“住所（详细地址）”，但该项未作修改")
    screenshot(page, "training_correction_unchanged_refused")
    address = _stored_address(training_desk, waiting)  # the desk's own copy, not the box's
    fill_field(page, "住所（详细地址）", f"{address}（已核对）")
    page.keyboard.press("Enter")  # Enter in the box sends the correction: the keystroke follows the text
    expect_text(page, "已重新提交“营业执照”（第2次提交）")
    screenshot(page, "training_correction_resubmitted")
    _check(page, CORRECTION, waiting, "全部正确（2/2）")
    expect_text(page, "✓ 已按补正意见修改并重新提交：重新提交了营业执照")
    screenshot(page, "training_correction_check_pass")

    page.keyboard.press("Alt+4")
    press_button(page, "立即同步")
    expect_text(page, "网络已断开（培训模拟断网）")
    screenshot(page, "training_offline_sync_centre")
    _check(page, OFFLINE, waiting, "还有要改正的地方（1/2）")
    expect_text(page, "✘ 排队的案卷已同步发出：仍有1项在排队未发出")
    press_button(page, "恢复网络")
    expect_text(page, "网络已恢复")
    page.keyboard.press("Alt+4")
    press_button(page, "立即同步")
    for _ in range(10):  # each check waits for its line; the sync may still be on its way
        _check(page, OFFLINE, waiting, "已检查案卷")
        if page.get_by_text("全部正确（2/2）").count():
            break
        page.keyboard.press("Alt+4")
        press_button(page, "立即同步")
    expect_text(page, "✓ 排队的案卷已同步发出")
    screenshot(page, "training_offline_check_pass")


def _stored_address(desk: TrainingDesk, case_id: str) -> str:
    """The case's domicile address as the desk stored it (``bizdesk --training case export``)."""
    exported = json.loads(bizdesk_cli({**desk.env, **TRAINING_CLERK}, "case", "export", case_id))
    return str(exported["company"]["domicile"]["address"])


def _check(page: Page, title: str, case_id: str, shows: str) -> None:
    """Open the scenario, choose the case and press 检查结果; wait until ``shows`` shows."""
    _open_scenario(page, title)
    page.get_by_role("radio", name=re.compile(re.escape(case_id))).first.click()
    press_button(page, "检查结果")
    expect_text(page, f"已检查案卷 {case_id}。")
    expect_text(page, shows)


def test_the_trainer_sees_each_attempt_and_the_reset_restores_the_demo_day(
    page: Page, training_desk: TrainingDesk, journal: Journal
) -> None:
    _sign_in(page, training_desk.url, "trainer", "peixun2026")
    press_button(page, "培训")
    expect_text(page, "培训员：学员练习情况")
    expect_text(page, f"学员 {TRAINEE_NAME}（{TRAINEE}）：练习 6 次，通过 3 个场景")
    # the trainee's name, the scenario's title, the case checked, when it started, how long it took (in
    # seconds under a minute), how many checks it took, the result
    start = r"\d\d-\d\d \d\d:\d\d · 用时 (\d+ 秒|\d+ 分 \d+ 秒|\d+ 小时 \d+ 分)"
    case = rf"案卷 {re.escape(journal.passed_case)}"
    for title, checked, result in (
        (TWO_SHAREHOLDERS, case, "检查 1 次 · 通过 4/4"),
        (ONE_PERSON, case, r"检查 1 次 · 未通过 \d/4"),
        ("校验陷阱", r"案卷 \S+", r"检查 1 次 · 未通过 \d/5"),
        (CORRECTION, r"案卷 \S+", r"检查 2 次 · 未通过 \d/2"),  # checked twice before the correction
        (CORRECTION, r"案卷 \S+", "检查 1 次 · 通过 2/2"),
        (OFFLINE, r"案卷 \S+", r"检查 \d+ 次 · 通过 2/2"),
    ):
        line = re.compile(rf"{TRAINEE_NAME} · {re.escape(title)} · {checked} · {start} · {result}")
        expect(page.get_by_text(line).first).to_be_visible()
    screenshot(page, "training_trainer")

    with page.expect_download() as downloading:  # as 下载并打印 does: the browser gets the file
        press_button(page, "下载CSV")
    exported = Path(downloading.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert downloading.value.suggested_filename == "培训记录.csv"
    assert [(row["display_name"], row["scenario_id"]) for row in rows][:2] == [
        (TRAINEE_NAME, "llc-two-shareholders"),
        (TRAINEE_NAME, "llc-one-person"),
    ]
    expect_text(page, "已下载“培训记录.csv”（6 条练习记录）。")

    press_button(page, "重置培训数据")  # asks first; 取消 keeps everything
    expect_text(page, "确认重置培训数据？将清除全部 6 条练习记录")
    press_button(page, "取消")
    expect_text(page, "已取消，培训数据未改动。")
    expect_text(page, f"学员 {TRAINEE_NAME}（{TRAINEE}）：练习 6 次")
    press_button(page, "重置培训数据")
    press_button(page, "确认重置")
    expect_text(page, "已重置：清除 6 条练习记录，恢复 30 个演示案卷。")
    expect_text(page, "还没有学员练习记录。")
    expect_no_text(page, f"学员 {TRAINEE}")
    assert _cases(training_desk).keys() == journal.demo.keys()  # the trainee's cases are gone

    _expect_demo_day(page, journal.demo)
    expect_no_text(page, TRAINEE_COMPANY)
    page.keyboard.press("Alt+3")
    search = {"名称 / 统一社会信用代码 / 身份证号 / 手机号 / 案卷编号": journal.passed_case}
    submit_until(page, search, "没有找到符合条件的案卷", None)
    screenshot(page, "training_after_reset")
