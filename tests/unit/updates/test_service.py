"""The desk's update intents with an injected clock: pending, apply, rollback, refusals, deadlines offline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.updates import service
from app.updates.documents import UpdateRefused, verify_pack
from app.updates.packs import check_contents, reference_of
from tests.unit.updates.support import T0, MemorySettings, Platform, shipped_packs

SHIPPED = "2026.1"


def _receive(
    settings: MemorySettings,
    platform: Platform,
    document: dict[str, Any],
    *,
    branch: str = "0101",
    now: dt.datetime = T0,
) -> service.CheckResult:
    return service.receive_pack(
        settings, document, platform_key=platform.public, branch_code=branch, shipped_version=SHIPPED, now=now
    )


def _status(settings: MemorySettings, now: dt.datetime = T0) -> service.UpdateStatus:
    return service.update_status(settings, now=now, shipped_version=SHIPPED, app_version="0.1.0")


def test_a_newer_pack_is_pending_then_applied_then_rolled_back() -> None:
    settings, platform = MemorySettings(), Platform()
    assert _receive(settings, platform, platform.pack("2026.5")).outcome == "pending"
    before = _status(settings)
    assert (before.pack_version, before.pack_source, before.pending_version) == (SHIPPED, "shipped", "2026.5")
    assert service.apply_pending(settings, check_contents=check_contents).version == "2026.5"
    after = _status(settings)
    assert (after.pack_version, after.pack_source, after.pending_version) == ("2026.5", "platform", None)
    assert after.previous_version == SHIPPED
    assert after.form_versions == {"SQ-01": "2026.5"}
    assert _receive(settings, platform, platform.pack("2026.6")).outcome == "pending"
    service.apply_pending(settings, check_contents=check_contents)
    assert service.rollback(settings, shipped_version=SHIPPED) == "2026.5"
    assert _status(settings).pack_version == "2026.5"
    # the release rolled back from is not pending again; a newer one is
    assert _receive(settings, platform, platform.pack("2026.6")).outcome == "rolled_back"
    assert _receive(settings, platform, platform.pack("2026.7")).outcome == "pending"


def test_rolling_back_the_first_platform_pack_returns_to_the_shipped_packs() -> None:
    settings, platform = MemorySettings(), Platform()
    _receive(settings, platform, platform.pack("2026.5"))
    service.apply_pending(settings, check_contents=check_contents)
    assert service.rollback(settings, shipped_version=SHIPPED) == SHIPPED
    assert _status(settings).pack_source == "shipped"
    with pytest.raises(UpdateRefused, match="nothing to roll back"):
        service.rollback(settings, shipped_version=SHIPPED)


def test_older_and_tampered_packs_are_refused_and_the_running_pack_stays() -> None:
    settings, platform = MemorySettings(), Platform()
    _receive(settings, platform, platform.pack("2026.5"))
    service.apply_pending(settings, check_contents=check_contents)
    older = _receive(settings, platform, platform.pack("2026.3"))
    assert older.outcome == "refused"
    assert older.refused is not None
    assert older.refused.code == "update_refused.older"
    assert "2026.3" in older.refused.message_zh
    assert "2026.5" in older.refused.message_zh
    assert _status(settings).refused_code == "update_refused.older"
    tampered = platform.pack("2026.9")
    tampered["form_versions"]["SQ-01"] = "evil"
    assert _receive(settings, platform, tampered).outcome == "refused"
    status = _status(settings)
    assert (status.pack_version, status.pending_version) == ("2026.5", None)
    assert status.refused_code == "update_refused.signature"
    assert _receive(settings, platform, platform.pack("2026.5")).outcome == "up_to_date"
    assert _status(settings).refused_code is None


def test_a_branch_outside_the_canary_list_keeps_its_pack() -> None:
    platform = Platform()
    canary = platform.pack("2026.5", rollout={"branches": ["0101"], "percent": 0})
    inside, outside = MemorySettings(), MemorySettings()
    assert _receive(inside, platform, canary, branch="0101").outcome == "pending"
    assert _receive(outside, platform, canary, branch="0150").outcome == "not_for_this_branch"
    assert _status(outside).pending_version is None


def test_a_pack_with_unusable_contents_is_not_applied() -> None:
    settings, platform = MemorySettings(), Platform()
    document = platform.pack("2026.5", packs={"divisions": {"pack": "divisions"}})
    _receive(settings, platform, document)
    with pytest.raises(UpdateRefused) as refused:
        service.apply_pending(settings, check_contents=check_contents)
    assert refused.value.code == "update_refused.contents"
    assert _status(settings).pack_source == "shipped"


def test_a_deadline_seen_before_a_week_offline_is_met_from_the_kept_release() -> None:
    settings, platform = MemorySettings(), Platform()
    must = (T0 + dt.timedelta(days=3)).isoformat()
    _receive(settings, platform, platform.pack("2026.5", must_update_by=must, grace_days=2), now=T0)
    # offline from here on: no more documents arrive, only the clock moves
    day_two = T0 + dt.timedelta(days=2)
    assert service.apply_due(settings, now=day_two, check_contents=check_contents) is None
    assert not _status(settings, day_two).pending_overdue
    week_later = T0 + dt.timedelta(days=7)
    assert _status(settings, week_later).pending_overdue
    applied = service.apply_due(settings, now=week_later, check_contents=check_contents)
    assert applied is not None
    assert applied.version == "2026.5"
    assert _status(settings, week_later).pack_version == "2026.5"


def test_a_desk_back_after_a_week_offline_gets_its_grace_days() -> None:
    settings, platform = MemorySettings(), Platform()
    must = (T0 + dt.timedelta(days=3)).isoformat()
    back = T0 + dt.timedelta(days=7)  # offline all week: first sees the release after its date
    _receive(settings, platform, platform.pack("2026.5", must_update_by=must, grace_days=2), now=back)
    status = _status(settings, back)
    assert status.pending_deadline == back + dt.timedelta(days=2)
    assert not status.pending_overdue
    assert service.apply_due(settings, now=back, check_contents=check_contents) is None
    assert service.apply_due(settings, now=back + dt.timedelta(days=2), check_contents=check_contents)


def test_the_gift_pack_wording_comes_from_the_applied_release() -> None:
    platform, packs = Platform(), shipped_packs()
    guide = packs["service_guides"]["items"][0]
    guide["sections"][0]["blocks"][0] = {"kind": "text", "text": "IT 更新的口袋书开篇：{company.name}"}
    release = verify_pack(platform.pack("2026.5", packs=packs), platform.public)
    pocket_book = reference_of(release).guides_for(())[0]
    assert pocket_book.code == "pocket_book"
    assert pocket_book.sections[0].blocks[0].model_dump() == {
        "kind": "text",
        "text": "IT 更新的口袋书开篇：{company.name}",
    }


def test_a_gift_pack_naming_an_unknown_placeholder_is_not_applied() -> None:
    settings, platform, packs = MemorySettings(), Platform(), shipped_packs()
    packs["service_guides"]["items"][0]["note"] = "{desk.fax}"
    _receive(settings, platform, platform.pack("2026.5", packs=packs))
    with pytest.raises(UpdateRefused) as refused:
        service.apply_pending(settings, check_contents=check_contents)
    assert refused.value.code == "update_refused.contents"
    assert "service_guides" in refused.value.message_en
    assert _status(settings).pack_source == "shipped"
