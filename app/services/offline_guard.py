"""Offline guard rails: a desk that has not synced well for days stops taking new cases.

A desk works offline, but its reference data (divisions, scope catalogue, wage standards) and the
platform's view of its queue grow stale. Measured from the last good sync pass (docs/sync-protocol.md,
"A good sync pass"; the engine keeps its time as ``last_success_at``), or from the enrolment when the
desk never had one:

- more than ``WARN_AFTER`` (1 day): a warning in the 同步中心 and the fleet report;
- ``offline_days`` of the running reference pack (default 5) or more, or past the pack's
  ``expires_at``: new cases are refused (``NewCasesPaused``) with the reason and the way out, while
  finishing existing cases, printing, resending and handing over go on;
- more than ``UNSENT_WARNING`` (100) cases with submissions still to send: a warning.

A desk not enrolled is not held to the days (it has no platform to sync with, and the 同步中心 says
so), but the pack's expiry holds for it too. Pure reads over the unit-of-work port: ``offline_guard``
for what the 同步中心 and the fleet report show, ``require_new_cases_allowed`` before a case is created.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.clock import desk_time
from app.errors import BizdeskError, UserMessage, describe
from app.unit_of_work import UnitOfWork
from app.updates.documents import OFFLINE_DAYS_DEFAULT
from app.updates.service import current_packs

WARN_AFTER = dt.timedelta(days=1)
UNSENT_WARNING = 100

SYNC_OVERDUE = "offline.sync_overdue"
MANY_UNSENT = "offline.many_unsent"


class NewCasesPaused(BizdeskError):
    """No new case while the desk's data is too old to trust; everything else goes on."""

    code = "offline.new_cases_refused"
    title_zh = "暂停受理新案卷"
    title_en = "New cases paused"


class _Warning(BizdeskError):
    title_zh = "同步提醒"
    title_en = "Sync reminder"


@dataclass(frozen=True)
class GuardLimits:
    """The running pack's limits (``app.updates.documents.PackRelease``; the shipped packs: defaults)."""

    offline_days: int = OFFLINE_DAYS_DEFAULT
    expires_at: dt.datetime | None = None
    pack_version: str | None = None


@dataclass(frozen=True)
class OfflineGuard:
    """Where the desk stands: since when it has not synced well, what it warns of, and whether new
    cases are refused (``refusal``: the error ``require_new_cases_allowed`` raises)."""

    since: dt.datetime | None  # the last good sync pass, or the enrolment (None: not enrolled)
    unsent_cases: int
    limits: GuardLimits
    refusal: NewCasesPaused | None = None
    warnings: tuple[BizdeskError, ...] = ()

    @property
    def new_cases_allowed(self) -> bool:
        return self.refusal is None

    @property
    def messages(self) -> tuple[UserMessage, ...]:
        """What the 同步中心 shows, the refusal first."""
        found = (self.refusal, *self.warnings) if self.refusal is not None else self.warnings
        return tuple(describe(error) for error in found)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes the fleet report carries (``app.updates.fleet`` flags them)."""
        found = (self.refusal, *self.warnings) if self.refusal is not None else self.warnings
        return tuple(error.code for error in found)


def pack_limits(uow: UnitOfWork) -> GuardLimits:
    release = current_packs(uow.settings)
    if release is None:
        return GuardLimits()
    return GuardLimits(release.offline_days, release.expires_at, release.version)


def offline_guard(uow: UnitOfWork) -> OfflineGuard:
    """The desk's guard now (read inside ``with uow:``)."""
    now = _aware(uow.clock())
    state = uow.outbox.state()
    since = state.last_success_at or (state.enrolled.enrolled_at if state.enrolled else None)
    since = _aware(since) if since is not None else None
    limits = pack_limits(uow)
    unsent = uow.outbox.unsent_cases()
    warnings: list[BizdeskError] = []
    if since is not None and now - since > WARN_AFTER:
        warnings.append(_overdue(now - since, since, limits.offline_days))
    if unsent > UNSENT_WARNING:
        warnings.append(_many_unsent(unsent))
    return OfflineGuard(since, unsent, limits, _refusal(now, since, limits), tuple(warnings))


def require_new_cases_allowed(uow: UnitOfWork) -> None:
    """Raise ``NewCasesPaused`` when the desk must take no new case (before one is created)."""
    refusal = offline_guard(uow).refusal
    if refusal is not None:
        raise refusal


def _refusal(now: dt.datetime, since: dt.datetime | None, limits: GuardLimits) -> NewCasesPaused | None:
    expires = _aware(limits.expires_at) if limits.expires_at is not None else None
    if expires is not None and now >= expires:
        when = _desk_text(expires)
        return NewCasesPaused(
            f"本机的参考数据包 {limits.pack_version} 已于 {when} 过期，暂停受理新案卷；已有案卷可继续办理、"
            "打印、重新报送和移交。解决办法：联网后到同步中心点“立即同步”取得新的参考数据包，"
            "再由IT人员在系统管理中安装（bizdesk update apply）；仍无法更新请联系IT支持。",
            f"The desk's reference pack {limits.pack_version} expired on {when} (desk time), so new cases "
            "are paused; existing cases can still be finished, printed, resent and handed over. Way out: "
            "once online, press Sync now in the sync centre to fetch a new pack, and IT installs it in "
            "系统管理 (bizdesk update apply); if it cannot be updated, contact IT support.",
        )
    if since is None or now - since < dt.timedelta(days=limits.offline_days):
        return None
    days, when = (now - since).days, _desk_text(since)
    return NewCasesPaused(
        f"本机已 {days} 天未与政务平台成功同步（自 {when} 起，上限 {limits.offline_days} 天），"
        "参考数据可能已过时，暂停受理新案卷；已有案卷可继续办理、打印、重新报送和移交。解决办法：恢复网络后到同步中心点“立即同步”，"
        "同步成功后即可受理新案卷；仍无法同步请联系IT支持。",
        f"The desk has not synced well with the platform for {days} days (since {when} desk time; the limit "
        f"is {limits.offline_days}), so its reference data may be stale and new cases are paused; existing "
        "cases can still be finished, printed, resent and handed over. Way out: restore the network and "
        "press Sync now in the sync centre; after a good sync new cases are taken again. If it cannot "
        "sync, contact IT support.",
    )


def _overdue(gap: dt.timedelta, since: dt.datetime, limit_days: int) -> BizdeskError:
    hours, when = int(gap.total_seconds() // 3600), _desk_text(since)
    return _Warning(
        f"本机已超过1天未与政务平台成功同步（自 {when} 起，约 {hours} 小时）。"
        "请检查网络并到同步中心点“立即同步”；"
        f"满 {limit_days} 天仍未同步将暂停受理新案卷。",
        f"The desk has not synced well with the platform for over a day (since {when} desk time, about "
        f"{hours} hours). Check the network and press Sync now in the sync centre; after {limit_days} days "
        "without a good sync, new cases are paused.",
        code=SYNC_OVERDUE,
    )


def _many_unsent(count: int) -> BizdeskError:
    return _Warning(
        f"有 {count} 件案卷的提交尚未报送（超过 {UNSENT_WARNING} 件）。"
        "请尽快恢复网络并同步；长期无法联网请联系IT支持。",
        f"{count} cases have submissions not yet sent (more than {UNSENT_WARNING}). Restore the network and "
        "sync soon; if the desk stays offline, contact IT support.",
        code=MANY_UNSENT,
    )


def _desk_text(moment: dt.datetime) -> str:
    return f"{desk_time(moment):%Y-%m-%d %H:%M}"


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
