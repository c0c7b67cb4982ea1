"""Signed updates between real training desks (SQLCipher files) and a loopback sandbox serving releases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.accounts.roles import PermissionDenied
from app.accounts.service import TRAINING_PASSWORD
from app.cli import main
from app.reference import reference_data
from app.reference.data import use_reference
from app.updates.documents import UpdateRefused
from app.wiring.desk_runtime import page_desk
from tests.cli_accounts import TRAINING_CLERK, TRAINING_IT, use_login
from tests.integration.updates.support import (
    Fleet,
    apply_update,
    check_updates,
    fleet,
    packs_with_new_county,
    rollback_update,
    start_updates,
    update_status,
)


@pytest.fixture
def platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fleet]:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with fleet(tmp_path) as running:
        yield running
    use_reference(None)  # the process goes back to the shipped packs


def test_a_pack_is_applied_used_and_rolled_back(platform: Fleet) -> None:
    desk = platform.desk("a", "0101")
    assert check_updates(desk) is None  # nothing on offer yet
    platform.release("2026.5", packs=packs_with_new_county("试验新区"))
    assert check_updates(desk).outcome == "pending"  # type: ignore[union-attr]
    assert update_status(desk).pending_version == "2026.5"
    assert not reference_data().is_known_division("370799")
    assert apply_update(desk).version == "2026.5"
    assert reference_data().full_division_name("370799") == "山东省潍坊市试验新区"
    status = update_status(desk)
    assert (status.pack_version, status.pack_source, status.previous_version) == (
        "2026.5",
        "platform",
        "2026.1",
    )
    assert rollback_update(desk) == "2026.1"
    assert not reference_data().is_known_division("370799")
    assert check_updates(desk).outcome == "rolled_back"  # type: ignore[union-attr]


def test_a_desk_outside_the_canary_list_keeps_the_old_pack(platform: Fleet) -> None:
    canary, other = platform.desk("canary", "0101"), platform.desk("other", "0150")
    platform.release("2026.5", rollout={"branches": ["0101"], "percent": 0})
    assert apply_update(canary).version == "2026.5"
    assert check_updates(other).outcome == "not_for_this_branch"  # type: ignore[union-attr]
    with pytest.raises(UpdateRefused, match="No reference pack is pending"):
        apply_update(other)
    assert update_status(other).pack_version == "2026.1"


def test_tampered_and_older_packs_are_refused_and_the_desk_keeps_its_pack(platform: Fleet) -> None:
    desk = platform.desk("a", "0101")
    platform.release("2026.5")
    apply_update(desk)
    platform.release("2026.3")
    (platform.packs / "reference-2026.5.json").unlink()  # the platform now offers an older pack
    with pytest.raises(UpdateRefused) as older:
        check_updates(desk)
    assert older.value.code == "update_refused.older"
    assert "2026.3" in older.value.message_zh
    signed_elsewhere = platform.packs / "reference-2026.9.json"
    signed_elsewhere.write_text(json.dumps({"version": "2026.9", "packs": {}, "signature": "A" * 86 + "=="}))
    with pytest.raises(UpdateRefused) as tampered:
        apply_update(desk)
    assert tampered.value.code == "update_refused.signature"
    status = update_status(desk)
    assert (status.pack_version, status.pending_version) == ("2026.5", None)
    assert status.refused_code == "update_refused.signature"


def test_a_deadline_is_met_after_a_week_offline(platform: Fleet) -> None:
    desk = platform.desk("a", "0101")
    must = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).isoformat()
    platform.release("2026.5", must_update_by=must, grace_days=2)
    check_updates(desk)
    platform.sandbox.stop()  # offline for the week
    platform.clocks["a"].offset = dt.timedelta(days=1)
    start_updates(desk)
    assert update_status(desk).pack_version == "2026.1"  # not due yet
    platform.clocks["a"].offset = dt.timedelta(days=7)
    assert update_status(desk).pending_overdue
    start_updates(desk)  # the desk starts a week later, still offline
    assert update_status(desk).pack_version == "2026.5"


def test_the_update_commands(
    platform: Fleet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    platform.cli_desk(tmp_path / "home", "itops-code-7")
    assert main(["--training", "update", "apply"]) == 2  # nobody signed in: nothing installed
    assert "BIZDESK_USER" in capsys.readouterr().err
    use_login(monkeypatch, TRAINING_CLERK)
    assert main(["--training", "update", "rollback"]) == 1  # a clerk may not
    assert "无权" in capsys.readouterr().err
    use_login(monkeypatch, TRAINING_IT)
    assert main(["--training", "update", "rollback"]) == 1
    assert "nothing to roll back" in capsys.readouterr().err
    platform.release("2026.5")
    assert main(["--training", "update", "status", "--check", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["pack_version"], status["pending_version"]) == ("2026.1", "2026.5")
    assert main(["--training", "update", "apply"]) == 0
    assert "已安装参考数据 2026.5" in capsys.readouterr().out
    assert main(["--training", "update", "status"]) == 0
    assert "参考数据：2026.5（政务平台下发）" in capsys.readouterr().out
    assert main(["--training", "update", "rollback"]) == 0
    assert "现用参考数据 2026.1" in capsys.readouterr().out


def test_it_checks_applies_and_rolls_back_a_pack_in_the_desk(platform: Fleet) -> None:
    """The calls 系统管理's 更新 panel makes (LocalDesk's admin_* with the profile's operations), against
    the sandbox: IT sees the release pending, installs it, the desk uses it, IT rolls it back; a clerk
    may not, and each step is in the audit trail under IT's name."""
    opened = platform.desk("a", "0101")
    it, clerk = page_desk(opened), page_desk(opened)
    assert it.login("itadmin", TRAINING_PASSWORD).ok
    assert clerk.login("clerk", TRAINING_PASSWORD).ok
    platform.release("2026.5", packs=packs_with_new_county("试验新区"))
    with pytest.raises(PermissionDenied):
        clerk.admin_check_updates()
    checked = it.admin_check_updates()
    assert (checked.pack_version, checked.pending_version) == ("2026.1", "2026.5")
    with pytest.raises(PermissionDenied):
        clerk.admin_apply_update()
    applied = it.admin_apply_update()
    assert (applied.pack_version, applied.previous_version, applied.pending_version) == (
        "2026.5",
        "2026.1",
        None,
    )
    assert reference_data().full_division_name("370799") == "山东省潍坊市试验新区"
    rolled = it.admin_rollback_update()
    assert rolled.pack_version == "2026.1"
    assert not reference_data().is_known_division("370799")
    with opened.store.read_unit_of_work() as uow:
        done = [(e.action, e.actor) for e in uow.audit_trail.entries() if e.action.startswith("update.")]
    assert ("update.apply", "itadmin") in done
    assert ("update.rollback", "itadmin") in done
