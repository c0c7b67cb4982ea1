"""The app-release state: offered, staged, installed, rolled back; refusals; deadlines after days offline."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from app.updates import app_state, service
from app.updates.app_release import check_download, check_staged
from app.updates.documents import UpdateRefused, verify_app
from tests.unit.updates.support import T0, MemorySettings, Platform

RUNNING = "0.1.0"


def _receive(settings: MemorySettings, platform: Platform, document: dict[str, Any], **where: Any) -> str:
    """What became of ``document`` at branch 0101 running 0.1.0 at T0 (``where`` changes any of them)."""
    context = {"branch_code": "0101", "running": RUNNING, "now": T0, **where}
    outcome, _release = app_state.receive_app(settings, document, platform_key=platform.public, **context)
    return outcome


def _status(settings: MemorySettings, now: dt.datetime = T0) -> service.UpdateStatus:
    return service.update_status(settings, now=now, shipped_version="2026.1", app_version=RUNNING)


def test_a_newer_release_is_offered_staged_installed_and_rolled_back() -> None:
    settings, platform = MemorySettings(), Platform()
    assert _receive(settings, platform, platform.app("0.2.0")) == "offered"
    status = _status(settings)
    assert (status.app_offered, status.app_staged) == ("0.2.0", False)
    with pytest.raises(UpdateRefused, match="No app release is downloaded"):
        app_state.staged_app(settings)
    app_state.mark_staged(settings, "0.2.0")
    assert app_state.staged_app(settings).version == "0.2.0"
    app_state.record_installed(settings, "0.2.0", RUNNING)
    after = _status(settings)
    assert (after.app_offered, after.app_installed, after.app_previous) == (None, "0.2.0", RUNNING)
    assert after.app_restart_needed  # this process still runs 0.1.0
    assert app_state.rollback_target(settings) == ("0.2.0", RUNNING)
    app_state.record_rolled_back(settings, rolled_from="0.2.0", running=RUNNING)
    assert _receive(settings, platform, platform.app("0.2.0")) == "rolled_back"
    assert _status(settings).app_offered is None
    assert _receive(settings, platform, platform.app("0.2.1")) == "offered"  # a newer one is offered again


def test_tampered_older_and_unsigned_releases_are_refused_and_recorded() -> None:
    settings, platform = MemorySettings(), Platform()
    tampered = {**platform.app("0.2.0"), "version": "0.3.0"}
    with pytest.raises(UpdateRefused) as refused:
        _receive(settings, platform, tampered)
    assert refused.value.code == "update_refused.signature"
    unsigned = {k: v for k, v in platform.app("0.2.0").items() if k != "signature"}
    with pytest.raises(UpdateRefused, match="signature"):
        _receive(settings, platform, unsigned)
    with pytest.raises(UpdateRefused) as older:
        _receive(settings, platform, platform.app("0.0.9"))
    assert older.value.code == "update_refused.older"
    status = _status(settings)
    assert status.app_offered is None
    assert status.app_refused_zh is not None
    assert "0.0.9" in status.app_refused_zh
    assert _receive(settings, platform, platform.app(RUNNING)) == "up_to_date"


def test_a_release_must_name_the_app_wheel_of_its_version() -> None:
    platform = Platform()
    other = platform.app(
        "0.2.0", wheels=[{"name": "bizdesk-0.1.9-py3-none-any.whl", "sha256": "ab" * 32, "size": 9}]
    )
    with pytest.raises(UpdateRefused, match=r"no bizdesk 0\.2\.0 wheel"):
        verify_app(other, platform.public)


def test_a_branch_outside_the_rollout_is_not_offered() -> None:
    settings, platform = MemorySettings(), Platform()
    canary_only = platform.app("0.2.0", rollout={"branches": ["0101"], "percent": 0})
    assert _receive(settings, platform, canary_only, branch_code="0150") == "not_for_this_branch"
    assert _receive(settings, platform, canary_only, branch_code="0101") == "offered"


def test_a_staged_release_is_due_grace_days_after_the_desk_first_saw_it() -> None:
    settings, platform = MemorySettings(), Platform()
    must = (T0 + dt.timedelta(days=3)).isoformat()
    back = T0 + dt.timedelta(days=7)  # offline all week: first sees the release after its date
    _receive(settings, platform, platform.app("0.2.0", must_update_by=must, grace_days=2), now=back)
    app_state.mark_staged(settings, "0.2.0")
    assert app_state.due_app(settings, now=back) is None
    assert not _status(settings, back).app_update_required
    due = app_state.due_app(settings, now=back + dt.timedelta(days=2))
    assert due is not None
    assert due.version == "0.2.0"
    assert _status(settings, back + dt.timedelta(days=2)).app_update_required


def test_downloaded_and_staged_files_must_match_the_signed_release(tmp_path: Path) -> None:
    platform = Platform()
    data = b"PK wheel bytes"
    wheel = {
        "name": "bizdesk-0.2.0-py3-none-any.whl",
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    release = verify_app(platform.app("0.2.0", wheels=[wheel]), platform.public)
    check_download(release.wheels[0], data)
    with pytest.raises(UpdateRefused) as altered:
        check_download(release.wheels[0], data + b"!")
    assert altered.value.code == "update_refused.files"
    with pytest.raises(UpdateRefused, match="missing"):
        check_staged(release, tmp_path)
    (tmp_path / wheel["name"]).write_bytes(data)
    check_staged(release, tmp_path)
    (tmp_path / wheel["name"]).write_bytes(data[::-1])  # same size, other bytes
    with pytest.raises(UpdateRefused, match="SHA-256"):
        check_staged(release, tmp_path)
