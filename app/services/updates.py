"""Signed updates: check with the platform, apply, roll back, status.

    check_updates(units, platform, apps)    fetch the releases, verify and keep them (the app's wheels
                                            staged); apply a pack now due
    apply_update(units, platform, apps)     check (if the platform answers), then install the pending pack
    apply_updates(units, platform, apps)    check (if it answers), then install what waits: the pack, the app
    rollback_update(units)                  back to the previous pack (``app_updates.rollback_app``: the app)
    update_status(uow)                      what runs and what is pending
    start_updates(units, apps)              at desk start: apply what is due, use the installed pack

Releases are verified by ``app.updates`` against the platform key pinned at enrollment. A refused
release is kept as the reason in the update state and raised after the state is committed.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from app import __version__
from app.reference.data import shipped_version, use_reference
from app.services.app_updates import AppReleases, install_app, install_due_app, stage_app
from app.services.enrollment import branch_code
from app.syncing.model import Enrolled
from app.syncing.overview import require_enrolled
from app.syncing.ports import PlatformUnavailable
from app.unit_of_work import UnitOfWork, UnitsOfWork
from app.updates import app_state, service
from app.updates.documents import PackRelease, UpdateRefused
from app.updates.packs import check_contents, reference_of
from app.updates.ports import OperationsPlatform, PlatformOperations


def connect_operations(
    units: UnitsOfWork, platform: OperationsPlatform
) -> tuple[PlatformOperations, Enrolled]:
    """The IT-operations calls to the platform this desk enrolled with (``NotEnrolled`` otherwise)."""
    with units.read_unit_of_work() as uow:
        enrolled, device = require_enrolled(uow.outbox.state()), uow.device()
    return platform.operations(enrolled, device), enrolled


def check_updates(
    units: UnitsOfWork, platform: OperationsPlatform, apps: AppReleases
) -> service.CheckResult | None:
    """Fetch and keep what the platform offers; a pack now past its deadline is applied at once.

    Returns what became of the offered pack (None: the platform offers none); raises
    ``UpdateRefused`` for a refused one (after recording it), ``PlatformError`` when unreachable.
    """
    operations, enrolled = connect_operations(units, platform)
    with units.read_unit_of_work() as uow:
        branch = branch_code(uow.settings)
    refusals: list[UpdateRefused] = []
    result = None
    with operations:
        pack, app = operations.reference_pack(), operations.app_manifest()
        if pack is not None:
            result = _receive_pack(units, pack, platform_key=enrolled.platform_public_key, branch=branch)
            if result.refused is not None:
                refusals.append(result.refused)
        if app is not None:
            try:
                key = enrolled.platform_public_key
                stage_app(units, app, operations, apps, platform_key=key, branch=branch, running=__version__)
            except UpdateRefused as refused:
                refusals.append(refused)
    apply_due_update(units)
    if refusals:
        raise refusals[0]
    return result


def _receive_pack(
    units: UnitsOfWork, pack: dict[str, Any], *, platform_key: str, branch: str
) -> service.CheckResult:
    with units.unit_of_work() as uow:
        result = service.receive_pack(
            uow.settings,
            pack,
            platform_key=platform_key,
            branch_code=branch,
            shipped_version=shipped_version(),
            now=uow.clock(),
        )
        if result.refused is not None:
            uow.audit.append("update.refused", actor=None, details={"code": result.refused.code})
        uow.commit()
    return result


def apply_due_update(units: UnitsOfWork) -> PackRelease | None:
    """Install the pending pack if its binding deadline has passed (no network needed)."""
    with units.unit_of_work() as uow:
        applied = service.apply_due(uow.settings, now=uow.clock(), check_contents=check_contents)
        if applied is not None:
            uow.audit.append("update.apply", actor=None, details={"version": applied.version, "due": True})
        uow.commit()
    if applied is not None:
        activate_installed_reference(units)
    return applied


def apply_update(
    units: UnitsOfWork, platform: OperationsPlatform, apps: AppReleases, *, by: str | None = None
) -> PackRelease:
    """Check with the platform if it answers, then install the pending pack.

    Offline, the pack kept (verified) by an earlier check is installed.
    """
    with contextlib.suppress(PlatformUnavailable):
        check_updates(units, platform, apps)
    with units.unit_of_work() as uow:
        applied = service.apply_pending(uow.settings, check_contents=check_contents)
        uow.audit.append("update.apply", actor=by, details={"version": applied.version})
        uow.commit()
    activate_installed_reference(units)
    return applied


@dataclass(frozen=True)
class Applied:
    """What ``apply_updates`` installed: the pack now in use, the app version that runs after a restart."""

    pack: str | None
    app: str | None


def apply_updates(
    units: UnitsOfWork, platform: OperationsPlatform, apps: AppReleases, *, by: str | None = None
) -> Applied:
    """Check with the platform if it answers, then install what waits: the pending pack, the staged app.

    Offline, what an earlier check kept (verified) is installed. ``UpdateRefused`` when nothing waits.
    """
    with contextlib.suppress(PlatformUnavailable):
        check_updates(units, platform, apps)
    with units.read_unit_of_work() as uow:
        pack_waits = update_status(uow).pending_version is not None
        app_waits = app_state.has_staged_app(uow.settings)
    if not (pack_waits or app_waits):
        raise UpdateRefused(
            "没有待安装的更新（参考数据或软件版本）。请先在联网时检查更新。",
            "No update is waiting to install (reference pack or app). Check for updates while online first.",
            code="update_refused.nothing_pending",
        )
    pack = apply_update(units, platform, apps, by=by).version if pack_waits else None
    try:
        app = install_app(units, apps, by=by) if app_waits else None
    except UpdateRefused as refused:
        if pack is None:
            raise
        raise pack_installed_app_refused(pack, refused) from refused
    return Applied(pack, app)


def pack_installed_app_refused(pack: str, refused: UpdateRefused) -> UpdateRefused:
    """The app's refusal that also says the pack went in: IT must not read "nothing changed"."""
    return UpdateRefused(
        f"已安装参考数据 {pack}；软件版本未安装：{refused.message_zh}",
        f"Reference pack {pack} installed; the app was not: {refused.message_en}",
        code=refused.code,
        details=refused.details,
        data={**refused.data, "pack_installed": pack},
    )


