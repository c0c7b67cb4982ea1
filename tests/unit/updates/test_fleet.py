"""Fleet flags: never reported, stale after a day, behind the newest app or pack, recent errors."""

from __future__ import annotations

import datetime as dt

from app.updates.fleet import DeskHealth, assess_fleet

NOW = dt.datetime(2026, 11, 9, 12, 0, tzinfo=dt.UTC)


def _desk(branch: str, **facts: object) -> DeskHealth:
    base: dict[str, object] = {
        "reported_at": NOW - dt.timedelta(minutes=5),
        "app_version": "0.2.0",
        "pack_version": "2026.5",
        "queue_depth": 0,
        "last_success_at": NOW - dt.timedelta(minutes=5),
    }
    return DeskHealth(device_id=f"dev-{branch}", branch_code=branch, **{**base, **facts})  # type: ignore[arg-type]


def test_each_flag_and_the_order_attention_first() -> None:
    desks = [
        _desk("0101"),
        _desk("0102", last_success_at=NOW - dt.timedelta(hours=25)),
        _desk("0103", app_version="0.1.9"),
        _desk("0104", pack_version="2026.4", recent_error_codes=("platform_unavailable",)),
        DeskHealth(device_id="dev-0105", branch_code="0105"),
    ]
    lines = assess_fleet(desks, now=NOW)
    flags = {line.desk.branch_code: line.flags for line in lines}
    assert flags == {
        "0101": (),
        "0102": ("stale",),
        "0103": ("old_app",),
        "0104": ("old_pack", "errors"),
        "0105": ("never_reported",),
    }
    assert [line.desk.branch_code for line in lines][-1] == "0101"  # the healthy desk last


def test_a_version_on_offer_makes_the_whole_fleet_old() -> None:
    lines = assess_fleet([_desk("0101")], now=NOW, offered_app="0.3.0", offered_pack="2026.6")
    assert lines[0].flags == ("old_app", "old_pack")
    assert lines[0].as_json()["flags"] == ["old_app", "old_pack"]


def test_a_day_without_success_is_stale_even_when_the_desk_reports() -> None:
    never = _desk("0101", last_success_at=None)
    assert assess_fleet([never], now=NOW)[0].flags == ("stale",)
    just_under = _desk("0102", last_success_at=NOW - dt.timedelta(hours=23, minutes=59))
    assert assess_fleet([just_under], now=NOW)[0].flags == ()
