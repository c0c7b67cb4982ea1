"""The case screens' presenters against the fake desk: rows and words, keys, refusals, actions."""

from __future__ import annotations

import datetime as dt

from app.case.interchange import dump_case
from app.case.summary import case_summary, lookup_keys
from app.ports import CaseHit
from app.seed import generate_cases
from app.services.case_page import CasePage, ServicePage, TimelineStep
from app.services.cases import show_case
from app.services.corrections import CORRECTABLE
from app.services.packet import TAKE_HOME
from app.working_hours import DESK_HOURS
from tests.fakes import FakeUnitOfWork
from tests.unit.views.fake_desk import FakeDesk, training_desk
from views.case_page_state import CasePagePresenter
from views.case_texts import case_id_in_route, case_route, worked_text
from views.search_state import SearchPresenter
from views.session import DeskSession
from views.today_state import TodayPresenter

NOW = FakeDesk().now  # the fake desk's fixed clock: Friday 14:00 in Shouguang
TODAY_NOON = DESK_HOURS.day_bounds(NOW)[0] + dt.timedelta(hours=12)  # noon of the desk's day, in UTC
REASON = "住所门牌号与不动产登记信息不一致，请核对后重新提交。"


def _session(desk: FakeDesk | None = None) -> DeskSession:
    session = DeskSession(desk or training_desk())
    session.start("/")
    assert session.sign_in("trainee1", "Train-2026")
    return session


def _hits(desk: FakeDesk) -> list[CaseHit]:
    hits = [
        CaseHit(
            "SG20261128-AAAA0001", "寿光市晨光物流有限公司", "llc", "draft", {"license": "draft"}, TODAY_NOON
        ),
        CaseHit(
            "SG20261128-AAAA0002",
            "寿光市䶮鑫蔬菜种植有限公司",
            "llc",
            "needs_correction",
            {"tax": "queued", "license": "needs_correction"},
            TODAY_NOON - dt.timedelta(hours=2),
        ),
        CaseHit(
            "SG20261101-AAAA0003", "寿光市旧案有限公司", "llc", "completed", {}, NOW - dt.timedelta(days=27)
        ),
    ]
    desk.case_desk.hits = hits
    desk.case_desk.keys = {
        "SG20261128-AAAA0002": {("mobile", "13812345678"), ("id_number", "37078319900307123X")}
    }
    return hits


def _page(case_id: str) -> CasePage:
    case = generate_cases(1, seed=3)[0].model_copy(update={"case_id": case_id})
    uow = FakeUnitOfWork()
    with uow:
        uow.cases.add(dump_case(case), case_summary(case), lookup_keys(case))
        view = show_case(uow, case_id)
    steps = (TimelineStep(1, "queued", NOW), TimelineStep(1, "needs_correction", None, (REASON,)))
    licence = ServicePage("license", "needs_correction", {}, (REASON,), steps, 1, True)
    tax = ServicePage(
        "tax",
        "completed",
        {"registered_on": "2026-11-28", "tax_authority": "国家税务总局寿光市税务局"},
        (),
        (),
        1,
        False,
    )
    return CasePage(
        view, (licence, tax), CORRECTABLE, {"domicile_address": "圣城街道1号", "company_phone": ""}
    )


def test_today_rows_show_services_time_and_keys_open_the_chosen_case() -> None:
    desk = training_desk()
    _hits(desk)
    desk.case_desk.queue_depth = 3
    presenter = TodayPresenter(_session(desk))
    presenter.load()
    assert presenter.lines is not None
    assert [row.case_id for row in presenter.lines.rows] == [
        "SG20261128-AAAA0001",
        "SG20261128-AAAA0002",
    ]
    assert presenter.lines.queue == "报送队列：3 项待报送"
    assert presenter.lines.last_sync == "上次成功同步：从未"
    second = next(row for row in presenter.lines.rows if row.case_id.endswith("0002"))
    assert [chip.text for chip in second.services] == ["营业执照：需补正", "涉税办理：排队待报"]
    assert second.services[0].attention
    assert second.elapsed.startswith("已用 ")
    assert presenter.key("Enter") == presenter.lines.rows[0].route
    presenter.key("Arrow Down")
    presenter.key("Arrow Down")
    presenter.key("Arrow Down")  # stays on the last row
    assert presenter.key("Enter") == presenter.lines.rows[-1].route