def rollback_update(units: UnitsOfWork, *, by: str | None = None) -> str:
    """Back to the previous pack (or the shipped one); the version now running."""
    with units.unit_of_work() as uow:
        running = service.rollback(uow.settings, shipped_version=shipped_version())
        uow.audit.append("update.rollback", actor=by, details={"version": running})
        uow.commit()
    activate_installed_reference(units)
    return running


def update_status(uow: UnitOfWork) -> service.UpdateStatus:
    """What runs and what is pending (read inside ``with uow:``)."""
    return service.update_status(
        uow.settings, now=uow.clock(), shipped_version=shipped_version(), app_version=__version__
    )


def running_pack_version(uow: UnitOfWork) -> str:
    return service.running_pack_version(uow.settings, shipped_version())


def start_updates(units: UnitsOfWork, apps: AppReleases) -> str | None:
    """At desk start: install a pack and an app release whose deadlines passed while the desk was off
    (from what was verified and staged before, no network); use the installed pack.

    Returns the app version installed now (the caller restarts into it), else None. A refused app
    install is recorded for the status and does not stop the desk from starting on its version.
    """
    apply_due_update(units)
    activate_installed_reference(units)
    try:
        return install_due_app(units, apps)
    except UpdateRefused:
        return None


def activate_installed_reference(units: UnitsOfWork) -> None:
    """Use the installed pack for lookups in this process; an unusable one leaves the shipped packs."""
    with units.read_unit_of_work() as uow:
        installed = service.current_packs(uow.settings)
    try:
        use_reference(reference_of(installed) if installed is not None else None)
    except UpdateRefused:
        use_reference(None)
