"""The desk's app-update state: the release on offer, whether its files are staged, what was installed.

Kept under one settings key (``updates.app``) in the desk's encrypted database, beside the pack
state of ``service``::

    offered      the verified app release for this branch, newer than what runs (its signed document)
    seen_at      when the desk first saw it (its grace days count from then)
    staged       the version whose wheels are downloaded and verified (``app.updates.app_release``)
    installed    the version this desk installed last, and ``previous``: the one rollback returns to
    rolled_back  a version rolled back from: not offered again, only a newer one
    refused      the last release refused (code and message), so the desk can show why

Pure: every function takes the settings store of the caller's unit of work; the caller commits.
A refused release never changes what is installed: the desk keeps running its version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from app.updates.documents import AppRelease, UpdateRefused, verify_app
from app.updates.policy import binding_deadline, in_rollout, is_newer, is_overdue, version_key

APP_STATE_SETTING = "updates.app"

AppCheck = Literal["offered", "up_to_date", "not_for_this_branch", "rolled_back"]


class SettingsStore(Protocol):
    def get_json(self, key: str) -> Any: ...

    def set_json(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class AppFacts:
    """The app half of the update status (plain data)."""

    offered: str | None
    deadline: dt.datetime | None
    required: bool
    staged: bool
    installed: str | None
    previous: str | None
    refused_zh: str | None
    refused_en: str | None


def _load(settings: SettingsStore) -> dict[str, Any]:
    stored = settings.get_json(APP_STATE_SETTING)
    return dict(stored) if isinstance(stored, Mapping) else {}


def _offered(state: Mapping[str, Any]) -> AppRelease | None:
    document = state.get("offered")
    return AppRelease.model_validate(document) if isinstance(document, Mapping) else None


def receive_app(
    settings: SettingsStore,
    document: Mapping[str, Any],
    *,
    platform_key: str,
    branch_code: str,
    running: str,
    now: dt.datetime,
) -> tuple[AppCheck, AppRelease]:
    """Verify an offered app release and keep it when it is newer and meant for this branch.

    Raises ``UpdateRefused`` (recorded in the state first) for a tampered, malformed or older one.
    """
    state = _load(settings)
    try:
        release = verify_app(document, platform_key)
        if version_key(release.version) < version_key(running):
            raise older_app(release.version, running)
    except UpdateRefused as refused:
        state["refused"] = {"code": refused.code, "zh": refused.message_zh, "en": refused.message_en}
        settings.set_json(APP_STATE_SETTING, state)
        raise
    state.pop("refused", None)
    outcome: AppCheck = "offered"
    if not is_newer(release.version, running):
        outcome = "up_to_date"
    elif release.version == state.get("rolled_back"):
        outcome = "rolled_back"
    elif not in_rollout(release.rollout, release.version, branch_code):
        outcome = "not_for_this_branch"
    known = _offered(state)
    if outcome != "offered":
        for slot in ("offered", "seen_at", "staged"):
            state.pop(slot, None)
    elif known is None or known.version != release.version:
        state.update(offered=dict(document), seen_at=now.isoformat())
        state.pop("staged", None)
    settings.set_json(APP_STATE_SETTING, state)
    return outcome, release


def offered_app(settings: SettingsStore) -> AppRelease | None:
    return _offered(_load(settings))


def mark_staged(settings: SettingsStore, version: str) -> None:
    """Record that the offered release's wheels are downloaded and verified."""
    state = _load(settings)
    offered = _offered(state)
    if offered is not None and offered.version == version:
        state["staged"] = version
        settings.set_json(APP_STATE_SETTING, state)


def staged_app(settings: SettingsStore) -> AppRelease:
    """The offered release whose files are staged; ``UpdateRefused`` when there is none."""
    state = _load(settings)
    offered = _offered(state)
    if offered is None or state.get("staged") != offered.version:
        raise UpdateRefused(
            "没有已下载、待安装的软件版本。请先在联网时检查更新。",
            "No app release is downloaded and waiting to install. Check for updates while online first.",
            code="update_refused.nothing_pending",
        )
    return offered


def has_staged_app(settings: SettingsStore) -> bool:
    state = _load(settings)
    offered = _offered(state)
    return offered is not None and state.get("staged") == offered.version


def due_app(settings: SettingsStore, *, now: dt.datetime) -> AppRelease | None:
    """The staged release once its binding deadline has passed (installed then without the network)."""
    state = _load(settings)
    offered, seen = _offered(state), state.get("seen_at")
    if offered is None or state.get("staged") != offered.version or not isinstance(seen, str):
        return None
    deadline = binding_deadline(offered.must_update_by, offered.grace_days, dt.datetime.fromisoformat(seen))
    return offered if is_overdue(deadline, now) else None


def record_installed(settings: SettingsStore, version: str, previous: str) -> None:
    state = _load(settings)
    for slot in ("offered", "seen_at", "staged", "rolled_back", "refused"):
        state.pop(slot, None)
    state.update(installed=version, previous=previous)
    settings.set_json(APP_STATE_SETTING, state)


def rollback_target(settings: SettingsStore) -> tuple[str, str]:
    """(installed version, previous version) for a rollback; ``UpdateRefused`` when there is none."""
    state = _load(settings)
    installed, previous = state.get("installed"), state.get("previous")
    if not isinstance(installed, str) or not isinstance(previous, str):
        raise UpdateRefused(
            "本机没有通过更新安装过软件版本，无可回退的版本。",
            "This desk has not installed an app release through an update; there is nothing to roll back.",
            code="update_refused.nothing_to_roll_back",
        )
    return installed, previous


def record_rolled_back(settings: SettingsStore, *, rolled_from: str, running: str) -> None:
    state = _load(settings)
    for slot in ("offered", "seen_at", "staged", "previous"):
        state.pop(slot, None)
    state.update(installed=running, rolled_back=rolled_from)
    settings.set_json(APP_STATE_SETTING, state)


def record_refused(settings: SettingsStore, refused: UpdateRefused) -> None:
    state = _load(settings)
    state["refused"] = {"code": refused.code, "zh": refused.message_zh, "en": refused.message_en}
    settings.set_json(APP_STATE_SETTING, state)


def app_facts(settings: SettingsStore, *, now: dt.datetime) -> AppFacts:
    state = _load(settings)
    offered = _offered(state)
    seen = state.get("seen_at")
    first_seen = dt.datetime.fromisoformat(seen) if isinstance(seen, str) else now
    deadline = binding_deadline(offered.must_update_by, offered.grace_days, first_seen) if offered else None
    found = state.get("refused")
    refused: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    return AppFacts(
        offered=offered.version if offered else None,
        deadline=deadline,
        required=is_overdue(deadline, now),
        staged=offered is not None and state.get("staged") == offered.version,
        installed=state.get("installed"),
        previous=state.get("previous"),
        refused_zh=refused.get("zh"),
        refused_en=refused.get("en"),
    )


def older_app(offered: str, running: str) -> UpdateRefused:
    return UpdateRefused(
        f"软件版本 {offered} 比本机正在运行的 {running} 旧，已拒绝；本机继续使用 {running}。",
        f"The offered app release {offered} is older than {running}, which this desk runs; refused, "
        f"the desk keeps {running}.",
        code="update_refused.older",
    )