def test_a_draft_resumes_in_the_flow_and_other_cases_open_their_page() -> None:
    assert case_route("SG1", "draft") == "/new/SG1"
    assert case_route("SG1", "accepted") == "/cases/SG1"
    assert case_id_in_route("/cases/SG20261128-AAAA0002") == "SG20261128-AAAA0002"
    assert case_id_in_route("/cases") is None
    assert case_id_in_route("/cases/") is None


def test_search_words_the_kind_and_count_and_arrows_arm_enter() -> None:
    desk = training_desk()
    _hits(desk)
    presenter = SearchPresenter(_session(desk))
    presenter.search("13812345678", "", "", "")
    assert presenter.summary == ("按手机号查找", "找到 1 个案卷（按受理时间，最新在前）")
    assert [row.case_id for row in presenter.rows] == ["SG20261128-AAAA0002"]
    assert presenter.key("Enter") is None  # Enter in the box searches until an arrow key chose a row
    presenter.key("Arrow Down")
    assert presenter.key("Enter") == "/cases/SG20261128-AAAA0002"
    presenter.typed()
    assert presenter.key("Enter") is None
    presenter.search("晨光", "", "", "")
    assert presenter.rows[0].route == "/new/SG20261128-AAAA0001"
    presenter.search("没有这家", "", "", "")
    assert presenter.summary[-1] == "没有找到符合条件的案卷；请检查输入或放宽条件。"


def test_a_bad_date_is_refused_in_the_ui_language_and_rows_stay() -> None:
    desk = training_desk()
    _hits(desk)
    session = _session(desk)
    presenter = SearchPresenter(session)
    presenter.search("", "", "", "")
    assert len(presenter.rows) == 3
    presenter.search("", "2026-02-30", "", "")
    assert presenter.failure is not None
    assert "开始日期“2026-02-30”不是有效日期" in presenter.failure.text(session.texts)
    session.toggle_language()
    assert "is not a date" in presenter.failure.text(session.texts)
    assert len(presenter.rows) == 3


def test_case_page_lines_and_the_correction_is_forwarded() -> None:
    desk = training_desk()
    desk.case_desk.pages["SG-P1"] = _page("SG-P1")
    session = _session(desk)
    presenter = CasePagePresenter(session, "SG-P1")
    presenter.load()
    assert presenter.lines is not None
    licence, tax = presenter.lines.services
    assert licence.title == "营业执照 · 需补正"
    assert licence.reasons == f"部门意见：{REASON}"
    assert licence.history[-1] == f"第1次提交 · 部门要求补正 · — · 原因：{REASON}"
    assert licence.correctable
    assert tax.results == ("登记日期：2026-11-28", "主管税务机关：国家税务总局寿光市税务局")
    assert presenter.lines.correction_fields[0] == ("domicile_address", "住所（详细地址）", "圣城街道1号")
    said = presenter.resubmit("license", {"domicile_address": "圣城街道2号"})
    assert said.text(session.texts) == "已重新提交“营业执照”（第2次提交），将在下次同步时报送。"
    assert desk.case_desk.resubmitted == [("SG-P1", "license", {"domicile_address": "圣城街道2号"})]
    assert presenter.notice == said
    assert not presenter.lines.services[0].correctable


