"""The 同步中心's texts: counts, times, problems and items needing attention, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from app.clock import desk_time
from app.desk.api import SyncAttention
from app.errors import UserMessage
from tests.unit.views.fake_desk import FakeDesk, idle_sync, training_desk
from views.i18n import strings
from views.session import DeskSession
from views.sync_state import QUEUE_STATES, sync_lines, when_text

FAILED = UserMessage(
    code="sync.failed",
    title_zh="同步失败",
    message_zh="无法连接政务平台，稍后自动重试。",
    title_en="Sync failed",
    message_en="The platform cannot be reached; retrying later.",
)
QUARANTINED = SyncAttention(
    case_id="SG-T-0009",
    service="seal",
    service_zh="印章刻制",
    state="quarantined",
    reason="平台连续3次拒收",
    attempts=3,
    updated_at=None,
)


def test_counts_are_labelled_in_queue_order_and_flag_what_needs_a_look() -> None:
    lines = sync_lines(idle_sync(pending=3, accepted=5, quarantined=1), strings("zh"))
    assert [line.state for line in lines.counts] == list(QUEUE_STATES)
    texts = {line.state: line.text for line in lines.counts}
    assert texts["pending"] == "待报送：3"
    assert texts["accepted"] == "已受理：5"
    assert texts["quarantined"] == "已隔离：1"
    assert [line.state for line in lines.counts if line.warn] == ["quarantined"]


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, "队列已清空，全部已报送。"),
        ({"pending": 2}, "还有 2 项待报送。"),
        # the headline matches 待报送 and names what waits for an earlier service apart
        ({"pending": 2, "waiting": 4}, "还有 2 项待报送；另有 4 项等待前置业务办结后报送。"),
        ({"waiting": 24}, "没有待报送的事项；24 项等待前置业务办结后报送。"),
        ({"pending": 2, "running": True}, "正在同步…"),
    ],
)
def test_status_sentence(changes: dict[str, object], status: str) -> None:
    lines = sync_lines(idle_sync(**changes), strings("zh"))
    assert lines.status == status
    assert lines.running is bool(changes.get("running"))


def test_never_synced_desk_says_never_and_plans_no_retry() -> None:
    lines = sync_lines(idle_sync(), strings("zh"))
    assert lines.times == ("上次成功同步：从未", "上次尝试：从未")
    assert lines.problem is None
    assert lines.platform == "政务平台：http://127.0.0.1:9"


def test_a_failed_pass_shows_its_reason_and_the_next_retry_in_the_ui_language() -> None:
    retry = dt.datetime(2026, 11, 26, 8, 30, 5, tzinfo=dt.UTC)
    view = idle_sync(problem=FAILED, next_attempt_at=retry, last_attempt_at=retry)
    zh, en = sync_lines(view, strings("zh")), sync_lines(view, strings("en"))
    assert zh.problem == "无法连接政务平台，稍后自动重试。"
    assert en.problem == "The platform cannot be reached; retrying later."
    local = "2026-11-26 16:30:05"  # the desk's clock (Shouguang, UTC+8), whatever the PC's zone
    assert zh.times[-1] == f"下次自动重试：{local}"
    assert en.times[-1] == f"Next automatic retry: {local}"


PAUSED = UserMessage(
    code="offline.new_cases_refused",
    title_zh="暂停受理新案卷",
    message_zh="本机已 6 天未与政务平台成功同步。",
    title_en="New cases paused",
    message_en="The desk has not synced well for 6 days.",
)


def test_the_offline_guards_warnings_are_shown_with_their_titles_in_the_ui_language() -> None:
    view = idle_sync(warnings=(PAUSED,))
    assert sync_lines(view, strings("zh")).warnings == ("暂停受理新案卷：本机已 6 天未与政务平台成功同步。",)
    assert sync_lines(view, strings("en")).warnings == (
        "New cases paused: The desk has not synced well for 6 days.",
    )
    assert sync_lines(idle_sync(), strings("zh")).warnings == ()


def test_attention_items_name_case_service_state_and_reason() -> None:
    view = idle_sync(quarantined=1, attention=(QUARANTINED,))
    (zh,) = sync_lines(view, strings("zh")).attention
    assert zh.title == "SG-T-0009 · 印章刻制"
    assert zh.detail == "已隔离：平台连续3次拒收（已尝试3次）"
    (en,) = sync_lines(view, strings("en")).attention
    assert en.title == "SG-T-0009 · Seal engraving"
    assert en.detail.startswith("Quarantined: ")


def test_unknown_service_falls_back_to_the_core_label_and_a_missing_reason_is_said() -> None:
    item = SyncAttention("SG-T-1", "permit_x", "某许可", "rejected", "", 1, None)
    (line,) = sync_lines(idle_sync(attention=(item,)), strings("zh")).attention
    assert line.title == "SG-T-1 · 某许可"
    assert line.detail == "已退回：未说明原因（已尝试1次）"


def test_times_read_on_the_desk_clock_whatever_the_pcs_zone() -> None:
    for moment in (
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        dt.datetime(2026, 7, 1, 15, 59, 59, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    ):
        assert when_text(moment, strings("zh")) == desk_time(moment).strftime("%Y-%m-%d %H:%M:%S")


def test_naive_times_are_taken_as_utc() -> None:
    naive = dt.datetime(2026, 1, 2, 3, 4, 5)
    assert when_text(naive, strings("zh")) == when_text(naive.replace(tzinfo=dt.UTC), strings("zh"))
    assert when_text(None, strings("en")) == "never"


def _signed_in() -> tuple[FakeDesk, DeskSession]:
    desk = training_desk()
    session = DeskSession(desk)
    session.start("/sync")
    assert session.sign_in("trainee1", "Train-2026")
    return desk, session


def test_session_reads_the_sync_view_and_sync_now_reaches_the_desk() -> None:
    desk, session = _signed_in()
    desk.sync = idle_sync(pending=4)
    lines, failure = session.sync_lines()
    assert failure is None
    assert lines is not None
    assert lines.status == "还有 4 项待报送。"
    assert session.sync_now() is None
    assert desk.calls[-1] == "sync_now"
    lines, _ = session.sync_lines()
    assert lines is not None
    assert {line.state: line.count for line in lines.counts}["accepted"] == 4


def test_session_reports_a_refusal_instead_of_raising() -> None:
    desk, session = _signed_in()
    session.lock()
    lines, failure = session.sync_lines()
    assert lines is None
    assert failure is not None
    assert failure.text(session.texts) == "请先登录。"
    assert session.sync_now() is not None
    assert "sync_now" not in desk.calls
