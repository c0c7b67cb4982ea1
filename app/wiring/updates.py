"""Signed updates on an opened profile: check with the platform, apply, roll back, status.

    check_updates(opened)        fetch the releases, verify and keep them (the app's wheels staged);
                                 apply a pack now due
    apply_update(opened)         check (if the platform answers), then install the pending pack
    apply_updates(opened)        check (if it answers), then install what waits: the pack, the app
    rollback_update(opened)      back to the previous pack (``app_updates.rollback_app``: the app)
    update_status(opened)        what runs and what is pending
    start_updates(opened)        at desk start: apply a pack now due, use the installed one

Releases are verified by ``app.updates`` against the platform key pinned at enrollment; the HTTP
client (``sync.client.operations``) is imported inside the functions. A refused release is kept
as the reason in the update state and raised after the state is committed.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app import __version__
from app.reference.data import shipped_version, use_reference
from app.syncing.model import Enrolled
from app.syncing.overview import NotEnrolled
from app.syncing.ports import PlatformUnavailable
from app.updates import service
from app.updates.documents import PackRelease, UpdateRefused
from app.updates.packs import check_contents, reference_of
from app.wiring.app_updates import has_staged_app, install_app, install_due_app, stage_app
from app.wiring.enrollment import BRANCH_SETTING
from app.wiring.gateway import configured_ca_file
from app.wiring.outbox import sync_state

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile
    from sync.client.operations import OperationsClient


def operations_client(opened: OpenedProfile, enrolled: Enrolled) -> OperationsClient:
    from sync.client.operations import OperationsClient

    return OperationsClient(
        enrolled.platform_url,
        signer=opened.device,
        device_id=enrolled.device_id,
        training=opened.training,
        ca_file=configured_ca_file(),
    )


def enrolled_or_refuse(opened: OpenedProfile) -> Enrolled:
    enrolled = sync_state(opened).enrolled
    if enrolled is None:
        raise NotEnrolled()
    return enrolled


def branch_code(opened: OpenedProfile) -> str:
    with opened.read_unit_of_work() as uow:
        branch = uow.settings.get_json(BRANCH_SETTING)
    return str(branch) if branch else "0000"


def check_updates(opened: OpenedProfile) -> service.CheckResult | None:
    """Fetch and keep what the platform offers; a pack now past its deadline is applied at once.

    Returns what became of the offered pack (None: the platform offers none); raises
    ``UpdateRefused`` for a refused one (after recording it), ``PlatformError`` when unreachable.
    """
    enrolled = enrolled_or_refuse(opened)
    branch = branch_code(opened)
    refusals: list[UpdateRefused] = []
    result = None
    with operations_client(opened, enrolled) as client:
        pack, app = client.reference_pack(), client.app_manifest()
        if pack is not None:
            result = _receive_pack(opened, pack, platform_key=enrolled.platform_public_key, branch=branch)
            if result.refused is not None:
                refusals.append(result.refused)
        if app is not None:
            try:
                stage_app(
                    opened,
                    app,
                    client,
                    platform_key=enrolled.platform_public_key,
                    branch=branch,
                    running=__version__,
                )
            except UpdateRefused as refused:
                refusals.append(refused)
    apply_due_update(opened)
    if refusals:
        raise refusals[0]
    return result


def _receive_pack(
    opened: OpenedProfile, pack: dict[str, Any], *, platform_key: str, branch: str
) -> service.CheckResult:
    with opened.unit_of_work() as uow:
        result = service.receive_pack(
            uow.settings,
            pack,
            platform_key=platform_key,
            branch_code=branch,
            shipped_version=shipped_version(),
            now=opened.clock(),
        )
        if result.refused is not None:
            uow.audit.append("update.refused", actor=None, details={"code": result.refused.code})
        uow.commit()
    return result


def apply_due_update(opened: OpenedProfile) -> PackRelease | None:
    """Install the pending pack if its binding deadline has passed (no network needed)."""
    with opened.unit_of_work() as uow:
        applied = service.apply_due(uow.settings, now=opened.clock(), check_contents=check_contents)
        if applied is not None:
            uow.audit.append("update.apply", actor=None, details={"version": applied.version, "due": True})
        uow.commit()
    if applied is not None:
        activate_installed_reference(opened)
    return applied


def apply_update(opened: OpenedProfile, *, by: str | None = None) -> PackRelease:
    """Check with the platform if it answers, then install the pending pack.

    Offline, the pack kept (verified) by an earlier check is installed.
    """
    with contextlib.suppress(PlatformUnavailable):
        check_updates(opened)
    with opened.unit_of_work() as uow:
        applied = service.apply_pending(uow.settings, check_contents=check_contents)
        uow.audit.append("update.apply", actor=by, details={"version": applied.version})
        uow.commit()
    activate_installed_reference(opened)
    return applied


@dataclass(frozen=True)
class Applied:
    """What ``apply_updates`` installed: the pack now in use, the app version that runs after a restart."""

    pack: str | None
    app: str | None


def apply_updates(opened: OpenedProfile, *, by: str | None = None) -> Applied:
    """Check with the platform if it answers, then install what waits: the pending pack, the staged app.

    Offline, what an earlier check kept (verified) is installed. ``UpdateRefused`` when nothing waits.
    """
    with contextlib.suppress(PlatformUnavailable):
        check_updates(opened)
    pack_waits = update_status(opened).pending_version is not None
    app_waits = has_staged_app(opened)
    if not (pack_waits or app_waits):
        raise UpdateRefused(
            "没有待安装的更新（参考数据或软件版本）。请先在联网时检查更新。",
            "No update is waiting to install (reference pack or app). Check for updates while online first.",
            code="update_refused.nothing_pending",
        )
    pack = apply_update(opened, by=by).version if pack_waits else None
    app = install_app(opened, by=by) if app_waits else None
    return Applied(pack, app)


def rollback_update(opened: OpenedProfile, *, by: str | None = None) -> str:
    """Back to the previous pack (or the shipped one); the version now running."""
    with opened.unit_of_work() as uow:
        running = service.rollback(uow.settings, shipped_version=shipped_version())
        uow.audit.append("update.rollback", actor=by, details={"version": running})
        uow.commit()
    activate_installed_reference(opened)
    return running


def update_status(opened: OpenedProfile) -> service.UpdateStatus:
    with opened.read_unit_of_work() as uow:
        return service.update_status(
            uow.settings, now=opened.clock(), shipped_version=shipped_version(), app_version=__version__
        )


def running_pack_version(opened: OpenedProfile) -> str:
    with opened.read_unit_of_work() as uow:
        return service.running_pack_version(uow.settings, shipped_version())


def start_updates(opened: OpenedProfile) -> str | None:
    """At desk start: install a pack and an app release whose deadlines passed while the desk was off
    (from what was verified and staged before, no network); use the installed pack.

    Returns the app version installed now (the caller restarts into it), else None. A refused app
    install is recorded for the status and does not stop the desk from starting on its version.
    """
    apply_due_update(opened)
    activate_installed_reference(opened)
    try:
        return install_due_app(opened)
    except UpdateRefused:
        return None


def activate_installed_reference(opened: OpenedProfile) -> None:
    """Use the installed pack for lookups in this process; an unusable one leaves the shipped packs."""
    with opened.read_unit_of_work() as uow:
        installed = service.current_packs(uow.settings)
    try:
        use_reference(reference_of(installed) if installed is not None else None)
    except UpdateRefused:
        use_reference(None)