def test_export_asks_for_the_password_and_a_wrong_one_is_refused() -> None:
    desk = training_desk()
    desk.case_desk.pages["SG-P1"] = _page("SG-P1")
    session = _session(desk)
    presenter = CasePagePresenter(session, "SG-P1")
    assert presenter.export("", "/tmp/x.json").text(session.texts) == "请输入密码。"
    refused = presenter.export("wrong", "/tmp/x.json")
    assert not refused.ok
    assert refused.text(session.texts) == "密码不正确，未导出。"
    done = presenter.export("Train-2026", "/tmp/x.json")
    assert done.ok
    assert desk.case_desk.exported == [("SG-P1", "/tmp/x.json")]
    assert presenter.default_path(".json") == "/tmp/bizdesk-exports/SG-P1.json"


def test_reprint_shows_pages_and_forms_or_why_it_cannot() -> None:
    desk = training_desk()
    desk.case_desk.pages["SG-P1"] = _page("SG-P1")
    session = _session(desk)
    presenter = CasePagePresenter(session, "SG-P1")
    said = presenter.reprint()
    assert said.text(session.texts) == "申请材料已生成：共 9 页，公司登记（备案）申请书、受理回执"
    saved = presenter.save_packet("/tmp/SG-P1-packet.pdf")
    assert saved.text(session.texts) == "已保存到 /tmp/SG-P1-packet.pdf"
    assert desk.case_desk.saved == [("/tmp/SG-P1-packet.pdf", b"%PDF-1.4 fake")]
    assert presenter.reprint(TAKE_HOME).ok
    assert desk.calls[-2:] == ["packet:SG-P1:forms:False", "packet:SG-P1:receipt:True"]
    desk.case_desk.packet = None
    refused = presenter.reprint()
    assert not refused.ok
    assert "未安装" in refused.text(session.texts)


def test_working_time_reads_as_hours_and_minutes_in_both_languages() -> None:
    session = _session()
    assert worked_text(dt.timedelta(hours=2, minutes=5), session.texts) == "2小时05分"
    session.toggle_language()
    assert worked_text(dt.timedelta(hours=2, minutes=5), session.texts) == "2 h 05 min"


def test_the_english_toggle_covers_the_case_page_and_board() -> None:
    desk = training_desk()
    _hits(desk)
    desk.case_desk.pages["SG-P1"] = _page("SG-P1")
    session = _session(desk)
    session.toggle_language()
    presenter = CasePagePresenter(session, "SG-P1")
    presenter.load()
    assert presenter.lines is not None
    licence, tax = presenter.lines.services
    assert licence.title == "Business licence · Needs correction"
    assert tax.results == ("Registered on: 2026-11-28", "Tax office: 国家税务总局寿光市税务局")
    assert licence.history[0].startswith("Submission 1 · Submitted (queued to send) · ")
    board = TodayPresenter(session)
    board.load()
    assert board.lines is not None
    assert board.lines.queue == "Sync queue: 0 to send"
    chips = [chip.text for row in board.lines.rows for chip in row.services]
    assert "Business licence: Needs correction" in chips


def test_seal_codes_read_as_each_seals_name_and_code_and_the_outcome_has_its_time() -> None:
    desk = training_desk()
    page = _page("SG-P2")
    codes = [{"kind": "official", "code": "3707830000001"}, {"kind": "finance", "code": "3707830000002"}]
    seal = ServicePage(
        "seal",
        "completed",
        {"filing_number": "寿公章备2026-0001", "seal_codes": codes},
        (),
        (TimelineStep(1, "queued", NOW), TimelineStep(1, "completed", NOW)),
        1,
        False,
    )
    desk.case_desk.pages["SG-P2"] = CasePage(page.view, (seal,), CORRECTABLE, {})
    presenter = CasePagePresenter(_session(desk), "SG-P2")
    presenter.load()
    assert presenter.lines is not None
    (section,) = presenter.lines.services
    assert section.results[-1] == "印章编码：公章 3707830000001、财务专用章 3707830000002"
    assert "{" not in " ".join(section.results)
    assert section.history[-1].startswith("第1次提交 · 部门已办结 · ")
    assert not section.history[-1].endswith("· —")
