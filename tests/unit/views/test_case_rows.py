"""How a case summary reads in a list."""

from __future__ import annotations

import datetime as dt

from app.ports import CaseSummary
from views.case_rows import case_row, local_time, updated_on
from views.i18n import strings


def _summary(**changes: object) -> CaseSummary:
    values: dict[str, object] = {
        "case_id": "SG-2026-000123",
        "company_name": "寿光市𠇔达农业科技有限公司",
        "company_type": "有限责任公司",
        "status": "draft",
        "updated_at": dt.datetime(2026, 3, 5, 1, 30, tzinfo=dt.UTC),
    }
    values.update(changes)
    return CaseSummary(**values)  # type: ignore[arg-type]


def test_row_shows_name_id_type_status_and_local_time() -> None:
    summary = _summary()
    row = case_row(summary, strings("zh"))
    assert row.title == "寿光市𠇔达农业科技有限公司"
    when = local_time(summary.updated_at).strftime("%Y-%m-%d %H:%M")
    assert row.subtitle == f"SG-2026-000123 · 有限责任公司 · draft · {when}"
    assert not row.fictitious


def test_fictitious_cases_are_marked_in_the_ui_language() -> None:
    summary = _summary(fictitious=True)
    assert case_row(summary, strings("zh")).subtitle.endswith(" · 虚构")
    assert case_row(summary, strings("en")).subtitle.endswith(" · fictitious")


def test_a_case_without_a_name_yet_shows_its_id() -> None:
    assert case_row(_summary(company_name="  "), strings("zh")).title == "SG-2026-000123"


def test_updated_on_uses_the_local_calendar_day() -> None:
    now = dt.datetime.now(dt.UTC)
    today = local_time(now).date()
    summaries = [
        _summary(case_id="A", updated_at=now),
        _summary(case_id="B", updated_at=now - dt.timedelta(days=2)),
    ]
    assert [s.case_id for s in updated_on(summaries, today)] == ["A"]


def test_local_time_is_aware_and_keeps_the_instant() -> None:
    moment = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    local = local_time(moment)
    assert local.tzinfo is not None
    assert local == moment
    assert local_time(moment.replace(tzinfo=None)) == moment
