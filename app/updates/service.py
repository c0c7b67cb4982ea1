"""The desk's update state and one function per intent: receive, apply, apply what is due, roll back.

State, kept under one settings key (``updates.state``) in the desk's encrypted database::

    current   the verified pack release in use (None: the packs shipped with the app)
    previous  the release ``rollback`` returns to (one step back)
    pending   a verified, newer release for this branch, not yet applied, and when it was first seen
    refused   the last release refused (code and message), so the desk can show why

The app release has its own state (``app_state``); ``update_status`` reports both.

Every function takes the settings store of the caller's unit of work and the time; the caller
commits (and audits). A refused release never changes ``current``: the desk keeps working on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from app.updates.app_state import SettingsStore, app_facts
from app.updates.documents import PackRelease, UpdateRefused, verify_pack
from app.updates.policy import binding_deadline, in_rollout, is_newer, is_overdue, version_key

STATE_SETTING = "updates.state"

PackCheck = Literal["pending", "up_to_date", "not_for_this_branch", "rolled_back", "refused"]


@dataclass(frozen=True)
class CheckResult:
    """What became of an offered release; ``refused`` carries the error (the state records it too)."""

    outcome: PackCheck
    version: str
    refused: UpdateRefused | None = None


@dataclass(frozen=True)
class UpdateStatus:
    """What the desk runs and what is pending (plain data for the CLI and the 系统管理 view)."""

    pack_version: str
    pack_source: Literal["shipped", "platform"]
    form_versions: dict[str, str]
    previous_version: str | None
    pending_version: str | None
    pending_deadline: dt.datetime | None
    pending_overdue: bool
    app_version: str
    app_offered: str | None
    app_deadline: dt.datetime | None
    app_update_required: bool
    last_check_at: dt.datetime | None
    refused_code: str | None
    refused_zh: str | None
    refused_en: str | None
    app_staged: bool = False  # the offered app release's wheels are downloaded, verified, ready to install
    app_installed: str | None = None  # the app version this desk installed last (runs after a restart)
    app_previous: str | None = None  # the app version ``rollback --app`` returns to
    app_refused_zh: str | None = None
    app_refused_en: str | None = None

    @property
    def app_restart_needed(self) -> bool:
        return self.app_installed is not None and self.app_installed != self.app_version

    def as_json(self) -> dict[str, Any]:
        data = dict(self.__dict__, app_restart_needed=self.app_restart_needed)
        for key, value in data.items():
            if isinstance(value, dt.datetime):
                data[key] = value.isoformat()
        return data


def _load(settings: SettingsStore) -> dict[str, Any]:
    stored = settings.get_json(STATE_SETTING)
    return dict(stored) if isinstance(stored, Mapping) else {}


def _when(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else None


def _pack(state: Mapping[str, Any], slot: str) -> PackRelease | None:
    document = state.get(slot)
    return PackRelease.model_validate(document) if isinstance(document, Mapping) else None


def running_pack_version(settings: SettingsStore, shipped_version: str) -> str:
    current = _pack(_load(settings), "current")
    return current.version if current else shipped_version


def current_packs(settings: SettingsStore) -> PackRelease | None:
    """The installed platform release (None: the desk runs the packs shipped with the app)."""
    return _pack(_load(settings), "current")


def receive_pack(
    settings: SettingsStore,
    document: Mapping[str, Any],
    *,
    platform_key: str,
    branch_code: str,
    shipped_version: str,
    now: dt.datetime,
) -> CheckResult:
    """Verify an offered pack and keep it as pending when it is newer and meant for this branch."""
    state = _load(settings)
    state["last_check_at"] = now.isoformat()
    offered = str(document.get("version", "?"))
    try:
        release = verify_pack(document, platform_key)
        running = _pack(state, "current")
        running_version = running.version if running else shipped_version
        if version_key(release.version) < version_key(running_version):
            raise _older("参考数据包", release.version, running_version)
    except UpdateRefused as refused:
        state["refused"] = {"code": refused.code, "zh": refused.message_zh, "en": refused.message_en}
        return _save(settings, state, CheckResult("refused", offered, refused))
    state.pop("refused", None)
    if not is_newer(release.version, running_version):
        return _save(settings, state, CheckResult("up_to_date", release.version))
    if release.version == state.get("rolled_back"):
        return _save(settings, state, CheckResult("rolled_back", release.version))
    if not in_rollout(release.rollout, release.version, branch_code):
        return _save(settings, state, CheckResult("not_for_this_branch", release.version))
    pending = _pack(state, "pending")
    if pending is None or pending.version != release.version:
        state["pending"] = dict(document)
        state["pending_seen_at"] = now.isoformat()
    return _save(settings, state, CheckResult("pending", release.version))


def apply_pending(settings: SettingsStore, *, check_contents: Callable[[PackRelease], None]) -> PackRelease:
    """Make the pending release current (the current one becomes previous).

    ``check_contents`` loads the packs as the desk would and raises ``UpdateRefused`` if they are
    unusable; then nothing changes.
    """
    state = _load(settings)
    pending = _pack(state, "pending")
    if pending is None:
        raise UpdateRefused(
            "没有待安装的参考数据包。请先在联网时检查更新。",
            "No reference pack is pending. Check for updates while online first.",
            code="update_refused.nothing_pending",
        )
    check_contents(pending)
    state["previous"] = state.get("current")
    state["current"] = state.pop("pending")
    state.pop("pending_seen_at", None)
    state.pop("rolled_back", None)
    settings.set_json(STATE_SETTING, state)
    return pending


def apply_due(
    settings: SettingsStore, *, now: dt.datetime, check_contents: Callable[[PackRelease], None]
) -> PackRelease | None:
    """Apply the pending release if its binding deadline has passed (works offline); else None."""
    state = _load(settings)
    pending = _pack(state, "pending")
    seen = _when(state.get("pending_seen_at"))
    if pending is None or seen is None:
        return None
    deadline = binding_deadline(pending.must_update_by, pending.grace_days, seen)
    if not is_overdue(deadline, now):
        return None
    return apply_pending(settings, check_contents=check_contents)


def rollback(settings: SettingsStore, *, shipped_version: str) -> str:
    """Return to the previous release (or the shipped packs); the version now running.

    The release rolled back from is not offered again as pending: only a newer one is.
    """
    state = _load(settings)
    current = _pack(state, "current")
    if current is None:
        raise UpdateRefused(
            "本机正在使用随软件安装的参考数据，无可回退的版本。",
            "The desk runs the reference data shipped with the app; there is nothing to roll back.",
            code="update_refused.nothing_to_roll_back",
        )
    previous = _pack(state, "previous")
    state["current"] = state.pop("previous", None)
    state["rolled_back"] = current.version
    settings.set_json(STATE_SETTING, state)
    return previous.version if previous else shipped_version


def update_status(
    settings: SettingsStore, *, now: dt.datetime, shipped_version: str, app_version: str
) -> UpdateStatus:
    state = _load(settings)
    current, previous, pending = (_pack(state, slot) for slot in ("current", "previous", "pending"))
    seen = _when(state.get("pending_seen_at")) or now
    deadline = binding_deadline(pending.must_update_by, pending.grace_days, seen) if pending else None
    app = app_facts(settings, now=now)
    found = state.get("refused")
    refused: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    return UpdateStatus(
        pack_version=current.version if current else shipped_version,
        pack_source="platform" if current else "shipped",
        form_versions=dict(current.form_versions) if current else {},
        previous_version=previous.version if previous else (shipped_version if current else None),
        pending_version=pending.version if pending else None,
        pending_deadline=deadline,
        pending_overdue=is_overdue(deadline, now),
        app_version=app_version,
        app_offered=app.offered,
        app_deadline=app.deadline,
        app_update_required=app.required,
        last_check_at=_when(state.get("last_check_at")),
        refused_code=refused.get("code"),
        refused_zh=refused.get("zh"),
        refused_en=refused.get("en"),
        app_staged=app.staged,
        app_installed=app.installed,
        app_previous=app.previous,
        app_refused_zh=app.refused_zh,
        app_refused_en=app.refused_en,
    )


def _older(what: str, offered: str, running: str) -> UpdateRefused:
    return UpdateRefused(
        f"{what} {offered} 比本机正在使用的 {running} 旧，已拒绝；本机继续使用 {running}。",
        f"The offered reference pack {offered} is older than {running}, which this desk runs; "
        f"refused, the desk keeps {running}.",
        code="update_refused.older",
    )


def _save(settings: SettingsStore, state: dict[str, Any], result: CheckResult) -> CheckResult:
    settings.set_json(STATE_SETTING, state)
    return result
